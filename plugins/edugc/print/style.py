"""The colours of paper, from the KRDS tokens the site is drawn with (never retyped by hand).

Colour marks identity (the navy nameplate, blue rules and labels) and the kind of a box, never a
meaning alone: every label is also a word or a shape. Office printers print in grey, so every text
colour is held to WCAG AA against the ground it is printed on: contrast of luminance is exactly
what survives a black-and-white printout.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..theme import Tokens, ratio

# CSS variable -> KRDS semantic role (light mode: paper is white).
COLOURS: dict[str, str] = {
    "--p-paper": "surface.white",
    "--p-ink": "text.basic",
    "--p-ink-strong": "text.bolder",
    "--p-subtle": "text.subtle",
    "--p-brand": "element.secondary",          # nameplate band, back page band
    "--p-heading": "text.secondary",           # article titles
    "--p-on-brand": "text.inverse-static",     # words on the band
    "--p-accent": "text.primary",              # category labels, pull quotes
    "--p-rule": "border.primary",              # rules under headers
    "--p-line": "border.gray-dark",            # table and box lines
    "--p-line-light": "border.gray-light",
    "--p-tint": "surface.primary-subtler",     # boxes, contents
    "--p-tint-gray": "surface.gray-subtler",   # table heads
    "--p-tip": "text.success",
    "--p-tip-line": "border.success",
    "--p-tip-tint": "surface.success-subtler",
    "--p-note": "text.primary",
    "--p-note-line": "border.primary",
    "--p-warn": "text.warning",                # the 예시 label
    "--p-warn-line": "border.warning",
    "--p-warn-tint": "surface.warning-subtler",
    "--p-danger": "text.danger",
    "--p-danger-line": "border.danger",
    "--p-danger-tint": "surface.danger-subtler",
    "--p-point": "text.point",                 # the poster's deadline
}


@dataclass(frozen=True)
class Pair:
    fg: str
    bg: str
    where: str


# Every text colour on every ground the print stylesheets use it on.
TEXT_PAIRS: tuple[Pair, ...] = (
    Pair("--p-ink", "--p-paper", "본문"),
    Pair("--p-subtle", "--p-paper", "날짜·글쓴이"),
    Pair("--p-heading", "--p-paper", "기사 제목"),
    Pair("--p-accent", "--p-paper", "분류·뽑은 글"),
    Pair("--p-on-brand", "--p-brand", "제호 띠의 글"),
    Pair("--p-ink", "--p-tint", "차례·상자 안 글"),
    Pair("--p-accent", "--p-tint", "상자 안 분류"),
    Pair("--p-heading", "--p-tint", "상자 안 제목"),
    Pair("--p-ink", "--p-tint-gray", "표 머리"),
    Pair("--p-tip", "--p-tip-tint", "도움말 상자 제목"),
    Pair("--p-ink", "--p-tip-tint", "도움말 상자 안 글"),
    Pair("--p-note", "--p-tint", "알림 상자 제목"),
    Pair("--p-warn", "--p-warn-tint", "예시 표시"),
    Pair("--p-ink", "--p-warn-tint", "예시 안내 글"),
    Pair("--p-danger", "--p-danger-tint", "주의 상자 제목"),
    Pair("--p-ink", "--p-danger-tint", "주의 상자 안 글"),
    Pair("--p-point", "--p-paper", "신청 마감"),
)


def palette(tokens: Tokens) -> dict[str, str]:
    return {name: tokens.color("light", role)[:7] for name, role in COLOURS.items()}


def failing_pairs(tokens: Tokens) -> list[str]:
    colours = palette(tokens)
    return [f"{p.where}: {p.fg} on {p.bg} = {ratio(colours[p.fg], colours[p.bg]):.2f}:1 < 4.5:1"
            for p in TEXT_PAIRS if ratio(colours[p.fg], colours[p.bg]) < 4.5]


@functools.lru_cache(maxsize=1)
def print_variables() -> str:
    """`:root { --p-ink: #1e2124; ... }` for the print stylesheets (tokens read once a process)."""
    tokens = Tokens.load()
    body = "".join(f"  {name}: {colour};\n" for name, colour in palette(tokens).items())
    return f"/* KRDS {tokens.version} 토큰에서 만든 인쇄용 색 */\n:root {{\n{body}}}\n"
