"""PDFs of the print editions, rendered by headless Chromium and cached by everything that shapes them."""
from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

from ..cache import Cache, atomic_write

# The browser every check, benchmark and PDF starts: no sandbox (root in CI), no requests of its own.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Bump when the way a PDF is made changes without any of its inputs changing.
RECIPE = "print-pdf/1"
_LOCAL_REF_RE = re.compile(r'(?:src|href)="([^"#?]+)"|url\("([^"]+)"\)')


def local_resources(html: str, page_dir: Path) -> list[Path]:
    """Files the page loads from the built site (fonts, images), in a stable order."""
    found = set()
    for match in _LOCAL_REF_RE.finditer(html):
        ref = match.group(1) or match.group(2)
        if ":" in ref or ref.startswith("/"):
            continue
        path = (page_dir / ref).resolve()
        if path.is_file():
            found.add(path)
    return sorted(found)


def pdf_cache_key(html: str, page_dir: Path, site_url: str, title: str) -> str:
    digest = hashlib.sha256()
    for part in (RECIPE, site_url, title, html):
        digest.update(part.encode("utf-8") + b"\0")
    for path in local_resources(html, page_dir):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def chromium_problem(executable: str) -> str | None:
    """Why PDFs cannot be made on this machine, in Korean for the person building, or None."""
    if not Path(executable).exists():
        return f"Chromium이 없어 인쇄용 PDF를 건너뜁니다 ({executable} 없음; Debian: apt-get install chromium)."
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright가 설치되지 않아 인쇄용 PDF를 건너뜁니다 (pip install playwright)."
    return None


class PdfMaker:
    """One headless Chromium for a whole build, started only if some PDF is not in the cache."""

    def __init__(self, executable: str, cache_dir: Path):
        self.executable = executable
        self.cache_dir = cache_dir
        self.store = Cache(cache_dir)
        self._playwright = None
        self._browser = None
        self.rendered: list[tuple[str, float]] = []  # (pdf name, seconds) made this build
        self.cached = 0

    def make(self, html_file: Path, out: Path, *, title: str, author: str, key: str) -> Path:
        """Write the PDF of html_file to out, from the cache when nothing that shapes it changed."""
        name = f"{key}.pdf"
        data = self.store.read(name)  # a damaged PDF is made again, never published
        if data is not None:
            self.cached += 1
        else:
            started = time.perf_counter()
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            partial = self.cache_dir / f"{key}.part"
            self._render(html_file, partial)
            set_metadata(partial, title=title, author=author, lang="ko")
            data = partial.read_bytes()
            self.store.write(name, data)
            partial.unlink()
            self.rendered.append((out.name, time.perf_counter() - started))
        atomic_write(out, data)
        return out

    def prune(self, max_age_days: int = 30) -> None:
        """Forget PDFs no build has used for a month, so the cache does not grow for ever."""
        if self.cache_dir.is_dir():
            self.store.prune([p.name for p in self.cache_dir.iterdir() if p.suffix in (".pdf", ".part")],
                             older_than_days=max_age_days)

    def _render(self, html_file: Path, out: Path) -> None:
        page = self._browser_once().new_page()
        try:
            # Everything comes from the built site on disk; any other request is refused.
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            page.goto(html_file.as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.emulate_media(media="print")
            page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True,
                     tagged=True, outline=True)
        finally:
            page.close()

    def _browser_once(self):
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=self.executable, args=CHROMIUM_ARGS)
        return self._browser

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._playwright.stop()
        self._browser = self._playwright = None


def set_metadata(path: Path, *, title: str, author: str, lang: str) -> None:
    """Title, author and language in the PDF itself (screen readers and file lists read them)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": "교육금천 사이트 빌드 (Chromium)"})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    # Viewers show the document title, not the file name, in their title bar.
    from pypdf.generic import BooleanObject, DictionaryObject

    prefs = writer._root_object.get("/ViewerPreferences") or DictionaryObject()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    writer._root_object[NameObject("/ViewerPreferences")] = prefs
    with path.open("wb") as handle:
        writer.write(handle)
