"""Bytes a first view of a page costs, as a static host would send them: text gzip-compressed
(level 9, as hosts serve HTML, CSS, JS and SVG), fonts and images as they are; photos excluded."""
from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import unquote, urlsplit

TEXT = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ""}
PHOTOS = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"}


def wire_size(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, 9)) if path.suffix in TEXT else len(data)


def first_view(browser, base: str, page_url: str, site_dir: Path, *, fonts: bool = True,
               width: int = 375) -> dict[str, int]:
    """{site path: bytes on the wire} for what a fresh browser fetches to show one page."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    if not fonts:
        page.route("**/*.woff2", lambda route: route.abort())
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(base + page_url, wait_until="networkidle")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    context.close()
    sizes = {}
    for url in fetched:
        rel = unquote(urlsplit(url).path)[len(urlsplit(base).path):]
        path = site_dir / rel
        if path.is_dir() or rel.endswith("/") or rel == "":
            path = path / "index.html"
        if path.suffix in PHOTOS or not path.exists():
            continue
        sizes[rel or "index.html"] = wire_size(path)
    return sizes
