"""The whole site's index from Material's search_index.json: what a build writes, and where.

Shared by a full build (in the build process) and the incremental preview (in a worker process, so
that indexing one edit never slows the rendering of the next: a thread shared the interpreter lock
with MkDocs and made the following rebuild up to twice as slow).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..urls import SEARCH_DIR
from .analyse import WordCache
from .facts import SiteFacts
from .index import BuiltIndex, BuiltStore, DocCache, build, stub_index


def index_site(raw: bytes, material: dict | None, cache_dir: Path,
               cache: WordCache | None = None, facts: SiteFacts | None = None) -> tuple[BuiltIndex, str, bool]:
    """(index, the stub that replaces search_index.json, whether it came whole from the cache)."""
    # The whole index is kept under the hash of Material's and of the facts: an unchanged rebuild
    # indexes nothing.
    extra = facts.digest_text().encode("utf-8", "surrogatepass") if facts else b""
    store, key = BuiltStore(cache_dir / "built.json"), BuiltStore.key(raw + b"\0" + extra)
    hit = store.load(key)
    if hit:
        built, stub = hit
        return built, stub, True
    cache = cache or WordCache(cache_dir / "words.json")
    material = material if material is not None else json.loads(raw)
    doc_cache = DocCache(cache_dir / "docs.pickle")
    built = build(material.get("docs", []), cache, doc_cache, facts)
    cache.save()
    doc_cache.save()
    stub = json.dumps(stub_index(material, f"{SEARCH_DIR}{built.base}", built.split),
                      ensure_ascii=False, separators=(",", ":"))
    store.save(key, built, stub)
    return built, stub, False


def write_index(site: Path, built: BuiltIndex, stub: str, worker_url: str, worker_source: str) -> None:
    out = site / SEARCH_DIR
    for folder in {(out / rel).parent for rel in built.files}:
        folder.mkdir(parents=True, exist_ok=True)
    for rel, text in built.files.items():
        (out / rel).write_text(text, encoding="utf-8")
    (site / "search").mkdir(parents=True, exist_ok=True)
    (site / "search" / "search_index.json").write_text(stub, encoding="utf-8")
    worker = site / worker_url
    worker.parent.mkdir(parents=True, exist_ok=True)
    worker.write_text(worker_source, encoding="utf-8")


def index_and_write(raw: bytes, cache_dir: Path, site: Path, worker_url: str, worker_source: str,
                    facts: SiteFacts | None = None) -> dict:
    """For a worker process: the index written into the site; returns its figures."""
    built, stub, whole = index_site(raw, None, cache_dir, facts=facts)
    write_index(site, built, stub, worker_url, worker_source)
    return {"documents": built.documents, "tokens": built.tokens, "reused": built.reused, "whole": whole, "stub": stub}
