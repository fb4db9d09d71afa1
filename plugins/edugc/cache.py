"""The one cache helper: what a build makes from its inputs, kept for the next build.

Image variants, share cards, font subsets, print fonts and PDFs, calendar files, QR codes and the
search data all go through `Cache`. An entry is named by a key over its inputs and the code that
makes it; it is written atomically (a killed build never leaves half a file behind); its checksum
is written beside it and checked on every read, so a damaged entry (truncated, overwritten with
garbage) is made again and never published; entries no build uses any more are pruned.

`Records` keeps many small entries in one file of a cache (calendar files, QR codes, analysed
search documents); `Memo` and `Remembered` are the in-memory kind, for the preview's rebuilds.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import time
from pathlib import Path
from typing import Any, Callable, Iterable

SUM = ".sum"  # the checksum file beside every entry


def code_of(*files: str | Path) -> str:
    """A fingerprint of the code that makes an entry: change the code and old entries are not used."""
    h = hashlib.sha1()
    for file in files:
        h.update(Path(file).read_bytes())
    return h.hexdigest()[:12]


def key_of(*inputs: object) -> str:
    return hashlib.sha256(repr(inputs).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file so that a reader sees the old one or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{time.monotonic_ns()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class Cache:
    """One folder of entries, each a file (names may hold '/') with its checksum beside it."""

    def __init__(self, folder: Path, code: str = "") -> None:
        self.folder = Path(folder)
        self.code = code
        self.used: set[str] = set()
        self.damaged: list[str] = []   # entries found damaged in this run (then made again)

    def key(self, *inputs: object) -> str:
        return key_of(self.code, *inputs)

    def path(self, name: str) -> Path:
        return self.folder / name

    def read(self, name: str) -> bytes | None:
        """The entry's bytes if it is there and whole; a damaged entry is removed (and None)."""
        path = self.path(name)
        try:
            data = path.read_bytes()
            expected = path.with_name(path.name + SUM).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            if path.exists():  # an entry without a readable checksum cannot be trusted
                self._discard(name)
            return None
        if checksum(data) != expected:
            self._discard(name)
            return None
        self.used.add(name)
        return data

    def has(self, name: str) -> bool:
        """Whether the entry is there and whole (it is read and checked)."""
        return self.read(name) is not None

    def write(self, name: str, data: bytes) -> Path:
        """Store an entry: the data first, then its checksum, each atomically."""
        path = self.path(name)
        atomic_write(path, data)
        atomic_write(path.with_name(path.name + SUM), checksum(data).encode("ascii"))
        self.used.add(name)
        return path

    def get(self, name: str, make: Callable[[], bytes]) -> bytes:
        data = self.read(name)
        if data is None:
            data = make()
            self.write(name, data)
        return data

    def prune(self, names: Iterable[str] | None = None, *, older_than_days: float = 0) -> None:
        """Remove entries this run did not use (of `names`, or of the whole folder), keeping those
        another build (the preview, another site address) used in the last `older_than_days`."""
        if names is None:
            names = [p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*")
                     if p.is_file() and not p.name.endswith(SUM)] if self.folder.is_dir() else []
        limit = time.time() - older_than_days * 86400
        for name in self.used:  # their age is now the time of their last use
            self.touch(name)
        for name in names:
            if name in self.used:
                continue
            try:
                if self.path(name).stat().st_mtime < limit:
                    self._discard(name, damaged=False)
            except OSError:
                pass

    def touch(self, name: str) -> None:
        """Mark an entry as still in use (for pruning by age)."""
        try:
            os.utime(self.path(name))
        except OSError:
            pass

    def _discard(self, name: str, damaged: bool = True) -> None:
        if damaged:
            self.damaged.append(name)
        path = self.path(name)
        path.unlink(missing_ok=True)
        path.with_name(path.name + SUM).unlink(missing_ok=True)


class Records:
    """Many small entries in one file of a cache: loaded at once, and saved (atomically, with its
    checksum) holding only the entries this build used. With no cache, they live in memory only."""

    def __init__(self, cache: Cache | None, name: str = "", *, codec: str = "json") -> None:
        self.cache, self.name = cache, name
        self.codec = codec
        self.stored: dict[str, Any] = {}   # on disk, or made ahead
        self.used: dict[str, Any] = {}
        self.saved: set[str] = set()       # the keys the file holds
        raw = cache.read(name) if cache is not None else None
        if raw is not None:
            try:
                loaded = json.loads(raw) if codec == "json" else pickle.loads(raw)
                if isinstance(loaded, dict):
                    self.stored = loaded
            except Exception:  # noqa: BLE001 - whole but unreadable (another version): made again
                self.stored = {}
        self.saved = set(self.stored)

    def __contains__(self, key: str) -> bool:
        return key in self.stored or key in self.used

    def lookup(self, key: str) -> Any:
        value = self.used.get(key, self.stored.get(key))
        if value is not None:
            self.used[key] = value
        return value

    def offer(self, entries: dict[str, Any]) -> None:
        """Entries made ahead (in a worker process): kept only if this build asks for them."""
        self.stored.update(entries)

    def put(self, key: str, value: Any) -> Any:
        self.used[key] = value
        return value

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        value = self.lookup(key)
        return self.put(key, make()) if value is None else value

    def save(self) -> None:
        if self.cache is None or self.used.keys() == self.saved:
            return
        data = (json.dumps(self.used, ensure_ascii=False).encode("utf-8") if self.codec == "json"
                else pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        self.cache.write(self.name, data)
        self.stored, self.saved = dict(self.used), set(self.used)


class Memo:
    """What was made from a text, while the text stays the same: the preview reloads the whole site
    after every edit, and most files did not change. Keyed by the text itself, so no edit is missed."""

    def __init__(self) -> None:
        self.entries: dict[object, tuple[str, Any]] = {}

    def lookup(self, key: object, text: str) -> Any:
        hit = self.entries.get(key)
        return hit[1] if hit is not None and hit[0] == text else None

    def store(self, key: object, text: str, value: Any) -> None:
        self.entries[key] = (text, value)


class Remembered:
    """The last thing made and the inputs it was made from: made again only when they changed.
    Inputs of None (a full build, which runs once) always make it."""

    def __init__(self) -> None:
        self.inputs: object = None
        self.value: object = None

    def get(self, inputs: object, make):
        if inputs is None or inputs != self.inputs:
            self.value, self.inputs = make(), inputs
        return self.value
