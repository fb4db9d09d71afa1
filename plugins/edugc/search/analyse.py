"""Korean word analysis for the search index: each distinct word is analysed once, and cached by word.

Material's search splits on spaces only, so 진로진학상담을 is one opaque token. Here every word yields
the tokens a reader may type for it: the word itself, its content morphemes (nouns, stems, Latin,
numbers), and every run of adjacent nouns in a compound (진로진학 / 진학상담 / 진로진학상담).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterable

from ..cache import Cache

# Runs of letters or digits in any script; punctuation and the middle dot split words (SW·AI).
WORD = re.compile(r"[^\W_]+")
HANGUL = re.compile(r"[\uac00-\ud7a3]")

NOUNISH = {"NNG", "NNP", "NNB", "NR", "NP", "SL", "SN", "SH", "XR"}
STEMS = {"VV", "VA", "VX"}
# Suffixes that belong to the noun they follow (고교학점+제, 학생+들 is a particle-like XSN too).
NOUN_SUFFIX = {"XSN"}

Analyser = Callable[[list[str]], list[list[tuple[str, str]]]]

CACHE_VERSION = 2


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


def kiwi_analyser() -> Analyser:
    """The kiwipiepy analyser, loaded only when a word is missing from the cache (it takes ~1.5 s)."""
    from kiwipiepy import Kiwi

    kiwi = Kiwi()

    def analyse(batch: list[str]) -> list[list[tuple[str, str]]]:
        return [[(t.form, t.tag) for t in tokens] for tokens in kiwi.tokenize(batch)]

    return analyse


def word_tokens(word: str, morphemes: list[tuple[str, str]]) -> list[str]:
    """What a reader may type to mean this word, longest first (the word itself is always one)."""
    out = [word]
    runs: list[list[str]] = [[]]
    for form, tag in morphemes:
        form = normalise(form)
        tag = tag.split("-")[0]
        if tag in NOUNISH:
            runs[-1].append(form)
            out.append(form)
        elif tag in NOUN_SUFFIX and runs[-1]:
            runs[-1][-1] += form  # 학점+제 → 학점제, so 학점제 and 고교학점제 are tokens
            out.append(runs[-1][-1])
        else:
            if tag in STEMS and HANGUL.search(form):
                out.append(form)
            if runs[-1]:
                runs.append([])
    for run in runs:
        for i in range(len(run)):
            for j in range(i + 2, len(run) + 1):
                out.append("".join(run[i:j]))
    seen: dict[str, None] = {}
    for token in out:
        if token and len(token) <= 40:
            seen.setdefault(token, None)
    return list(seen)


def leading_noun(morphemes: list[tuple[str, str]]) -> str:
    """The noun run a word opens with (대입설명회에 → 대입설명회), for joining across a space."""
    run = ""
    for form, tag in morphemes:
        tag = tag.split("-")[0]
        if tag in NOUNISH or (tag in NOUN_SUFFIX and run):
            run += normalise(form)
        else:
            break
    return run


def _analyse_all(batch: list[str]) -> dict[str, list[list[str]]]:
    """In a worker process: load the model and analyse words (top-level so it can be sent there)."""
    analyse = kiwi_analyser()
    out: dict[str, list[list[str]]] = {}
    for start in range(0, len(batch), 2000):
        chunk = batch[start:start + 2000]
        for word, morphemes in zip(chunk, analyse(chunk)):
            out[word] = [list(m) for m in morphemes]
    return out


def _find_and_analyse(texts: list[str], paths: list[str], known: frozenset[str]) -> dict[str, list[list[str]]]:
    """In a worker process: the words of texts and files that `known` lacks, analysed (none: no model load)."""
    found: set[str] = set()
    for text in texts:
        found.update(words(text))
    for path in paths:
        try:
            found.update(words(Path(path).read_text(encoding="utf-8-sig")))
        except (OSError, UnicodeDecodeError):   # the build reports unreadable pages itself
            pass
    missing = sorted(found - known)
    return _analyse_all(missing) if missing else {}


class WordCache:
    """Analysis per distinct word, kept on disk so a rebuild analyses only the words it has not seen."""

    def __init__(self, path: Path | None, analyser_factory: Callable[[], Analyser] = kiwi_analyser):
        self.path = path
        self.factory = analyser_factory
        self.words: dict[str, list[list[str]]] = {}
        self.analysed = 0  # words analysed in this run (0 on a warm build)
        self.dirty = False
        self.pending: Future | None = None
        self.pool: ProcessPoolExecutor | None = None
        self.sources = ""  # fingerprint of the sources whose words were all found and analysed
        self.scanned = ""  # fingerprint of the sources being scanned in this run
        self.store = Cache(path.parent) if path else None
        self.sources_name = f"{path.stem}-sources.txt" if path else ""
        raw = self.store.read(path.name) if self.store and path else None
        if raw is not None:
            try:
                data = json.loads(raw)
                if data.get("version") == CACHE_VERSION:
                    self.words = data["words"]
            except (ValueError, KeyError):
                self.words = {}
        if self.words and self.store:  # a fingerprint never vouches for words the cache lacks
            self.sources = (self.store.read(self.sources_name) or b"").decode("utf-8").strip()

    def start(self, texts: Iterable[str] = (), paths: Iterable[str] = ()) -> None:
        """Find the words of the sources (texts, or files by path) and analyse those not cached yet in
        a worker process (the model load included) while the engine renders pages on the other core;
        `ensure` collects them and analyses what is left. Finding the words happens there too: on a
        rebuild where nothing is new, that scan is all the work, and it stays off this core; when the
        sources are the very ones scanned last time, there is nothing to find and no process starts."""
        if self.factory is not kiwi_analyser or self.pending is not None or os.environ.get("EDUGC_SEARCH_AHEAD", "1") == "0":
            return
        texts, paths = list(texts), list(paths)
        fingerprint = hashlib.sha1()
        for text in texts:
            fingerprint.update(text.encode("utf-8", "surrogatepass") + b"\0")
        for path in paths:
            try:
                st = os.stat(path)
                fingerprint.update(f"{path}\0{st.st_mtime_ns}\0{st.st_size}\0".encode("utf-8", "surrogatepass"))
            except OSError:
                fingerprint.update(f"{path}\0-\0".encode("utf-8", "surrogatepass"))
        self.scanned = fingerprint.hexdigest()
        if self.scanned == self.sources:
            return
        try:
            self.pool = ProcessPoolExecutor(max_workers=1)
            self.pending = self.pool.submit(_find_and_analyse, texts, paths, frozenset(self.words))
        except (OSError, RuntimeError):  # no processes here: analysed in ensure instead
            self.pool = self.pending = None

    def collect(self) -> None:
        if self.pending is None:
            return
        try:
            found = self.pending.result()
            self.words.update(found)
            self.analysed += len(found)
            self.dirty = self.dirty or bool(found)
            self.sources = self.scanned   # every word of these sources is now in the cache
        except Exception:  # a broken worker: ensure() analyses here instead
            pass
        finally:
            self.pending = None
            if self.pool is not None:
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = None

    def ensure(self, vocabulary: Iterable[str]) -> None:
        self.collect()
        missing = sorted({w for w in vocabulary if w not in self.words})
        if not missing:
            return
        analyse = self.factory()
        for start in range(0, len(missing), 2000):
            batch = missing[start:start + 2000]
            for word, morphemes in zip(batch, analyse(batch)):
                self.words[word] = [list(m) for m in morphemes]
        self.analysed += len(missing)
        self.dirty = True

    def morphemes(self, word: str) -> list[tuple[str, str]]:
        return [(m[0], m[1]) for m in self.words.get(word, [])]

    def save(self) -> None:
        if self.store and self.path and self.dirty:
            self.store.write(self.path.name, json.dumps({"version": CACHE_VERSION, "words": self.words},
                                                        ensure_ascii=False).encode("utf-8"))
            self.dirty = False
        # Written after the words, so a fingerprint on disk never names words the cache lacks.
        if self.store and self.sources and not self.dirty:
            stored = (self.store.read(self.sources_name) or b"").decode("utf-8").strip()
            if stored != self.sources:
                self.store.write(self.sources_name, (self.sources + "\n").encode("utf-8"))


def source_texts(site) -> list[str]:
    """The title, summary and text of every page, and of the programs and events, as written (before
    rendering): what the search index's words will nearly all come from."""
    texts = [f"{doc.title} {doc.summary} {doc.body}" for doc in site.docs.values()]
    for program in site.programs:
        texts.append(" ".join(str(v) for v in program.model_dump().values() if isinstance(v, str)))
    texts.extend(f"{event.title} {event.place}" for event in site.events)
    return texts
