"""Short addresses for messages: /n/<N>/ for newsletter issue N, /p/<id>/ for a program.

A 문자 carries 90 bytes and a printed or spoken link must be easy to type, so every issue and
program also answers at a short address (a redirect page to its canonical page, published and
kept in data/published-urls.txt like every other address). The rule is this one function, with no
imports, so it can move into the site's addressing module as it is.
"""
from __future__ import annotations

ISSUE, PROGRAM = "n", "p"


def short_url(kind: str, key: int | str) -> str:
    """short_url('n', 3) -> 'n/3/'; short_url('p', 'parent-academy') -> 'p/parent-academy/'."""
    if kind not in (ISSUE, PROGRAM):
        raise ValueError(f"짧은 주소의 종류는 '{ISSUE}'(소식지) 또는 '{PROGRAM}'(프로그램)입니다: {kind!r}")
    return f"{kind}/{key}/"
