"""Adapter: time every plugin's event handlers in a build (benchmarks only; see edugc.perf)."""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority

from ..perf import Timings
from ._files import project_root


class TimingsConfig(Config):
    enabled = c.Type(bool, default=True)
    output = c.Type(str, default=".cache/timings.json")


class TimingsPlugin(BasePlugin[TimingsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.timings = Timings()

    # First of all on_config: wrap every plugin's handlers (MkDocs keeps them in plugins.events).
    @event_priority(10_000)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.timings = Timings()
        names = {id(plugin): name for name, plugin in config.plugins.items()}
        for event, handlers in config.plugins.events.items():
            for index, handler in enumerate(handlers):
                owner = names.get(id(getattr(handler, "__self__", None)), "?")
                if owner == "edugc/timings":
                    continue
                handlers[index] = self.timings.wrap(f"{owner}:{event}", handler)
        return config

    # Last of all: write where the time went.
    @event_priority(-10_000)
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        out = Path(self.config.output)
        if not out.is_absolute():
            out = project_root(config) / out
        self.timings.write(out)
