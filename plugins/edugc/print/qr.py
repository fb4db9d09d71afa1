"""QR codes that carry an article's web address onto paper."""
from __future__ import annotations

import html

import segno


def qr_svg(url: str, label: str, *, scale: int = 4) -> str:
    """Inline SVG (no data: URI, no extra file); black on white for any office printer."""
    qr = segno.make_qr(url, error="m")
    svg = qr.svg_inline(scale=scale, dark="#000", light="#fff", border=4, omitsize=True,
                        svgclass="gc-qr", title=label)
    # Screen readers read the label (an SVG has no alt); the stylesheet sets the printed size.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)
