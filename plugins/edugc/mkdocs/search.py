"""Adapter: Korean search behind Material's own search box (see edugc.search).

Material's `search` plugin still writes its index; after it, this plugin turns that index into
shards, leaves Material's main script a search_index.json with no documents, and names our worker
in the theme's config block (overrides/main.html).
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..search import BuiltStore, DocCache, WordCache, build, stub_index

log = logging.getLogger("mkdocs.plugins.edugc.search")

WORKER_DIR = "assets/javascripts"


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/search")


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.worker_source = ""
        self.worker_url = ""      # read by overrides/main.html's config block
        self.stats: dict = {}

    # Name the worker by its content so browsers never keep a stale copy.
    def on_config(self, config):
        if not self.config.enabled:
            return config
        if not {"search", "material/search"} & set(config.plugins):
            raise PluginError("edugc/search는 Material의 search 플러그인 뒤에서 동작합니다: mkdocs.yml의 plugins에 search를 두세요.")
        self.worker_source = resources.files("edugc.search").joinpath("worker.js").read_text(encoding="utf-8")
        digest = hashlib.sha1(self.worker_source.encode()).hexdigest()[:8]
        self.worker_url = f"{WORKER_DIR}/edugc-search.{digest}.js"
        return config

    # After Material's search plugin wrote its index (priority 0), before safe-build swaps (-100).
    @event_priority(-50)
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        index_path = site / "search" / "search_index.json"
        started = time.perf_counter()
        cache_dir = Path(config.config_file_path).parent / self.config.cache_dir
        raw = index_path.read_bytes()
        store, key = BuiltStore(cache_dir / "built.json"), BuiltStore.key(raw)
        cache = WordCache(None)
        hit = store.load(key)
        if hit:
            built, stub = hit
        else:
            material = json.loads(raw)
            cache, doc_cache = WordCache(cache_dir / "words.json"), DocCache(cache_dir / "docs.pickle")
            built = build(material.get("docs", []), cache, doc_cache)
            cache.save()
            doc_cache.save()
            stub = json.dumps(stub_index(material, f"search/edugc/{built.base}", built.split),
                              ensure_ascii=False, separators=(",", ":"))
            store.save(key, built, stub)
        out = site / "search" / "edugc"
        for folder in {(out / rel).parent for rel in built.files}:
            folder.mkdir(parents=True, exist_ok=True)
        for rel, text in built.files.items():
            (out / rel).write_text(text, encoding="utf-8")
        index_path.write_text(stub, encoding="utf-8")
        worker = site / self.worker_url
        worker.parent.mkdir(parents=True, exist_ok=True)
        worker.write_text(self.worker_source, encoding="utf-8")
        self.stats = {"documents": built.documents, "tokens": built.tokens, "analysed": cache.analysed,
                      "reused": built.reused, "whole": bool(hit), "seconds": round(time.perf_counter() - started, 3)}
        log.debug("검색 색인: %s", self.stats)
