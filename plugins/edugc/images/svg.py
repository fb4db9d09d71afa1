"""SVG pictures are published as written, unless they could run script or fetch from elsewhere."""
from __future__ import annotations

from pathlib import Path

from ..model.svg import FIX, svg_problems
from .process import ImageError


def check_svg(path: Path, shown: str) -> None:
    """Refuse (ImageError, naming the first line at fault) an SVG that may not be published."""
    problems = svg_problems(Path(path).read_bytes())
    if problems:
        line, message = problems[0]
        more = f" 외 {len(problems) - 1}곳" if len(problems) > 1 else ""
        raise ImageError(f"{shown}:{line}", f"SVG를 게시할 수 없습니다: {message}{more}", FIX)
