"""Nothing lost: a failed build (errors, or warnings under strict) leaves the old output as it was.

Works for `mkdocs build`, `mkdocs build -d DIR` and `mkdocs serve` alike, since it only moves
MkDocs' own site_dir aside for the duration of the build.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

from ..publish.faults import explain, is_machine_fault
from ..publish.swap import clean_stale, discard, staging_dir, swap_in
from ._files import Adapter, build_context

log = logging.getLogger("mkdocs.plugins.edugc.safe_build")
KEPT = ". 이전 사이트는 그대로입니다."


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
        clean_stale(self.target)  # what a killed build left beside the site, where a server might show it
        self.staging = staging_dir(self.target)
        discard(self.staging)
        try:
            self.staging.mkdir(parents=True)
        except OSError as err:
            self.staging = None
            raise PluginError(explain(err, "새 사이트를 만들 폴더를 준비하다가") + KEPT) from None
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
            try:
                swap_in(self.staging, self.target, background=True)
            except OSError as err:
                discard(self.staging)
                self.staging = None
                raise PluginError(explain(err, "새 사이트로 바꾸다가") + KEPT) from None
        config.site_dir = str(self.target)
        self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        self._detach()
        if self.staging is not None:
            discard(self.staging)
            self.staging = None
        if is_machine_fault(error):
            # A full disk or a read-only folder while MkDocs writes pages: one line, not a traceback.
            log.error(explain(error, "사이트를 쓰다가") + KEPT)
            _quiet_exit_for(error)

    def _detach(self) -> None:
        if self.counter is not None:
            logging.getLogger("mkdocs").removeHandler(self.counter)


def _quiet_exit_for(error: BaseException) -> None:
    """MkDocs re-raises what it does not know; `mkdocs build` would end in a traceback of it."""
    previous = sys.excepthook

    def hook(kind, value, traceback):
        if value is error:  # already said in Korean above
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(1)  # not through interpreter teardown, where MkDocs' own logger clean-up fails loudly
        previous(kind, value, traceback)

    sys.excepthook = hook
