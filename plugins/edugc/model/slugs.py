"""Short, stable ASCII addresses, even for Korean file names.

A Hangul file name is romanised syllable by syllable (Revised Romanization, without the sound
changes across syllables), so a link pasted into KakaoTalk or printed as a QR code stays readable
instead of becoming percent-encoded Hangul. NFD names (as macOS writes them) are normalised first.
"""
from __future__ import annotations

import re
import unicodedata

_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_MEDIAL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
           "wi", "yu", "eu", "ui", "i"]
_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
          "t", "t", "ng", "t", "t", "k", "t", "p", "t"]


def romanise(text: str) -> str:
    out = []
    for char in unicodedata.normalize("NFC", text):
        code = ord(char) - 0xAC00
        if 0 <= code < 11172:
            initial, rest = divmod(code, 588)
            medial, final = divmod(rest, 28)
            out.append(_INITIAL[initial] + _MEDIAL[medial] + _FINAL[final])
        else:
            out.append(char)
    return "".join(out)


def slugify(text: str) -> str:
    """'고교학점제 안내' -> 'gogyohakjeomje-annae'; 'Susi_Guide' -> 'susi-guide'."""
    text = romanise(text).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "page"
