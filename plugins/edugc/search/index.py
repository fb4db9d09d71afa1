"""The sharded search index: postings split by the first syllable of a term, results in per-page files.

Layout under search/edugc/<version>/ (all JSON, served gzip by any static host); <version> names the
whole index by its content, so the worker can name any file without first reading the manifest:
  m.json         the number of documents, documents per page, the shard keys, the synonyms
                 (synonyms.py: everyday word → the site's words)
  t/<key>.json   {token: [doc delta, weight, doc delta, weight, ...]}: tokens opening with syllable <key>;
                 a large shard is split by the second syllable too (t/<학새>.json holds 학생, 학생부)
  d/<n>.json     [[path, title, teaser, kind], [#anchor, title, teaser], ...]: page n's article (with the
                 page's kind, facts.py, when known) and its sections; teasers are clean running text
                 (teaser.py), a section's may be empty
The browser fetches the manifest when the reader focuses the search box, the shards a query needs when
the reader searches, then the result files of the top pages only (the best six first).
"""
from __future__ import annotations

import hashlib
import html
import json
import math
import pickle
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import Cache
from .analyse import HANGUL, WordCache, leading_noun, word_tokens, words
from .facts import PageFacts, SiteFacts
from .synonyms import curated_text, synonym_map
from .teaser import Teasers

INDEX_VERSION = 5
TITLE_BONUS = 10
PAGE_TITLE_BONUS = 20
SPLIT_BYTES = 48_000  # a shard larger than this (JSON, ~15 KB gzip) is split by its second syllable

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
# Weight of a token seen n times: a few coarse steps (they only order results; few numbers gzip well).
WEIGHT = [0] + [min(9, 2 + round(2 * math.log(n))) for n in range(1, 200)]


