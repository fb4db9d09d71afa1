"""The print adapter: an A4 print edition of every issue, a poster of every running or upcoming
program and event, their PDFs, and links to them."""
from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ..context import StandalonePage
from ..fonts import korean_font
from ..images.share import section_of
from ..pages.preview import templates_state
from ..print import PdfMaker, edition_html, pdf_cache_key, pdf_name, poster_html, posters
from ..print.edition import edition_addresses, issue_print_links, print_url
from ..print.pdf import chromium_problem
from ..print.poster import poster_qr
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

    # Decide once per build whether PDFs can be made here, and say so once if not; tell edugc/programs
    # (through the build context) that posters are published, so its pages link to them.
    def on_config(self, config):
        if not self.config.enabled:
            return config
        ctx = build_context(config)
        ctx.posters = True
        self.make_pdfs = False
        if ctx.incremental:
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

    # Links to each issue's print edition and PDF above its body; the print pages for edugc/images to
    # give share values and cards; start drawing the QR codes not cached yet on the second core while
    # the engine renders.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        if self.qr is None:  # kept across `mkdocs serve` rebuilds
            self.qr = QrCache(project_root(config) / self.config.qr_cache)
        site, site_url = site_model(config), config.site_url or ""
        ctx = build_context(config)
        for issue in site.issues:
            ctx.before_body[issue.doc.src] = issue_print_links(issue, with_pdf=self.make_pdfs) + "\n"
            url = print_url(issue)
            ctx.standalone[url] = StandalonePage(
                url=url, title=f"{issue.doc.title} (인쇄판)", description=issue.doc.summary,
                section=f"{section_of('', issue_number=issue.number)} · A4 인쇄판")
        made = posters(site, site.today)
        for poster in made:  # a finished one keeps the site's default card
            ctx.standalone[poster.url] = StandalonePage(
                url=poster.url, title=poster.name, description=poster.program.summary,
                section="행사 포스터" if poster.is_event else "프로그램 포스터", card=poster.current)
        pairs = [pair for issue in site.issues for pair in edition_addresses(issue, site_url)]
        self.qr.start(pairs + [poster_qr(p.subject, site_url) for p in made if p.current])
        return files

    # Write every print edition and poster, then their PDFs (from the cache when nothing changed).
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        site = site_model(config)
        ctx = build_context(config)
        site_dir = Path(config.site_dir)
        site_url = config.site_url or ""
        fonts = self._copy_fonts(site_dir, project_root(config) / self.config.cache_dir)
        mark = self._mark(config)
        qr = self.qr.svg if self.qr else qr_svg
        editions = []
        templates = templates_state() if ctx.incremental else ""
        for issue in site.issues:
            cover = ctx.covers.get(issue.doc.src)  # the published variant, as on the issue page
            if ctx.incremental:  # the preview writes again only editions whose inputs changed
                key = self._edition_inputs(site, issue, ctx.bodies, site_url, fonts, templates, cover)
                if self.written.get(issue.doc.url) == key:
                    continue
                self.written[issue.doc.url] = key
            edition = edition_html(site, issue, ctx.bodies, site_url=site_url, fonts=fonts, qr=qr, mark=mark,
                                   cover=cover.html if cover else "", share=ctx.shares.get(print_url(issue)),
                                   with_pdf=self.make_pdfs)
            target = site_dir / edition.url / "index.html"
            _write(target, edition.html)
            editions.append((edition, target))
        made_posters = []
        for poster in posters(site, site.today):
            poster.html = poster_html(site, poster, site_url=site_url, fonts=fonts, qr=qr, mark=mark,
                                      share=ctx.shares.get(poster.url), with_pdf=self.make_pdfs)
            target = site_dir / poster.url / "index.html"
            _write(target, poster.html)
            if poster.current:
                made_posters.append((poster, target))
        if self.qr is not None:
            self.qr.save()
        if self.make_pdfs and (editions or made_posters):
            self._make_pdfs(editions, made_posters, site_dir, config, author=site.info.operator)

    def _edition_inputs(self, site, issue, bodies: dict[str, str], site_url: str, fonts: dict, templates: str,
                        cover) -> str:
        h = hashlib.sha1(repr((site.info, site.today, site_url, fonts, issue.doc.meta, templates,
                               site.events, site.programs, cover)).encode())
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

    def _mark(self, config) -> str:
        """The site's own logo (theme.logo, an SVG under docs_dir), drawn inline on paper."""
        logo = config.theme.get("logo") or ""
        path = Path(config.docs_dir) / logo
        if not logo.endswith(".svg") or not path.is_file():
            return ""
        svg = path.read_text(encoding="utf-8").strip()
        return svg if svg.startswith("<svg") and "<script" not in svg.lower() else ""

    def _make_pdfs(self, editions, made_posters, site_dir: Path, config, *, author: str) -> None:
        maker = PdfMaker(self.config.chromium, project_root(config) / self.config.cache_dir)
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
                    data_dir = build_context(config).data_dir
                    source = f"{data_dir}/events.yml" if poster.is_event else f"{data_dir}/programs.yml"
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
