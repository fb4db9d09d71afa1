"""The snippet a result shows: running text the editor wrote, never a table's cells run together, the
theme's boilerplate or nothing at all.

Material's index keeps a section's paragraphs and list items as <p> and <li> and drops the tags of
everything else, so a table or a definition list arrives as bare words with their cells glued together
("분야학력향상 대상초등"). A snippet is made of paragraphs and list items only, in this order of trust:
  1. those whose words are in what the editor wrote for this page (facts.PageFacts.source);
  2. those that repeat a title or summary written elsewhere (the 다가오는 일정 of a program page, the
     articles of an issue), from facts.SiteFacts.pool;
  3. without facts (a plain Material site): those that do not repeat on three pages or more (a
     template's notice does), sentences first.
A page whose own top has none of these shows its summary, else its first section's snippet, else its
title: never an empty line under a result.
"""
from __future__ import annotations

import html
import re
from .facts import PageFacts, SiteFacts, squash

SNIPPET = 160          # characters: Material shows two or three lines
MIN_SQUASHED = 4       # a shorter paragraph ("예시", "인쇄판 보기" is longer) proves nothing by matching
BOILERPLATE_PAGES = 3  # a paragraph on this many pages is a template's
BLOCKS_CONSIDERED = 12  # paragraphs looked at per document: a snippet fills up long before

_PIECES = re.compile(r"(<[^>]+>)")
_BLOCK_TAG = re.compile(r"</?(p|li|ol|ul|pre)\b", re.I)
_OPEN = re.compile(r"<(p|li)\b", re.I)
_CLOSE = re.compile(r"</(p|li)\b", re.I)
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?:[.?!…]|[다요까죠]\W*)$")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def blocks(fragment: str) -> list[tuple[str, bool]]:
    """(text, is running text) of each paragraph, list item and bare run of a Material index fragment."""
    out: list[tuple[str, bool]] = []
    depth, buf = 0, []

    def flush():
        text = _SPACE.sub(" ", html.unescape("".join(buf))).strip()
        if text:
            out.append((text, depth > 0))
        buf.clear()

    for piece in _PIECES.split(fragment or ""):
        if not piece.startswith("<"):
            buf.append(piece)
        elif _BLOCK_TAG.match(piece):
            flush()
            if _OPEN.match(piece):
                depth += 1
            elif _CLOSE.match(piece):
                depth = max(0, depth - 1)
        else:
            buf.append(" " if piece.lower().startswith("<br") else "")   # inline tags join their words
    flush()
    return out


def cut(text: str, limit: int = SNIPPET) -> str:
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ", limit - 24)
    return (head[:space] if space > 0 else head).rstrip(" ,·") + "…"


def join(parts: list[str]) -> str:
    """Sentences follow each other; titles and short items are set apart by a middle dot."""
    out = ""
    for part in parts:
        if out:
            out += " " if _SENTENCE_END.search(out) else " · "
        out += part
        if len(out) > SNIPPET:
            break
    return cut(out)


def sentence_like(text: str) -> bool:
    return len(text) >= 12 and bool(_SENTENCE_END.search(text)) and (
        len(_HANGUL.findall(text)) >= 6 or not _HANGUL.search(text))


class Teasers:
    """Snippets of every document of one index build."""

    def __init__(self, records: list[tuple[str, str, str]], facts: SiteFacts | None):
        self.facts = facts
        # Each document's first paragraphs and list items (a snippet never needs more), with the
        # letters they compare by.
        self.parsed: list[list[tuple[str, str]]] = []
        for _, _, text in records:
            found = []
            for block, running in blocks(text):
                key = squash(block) if running else ""
                if len(key) >= MIN_SQUASHED:
                    found.append((block, key))
                    if len(found) == BLOCKS_CONSIDERED:
                        break
            self.parsed.append(found)
        self.sources: dict[str, str] = {}   # squashed page sources, made once each
        self.pool = "\n".join(squash(line) for line in facts.pool.split("\n")) if facts else ""
        self.repeated: set[str] = set()
        if facts is None:   # only the third kind of trust needs to know what repeats across pages
            pages: dict[str, set[str]] = {}
            for (location, _, _), found in zip(records, self.parsed):
                page = location.split("#")[0]
                for _, key in found:
                    pages.setdefault(key, set()).add(page)
            self.repeated = {key for key, where in pages.items() if len(where) >= BOILERPLATE_PAGES}

    def _trusted(self, i: int, page: PageFacts | None) -> list[str]:
        found = self.parsed[i]
        if self.facts is None:
            found = [(text, key) for text, key in found if key not in self.repeated]
            return [text for text, _ in found if sentence_like(text)] or [text for text, _ in found]
        source = self._source(page)
        own = [text for text, key in found if source and key in source]
        if own:
            return own
        return [text for text, key in found if key in self.pool]

    def _source(self, page: PageFacts | None) -> str:
        if page is None or not page.source:
            return ""
        hit = self.sources.get(page.source)
        if hit is None:
            hit = self.sources[page.source] = squash(page.source)
        return hit

    def of(self, i: int, location: str) -> str:
        """The snippet of document i (a section's may be empty: the page's own stands in for it)."""
        page = self.facts.page(location.split("#")[0]) if self.facts else None
        return join(self._trusted(i, page))

    def of_page(self, i: int, location: str, title: str, sections: range) -> str:
        """The snippet of page i's article (its sections follow it): never empty."""
        own = self.of(i, location)
        if own:
            return own
        page = self.facts.page(location) if self.facts else None
        if page is not None and page.summary:
            return cut(page.summary)
        for j in sections:
            text = self.of(j, location)
            if text:
                return text
        return title
