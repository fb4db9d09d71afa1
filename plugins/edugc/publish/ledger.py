"""Every address ever published, committed to the repository: printed QR codes never change.

A URL in the ledger that a new build no longer has (as a page or as a redirect made by `aliases`)
stops the publish.
"""
from __future__ import annotations

from pathlib import Path

from ..urls import ADMIN, POSTER_PDF_PREFIX

KEEP_SUFFIXES = {".xml", ".ics", ".pdf"}
SKIP_DIRS = {"assets", "search", "stylesheets", "javascripts",
             ADMIN.rstrip("/")}  # the web editor (edugc.cms): for staff, and it may be switched off again


def published_urls(site: Path) -> set[str]:
    """Site-relative addresses a reader may have saved: pages, redirects, feeds, calendars, PDFs."""
    urls: set[str] = set()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if rel.split("/", 1)[0] in SKIP_DIRS or rel in ("404.html", "sitemap.xml"):
            continue
        if path.name == "index.html":
            urls.add(rel[: -len("index.html")])
        elif path.name.startswith(POSTER_PDF_PREFIX) and path.suffix == ".pdf" and (path.parent / "index.html").is_file():
            # A poster's PDF is made again from data on every build and withdrawn when its program or
            # event is over; the poster page it sits under is in the ledger, stays and says so. A file
            # of that name anywhere else is an editor's PDF like any other, and kept to its address.
            continue
        elif path.suffix in KEEP_SUFFIXES:
            urls.add(rel)
    return urls


def read(path: Path) -> set[str]:
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip().lstrip("/") for line in lines if line.strip() and not line.startswith("#")}


def write(path: Path, urls: set[str]) -> None:
    header = ("# 지금까지 공개한 모든 주소 (publish 명령이 갱신합니다. 지우지 마세요: 인쇄된 QR 코드와 공유된 링크가\n"
              "# 계속 열려야 합니다. 페이지를 옮기면 새 페이지의 aliases에 옛 주소를 쓰세요.)\n")
    body = "\n".join("/" + url for url in sorted(urls))
    path.write_text(header + body + "\n", encoding="utf-8")


def vanished(ledger: set[str], built: set[str]) -> list[str]:
    return sorted(ledger - built)
