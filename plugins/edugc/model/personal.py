"""Finding personal numbers the way people really write them.

A resident registration number (주민등록번호) or a personal mobile number never reaches the site,
however it is typed: with hyphens, dots, spaces or nothing between the groups, across a line break,
in full-width digits (０１０), with the international prefix (+82 10-..., 0082-10-...), or with
markup between the digits (an HTML tag, a comment, an entity such as &#48;, Markdown emphasis,
an SVG <tspan>). The text is first flattened: markup removed, entities decoded, Unicode NFKC;
then digit groups separated only by such gaps are read as one number, and a number counts only
when it starts and ends on a group boundary (a date followed by a phone number is not one number).
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

_MARKUP = re.compile(r"<!--.*?(?:-->|\Z)|<[A-Za-z/!?][^<>]*>|&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,31});?",
                     re.S)
# What people put between digit groups (after NFKC): spaces and line breaks, hyphens and dashes,
# dots, middle dots, slashes, brackets, Markdown's * _ ` ~, commas.
_GAP_CHARS = set(" \t\r\n\u00a0-‐‑‒–—―−﹘﹣.·・•/\\()[]{}*_`~,:|'\"") | {"\u200b", "\u200c", "\u200d", "\ufeff"}
_MAX_GAP = 6         # separator characters between two groups of one number
_RRN_RE = re.compile(r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[1-8]\d{6}")
_MOBILE_RE = re.compile(r"(?:0|82|0082|00182|00282|00582|00682|00882)?1[016789]\d{7,8}")


@dataclass(frozen=True)
class Finding:
    kind: str        # "rrn" (주민등록번호) or "mobile" (휴대전화)
    digits: str      # as dialled in Korea: 010..., for comparing with the allowlist
    shown: str       # the text as written, for the editor
    line: int        # 1-based line in the original text


def flatten(text: str) -> tuple[str, list[int]]:
    """Text without markup, entities decoded, NFKC; and for every character its offset in ``text``."""
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for match in _MARKUP.finditer(text):
        _emit(text[pos:match.start()], pos, out, where)
        token = match.group(0)
        if token.startswith("&"):
            decoded = html.unescape(token)
            if decoded != token:
                _emit(decoded, match.start(), out, where, same_place=True)
            else:
                _emit(token, match.start(), out, where)
        pos = match.end()
    _emit(text[pos:], pos, out, where)
    return "".join(out), where


def _emit(chunk: str, start: int, out: list[str], where: list[int], same_place: bool = False) -> None:
    for offset, char in enumerate(chunk):
        normal = unicodedata.normalize("NFKC", char) if ord(char) > 127 else char
        for piece in normal:
            out.append(piece)
            where.append(start if same_place else start + offset)


def _groups(flat: str) -> list[list[tuple[int, int]]]:
    """Runs of digit groups joined only by gaps: [[(start, end), ...], ...] in ``flat``."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    index, size = 0, len(flat)
    while index < size:
        if flat[index].isdigit() and flat[index].isascii():
            start = index
            while index < size and flat[index].isdigit() and flat[index].isascii():
                index += 1
            current.append((start, index))
            gap = index
            while gap < size and flat[gap] in _GAP_CHARS and gap - index <= _MAX_GAP:
                gap += 1
            if gap < size and flat[gap].isdigit() and flat[gap].isascii() and gap - index <= _MAX_GAP:
                index = gap
                continue
            runs.append(current)
            current = []
            index = gap if gap > index else index + 1
        else:
            index += 1
    if current:
        runs.append(current)
    return runs


_ATTRIBUTE_VALUE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")


def find_personal_numbers(text: str) -> list[Finding]:
    findings = _find(text)
    # Tags are read through (010<b>1234</b>5678 is one number), so their attribute values
    # (href="tel:010...", data-phone=...) are read on their own.
    for tag in _MARKUP.finditer(text):
        if tag.group(0).startswith("<") and "=" in tag.group(0):
            line = text.count("\n", 0, tag.start())
            for value in _ATTRIBUTE_VALUE.finditer(tag.group(0)):
                for found in _find(next(v for v in value.groups() if v is not None)):
                    findings.append(Finding(found.kind, found.digits, found.shown, found.line + line))
    return findings


def _find(text: str) -> list[Finding]:
    flat, where = flatten(text)
    findings: list[Finding] = []
    for run in _groups(flat):
        digits_at: list[str] = [flat[s:e] for s, e in run]
        taken_until = -1
        for first in range(len(run)):
            if first <= taken_until:
                continue
            joined = ""
            for last in range(first, len(run)):
                joined += digits_at[last]
                if len(joined) > 16:
                    break
                kind = _kind(joined, [len(d) for d in digits_at[first:last + 1]])
                if kind is None:
                    continue
                start, end = run[first][0], run[last][1]
                dialled = _as_dialled(joined) if kind == "mobile" else joined
                original = text[where[start]: where[end - 1] + 1]
                findings.append(Finding(kind, dialled, " ".join(original.split()), text.count("\n", 0, where[start]) + 1))
                taken_until = last
                break
    return findings


def _kind(digits: str, sizes: list[int]) -> str | None:
    """What the digits are, if their groups are laid out as that kind of number is written."""
    if len(digits) == 13 and _RRN_RE.fullmatch(digits):
        # 900101-1234567, or written in one piece: the birth date ends a group
        if len(sizes) == 1 or sizes[0] == 6 or (len(sizes) > 1 and sum(sizes[:-1]) == 6):
            return "rrn"
    if _MOBILE_RE.fullmatch(digits):
        national = _as_dialled(digits)
        # A phone number ends in four digits: 010-1234-5678, 010 123 4567, +82 10 1234 5678. Dates
        # and ranges (2026.01.16 ~ 2026.01.20) run into ten digits too, but do not end so.
        if national.startswith("01") and len(national) in (10, 11) and (len(sizes) == 1 or sizes[-1] == 4):
            return "mobile"
    return None


def _as_dialled(digits: str) -> str:
    """'821012345678' and '00821012345678' -> '01012345678'."""
    for prefix in ("00182", "00282", "00582", "00682", "00882", "0082", "82"):
        if digits.startswith(prefix) and digits[len(prefix):].startswith("1"):
            return "0" + digits[len(prefix):]
    return digits


def digits_of(number: str) -> str:
    """An allowlisted number as dialled: '+82 10-9999-0000' -> '01099990000'."""
    return _as_dialled(re.sub(r"\D", "", unicodedata.normalize("NFKC", number)))
