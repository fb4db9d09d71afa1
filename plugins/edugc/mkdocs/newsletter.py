"""Adapter: the newsletter's list pages and its RSS/Atom feeds in a MkDocs build."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ..model import ContentError, SiteModel
from ..newsletter.feeds import FeedError, FeedWriter, feeds_of, require_absolute
from ..newsletter.pages import PER_PAGE, NewsletterPages, check_slugs, list_inputs
from ..cache import Remembered
from ..pages.preview import templates_state
from ..urls import FEED_FILES
from ._files import Adapter, add_generated, build_context, site_model

log = logging.getLogger("mkdocs.plugins.edugc.newsletter")


class NewsletterConfig(Config):
    enabled = c.Type(bool, default=True)
    per_page = c.Type(int, default=PER_PAGE)
    feeds = c.Type(bool, default=True)
    feed_items = c.Type(int, default=20)       # the newest N items in every feed
    subscribe_page = c.Type(str, default="subscribe.md")


class NewsletterPlugin(Adapter[NewsletterConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: SiteModel | None = None
        self.lists = Remembered()  # the preview makes the list pages again only when their inputs changed

    # Feeds need absolute links: refuse before building anything rather than publish broken feeds.
    def on_config(self, config):
        if not self.config.enabled or not self.config.feeds:
            return config
        try:
            require_absolute(config.site_url)
        except FeedError as err:
            raise PluginError(str(err)) from None
        if self.config.feed_items < 1 or self.config.per_page < 1:
            raise PluginError("edugc/newsletter: feed_items와 per_page는 1 이상이어야 합니다")
        return config

    # The archive, tag and category pages, made from the model the content plugin validated; the
    # subscribe page's list of feeds.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        ctx = build_context(config)
        self.site = site_model(config)
        try:
            check_slugs(self.site, ctx.content_dir)
        except ContentError as err:
            for problem in err.problems:
                log.error(str(problem))
            raise PluginError(f"내용 오류 {len(err.problems)}건이 있어 빌드를 멈췄습니다. 위의 파일과 줄을 고치세요.") from None
        pages = NewsletterPages(self.site, self.config.per_page)
        # The lists show only the articles' facts: the preview makes them again when those changed.
        inputs = list_inputs(self.site, self.config.per_page, templates_state()) if ctx.incremental else None
        for page in self.lists.get(inputs, pages.all):
            add_generated(files, config, page)
        subscribe = self.site.docs.get(self.config.subscribe_page)
        if self.config.feeds and subscribe is not None:
            ctx.after_body[subscribe.src] = pages.subscribe_links(subscribe.url, pages.categories())
        return files

    # Every page's <head> announces the feeds (overrides/partials/gc-feeds.html reads this).
    def on_env(self, env, *, config, files):
        if self.config.enabled and self.config.feeds:
            env.globals["gc_feeds"] = FEED_FILES
        return env

    # Write the site's feeds and one pair per category once every page has been rendered.
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or not self.config.feeds or self.site is None:
            return
        writer = FeedWriter(self.site, config.site_url, Path(config.docs_dir), self.config.feed_items)
        out = Path(config.site_dir)
        bodies = build_context(config).bodies
        for feed in feeds_of(self.site):
            for rel, xml in writer.render(feed, bodies).items():
                (out / rel).parent.mkdir(parents=True, exist_ok=True)
                (out / rel).write_bytes(xml)
