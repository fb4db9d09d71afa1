"""A parent's word for a thing is often not the page's word for it (생기부 for 학생부, 견학 for 탐방).

The map the browser uses is made at build time from two sources, and keeps only words the site uses:
  - synonyms.yml: everyday words and the words sites like this one use for the same thing;
  - the site's own vocabulary: a term the text explains in parentheses reaches the other way too
    ("대학수학능력시험(수능)", "학생부종합전형(줄여서 '학종')", "SW(소프트웨어)").
The browser looks a query word up (and its forms without particles and endings) and counts the site's
words it finds as that query word, a little lower than the word itself.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from .analyse import normalise

# 학교생활기록부(학생부), 학생부종합전형(줄여서 '학종'): a term of two to twelve letters, then another
# of two to ten in parentheses (numbers, dates and places in parentheses are not names).
_ALIAS = re.compile(r"([가-힣A-Za-z]{2,12})\((?:줄여서\s*)?['‘\"“]?([가-힣A-Za-z]{2,10})['’\"”]?\)")


def curated_text() -> str:
    """synonyms.yml as it is now (the cache of whole indexes is keyed by it)."""
    return resources.files(__package__).joinpath("synonyms.yml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def curated() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(curated_text()) or {}
    return {normalise(str(k)): tuple(normalise(str(v)).replace(" ", "") for v in vs) for k, vs in data.items()}


def aliases(texts) -> dict[str, set[str]]:
    """Terms the site's text explains in parentheses, both ways."""
    out: dict[str, set[str]] = {}
    for text in texts:
        for long, short in _ALIAS.findall(text):
            long, short = normalise(long), normalise(short)
            if long != short:
                out.setdefault(long, set()).add(short)
                out.setdefault(short, set()).add(long)
    return out


def synonym_map(texts, tokens) -> dict[str, list[str]]:
    """Everyday word → the site's tokens for it, for the manifest (only tokens the index has)."""
    merged: dict[str, set[str]] = {k: set(v) for k, v in aliases(texts).items()}
    for word, targets in curated().items():
        merged.setdefault(word, set()).update(targets)
    out = {}
    for word, targets in sorted(merged.items()):
        kept = sorted(t for t in targets if t != word and t in tokens)
        if kept:
            out[word] = kept
    return out
