"""Reading a built site: its pages, their links and resources."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attr, url)
        self.ids: set[str] = set()
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if "id" in a:
            self.ids.add(a["id"])
        for attr in ("href", "src", "data"):
            if a.get(attr):
                self.links.append((tag + (f"[rel={a.get('rel')}]" if tag == "link" else ""), attr, a[attr]))
        if a.get("srcset"):
            for part in a["srcset"].split(","):
                self.links.append((tag, "srcset", part.strip().split(" ")[0]))


def parse(path: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, path: Path, base: str) -> str:
    rel = path.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return urljoin(base, rel)


def resolve(site: Path, base: str, url: str) -> Path | None:
    """Map a URL under ``base`` to a file in the built site (None if outside the site)."""
    parts = urlsplit(url)
    if not parts.path.startswith(urlsplit(base).path):
        return None
    rel = parts.path[len(urlsplit(base).path):]
    target = site / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    return target
