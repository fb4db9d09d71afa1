"""Benchmark (not a test): the Korean search index on a synthetic 1,000-page Korean site.

    .venv/bin/python scripts/bench_search.py [--pages 1000] [--keep DIR]

Builds the same synthetic site three times with Material (articles out of the nav): plain Material
search, ours with an empty word cache (cold), ours again (warm). Reports build times, the shards
gzipped against Material's search_index.json gzipped, the bytes a query of tests/search_queries.yml
fetches (manifest + its shards + the result chunks, simulated from the worker's rules), and the
analyser's load time and memory apart.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from edugc.search.index import shard_key  # noqa: E402

MKDOCS = """\
site_name: 벤치
site_url: https://example.org/
docs_dir: docs
theme:
  name: material
  language: ko
  font: false
nav: [index.md]
plugins:
{plugins}
"""


def corpus_words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.md"))
    text += (ROOT / "data" / "programs.yml").read_text(encoding="utf-8")
    return re.findall(r"[가-힣][가-힣0-9]*|[A-Z]{2,}|20[0-9]{2}학년도", text)


def make_site(root: Path, pages: int, rng: random.Random) -> None:
    words = corpus_words()
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 홈\n\n안녕하세요.\n", encoding="utf-8")
    for n in range(pages):
        lines = [f"# {' '.join(rng.choices(words, k=5))}", ""]
        size = 0
        while size < 7600:
            lines += [f"## {' '.join(rng.choices(words, k=3))}", ""]
            for _ in range(3):
                para = " ".join(rng.choices(words, k=rng.randint(25, 45))) + "."
                lines += [para, ""]
                size += len(para.encode())
        (docs / f"a{n:04d}.md").write_text("\n".join(lines), encoding="utf-8")


def build(root: Path, plugins: str, out: Path) -> float:
    (root / "mkdocs.yml").write_text(MKDOCS.format(plugins=plugins), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=root, env=env,
                   check=True)
    return time.perf_counter() - started


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def query_bytes(site: Path, queries: list[str]) -> list[int]:
    """Compressed bytes a query fetches on a fresh page, following worker.js's rules."""
    base = site / "search" / "edugc"
    manifest_path = next(base.glob("manifest.*.json"))
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    sizes: dict[str, int] = {}

    def size(rel: str) -> int:
        if rel not in sizes:
            sizes[rel] = gz(base / rel)
        return sizes[rel]

    pages = manifest["pages"]

    def page_of(i: int) -> int:
        lo, hi = 0, len(pages) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if pages[mid] <= i else (lo, mid - 1)
        return pages[lo]

    out = []
    for q in queries:
        terms = [t for t in re.split(r"[^0-9a-z가-힣ㄱ-ㅣ]+", q.lower()) if t]
        fetched = {manifest_path.name}
        scores: dict[int, float] = defaultdict(float)
        for term in terms:
            if "\u3131" <= term[0] <= "\u318e":
                continue
            key = shard_key(term)
            if key not in manifest["shards"]:
                continue
            rel = manifest["shards"][key]
            fetched.add(rel)
            body = json.loads((base / rel).read_text(encoding="utf-8"))
            for token, flat in body.items():
                if token.startswith(term[:-1] if len(term) > 1 else term):
                    doc = 0
                    for i in range(0, len(flat), 2):
                        doc += flat[i]
                        scores[page_of(doc)] += flat[i + 1]
        top = sorted(scores, key=lambda p: -scores[p])[:20]
        page_no = {start: n for n, start in enumerate(pages)}
        for p in top:
            fetched.add(f"{manifest['chunks']}/{page_no[p]}.json")
        out.append(sum(size(r) if r != manifest_path.name else gz(manifest_path) for r in fetched))
    return out


def kiwi_cost() -> tuple[float, float]:
    code = ("import time,resource;t=time.perf_counter();from kiwipiepy import Kiwi;k=Kiwi();k.tokenize('안녕');"
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, mib = res.stdout.split()
    return float(seconds), float(mib)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    rng = random.Random(7)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    if root.exists():
        shutil.rmtree(root)
    make_site(root, args.pages, rng)
    plain = build(root, "  - search", root / "plain")
    cold = build(root, "  - edugc/search\n  - search", root / "cold")
    warm = build(root, "  - edugc/search\n  - search", root / "warm")
    plain2 = build(root, "  - search", root / "plain2")
    plain_t = min(plain, plain2)

    default_gz = gz(root / "plain" / "search" / "search_index.json")
    default_raw = (root / "plain" / "search" / "search_index.json").stat().st_size
    ours = [p for p in (root / "warm" / "search" / "edugc").rglob("*.json")]
    ours_gz = sum(gz(p) for p in ours)
    shard_gz = sorted(gz(p) for p in (root / "warm" / "search" / "edugc" / "t").glob("*.json"))
    stub = (root / "warm" / "search" / "search_index.json").stat().st_size

    import yaml
    queries = [q["q"] for q in yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))]
    per_query = sorted(query_bytes(root / "warm", queries))
    p90 = per_query[int(0.9 * (len(per_query) - 1))]
    kiwi_s, kiwi_mib = kiwi_cost()

    print(f"synthetic site: {args.pages} pages of ~7.6 KB Korean text (words from the real content), {root}")
    print(f"build, plain Material search:      {plain_t:6.2f} s (best of 2)")
    print(f"build, ours cold (empty cache):    {cold:6.2f} s  (+{cold - plain_t:.2f} s, {100 * (cold - plain_t) / plain_t:.0f}%)")
    print(f"build, ours warm (word cache):     {warm:6.2f} s  (+{warm - plain_t:.2f} s, {100 * (warm - plain_t) / plain_t:.0f}%)")
    print(f"analyser: Kiwi() load {kiwi_s:.2f} s, peak RSS of a process that loads it {kiwi_mib:.0f} MiB")
    print(f"Material's search_index.json:      {default_raw / 1e6:6.2f} MB raw, {default_gz / 1e3:7.1f} KB gzip")
    print(f"ours, all files together:          {ours_gz / 1e3:7.1f} KB gzip ({ours_gz / default_gz:.2f}x default), "
          f"{len(shard_gz)} shards, largest {shard_gz[-1] / 1e3:.1f} KB gzip, median {shard_gz[len(shard_gz) // 2] / 1e3:.1f} KB")
    print(f"ours, search_index.json fetched on every page load: {stub} bytes")
    print(f"bytes fetched per query (fresh page, {len(per_query)} suite queries, simulated): "
          f"median {per_query[len(per_query) // 2] / 1e3:.1f} KB, p90 {p90 / 1e3:.1f} KB, max {per_query[-1] / 1e3:.1f} KB gzip")
    if not args.keep:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
