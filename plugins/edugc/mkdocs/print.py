"""The print adapter: an A4 print edition of every issue, its PDF, and links to both."""
from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ..fonts import korean_font
from ..pages.preview import templates_state
from ..print import PdfMaker, edition_html, pdf_cache_key, pdf_name
from ..print.edition import edition_addresses, issue_print_links
from ..print.pdf import chromium_problem
from ..print.qr import QrCache, qr_svg
from ..print.webfont import copy_web_font
from ..urls import PRINT_FONT_DIR as FONT_DIR
from ._files import Adapter, Switch, build_context, project_root, site_model

log = logging.getLogger("mkdocs.plugins.edugc.print")


class PrintConfig(Config):
    enabled = c.Type(bool, default=True)
    # PDFs take Chromium and a few seconds; mkdocs.yml reads `PDF=0` to skip them in quick previews.
    pdf = Switch(default=True)
    chromium = c.Type(str, default="/usr/bin/chromium")
    cache_dir = c.Type(str, default=".cache/pdf")
    qr_cache = c.Type(str, default=".cache/qr.json")


class PrintPlugin(Adapter[PrintConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.make_pdfs = False
        self.qr: QrCache | None = None
        self.written: dict[str, str] = {}  # preview: each edition's inputs, as last written

    # Decide once per build whether PDFs can be made here, and say so once if not.
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.make_pdfs = False
        if build_context(config).incremental:
            log.info("미리보기(증분): 인쇄용 PDF는 만들지 않습니다 (전체 빌드에서 만듭니다).")
        elif not self.config.pdf:
            log.info("PDF=0: 인쇄용 PDF를 만들지 않습니다 (인쇄판 페이지는 만듭니다).")
        elif problem := chromium_problem(self.config.chromium):
            log.info(problem)  # info: a strict build must still succeed without Chromium
        elif korean_font() is None:
            log.info("한글 글꼴이 없어 인쇄용 PDF를 건너뜁니다 (Debian: apt-get install fonts-nanum).")
        else:
            self.make_pdfs = True
        return config

    # Links to each issue's print edition and PDF above its body; start drawing the QR codes not
    # cached yet on the second core while the engine renders.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        if self.qr is None:  # kept across `mkdocs serve` rebuilds
            self.qr = QrCache(project_root(config) / self.config.qr_cache)
        site = site_model(config)
        ctx = build_context(config)
        for issue in site.issues:
            ctx.before_body[issue.doc.src] = issue_print_links(issue, with_pdf=self.make_pdfs) + "\n"
        self.qr.start([pair for issue in site.issues for pair in edition_addresses(issue, config.site_url or "")])
        return files

    # Write every print edition, then its PDF (from the cache when nothing changed).
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        site = site_model(config)
        ctx = build_context(config)
        site_dir = Path(config.site_dir)
        fonts = self._copy_fonts(site_dir, project_root(config) / self.config.cache_dir)
        editions = []
        templates = templates_state() if ctx.incremental else ""
        for issue in site.issues:
            if ctx.incremental:  # the preview writes again only editions whose inputs changed
                key = self._edition_inputs(site, issue, ctx.bodies, config.site_url or "", fonts, templates)
                if self.written.get(issue.doc.url) == key:
                    continue
                self.written[issue.doc.url] = key
            edition = edition_html(site, issue, ctx.bodies, site_url=config.site_url or "", fonts=fonts,
                                   qr=self.qr.svg if self.qr else qr_svg)
            target = site_dir / edition.url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(edition.html, encoding="utf-8")
            editions.append((edition, target))
        if self.qr is not None:
            self.qr.save()
        if self.make_pdfs and editions:
            self._make_pdfs(editions, site_dir, config, author=site.info.operator)

    def _edition_inputs(self, site, issue, bodies: dict[str, str], site_url: str, fonts: dict, templates: str) -> str:
        h = hashlib.sha1(repr((site.info, site.today, site_url, fonts, issue.doc.meta, templates)).encode())
        for article in issue.articles:
            h.update(repr((article.url, article.meta)).encode())
            h.update(bodies.get(article.url, "").encode())
        h.update(bodies.get(issue.doc.url, "").encode())
        return h.hexdigest()

    def _copy_fonts(self, site_dir: Path, cache_dir: Path) -> dict[str, str]:
        fonts = {}
        for weight in ("regular", "bold"):
            source = korean_font(weight)
            if source is None:
                continue
            copy_web_font(source, site_dir / FONT_DIR / source.name, cache_dir / "fonts")
            fonts[weight] = f"{FONT_DIR}/{source.name}"
        return fonts

    def _make_pdfs(self, editions, site_dir: Path, config, *, author: str) -> None:
        root = project_root(config)
        maker = PdfMaker(self.config.chromium, root / self.config.cache_dir)
        started = time.perf_counter()
        try:
            for edition, html_file in editions:
                key = pdf_cache_key(edition.html, html_file.parent, config.site_url or "", edition.title)
                maker.make(html_file, site_dir / edition.issue.doc.url / pdf_name(edition.issue),
                           title=edition.title, author=author, key=key)
        except Exception as err:  # Chromium crashed or timed out: the build must not publish half of it
            raise PluginError(f"인쇄용 PDF를 만들지 못했습니다: {err}") from err
        finally:
            maker.close()
        maker.prune()
        made = ", ".join(f"{name} {seconds:.1f}초" for name, seconds in maker.rendered)
        log.info(f"인쇄용 PDF {len(editions)}개 ({time.perf_counter() - started:.1f}초): "
                 f"새로 만듦 {len(maker.rendered)}개{' (' + made + ')' if made else ''}, 캐시 {maker.cached}개")
