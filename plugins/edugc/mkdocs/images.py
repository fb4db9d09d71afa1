"""Adapter: publish each page's photos as light, metadata-free variants and give every page a share card.

The originals stay out of the site (their Files are excluded, so MkDocs never copies them); the
domain work lives in edugc.images.
"""
from __future__ import annotations

import html
import logging
import os
import posixpath
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..fonts import korean_font
from ..images import RASTER_SUFFIXES, ImageCache, ImageError, Settings, check_svg, publish_copy
from ..images.cards import Card, CardCache
from ..images.html import ImgTag, picture_html, rewrite
from ..images.share import ShareMeta, absolute, card_name, published_time, section_of
from ._files import content_plugin, site_model, src_of

log = logging.getLogger("mkdocs.plugins.edugc.images")
CARD_DIR = "assets/cards"


class ImagesConfig(Config):
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache")          # relative to mkdocs.yml
    widths = c.ListOfItems(c.Type(int), default=[480, 960, 1600])
    max_bytes = c.Type(int, default=250_000)
    # CARDS=0 in the environment skips per-page cards (quick previews): one default card then.
    cards = c.Type(bool, default=True)
    workers = c.Type(int, default=2)


class ImagesPlugin(BasePlugin[ImagesConfig]):
    def __init__(self) -> None:
        self.images: dict[str, File] = {}          # unquoted site URL of an original -> its File
        self.cache: ImageCache | None = None
        self.publish: dict[str, Path] = {}         # site path -> cached variant file
        self.errors: list[ImageError] = []
        self.cards: dict[str, Card] = {}
        self.font: Path | None = None
        self.bold: Path | None = None

    # Keep originals (and consent sidecars) out of the site; warm the cache for every referenced photo.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        root = Path(config.config_file_path).parent
        settings = Settings(widths=tuple(self.config.widths), max_bytes=self.config.max_bytes)
        self.cache = ImageCache(root / self.config.cache_dir / "images", settings)
        self.images, self.publish, self.errors, self.cards = {}, {}, [], {}
        for file in files:
            suffix = PurePosixPath(file.src_uri).suffix.lower()
            if file.src_uri.startswith("assets/") or file.is_documentation_page():
                continue
            if suffix in RASTER_SUFFIXES:
                self.images[unquote(file.url)] = file
                file.inclusion = InclusionLevel.EXCLUDED
            elif file.src_uri.endswith((".jpg.yml", ".jpeg.yml", ".png.yml", ".webp.yml", ".gif.yml", ".heic.yml")):
                file.inclusion = InclusionLevel.EXCLUDED  # consent notes are records, not content
        site = site_model(config)
        jobs, seen = [], set()
        docs_dir = Path(config.docs_dir)
        for doc in site.docs.values():
            for src, _alt, _line in doc.images:
                path = docs_dir / PurePosixPath(doc.src).parent / src
                if path.suffix.lower() in RASTER_SUFFIXES and path.exists() and path not in seen:
                    seen.add(path)
                    jobs.append((path, self._shown(path, config)))
        self.errors += self.cache.process_many(jobs, workers=self.config.workers)
        return files

    # <img> -> <picture> with WebP and JPEG/PNG variants, sizes and no layout shift. Before edugc/print
    # (priority 50) keeps the article's HTML, so print editions and PDFs use the stripped variants too.
    @event_priority(60)
    def on_page_content(self, html_text: str, *, page: Page, config, files: Files) -> str:
        if not self.config.enabled or self.cache is None:
            return html_text
        return rewrite(html_text, lambda tag, first: self._picture(tag, first, page, config))

    # Share values for the page's <head> (overrides/partials/gc-share.html) and its card to draw.
    def on_page_context(self, context, *, page: Page, config, nav):
        if not self.config.enabled:
            return context
        context["gc_share"] = self._share(page, config)
        return context

    # Publish variants and cards into the site, or stop with every refused image named.
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        if self.errors:
            self.errors = list({str(e): e for e in self.errors}.values())  # one photo, many pages
            for err in sorted(self.errors, key=str):
                log.error(str(err))
            raise PluginError(f"그림 {len(self.errors)}개를 게시할 수 없어 빌드를 멈췄습니다 (이전 사이트는 그대로입니다).")
        site_dir = Path(config.site_dir)
        for rel, source in self.publish.items():
            publish_copy(source, site_dir / rel)
        if self.cache is not None and (self.cache.stats.processed or self.cache.stats.cached):
            log.info(str(self.cache.stats))
        self._publish_cards(config, site_dir)

    # -- helpers ---------------------------------------------------------------------------------

    def _shown(self, path: Path, config) -> str:
        root = Path(config.config_file_path).parent
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def _picture(self, tag: ImgTag, first: bool, page: Page, config) -> str | None:
        src = tag.attrs.get("src", "")
        if not src or "://" in src or src.startswith(("data:", "//")):
            return None
        here = page.file.url if page.file.url.endswith("/") else posixpath.dirname(page.file.url) + "/"
        if here == "./":
            here = ""
        site_path = unquote(posixpath.normpath(posixpath.join(here, src.split("#")[0].split("?")[0])))
        if site_path.lower().endswith(".svg"):
            self._check_svg(site_path, config)
            return None
        file = self.images.get(site_path)
        if file is None:  # raw HTML is not rewritten by MkDocs: its src is relative to the source file
            beside = posixpath.dirname(page.file.src_uri)
            file = self.images.get(unquote(posixpath.normpath(posixpath.join(beside, src))))
        if file is None:
            return None
        if "alt" not in tag.attrs:  # raw HTML <img> skips the model's Markdown check
            self.errors.append(self._missing_alt(page, src, config))
        shown = self._shown(Path(file.abs_src_path), config)
        try:
            processed = self.cache.process(Path(file.abs_src_path), shown)
        except ImageError as err:
            self.errors.append(err)
            return None
        folder = posixpath.dirname(file.dest_uri)
        stem = _ascii_stem(PurePosixPath(file.src_uri).stem)

        def url_of(name: str) -> str:
            published = f"{stem}-{processed.key[:10]}-{name}"
            rel = posixpath.join(folder, published) if folder else published
            self.publish[rel] = processed.folder / name
            return posixpath.relpath("/" + rel, "/" + (here or ""))

        return picture_html(tag, processed, url_of, first=first)

    def _missing_alt(self, page: Page, src: str, config) -> ImageError:
        path = Path(page.file.abs_src_path or "")
        name = PurePosixPath(unquote(src)).name
        line = None
        if path.exists():
            for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if name in text:
                    line = number
                    break
        shown = self._shown(path, config) + (f":{line}" if line else "")
        return ImageError(shown, f"그림 '{name}'에 대체 텍스트(alt)가 없습니다",
                          '<img alt="그림을 설명하는 문장" ...>처럼 alt를 쓰세요 (화면낭독기 사용자를 위해)')

    def _check_svg(self, site_path: str, config) -> None:
        path = Path(config.docs_dir) / site_path
        if path.exists() and not site_path.startswith("assets/"):
            try:
                check_svg(path, self._shown(path, config))
            except ImageError as err:
                self.errors.append(err)

    def _share(self, page: Page, config) -> ShareMeta | None:
        content = content_plugin(config)
        src = src_of(page.file)
        doc = content.docs_by_src.get(src)
        generated = content.generated.get(src)
        url = page.url if page.url != "./" else ""
        if doc is not None:
            title, summary = doc.title, doc.summary
            issue_number = doc.issue.number if doc.issue and doc.kind == "article" else None
            if doc.kind == "issue":
                issue_number = doc.meta.number  # type: ignore[attr-defined]
            section = section_of(url, issue_number=issue_number, category=getattr(doc.meta, "category", None))
            is_article = doc.kind in ("article", "notice")
            published = published_time(doc.date) if is_article else None
        else:
            title = getattr(generated, "title", None) or html.unescape(page.title or "")
            summary = getattr(generated, "summary", "") or ""
            section, is_article, published = section_of(url), False, None
        return self.share_for(config, url=url, title=title, description=summary, section=section,
                              is_article=is_article, published=published)

    def share_for(self, config, *, url: str, title: str, description: str, section: str, card: bool = True,
                  is_article: bool = False, published: str | None = None) -> ShareMeta | None:
        """Share values for a page, and its card to draw with the others; also for pages MkDocs never
        renders (edugc/print's editions and posters, which call this before on_post_build)."""
        if not self.config.enabled:
            return None
        site = site_model(config)
        title = title or site.info.name
        description = description or config.site_description or ""
        name = card_name(url)
        cards_on = card and self.config.cards and os.environ.get("CARDS", "1") != "0"
        if cards_on:
            self.cards[name] = Card(name=name, title=title, section=section, site=site.info.name,
                                    footer=site.info.centre)
        image_name = name if cards_on else "default.png"
        return ShareMeta(title=title, description=description, url=absolute(config.site_url or "", url),
                         image=absolute(config.site_url or "", f"{CARD_DIR}/{image_name}"), section=section,
                         site_name=site.info.name, type="article" if is_article else "website",
                         published=published)

    def picture(self, src: str, alt: str, *, page: Page, config) -> str:
        """A picture written in front matter (an issue's cover) as the same light variants as any
        picture in the page's text; for edugc/print, which puts covers on paper."""
        tag = f'<img src="{html.escape(src)}" alt="{html.escape(alt)}">'
        if not self.config.enabled or self.cache is None:
            return tag
        return rewrite(tag, lambda found, first: self._picture(found, False, page, config))

    def _publish_cards(self, config, site_dir: Path) -> None:
        font, bold = korean_font("regular"), korean_font("bold")
        if font is None or bold is None:
            log.info("한글 글꼴이 없어 공유 카드를 만들지 않았습니다 (scripts/dev.py test가 fonts-nanum을 설치합니다)")
            return
        site = site_model(config)
        cards = dict(self.cards)
        cards["default.png"] = Card(name="default.png", title=config.site_description or site.info.name,
                                    section="", site=site.info.name, footer=site.info.centre)
        root = Path(config.config_file_path).parent
        cache = CardCache(root / self.config.cache_dir / "cards", font, bold, workers=self.config.workers)
        rendered = cache.render_all(cards.values(), say=log.info)
        for name, source in rendered.items():
            publish_copy(source, site_dir / CARD_DIR / name)
        if cache.stats.rendered:
            log.info(f"공유 카드 {cache.stats.rendered}장을 {cache.stats.seconds:.1f}초에 그렸습니다 "
                     f"({cache.stats.rendered / max(cache.stats.seconds, 1e-6):.0f}장/초)")


def _ascii_stem(stem: str) -> str:
    import re

    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-").lower()
    return cleaned or "img"
