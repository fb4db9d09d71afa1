"""A font file Chromium accepts as a web font.

Chromium runs every web font through its sanitizer (OTS), which rejects Debian's NanumGothic.ttf
outright ("TSI3: zero-length table"): the file still carries the empty source tables of the hinting
tool that made it. Those tables do nothing when drawing, so we copy the font without them.
"""
from __future__ import annotations

import struct
from pathlib import Path

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
    if "head".encode() in tables:
        head = tables[b"head"]
        tables[b"head"] = head[:8] + b"\0\0\0\0" + head[12:]  # checkSumAdjustment, set below
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">4sHHHH", version, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    records, body = b"", b""
    offset = 12 + 16 * count
    for tag in sorted(tables):
        table = tables[tag]
        records += struct.pack(">4sLLL", tag, _checksum(table), offset + len(body), len(table))
        body += table + b"\0" * (-len(table) % 4)
    font = bytearray(header + records + body)
    if b"head" in tables:
        adjust = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
        start = 12 + 16 * count + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in sorted(tables) if t < b"head")
        font[start + 8: start + 12] = struct.pack(">L", adjust)
    return bytes(font)


def copy_web_font(source: Path, target: Path) -> None:
    """Write the web-safe copy unless an identical one is already there (keeps rebuilds cheap)."""
    data = web_safe_font(source.read_bytes())
    if not target.exists() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
