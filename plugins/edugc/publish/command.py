"""`edugc publish`: build into a temporary folder, check it, and only then replace the live copy.

A broken build is never published: links, HTML, personal data, and addresses that would vanish are
checked first. The target is a local folder (swapped in atomically) or an rsync destination.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from . import ledger
from .swap import swap_in

DEFAULT_HOSTS = {"127.0.0.1", "localhost", "example.org", "example.com", ""}


def say(text: str) -> None:
    print(f"[publish] {text}", flush=True)


def publish(root: Path, target: str, *, site_url: str | None, html_check: bool = True,
            ledger_path: Path | None = None) -> int:
    site_url = site_url or os.environ.get("SITE_URL", "")
    host = urlsplit(site_url).hostname or ""
    if host in DEFAULT_HOSTS or not site_url.startswith(("https://", "http://")):
        say("SITE_URL이 실제 주소가 아닙니다. 피드, QR 코드, PDF에 이 주소가 찍히므로 공개하지 않습니다. "
            "예: SITE_URL=https://edu.geumcheon.go.kr/ edugc publish --to ...")
        return 2
    ledger_path = ledger_path or root / "data" / "published-urls.txt"
    with tempfile.TemporaryDirectory(prefix="edugc-publish-") as tmp:
        out = Path(tmp) / "site"
        say(f"빌드합니다: {site_url}")
        env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"),
                                 "-d", str(out)], env=env, cwd=root)
        if result.returncode != 0:
            say("빌드가 실패해 공개하지 않았습니다. 공개된 사이트는 그대로입니다.")
            return 1
        problems = check_built(out, urlsplit(site_url).path or "/", ledger_path, html_check=html_check)
        if problems:
            for problem in problems:
                say(problem)
            say(f"문제 {len(problems)}건: 공개하지 않았습니다. 공개된 사이트는 그대로입니다.")
            return 1
        deploy(out, target)
        built = ledger.published_urls(out)
        ledger.write(ledger_path, ledger.read(ledger_path) | built)
    say(f"공개했습니다: {target}  ({ledger_path.relative_to(root)}를 커밋하세요)")
    return 0


def check_built(site: Path, sub_path: str, ledger_path: Path, *, html_check: bool = True) -> list[str]:
    from ..checks.links import check_links

    problems: list[str] = []
    gone = ledger.vanished(ledger.read(ledger_path), ledger.published_urls(site))
    for url in gone:
        problems.append(f"/{url}: 예전에 공개한 주소가 사라집니다 → 옮긴 페이지의 aliases에 '{url}'를 쓰세요")
    report = check_links(site, sub_path)
    for url, parent, result in report.broken:
        problems.append(f"깨진 링크 {url} (페이지 {parent}): {result}")
    if html_check:
        from ..checks.html import validate

        for error in validate([site]):
            problems.append(f"HTML 오류 {error.file}:{error.line}: {error.message}")
    return problems


def deploy(site: Path, target: str) -> None:
    if ":" in target and not Path(target).exists() and not target.startswith("/"):
        say(f"rsync로 보냅니다: {target}")
        subprocess.run(["rsync", "-a", "--delete", "--delay-updates", f"{site}/", target], check=True)
        return
    destination = Path(target).resolve()
    staging = destination.with_name(f".{destination.name}.incoming-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(site, staging)
    swap_in(staging, destination)
