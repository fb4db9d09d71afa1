"""A font file Chromium accepts as a web font, and whose PDF text copies out right.

Chromium runs every web font through its sanitizer (OTS), which rejects Debian's NanumGothic.ttf
outright ("TSI3: zero-length table"): the file still carries the empty source tables of the hinting
tool that made it. Those tables do nothing when drawing, so we copy the font without them.

The same font maps the control characters U+0001..U+001F to its space glyph; Chromium's PDF writer
then says that glyph means U+0001, so every space in a PDF's text (copy, search, screen readers)
became \x01. We unmap the control characters: no text ever draws them.
"""
from __future__ import annotations

import hashlib
import struct
from pathlib import Path

# Cached copies are named by this module's code too: a fix here reaches every kept cache.
_CODE = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:8]
# Visual TrueType's private source tables: never read by a renderer.
DROPPED = {b"TSI0", b"TSI1", b"TSI2", b"TSI3", b"TSI5", b"TSIV", b"TSIP", b"TSID", b"TSIJ", b"TSIB", b"TSIC"}


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}L", data)) & 0xFFFFFFFF


def web_safe_font(data: bytes) -> bytes:
    """The same sfnt (TrueType or CFF) font without the tables a web-font sanitizer refuses."""
    version, count = struct.unpack(">4sH", data[:6])
    if version not in (b"\0\1\0\0", b"OTTO", b"true"):
        raise ValueError("TrueType/OpenType 글꼴 파일이 아닙니다")
    tables = {}
    for index in range(count):
        tag, _, offset, length = struct.unpack(">4sLLL", data[12 + 16 * index: 28 + 16 * index])
        if tag not in DROPPED:
            tables[tag] = data[offset: offset + length]
    if b"cmap" in tables:
        tables[b"cmap"] = _without_control_characters(tables[b"cmap"])
    if b"head" in tables:
        head = tables[b"head"]
        tables[b"head"] = head[:8] + b"\0\0\0\0" + head[12:]  # checkSumAdjustment, set below
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">4sHHHH", version, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    records, body = [], []
    offset = 12 + 16 * count
    for tag in sorted(tables):
        table = tables[tag]
        records.append(struct.pack(">4sLLL", tag, _checksum(table), offset, len(table)))
        body.append(table + b"\0" * (-len(table) % 4))
        offset += len(body[-1])
    font = bytearray(header + b"".join(records) + b"".join(body))
    if b"head" in tables:
        adjust = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
        start = 12 + 16 * count + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in sorted(tables) if t < b"head")
        font[start + 8: start + 12] = struct.pack(">L", adjust)
    return bytes(font)


def _without_control_characters(cmap: bytes) -> bytes:
    """Point U+0000..U+001F at no glyph in every format-4 subtable that maps them through its array."""
    table = bytearray(cmap)
    count = struct.unpack(">H", cmap[2:4])[0]
    for index in range(count):
        start_of = struct.unpack(">L", cmap[8 + 8 * index: 12 + 8 * index])[0]
        if struct.unpack(">H", cmap[start_of: start_of + 2])[0] != 4:
            continue
        segments = struct.unpack(">H", cmap[start_of + 6: start_of + 8])[0] // 2
        ends_at = start_of + 14
        starts_at = ends_at + 2 * segments + 2
        offsets_at = starts_at + 4 * segments
        for seg in range(segments):
            first, last = (struct.unpack(">H", cmap[at + 2 * seg: at + 2 * seg + 2])[0] for at in (starts_at, ends_at))
            offset = struct.unpack(">H", cmap[offsets_at + 2 * seg: offsets_at + 2 * seg + 2])[0]
            if first >= 0x20 or offset == 0:
                continue
            for code in range(first, min(last, 0x1F) + 1):
                at = offsets_at + 2 * seg + offset + 2 * (code - first)
                table[at: at + 2] = b"\0\0"
    return bytes(table)


def copy_web_font(source: Path, target: Path, cache_dir: Path | None = None) -> None:
    """Write the web-safe copy unless an identical one is already there (keeps rebuilds cheap).

    Rewriting a 4 MB font cost ~0.3 s of every build: the copy is kept in cache_dir under the
    source's name, size and time, and made again only when the system font changes."""
    stat = source.stat()
    name = f"{source.stem}-{stat.st_size}-{stat.st_mtime_ns}-{_CODE}{source.suffix}"
    cached = cache_dir / name if cache_dir else None
    if cached is not None and cached.exists():
        data = cached.read_bytes()
    else:
        data = web_safe_font(source.read_bytes())
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            for old in cached.parent.glob(f"{source.stem}-*{source.suffix}"):
                old.unlink()
            partial = cached.with_suffix(".part")  # an interrupted build never leaves half a font behind
            partial.write_bytes(data)
            partial.replace(cached)
    if not target.exists() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
