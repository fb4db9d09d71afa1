"""Adapter: Korean search behind Material's own search box (see edugc.search).

Material's `search` plugin still writes its index; after it, this plugin turns that index into
shards, leaves Material's main script a search_index.json with no documents, and names our worker
in the theme's config block (overrides/main.html).
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from concurrent.futures import Future, ProcessPoolExecutor
from importlib import resources
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from ..search import WordCache
from ..search.analyse import source_texts
from ..search.facts import SiteFacts, site_facts
from ..search.site_index import index_and_write, index_site, write_index
from ..urls import search_worker
from ..workers import process_pool
from ._files import Adapter, build_context, project_root, site_model

log = logging.getLogger("mkdocs.plugins.edugc.search")
# Where Material's config block names its own search worker: `"search": "<url>"` in its JSON.
_MATERIAL_WORKER = re.compile(r'("search":\s*")[^"]*(")')


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/search")


class SearchPlugin(Adapter[SearchConfig]):
    def __init__(self) -> None:
        self.worker_source = ""
        self.worker_url = ""      # read by overrides/main.html's config block
        self.stats: dict = {}
        self.cache: WordCache | None = None  # kept across `mkdocs serve` rebuilds
        self.incremental = False
        self.page_entries: dict[str, list[dict]] = {}  # page URL -> its search documents, render order
        self.pool: ProcessPoolExecutor | None = None   # the preview's indexing process
        self.pending: Future | None = None
        self.stub = ""  # the search_index.json of the newest index written
        self.facts: SiteFacts | None = None  # each page's kind and the editor's words, from the model

    # Name the worker by its content so browsers never keep a stale copy. The incremental preview
    # renders only changed pages: it keeps every page's search documents, and builds the Korean
    # index after the page is shown (a worker process) rather than before.
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.incremental = build_context(config).incremental
        if not {"search", "material/search"} & set(config.plugins):
            raise PluginError("edugc/search는 Material의 search 플러그인 뒤에서 동작합니다: mkdocs.yml의 plugins에 search를 두세요.")
        self.worker_source = resources.files("edugc.search").joinpath("worker.js").read_text(encoding="utf-8")
        digest = hashlib.sha1(self.worker_source.encode()).hexdigest()[:8]
        self.worker_url = search_worker(digest)
        return config

    # Start analysing the words of every page's source on the second core while MkDocs renders;
    # the index built after rendering then finds them (nearly all) analysed.
    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        if self.cache is None:
            self.cache = WordCache(project_root(config) / self.config.cache_dir / "words.json")
        self.cache.analysed = 0
        live = {f.url for f in files.documentation_pages()}
        self.page_entries = {url: e for url, e in self.page_entries.items() if url in live} if self.incremental else {}
        self.facts = None
        if config.plugins.get("edugc/content") is not None:  # the model, loaded by edugc/content already
            site = site_model(config)
            self.facts = site_facts(site)
            self.cache.start(texts=source_texts(site))
        else:  # a plain Material site (the search benchmark): the Markdown sources as written
            self.cache.start(paths=[f.abs_src_path for f in files.documentation_pages() if f.abs_src_path])
        return files

    # Material's search plugin (priority 0) has just added this page's documents: keep them by page.
    @event_priority(-10)
    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled:
            return context
        material = config.plugins.get("material/search") or config.plugins.get("search")
        entries = getattr(getattr(material, "search_index", None), "entries", None)
        if entries is not None:
            mine = [e for e in entries[len(entries) - self._count(entries):]]
            self.page_entries.pop(page.url, None)
            self.page_entries[page.url] = mine
        return context

    def _count(self, entries: list[dict]) -> int:
        """How many documents at the end of Material's list belong to the page just added."""
        seen = getattr(self, "_seen", (None, 0))
        start = seen[1] if seen[0] is entries else 0
        self._seen = (entries, len(entries))
        return len(entries) - start

    # After Material's search plugin wrote its index (priority 0), before safe-build swaps (-100).
    @event_priority(-50)
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        index_path = site / "search" / "search_index.json"
        raw = index_path.read_bytes()
        material = None
        if self.incremental and self.page_entries:  # every page's documents, also those not rendered again
            material = json.loads(raw)
            material["docs"] = [e for entries in self.page_entries.values() for e in entries]
            raw = json.dumps(material, ensure_ascii=False, sort_keys=True).encode()
        cache_dir = project_root(config) / self.config.cache_dir
        if self.incremental and (site / self.worker_url).exists():
            # The preview shows the page first; its index follows from a worker process, and a newer
            # edit's index replaces one not started yet.
            if self.pending is not None:
                self.pending.cancel()
            if self.stub:  # until then, the page searches the index of the previous edit
                index_path.write_text(self.stub, encoding="utf-8")
            if self.pool is None:
                self.pool = process_pool(1)
            self.pending = self.pool.submit(index_and_write, raw, cache_dir, site, self.worker_url, self.worker_source,
                                            self.facts)
            self.pending.add_done_callback(self._indexed)
            return
        started = time.perf_counter()
        self.cache = self.cache or WordCache(cache_dir / "words.json")
        built, stub, whole = index_site(raw, material, cache_dir, self.cache, self.facts)
        write_index(site, built, stub, self.worker_url, self.worker_source)
        self.stub = stub
        self.stats = {"documents": built.documents, "tokens": built.tokens, "analysed": self.cache.analysed,
                      "reused": built.reused, "whole": whole, "seconds": round(time.perf_counter() - started, 3)}
        log.debug("검색 색인: %s", self.stats)

    def with_worker(self, block: str, url: str) -> Markup:
        """Material's config block (overrides/main.html extends it) with our worker as its search."""
        return Markup(_MATERIAL_WORKER.sub(lambda m: m.group(1) + url + m.group(2), str(block), count=1))

    def _indexed(self, future: Future) -> None:
        if not future.cancelled() and future.exception() is None:
            self.stats = future.result()
            self.stub = self.stats.pop("stub")
        elif not future.cancelled() and self.pool is not None:  # not the preview shutting down
            log.warning("미리보기의 검색 색인을 만들지 못했습니다: %s", future.exception())

    def on_shutdown(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
