"""Korean fonts from the project's own set-up (never downloaded at build time).

One place answers "which Korean font file do we draw with?" for print, PDFs and share cards.
"""
from __future__ import annotations

from pathlib import Path

from ..npm import CACHE

# Searched in order: fonts the project's set-up installs, then Debian's fonts-nanum.
CANDIDATES = {
    "regular": [CACHE / "fonts/PretendardGOV-Regular.ttf", CACHE / "fonts/PretendardGOV-Regular.otf",
                Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")],
    "bold": [CACHE / "fonts/PretendardGOV-Bold.ttf", CACHE / "fonts/PretendardGOV-Bold.otf",
             Path("/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf")],
}


def korean_font(weight: str = "regular") -> Path | None:
    """Path of a font that covers Hangul, or None (callers then skip their output and say so)."""
    for path in CANDIDATES[weight]:
        if path.exists():
            return path
    return None
