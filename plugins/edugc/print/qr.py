"""QR codes that carry an article's web address onto paper.

A code costs about 10 ms (segno tries all eight masks), so 720 articles cost seconds: `QrCache`
keeps them by address and label between builds, and `start` draws the missing ones in a worker
process while the engine renders pages on the other core.
"""
from __future__ import annotations

import hashlib
import html
import json
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import segno


def qr_svg(url: str, label: str, *, scale: int = 4) -> str:
    """Inline SVG (no data: URI, no extra file); black on white for any office printer."""
    qr = segno.make_qr(url, error="m")
    svg = qr.svg_inline(scale=scale, dark="#000", light="#fff", border=4, omitsize=True,
                        svgclass="gc-qr", title=label)
    # Screen readers read the label (an SVG has no alt); the stylesheet sets the printed size.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def _key(url: str, label: str) -> str:
    return hashlib.sha1(f"{url}\0{label}".encode()).hexdigest()


def _draw_all(pairs: list[tuple[str, str]]) -> dict[str, str]:
    return {_key(url, label): qr_svg(url, label) for url, label in pairs}


class QrCache:
    """SVGs by (address, label), kept in one JSON file; entries unused in a build are dropped on save."""

    def __init__(self, path: Path | None):
        self.path = path
        self.stored: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.pending: Future | None = None
        self.pool: ProcessPoolExecutor | None = None
        if path is not None and path.exists():
            try:
                self.stored = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                self.stored = {}

    def start(self, pairs: list[tuple[str, str]]) -> None:
        """Draw the codes not cached yet in a worker process (the second core), if there are many."""
        missing = list({_key(u, lab): (u, lab) for u, lab in pairs if _key(u, lab) not in self.stored}.values())
        if len(missing) < 20:
            return
        try:
            self.pool = ProcessPoolExecutor(max_workers=1)
            self.pending = self.pool.submit(_draw_all, missing)
        except (OSError, RuntimeError):  # no processes here: drawn on demand instead
            self.pool = self.pending = None

    def svg(self, url: str, label: str) -> str:
        if self.pending is not None:
            try:
                self.stored.update(self.pending.result())
            except Exception:  # a broken worker: draw here instead
                pass
            self.close()
        key = _key(url, label)
        found = self.stored.get(key)
        if found is None:
            found = self.stored[key] = qr_svg(url, label)
        self.used[key] = found
        return found

    def close(self) -> None:
        self.pending = None
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def save(self) -> None:
        self.close()
        if self.path is None:
            return
        self.stored = dict(self.used)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.used, ensure_ascii=False), encoding="utf-8")
