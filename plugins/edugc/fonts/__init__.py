"""Korean fonts from the project's own set-up (never downloaded at build time).

One place answers "which Korean font file do we draw with?" for print, PDFs and share cards.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# Searched in order: fonts the project's set-up installs, then Debian's fonts-nanum.
CANDIDATES = {
    "regular": [ROOT / ".cache/fonts/PretendardGOV-Regular.ttf", ROOT / ".cache/fonts/PretendardGOV-Regular.otf",
                Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")],
    "bold": [ROOT / ".cache/fonts/PretendardGOV-Bold.ttf", ROOT / ".cache/fonts/PretendardGOV-Bold.otf",
             Path("/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf")],
}


def korean_font(weight: str = "regular") -> Path | None:
    """Path of a font that covers Hangul, or None (callers then skip their output and say so)."""
    for path in CANDIDATES[weight]:
        if path.exists():
            return path
    return None