def plain(fragment: str) -> str:
    """Material's index text is an HTML fragment; readers see its text."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", fragment or ""))).strip()


def shard_key(token: str) -> str:
    """The token's first syllable (a finished syllable: the browser reads every shard a half-typed
    last syllable may still become); Latin letters and digits by their first two characters."""
    first = token[0]
    if first.isascii() and first.isalnum():
        head = token[:2]
        return head if head.isascii() else first
    return first


def jongless(ch: str) -> str:
    """A syllable without its final consonant (설 → 서): what a half-typed syllable may still become."""
    code = ord(ch)
    if 0xAC00 <= code <= 0xD7A3:
        return chr(0xAC00 + (code - 0xAC00) // 28 * 28)
    return ch


def split_key(token: str) -> str:
    """In a shard too large to fetch whole, tokens of two syllables or more move to a shard keyed by
    their first syllable and their second without its final consonant (학생 → 학새, like 학새우)."""
    if len(token) >= 2 and HANGUL.match(token[0]) and HANGUL.match(token[1]):
        return token[0] + jongless(token[1])
    return token[0]


def key_file(key: str) -> str:
    return "-".join(f"{ord(ch):x}" for ch in key)


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class BuiltIndex:
    files: dict[str, str] = field(default_factory=dict)   # path under search/edugc/ → JSON text
    base: str = ""                                         # <version>/, the folder of every file
    documents: int = 0
    tokens: int = 0
    reused: int = 0                                        # documents whose tokens came from the cache
    split: str = ""                                        # first syllables whose shards are split

    @property
    def manifest_path(self) -> str:
        return self.base + "m.json"


class _Words:
    """Tokens and leading noun of each distinct word, worked out once per build (pages repeat words)."""

    def __init__(self, cache: WordCache):
        self.cache = cache
        self.memo: dict[str, tuple[list[str], str]] = {}

    def __call__(self, word: str) -> tuple[list[str], str]:
        hit = self.memo.get(word)
        if hit is None:
            morphemes = self.cache.morphemes(word)
            # The word as written stays a token: a query typed the same way (신청하려면) ranks the
            # pages that say exactly that above those that only share its noun.
            hit = self.memo[word] = (word_tokens(word, morphemes), leading_noun(morphemes))
        return hit


def _doc_weights(title_words: list[str], text_words: list[str], analysed: _Words,
                 title_bonus: int = TITLE_BONUS) -> dict[str, int]:
    counts: Counter[str] = Counter()
    in_title: set[str] = set()
    for seq, title in ((title_words, True), (text_words, False)):
        # Count words and adjacent pairs first: a section repeats its words, each expands once.
        word_counts = Counter(seq)
        for word, n in word_counts.items():
            toks = analysed(word)[0]
            for tok in toks:
                counts[tok] += n
            if title:
                in_title.update(toks)
        # Spaced and unspaced forms meet: 대입 설명회 also indexes 대입설명회.
        for (prev_word, word), n in Counter(zip(seq, seq[1:])).items():
            head = analysed(word)[1]
            if head and analysed(prev_word)[1] == prev_word:
                joined = prev_word + head
                counts[joined] += n
                if title:
                    in_title.add(joined)
    weights = {tok: WEIGHT[min(n, 199)] for tok, n in counts.items()}
    for tok in in_title:
        weights[tok] += title_bonus
    return weights


def _facts_of(facts: SiteFacts | None, location: str) -> PageFacts | None:
    """The facts of the page itself (not of an ancestor: a list page is not a program)."""
    return facts.pages.get(location.split("#")[0]) if facts else None


class DocCache:
    """Tokens and weights of each document, keyed by a hash of its text: a rebuild with unchanged pages
    analyses and weighs nothing again; only the merge into shards is redone."""

    def __init__(self, path: Path | None):
        self.path = path
        # key → token weights
        self.docs: dict[str, dict[str, int]] = {}
        self.used: dict[str, dict[str, int]] = {}
        self.store = Cache(path.parent) if path else None
        raw = self.store.read(path.name) if self.store and path else None
        if raw is not None:
            try:
                data = pickle.loads(raw)
                if data.get("version") == INDEX_VERSION:
                    self.docs = data["docs"]
            except Exception:   # a foreign cache is rebuilt, never trusted
                self.docs = {}

    def save(self) -> None:
        # Keep only what this build used, so the cache does not grow with every edit.
        if not self.store or not self.path or self.used.keys() == self.docs.keys():
            return
        self.store.write(self.path.name, pickle.dumps({"version": INDEX_VERSION, "docs": self.used},
                                                      protocol=pickle.HIGHEST_PROTOCOL))


def build(docs: list[dict], cache: WordCache, doc_cache: DocCache | None = None,
          facts: SiteFacts | None = None) -> BuiltIndex:
    """Index Material's search documents (location, title, text) into shards; facts (from the site's
    model) give each page its kind and tell the editor's words from the templates' for snippets."""
    doc_cache = doc_cache or DocCache(None)
    records, fragments = [], []
    for doc in docs:
        title, text = plain(doc.get("title", "")), plain(doc.get("text", ""))
        records.append((doc.get("location", ""), title, text))
        fragments.append((doc.get("location", ""), title, doc.get("text", "")))

    # A page's own title says what the page is about more than a section heading inside it; the words
    # a family knows the page by (facts.py: an issue's 3호, 9월호) count as its title.
    known = [_facts_of(facts, loc) for loc, _, _ in records]
    also = [f.also if f and "#" not in loc else "" for f, (loc, _, _) in zip(known, records)]
    keys = [digest(f"{'#' in loc}\0{title}\0{text}\0{extra}") + str(len(text))
            for (loc, title, text), extra in zip(records, also)]
    vocabulary: set[str] = set()
    todo: dict[int, tuple[list[str], list[str]]] = {}
    for i, (_, title, text) in enumerate(records):
        if keys[i] in doc_cache.docs:
            continue
        tw, xw = words(title) + words(also[i]), words(text)
        vocabulary.update(tw)
        vocabulary.update(xw)
        todo[i] = (tw, xw)
    cache.ensure(vocabulary)

    # Pages: an article is a document without '#'; its sections follow it in Material's order.
    pages: list[int] = []
    seen_paths: set[str] = set()
    for i, (location, _, _) in enumerate(records):
        path = location.split("#")[0]
        if path not in seen_paths:
            seen_paths.add(path)
            pages.append(i)

    postings: dict[str, list[int]] = defaultdict(list)
    analysed = _Words(cache)
    reused = 0
    for i, key in enumerate(keys):
        entry = doc_cache.docs.get(key)
        if entry is None:
            tw, xw = todo[i]
            bonus = PAGE_TITLE_BONUS if "#" not in records[i][0] else TITLE_BONUS
            entry = _doc_weights(tw, xw, analysed, bonus)
        else:
            reused += 1
        doc_cache.used[key] = entry
        for tok, weight in entry.items():
            postings[tok] += (i, weight)

    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for tok in sorted(postings):
        flat = postings[tok]
        last = 0
        for j in range(0, len(flat), 2):   # page ids as gaps: small numbers, short JSON
            flat[j], last = flat[j] - last, flat[j]
        shards[shard_key(tok)][tok] = flat

    files: dict[str, str] = {}
    split: list[str] = []
    for key, body in list(shards.items()):
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        if len(text) > SPLIT_BYTES and HANGUL.match(key):
            split.append(key)
            del shards[key]
            shards[key] = {}   # always there: the browser fetches it without asking the manifest
            for tok, flat in body.items():
                shards.setdefault(split_key(tok), {})[tok] = flat
    for key, body in shards.items():
        files[f"t/{key_file(key)}.json"] = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    # One result file per page (its article and sections): a query reads only its top pages.
    teasers = Teasers(fragments, facts)
    for n, start in enumerate(pages):
        end = pages[n + 1] if n + 1 < len(pages) else len(records)
        location, title, _ = records[start]
        rows = [[location, title, teasers.of_page(start, location, title, range(start + 1, end))]]
        page = facts.page(location) if facts else None
        if page is not None:
            rows[0].append(page.label)
        rows += [[loc[len(location):], sub, teasers.of(i, loc)]
                 for i, (loc, sub, _) in enumerate(records[start + 1:end], start + 1)]
        files[f"d/{n}.json"] = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    sizes = [b - a for a, b in zip(pages, pages[1:] + [len(records)])]
    # Everyday words → the site's words (synonyms.py), for the query words the browser looks up.
    syn = synonym_map((f"{title} {text}" for _, title, text in records), postings)
    manifest = {"version": INDEX_VERSION, "documents": len(records), "sizes": sizes,
                "keys": sorted(shards), "split": sorted(split), "syn": syn}
    files["m.json"] = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    version = digest("".join(f"{k}\0{v}" for k, v in sorted(files.items())))
    out = BuiltIndex(documents=len(records), tokens=len(postings), reused=reused, base=f"{version}/",
                     split="".join(sorted(split)))
    out.files = {out.base + rel: text for rel, text in files.items()}
    return out


class BuiltStore:
    """The last index built, kept whole beside the caches and named by a hash of Material's index file:
    a rebuild whose pages did not change writes it out again and indexes nothing."""

    def __init__(self, path: Path | None):
        self.path = path

    @staticmethod
    def key(material_index: bytes) -> str:
        # The synonyms are part of the index (the manifest): a new synonyms.yml is a new index.
        return hashlib.sha1(f"{INDEX_VERSION}\0{curated_text()}\0".encode() + material_index).hexdigest()

    def load(self, key: str) -> tuple[BuiltIndex, str] | None:
        raw = Cache(self.path.parent).read(self.path.name) if self.path else None
        if raw is None:
            return None
        try:
            data = json.loads(raw)
            if data["key"] != key:
                return None
            built = BuiltIndex(files=data["files"], base=data["base"], documents=data["documents"],
                               tokens=data["tokens"], reused=data["documents"], split=data["split"])
            return built, data["stub"]
        except (ValueError, KeyError):
            return None

    def save(self, key: str, built: BuiltIndex, stub: str) -> None:
        if not self.path:
            return
        Cache(self.path.parent).write(self.path.name, json.dumps(
            {"key": key, "base": built.base, "documents": built.documents, "tokens": built.tokens,
             "split": built.split, "stub": stub, "files": built.files}, ensure_ascii=False).encode("utf-8"))


def stub_index(material_index: dict, index_url: str, split: str = "") -> dict:
    """What Material's main script fetches on every page load: its config, no documents."""
    # Material hands only `config` and `docs` to the worker, so the index folder rides in config.
    config = dict(material_index.get("config", {}), edugc=index_url, edugc_split=split)
    return {"config": config, "docs": []}
