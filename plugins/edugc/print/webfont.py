"""A font file Chromium accepts as a web font, and whose PDF text copies out right.

Chromium runs every web font through its sanitizer (OTS), which rejects Debian's NanumGothic.ttf
outright ("TSI3: zero-length table"): the file still carries the empty source tables of the hinting
tool that made it. Those tables do nothing when drawing, so we copy the font without them.

The same font maps the control characters U+0001..U+001F to its space glyph; Chromium's PDF writer
then says that glyph means U+0001, so every space in a PDF's text (copy, search, screen readers)
became \x01. We unmap the control characters: no text ever draws them.
"""
from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError

from ..cache import Cache, code_of

# Cached copies are named by this module's code too: a fix here reaches every kept cache.
_CODE = code_of(__file__)
# Visual TrueType's private source tables: never read by a renderer.
DROPPED = {"TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "TSIV", "TSIP", "TSID", "TSIJ", "TSIB", "TSIC"}


def web_safe_font(data: bytes) -> bytes:
    """The same sfnt (TrueType or CFF) font without the tables a web-font sanitizer refuses and with no
    glyph for the control characters; fontTools writes the table directory and checksums."""
    try:
        # lazy: the tables we do not touch are written back as they were read, bounding boxes and
        # the modification time too (the same source always gives the same bytes).
        font = TTFont(io.BytesIO(data), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    except TTLibError:
        raise ValueError("TrueType/OpenType 글꼴 파일이 아닙니다") from None
    for tag in DROPPED & set(font.keys()):
        del font[tag]
    if "cmap" in font:
        for table in font["cmap"].tables:
            if table.isUnicode() and hasattr(table, "cmap"):
                for code in range(0x20):
                    table.cmap.pop(code, None)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def copy_web_font(source: Path, target: Path, cache_dir: Path | None = None) -> None:
    """Write the web-safe copy unless an identical one is already there (keeps rebuilds cheap).

    Rewriting a 4 MB font cost ~0.3 s of every build: the copy is kept in cache_dir under the
    source's name, size and time, and made again only when the system font changes."""
    stat = source.stat()
    name = f"{source.stem}-{stat.st_size}-{stat.st_mtime_ns}-{_CODE}{source.suffix}"
    if cache_dir is not None:
        store = Cache(cache_dir)
        data = store.get(name, lambda: web_safe_font(source.read_bytes()))
        store.prune([p.name for p in cache_dir.glob(f"{source.stem}-*{source.suffix}")])  # older copies
    else:
        data = web_safe_font(source.read_bytes())
    if not target.exists() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
