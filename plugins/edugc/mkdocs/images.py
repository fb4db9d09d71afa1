"""Adapter: publish each page's photos as light, metadata-free variants and give every page a share card.

The originals stay out of the site (their Files are excluded, so MkDocs never copies them); the
domain work lives in edugc.images.
"""
from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..fonts import korean_font
from ..images import ImageCache, Settings
from ..images.cards import Card, CardCache
from ..images.pages import Original, Pictures, is_consent_record, is_original
from ..images.process import publish_copy
from ..images.share import page_share
from ..urls import ASSETS, CARD_DIR, DEFAULT_CARD
from ._files import Adapter, Switch, build_context, project_root, site_model, src_of

log = logging.getLogger("mkdocs.plugins.edugc.images")


class ImagesConfig(Config):
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache")          # relative to mkdocs.yml
    widths = c.ListOfItems(c.Type(int), default=[480, 960, 1600])
    max_bytes = c.Type(int, default=250_000)
    # Off (mkdocs.yml reads `CARDS=0` for quick previews): one default card instead of one per page.
    cards = Switch(default=True)
    workers = c.Type(int, default=2)


class ImagesPlugin(Adapter[ImagesConfig]):
    def __init__(self) -> None:
        self.pictures: Pictures | None = None
        self.cards: dict[str, Card] = {}

    # Keep originals (and consent records) out of the site; warm the cache for every referenced photo.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        root = project_root(config)
        settings = Settings(widths=tuple(self.config.widths), max_bytes=self.config.max_bytes)
        cache = ImageCache(root / self.config.cache_dir / "images", settings)
        self.pictures = Pictures(cache, root, Path(config.docs_dir))
        self.cards = {}
        for file in files:
            if file.src_uri.startswith(ASSETS) or file.is_documentation_page():
                continue
            if is_original(file.src_uri):
                self.pictures.add(file.url, Original(Path(file.abs_src_path), file.src_uri, file.dest_uri))
                file.inclusion = InclusionLevel.EXCLUDED
            elif is_consent_record(file.src_uri):
                file.inclusion = InclusionLevel.EXCLUDED
        self.pictures.warm(site_model(config), self.config.workers)
        return files

    # Pictures in place before edugc/content keeps the page's own HTML for print and feeds (priority 0).
    @event_priority(60)
    def on_page_content(self, html_text: str, *, page: Page, config, files: Files) -> str:
        if not self.config.enabled or self.pictures is None:
            return html_text
        return self.pictures.rewrite(html_text, page.file.url, page.file.src_uri, page.file.abs_src_path)

    # Share values for the page's <head> (overrides/partials/gc-share.html) and its card to draw.
    def on_page_context(self, context, *, page: Page, config, nav):
        if not self.config.enabled:
            return context
        ctx = build_context(config)
        src = src_of(page.file)
        generated = ctx.generated.get(src)
        meta, card = page_share(
            site_model(config), page.url if page.url != "./" else "", ctx.docs_by_src.get(src),
            title=generated.title if generated else html.unescape(page.title or ""),
            summary=generated.summary if generated else "", site_url=config.site_url or "",
            description=config.site_description or "", cards=self.config.cards)
        if self.config.cards:
            self.cards[card.name] = card
        context["gc_share"] = meta
        return context

    # Publish variants and cards into the site, or stop with every refused image named.
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or self.pictures is None:
            return
        refused = self.pictures.refused()
        if refused:
            for err in refused:
                log.error(str(err))
            raise PluginError(f"그림 {len(refused)}개를 게시할 수 없어 빌드를 멈췄습니다 (이전 사이트는 그대로입니다).")
        site_dir = Path(config.site_dir)
        self.pictures.publish_into(site_dir)
        stats = self.pictures.cache.stats
        if stats.processed or stats.cached:
            log.info(str(stats))
        self._publish_cards(config, site_dir)

    def _publish_cards(self, config, site_dir: Path) -> None:
        font, bold = korean_font("regular"), korean_font("bold")
        if font is None or bold is None:
            log.info("한글 글꼴이 없어 공유 카드를 만들지 않았습니다 (scripts/dev.py test가 fonts-nanum을 설치합니다)")
            return
        site = site_model(config)
        cards = dict(self.cards)
        cards[DEFAULT_CARD] = Card(name=DEFAULT_CARD, title=config.site_description or site.info.name,
                                   section="", site=site.info.name, footer=site.info.centre)
        root = project_root(config)
        cache = CardCache(root / self.config.cache_dir / "cards", font, bold, workers=self.config.workers)
        rendered = cache.render_all(cards.values(), say=log.info)
        for name, source in rendered.items():
            publish_copy(source, site_dir / CARD_DIR / name)
        if cache.stats.rendered:
            log.info(f"공유 카드 {cache.stats.rendered}장을 {cache.stats.seconds:.1f}초에 그렸습니다 "
                     f"({cache.stats.rendered / max(cache.stats.seconds, 1e-6):.0f}장/초)")
