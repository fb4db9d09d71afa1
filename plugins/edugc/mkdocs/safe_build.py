"""Nothing lost: a failed build (errors, or warnings under strict) leaves the old output as it was.

Works for `mkdocs build`, `mkdocs build -d DIR` and `mkdocs serve` alike, since it only moves
MkDocs' own site_dir aside for the duration of the build.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

from ..publish.swap import discard, staging_dir, swap_in
from ._files import Adapter, build_context

log = logging.getLogger("mkdocs.plugins.edugc.safe_build")


class SafeBuildConfig(Config):
    enabled = c.Type(bool, default=True)


class SafeBuildPlugin(Adapter[SafeBuildConfig]):
    def __init__(self) -> None:
        self.target: Path | None = None
        self.staging: Path | None = None
        self.counter: CountHandler | None = None

    # Build into a staging folder beside the real one; count warnings so strict failures are caught.
    # The incremental preview (`serve --dirty`) renders only changed pages, so it builds in place.
    @event_priority(-100)
    def on_config(self, config):
        if not self.config.enabled or build_context(config).incremental:
            return config
        self.target = Path(config.site_dir)
        self.staging = staging_dir(self.target)
        discard(self.staging)
        self.staging.mkdir(parents=True)
        config.site_dir = str(self.staging)
        self.counter = CountHandler()
        self.counter.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self.counter)
        return config

    # Last of all: swap only if MkDocs will not abort on warnings afterwards (strict mode).
    @event_priority(-100)
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or self.staging is None:
            return
        self._detach()
        if config.strict and self.counter and self.counter.get_counts():
            log.error("경고가 있어(strict) 새 사이트를 반영하지 않았습니다. 이전 사이트는 그대로입니다.")
            discard(self.staging)
        elif build_context(config).keep_previous:  # the preview keeps the last good site
            discard(self.staging)
        else:
            swap_in(self.staging, self.target, background=True)
        config.site_dir = str(self.target)
        self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        self._detach()
        if self.staging is not None:
            discard(self.staging)
            self.staging = None

    def _detach(self) -> None:
        if self.counter is not None:
            logging.getLogger("mkdocs").removeHandler(self.counter)

