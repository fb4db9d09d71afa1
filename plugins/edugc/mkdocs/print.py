"""The print adapter: an A4 print edition of every issue, a poster of every running or upcoming
program and event, their PDFs, and links to them."""
from __future__ import annotations

import hashlib
import logging
import os
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..fonts import korean_font
from ..pages.preview import templates_state
from ..print import PdfMaker, edition_html, pdf_cache_key, pdf_name, poster_html, posters
from ..print.edition import edition_addresses, issue_print_links, print_url
from ..print.pdf import chromium_problem
from ..print.poster import poster_qr
from ..print.qr import QrCache, qr_svg
from ..print.webfont import copy_web_font
from ..images.share import section_of
from ._files import site_model, src_of

log = logging.getLogger("mkdocs.plugins.edugc.print")
FONT_DIR = "assets/fonts"


class PrintConfig(Config):
    enabled = c.Type(bool, default=True)
    # PDFs take Chromium and a few seconds; `PDF=0` in the environment skips them for quick previews.
    pdf = c.Type(bool, default=True)
    chromium = c.Type(str, default="/usr/bin/chromium")
    cache_dir = c.Type(str, default=".cache/pdf")
    qr_cache = c.Type(str, default=".cache/qr.json")


class PrintPlugin(BasePlugin[PrintConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.make_pdfs = False
        self.rendered: dict[str, str] = {}
        self.covers: dict[str, str] = {}   # issue URL -> its cover picture's HTML
        self.shares: dict[str, object] = {}  # print page URL -> its share values (edugc/images)
        self.qr: QrCache | None = None
        self.incremental = False
        self.written: dict[str, str] = {}  # preview: each edition's inputs, as last written

    # In the incremental preview unchanged articles are not rendered again: keep their HTML.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.incremental = command == "serve" and dirty

    # Decide once per build whether PDFs can be made here, and say so once if not.
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.make_pdfs = False
        if self.incremental:
            log.info("미리보기(증분): 인쇄용 PDF는 만들지 않습니다 (전체 빌드에서 만듭니다).")
        elif not self.config.pdf or os.environ.get("PDF", "1").strip() in ("0", "false", "no", ""):
            log.info("PDF=0: 인쇄용 PDF를 만들지 않습니다 (인쇄판 페이지는 만듭니다).")
        elif problem := chromium_problem(self.config.chromium):
            log.info(problem)  # info: a strict build must still succeed without Chromium
        elif korean_font() is None:
            log.info("한글 글꼴이 없어 인쇄용 PDF를 건너뜁니다 (Debian: apt-get install fonts-nanum).")
        else:
            self.make_pdfs = True
        return config

    # Forget the previous build's pages (serve rebuilds with the same plugin object); start drawing
    # the QR codes not cached yet on the second core while the engine renders.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.incremental:
            self.rendered, self.covers = {}, {}
        if not self.config.enabled:
            return files
        if self.qr is None:  # kept across `mkdocs serve` rebuilds
            self.qr = QrCache(Path(config.config_file_path).parent / self.config.qr_cache)
        site, site_url = site_model(config), config.site_url or ""
        pairs = [pair for issue in site.issues for pair in edition_addresses(issue, site_url)]
        pairs += [poster_qr(p.subject, site_url) for p in posters(site, site.today) if p.current]
        self.qr.start(pairs)
        return files

    # Share cards for the print pages, drawn by edugc/images with every other page's (after its on_files).
    def on_env(self, env, *, config, files):
        if not self.config.enabled:
            return env
        images = config.plugins.get("edugc/images")
        self.shares = {}
        if images is None:
            return env
        site = site_model(config)
        for issue in site.issues:
            url = print_url(issue)
            self.shares[url] = images.share_for(
                config, url=url, title=f"{issue.doc.title} (인쇄판)", description=issue.doc.summary,
                section=f"{section_of('', issue_number=issue.number)} · A4 인쇄판")
        for poster in posters(site, site.today):
            kind = "행사 포스터" if poster.is_event else "프로그램 포스터"
            self.shares[poster.url] = images.share_for(
                config, url=poster.url, title=poster.name, description=poster.program.summary,
                section=kind, card=poster.current)  # a finished one keeps the site's default card
        return env

    # Keep each issue's and article's own HTML (before the site's headers are wrapped round it).
    @event_priority(50)
    def on_page_content(self, html: str, *, page: Page, config, files: Files) -> str:
        if not self.config.enabled:
            return html
        doc = site_model(config).docs.get(src_of(page.file))
        if doc is None or doc.kind not in ("issue", "article"):
            return html
        self.rendered[doc.url] = html
        if doc.kind == "issue":
            cover = getattr(doc.meta, "cover", None)
            images = config.plugins.get("edugc/images")
            if cover and images is not None:  # the cover goes on paper as the same light variants
                self.covers[doc.url] = images.picture(cover, getattr(doc.meta, "cover_alt", None) or "",
                                                      page=page, config=config)
            return issue_print_links(doc.issue, with_pdf=self.make_pdfs) + "\n" + html
        return html

    # Write every print edition and poster, then their PDFs (from the cache when nothing changed).
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        site = site_model(config)
        site_dir = Path(config.site_dir)
        site_url = config.site_url or ""
        fonts = self._copy_fonts(site_dir, Path(config.config_file_path).parent / self.config.cache_dir)
        mark = self._mark(config)
        qr = self.qr.svg if self.qr else qr_svg
        editions = []
        templates = templates_state() if self.incremental else ""
        for issue in site.issues:
            if self.incremental:  # the preview writes again only editions whose inputs changed
                key = self._edition_inputs(site, issue, site_url, fonts, templates)
                if self.written.get(issue.doc.url) == key:
                    continue
                self.written[issue.doc.url] = key
            edition = edition_html(site, issue, self.rendered, site_url=site_url, fonts=fonts, qr=qr, mark=mark,
                                   cover=self.covers.get(issue.doc.url, ""), share=self.shares.get(print_url(issue)),
                                   with_pdf=self.make_pdfs)
            target = site_dir / edition.url / "index.html"
            _write(target, edition.html)
            editions.append((edition, target))
        made_posters = []
        for poster in posters(site, site.today):
            poster.html = poster_html(site, poster, site_url=site_url, fonts=fonts, qr=qr, mark=mark,
                                      share=self.shares.get(poster.url), with_pdf=self.make_pdfs)
            target = site_dir / poster.url / "index.html"
            _write(target, poster.html)
            if poster.current:
                made_posters.append((poster, target))
        if self.qr is not None:
            self.qr.save()
        if self.make_pdfs and (editions or made_posters):
            self._make_pdfs(editions, made_posters, site_dir, config, author=site.info.operator)

    def _edition_inputs(self, site, issue, site_url: str, fonts: dict, templates: str) -> str:
        h = hashlib.sha1(repr((site.info, site.today, site_url, fonts, issue.doc.meta, templates,
                               site.events, site.programs)).encode())
        for article in issue.articles:
            h.update(repr((article.url, article.meta)).encode())
            h.update(self.rendered.get(article.url, "").encode())
        h.update(self.rendered.get(issue.doc.url, "").encode())
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

    def _mark(self, config) -> str:
        """The site's own logo (theme.logo, an SVG under docs_dir), drawn inline on paper."""
        logo = config.theme.get("logo") or ""
        path = Path(config.docs_dir) / logo
        if not logo.endswith(".svg") or not path.is_file():
            return ""
        svg = path.read_text(encoding="utf-8").strip()
        return svg if svg.startswith("<svg") and "<script" not in svg.lower() else ""

    def _make_pdfs(self, editions, made_posters, site_dir: Path, config, *, author: str) -> None:
        root = Path(config.config_file_path).parent
        maker = PdfMaker(self.config.chromium, root / self.config.cache_dir)
        site_url = config.site_url or ""
        started = time.perf_counter()
        wrong: list[str] = []
        try:
            for edition, html_file in editions:
                key = pdf_cache_key(edition.html, html_file.parent, site_url, edition.title)
                pages = maker.make(html_file, site_dir / edition.issue.doc.url / pdf_name(edition.issue),
                                   title=edition.title, author=author, key=key)
                if pages % 2:
                    wrong.append(f"소식지 제{edition.issue.number}호 인쇄용 PDF가 {pages}쪽입니다: 양면으로 인쇄하면 빈 면이 "
                                 "생깁니다 → 개발자에게 알려 주세요 (plugins/edugc/print/templates/edition.css)")
            for poster, html_file in made_posters:
                key = pdf_cache_key(poster.html, html_file.parent, site_url, poster.title)
                pages = maker.make(html_file, site_dir / poster.pdf, title=poster.title, author=author, key=key)
                if pages != 1:
                    source = "data/events.yml" if poster.is_event else "data/programs.yml"
                    wrong.append(f"{source}의 '{poster.subject.id}': 포스터가 A4 {pages}쪽입니다 → 요약(summary)·신청 방법(how)·"
                                 "장소를 짧게 줄여 한 장에 들어가게 하세요")
        except Exception as err:  # Chromium crashed or timed out: the build must not publish half of it
            raise PluginError(f"인쇄용 PDF를 만들지 못했습니다: {err}") from err
        finally:
            maker.close()
        maker.prune()
        made = ", ".join(f"{name} {seconds:.1f}초" for name, seconds in maker.rendered)
        log.info(f"인쇄용 PDF {len(editions) + len(made_posters)}개 (소식지 {len(editions)}, 포스터 {len(made_posters)}; "
                 f"{time.perf_counter() - started:.1f}초): 새로 만듦 {len(maker.rendered)}개"
                 f"{' (' + made + ')' if made else ''}, 캐시 {maker.cached}개")
        for message in wrong:  # a warning: the strict build stops, and the published site stays as it was
            log.warning(message)


def _write(target: Path, html: str) -> None:
    """Write a page unless the same bytes are already there (the preview rewrites nothing it need not)."""
    if target.exists() and target.read_text(encoding="utf-8") == html:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
