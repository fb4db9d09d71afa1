"""The KRDS theme adapter: writes the token stylesheet and the subset Pretendard GOV into the site."""
from __future__ import annotations

import logging
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from ..npm import CACHE
from ..urls import THEME_STYLESHEET
from ..fonts.subset import FAMILY, build_webfont, count_pages
from ..theme import TokenError, Tokens, failing_pairs, stylesheet
from ..workers import process_pool
from ._files import Adapter, build_context

log = logging.getLogger("mkdocs.plugins.edugc.theme")
BATCH = 40  # pages per task sent to the counting process


class ThemeConfig(Config):
    enabled = c.Type(bool, default=True)
    stylesheet = c.Type(str, default=THEME_STYLESHEET)
    # Self-hosted Pretendard GOV; off (or not installed) means the system font stack.
    webfont = c.Type(bool, default=True)
    font_dir = c.Type(str, default=str(CACHE / "fonts"))


class ThemePlugin(Adapter[ThemeConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.tokens: Tokens | None = None
        # Characters drawn over the whole site, regular and bold. The incremental preview keeps them
        # between builds and swaps a re-rendered page's old counts for its new ones: summing every
        # page's counts again took half a second of each edit at 1,000 pages.
        self.counts: dict[int, Counter[str]] = {400: Counter(), 700: Counter()}
        # Counts by page URL (preview) or by batch of pages (full build); `unsettled` are still being
        # counted by the worker: (its future, the page URL or None for a batch's sum).
        self.page_counts: dict[str, tuple[Counter[str], Counter[str]]] = {}
        self.unsettled: dict[str, tuple[object, str | None]] = {}
        self.batch: list[tuple[str, str]] = []
        self.pool: ProcessPoolExecutor | None = None
        self.processes = True
        self.incremental = False  # this build's kind (edugc/content decides it), read in on_config
        self.font: Future | tuple | None = None  # the cut web font (faces, files), or its job

    # Read the KRDS tokens once and load our stylesheet last, so it wins over Material's defaults.
    def on_config(self, config):
        if not self.config.enabled:
            return config
        # The incremental preview renders only changed pages: it keeps the other pages' counts.
        self.incremental = build_context(config).incremental
        try:
            self.tokens = Tokens.load()
        except TokenError as err:
            raise PluginError(str(err)) from None
        failures = failing_pairs(self.tokens)
        if failures:
            raise PluginError("KRDS 색 조합이 WCAG AA에 못 미칩니다: " + "; ".join(failures))
        if self.config.stylesheet not in config.extra_css:
            config.extra_css.append(self.config.stylesheet)
        return config

    # Publish the font's licence (OFL) beside it; 저작권 links to it, so MkDocs must know the file.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled or not self.config.webfont:
            return files
        licence = Path(self.config.font_dir) / "PretendardGOV-LICENSE.txt"
        text = licence.read_text(encoding="utf-8") if licence.exists() else "Pretendard GOV: SIL Open Font License 1.1\n"
        files.append(File.generated(config, f"{Path(self.config.stylesheet).parent.as_posix()}/fonts/OFL.txt",
                                    content=text))
        return files

    # Start every (re)build with an empty character count.
    def on_pre_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        self.batch = []
        if not self.incremental:
            self.counts = {400: Counter(), 700: Counter()}
            self.page_counts = {}
            self.unsettled = {}

    # Count the characters each page draws: the font is cut by how often the site uses them.
    def on_post_page(self, output: str, *, page, config) -> str:
        if not self.config.enabled or not self.config.webfont:
            return output
        # Parsing every page's HTML cost a fifth of a build at 1,000 pages (profile): done in a worker
        # process on the second core while MkDocs renders the next pages, in batches, since sending
        # each page and its counts across on its own cost the main process a second per 1,000 pages.
        self.batch.append((page.url, output))
        if len(self.batch) >= BATCH:
            self._count_batch()
        return output

    def _count_batch(self) -> None:
        if not self.batch:
            return
        if self.pool is None and self.processes:
            try:
                self.pool = process_pool(1)
            except (OSError, RuntimeError):
                self.processes = False  # none here: counted in this process
        batch, self.batch = self.batch, []
        per_page = self.incremental
        result = self.pool.submit(count_pages, batch, per_page) if self.pool else count_pages(batch, per_page)
        if per_page:
            for url, _ in batch:
                old = self.page_counts.pop(url, None)
                if old is not None:
                    self.counts[400].subtract(old[0])
                    self.counts[700].subtract(old[1])
                self.unsettled[url] = (result, url)
        else:
            self.unsettled[f"batch {len(self.unsettled)}"] = (result, None)

    # A failed build (a broken counting process among the causes) must not fail every later one.
    def on_build_error(self, *, error: Exception) -> None:
        if self.pool:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = None
        self.font = None
        self.counts = {400: Counter(), 700: Counter()}
        self.page_counts, self.unsettled, self.batch = {}, {}, []

    # Cut the web font from the finished counts. A full build cuts it in the counting process, beside
    # edugc/search's index (priority -50, on the main core): at 1,000 pages a cold cut took 5.4 s of
    # the main core before the index could start. Same function, same inputs, same files.
    def _cut_font(self, *, config) -> None:
        if not self.config.enabled or self.tokens is None:
            return
        self._count_batch()
        for key, (value, url) in self.unsettled.items():
            counted = value.result() if isinstance(value, Future) else value
            every, bold = counted[url]
            self.page_counts[key] = (every, bold)
            self.counts[400].update(every)
            self.counts[700].update(bold)
        self.unsettled = {}
        self.font = None
        if self.config.webfont:
            drawn = {weight: +counts for weight, counts in self.counts.items()}  # + drops what went to 0
            font_dir = Path(self.config.font_dir)
            self.font = (self.pool.submit(build_webfont, drawn, font_dir) if self.pool and not self.incremental
                         else build_webfont(drawn, font_dir))

    # Write the subset font chunks and the one theme stylesheet, after the index, before the swap (-100).
    @event_priority(-80)
    def _write_theme(self, *, config) -> None:
        if not self.config.enabled or self.tokens is None:
            return
        font, self.font = self.font, None
        faces, files = font.result() if isinstance(font, Future) else (font or ("", []))
        if self.pool and not self.incremental:
            self.pool.shutdown()
            self.pool = None
        if self.config.webfont and not files:
            log.info("Pretendard GOV가 설치되지 않아 시스템 글꼴로 만듭니다 (python3 plugins/edugc/fonts/install.py).")
        target = Path(config.site_dir) / self.config.stylesheet
        for file in files:
            out = target.parent / "fonts" / file.name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(file.data)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(stylesheet(self.tokens, faces, FAMILY if files else None), encoding="utf-8")

    on_post_build = CombinedEvent(_cut_font, _write_theme)
