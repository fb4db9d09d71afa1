"""The sharded search index: postings split by the first syllable of a term, documents in chunks.

Layout under search/edugc/ (all JSON, served gzip by any static host):
  manifest.<hash>.json   shard keys → files, the page boundaries, the endings list
  t/<key>.<hash>.json    {token: [doc delta, weight, doc delta, weight, ...]}
  d/<hash>/<n>.json      [[location, title, text], ...]: page n's article and sections, for results
The browser fetches the manifest when the reader first searches, then only the shards a query needs.
"""
from __future__ import annotations

import hashlib
import html
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .analyse import HANGUL, WordCache, leading_noun, normalise, word_tokens, words

SNIPPET = 360         # characters of a section kept for its result teaser
TITLE_BONUS = 10
PAGE_TITLE_BONUS = 20
MAX_ENDING = 4

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def plain(fragment: str) -> str:
    """Material's index text is an HTML fragment; readers see its text."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", fragment or ""))).strip()


def shard_key(token: str) -> str:
    """First syllable without its final consonant, so a half-typed 서 and a finished 설 share a shard;
    Latin letters and digits by their first two characters."""
    first = token[0]
    code = ord(first)
    if 0xAC00 <= code <= 0xD7A3:
        return chr(0xAC00 + (code - 0xAC00) // 28 * 28)
    if first.isascii() and first.isalnum():
        head = token[:2]
        return head if head.isascii() else first
    return first


def key_file(key: str) -> str:
    return "-".join(f"{ord(ch):x}" for ch in key)


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class BuiltIndex:
    files: dict[str, str] = field(default_factory=dict)   # path under search/edugc/ → JSON text
    manifest_path: str = ""
    documents: int = 0
    tokens: int = 0


class _Words:
    """Tokens and leading noun of each distinct word, worked out once per build (pages repeat words)."""

    def __init__(self, cache: WordCache):
        self.cache = cache
        self.memo: dict[str, tuple[list[str], str]] = {}

    def __call__(self, word: str) -> tuple[list[str], str]:
        hit = self.memo.get(word)
        if hit is None:
            morphemes = self.cache.morphemes(word)
            hit = self.memo[word] = (word_tokens(word, morphemes), leading_noun(morphemes))
        return hit


def _doc_weights(title_words: list[str], text_words: list[str], analysed: _Words,
                 title_bonus: int = TITLE_BONUS) -> dict[str, int]:
    counts: Counter[str] = Counter()
    in_title: set[str] = set()
    for seq, title in ((title_words, True), (text_words, False)):
        # Count words and adjacent pairs first: a section repeats its words, each expands once.
        word_counts = Counter(seq)
        pair_counts = Counter(zip(seq, seq[1:]))
        for word, n in word_counts.items():
            toks = analysed(word)[0]
            for tok in toks:
                counts[tok] += n
            if title:
                in_title.update(toks)
        # Spaced and unspaced forms meet: 대입 설명회 also indexes 대입설명회.
        for (prev_word, word), n in pair_counts.items():
            head = analysed(word)[1]
            if head and analysed(prev_word)[1] == prev_word:
                joined = prev_word + head
                counts[joined] += n
                if title:
                    in_title.add(joined)
    # Weights in a few coarse steps: they only order results, and few distinct numbers gzip well.
    return {tok: min(9, 2 + round(2 * math.log(n))) + (title_bonus if tok in in_title else 0)
            for tok, n in counts.items()}


def endings(vocabulary: set[str], cache: WordCache) -> list[str]:
    """What follows a noun or a stem in this site's words (을, 에서는, 하려면): the browser strips these
    from a query word that matches nothing as typed."""
    found: Counter[str] = Counter()
    for word in vocabulary:
        morphemes = cache.morphemes(word)
        stem = leading_noun(morphemes)
        if not stem and morphemes and morphemes[0][1].split("-")[0] in ("VV", "VA"):
            stem = normalise(morphemes[0][0])
        if stem and word.startswith(stem) and word != stem:
            rest = word[len(stem):]
            if len(rest) <= MAX_ENDING and all(HANGUL.match(ch) for ch in rest):
                found[rest] += 1
    return sorted((e for e, n in found.items()), key=lambda e: (-len(e), e))


def build(docs: list[dict], cache: WordCache) -> BuiltIndex:
    """Index Material's search documents (location, title, text) into shards."""
    records = []
    for doc in docs:
        title, text = plain(doc.get("title", "")), plain(doc.get("text", ""))
        records.append((doc.get("location", ""), title, text))

    vocabulary: set[str] = set()
    split = []
    for _, title, text in records:
        tw, xw = words(title), words(text)
        vocabulary.update(tw)
        vocabulary.update(xw)
        split.append((tw, xw))
    cache.ensure(vocabulary)

    # Pages: an article is a document without '#'; its sections follow it in Material's order.
    pages: list[int] = []
    seen_paths: set[str] = set()
    for i, (location, _, _) in enumerate(records):
        path = location.split("#")[0]
        if path not in seen_paths:
            seen_paths.add(path)
            pages.append(i)

    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    analysed = _Words(cache)
    for i, (tw, xw) in enumerate(split):
        # A page's own title says what the page is about more than a section heading inside it.
        bonus = PAGE_TITLE_BONUS if "#" not in records[i][0] else TITLE_BONUS
        for tok, weight in _doc_weights(tw, xw, analysed, bonus).items():
            postings[tok].append((i, weight))

    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for tok in sorted(postings):
        flat: list[int] = []
        last = 0
        for i, weight in postings[tok]:
            flat += [i - last, weight]
            last = i
        shards[shard_key(tok)][tok] = flat

    out = BuiltIndex(documents=len(records), tokens=len(postings))
    shard_files = {}
    for key, body in sorted(shards.items()):
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        name = f"t/{key_file(key)}.{digest(text)}.json"
        out.files[name] = text
        shard_files[key] = name
    # One result file per page (its article and sections): a query reads only its top pages.
    page_rows = []
    for n, start in enumerate(pages):
        end = pages[n + 1] if n + 1 < len(pages) else len(records)
        rows = [[loc, title, text[:SNIPPET]] for loc, title, text in records[start:end]]
        page_rows.append(json.dumps(rows, ensure_ascii=False, separators=(",", ":")))
    chunk_dir = f"d/{digest(''.join(page_rows))}"
    for n, text in enumerate(page_rows):
        out.files[f"{chunk_dir}/{n}.json"] = text
    manifest = {"version": 2, "documents": len(records), "pages": pages,
                "shards": shard_files, "chunks": chunk_dir, "endings": endings(vocabulary, cache)}
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    out.manifest_path = f"manifest.{digest(text)}.json"
    out.files[out.manifest_path] = text
    return out


def stub_index(material_index: dict, manifest_url: str) -> dict:
    """What Material's main script fetches on every page load: its config, no documents."""
    # Material hands only `config` and `docs` to the worker, so the manifest's address rides in config.
    config = dict(material_index.get("config", {}), edugc=manifest_url)
    return {"config": config, "docs": []}
