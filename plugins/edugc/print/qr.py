"""QR codes that carry an article's web address onto paper.

A code costs about 10 ms (segno tries all eight masks), so 720 articles cost seconds: `QrCache`
keeps them by address and label between builds, and `start` draws the missing ones in a worker
process while the engine renders pages on the other core.
"""
from __future__ import annotations

import html
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import segno

from ..cache import Cache, Records, code_of, key_of

CODE = code_of(__file__) + segno.__version__  # a code drawn by another version of this is drawn again


def qr_svg(url: str, label: str, *, scale: int = 4) -> str:
    """Inline SVG (no data: URI, no extra file); black on white for any office printer."""
    qr = segno.make_qr(url, error="m")
    svg = qr.svg_inline(scale=scale, dark="#000", light="#fff", border=4, omitsize=True,
                        svgclass="gc-qr", title=label)
    # Screen readers read the label (an SVG has no alt); the stylesheet sets the printed size.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def _key(url: str, label: str) -> str:
    return key_of(CODE, url, label)


def _draw_all(pairs: list[tuple[str, str]]) -> dict[str, str]:
    return {_key(url, label): qr_svg(url, label) for url, label in pairs}


class QrCache:
    """SVGs by (address, label), kept in one JSON file; entries unused in a build are dropped on save."""

    def __init__(self, path: Path | None):
        self.records = Records(Cache(path.parent) if path else None, path.name if path else "")
        self.pending: Future | None = None
        self.pool: ProcessPoolExecutor | None = None

    def start(self, pairs: list[tuple[str, str]]) -> None:
        """Draw the codes not cached yet in a worker process (the second core), if there are many."""
        missing = list({_key(u, lab): (u, lab) for u, lab in pairs if _key(u, lab) not in self.records}.values())
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
                self.records.offer(self.pending.result())
            except Exception:  # a broken worker: draw here instead
                pass
            self.close()
        return self.records.get(_key(url, label), lambda: qr_svg(url, label))

    def close(self) -> None:
        self.pending = None
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def save(self) -> None:
        self.close()
        self.records.save()
