"""Text for 문자 (SMS and LMS): only characters of EUC-KR, counted in its bytes.

Korean carriers count a 문자 in EUC-KR (KS X 1001): a Hangul syllable or a symbol is 2 bytes, ASCII
1; an SMS holds 90 bytes, an LMS 2,000. A character outside it (most emoji, the 8,822 Hangul
syllables KS X 1001 lacks such as '똠', some dashes) cannot be sent by most gateways, so it never
reaches sms.txt or lms.txt: a look-alike replaces it where one exists, otherwise it is left out and
the staff are told which one.
"""
from __future__ import annotations

import unicodedata

SMS_BYTES = 90
LMS_BYTES = 2000
ELLIPSIS = "…"  # in KS X 1001 (A1A6)

LOOKALIKES = {
    "\u2014": "-", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u2022": "·", "\u2027": "·", "\u30fb": "·", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\u200b": "", "\ufeff": "", "\t": " ", "\r": "",
}


def fits(char: str) -> bool:
    """One or two bytes in EUC-KR. Python writes KS X 1001's 8-byte 'make-up' sequence for a syllable
    outside the 2,350; carriers do not take it, so it counts as outside."""
    try:
        return len(char.encode("euc-kr")) <= 2
    except UnicodeEncodeError:
        return False


def clean(text: str) -> tuple[str, list[str]]:
    """(text with only EUC-KR characters, the characters left out in order of first appearance)."""
    out: list[str] = []
    dropped: list[str] = []
    after_gap = False
    for char in unicodedata.normalize("NFC", text):
        char = LOOKALIKES.get(char, char)
        if all(fits(c) for c in char):
            if not (after_gap and char == " " and (not out or out[-1] in " \n")):
                out.append(char)  # '🎉 제목' loses the emoji and the space it leaves behind
            after_gap = False
        else:
            after_gap = True
            if char not in dropped:
                dropped.append(char)
    return "".join(out), dropped


def size(text: str) -> int:
    """Bytes of ``text`` in EUC-KR (every character must fit: see clean)."""
    return len(text.encode("euc-kr"))


def cut(text: str, budget: int) -> str:
    """The longest start of ``text`` within ``budget`` bytes, ending in '…' when cut."""
    if size(text) <= budget:
        return text
    room = budget - size(ELLIPSIS)
    out, used = [], 0
    for char in text:
        used += size(char)
        if used > room:
            break
        out.append(char)
    return "".join(out).rstrip(" ,·:-") + ELLIPSIS if room > 0 else ""
