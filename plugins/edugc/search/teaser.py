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
BOILERPLATE_SEEN = 4    # of which the first few are compared across pages (a template's notice is on top)

_TAG_RE = re.compile(r"<[^>]+>")
_BLOCK_TAG = re.compile(r"</?(p|li|ol|ul|pre)\b", re.I)
_OPEN = re.compile(r"<(p|li)\b", re.I)
_CLOSE = re.compile(r"</(p|li)\b", re.I)
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?:[.?!…]|[다요까죠]\W*)$")


def blocks(fragment: str):
    """(text, is running text) of each paragraph, list item and bare run of a Material index fragment,
    in order (a generator: a snippet needs only the first few)."""
    depth, buf, at = 0, [], 0
    fragment = fragment or ""
    for tag in _TAG_RE.finditer(fragment):
        buf.append(fragment[at:tag.start()])
        at = tag.end()
        piece = tag.group()
        if _BLOCK_TAG.match(piece):
            text = _SPACE.sub(" ", html.unescape("".join(buf))).strip()
            if text:
                yield text, depth > 0
            buf.clear()
            if _OPEN.match(piece):
                depth += 1
            elif _CLOSE.match(piece):
                depth = max(0, depth - 1)
        elif piece.lower().startswith("<br"):
            buf.append(" ")        # other inline tags join their words
    buf.append(fragment[at:])
    text = _SPACE.sub(" ", html.unescape("".join(buf))).strip()
    if text:
        yield text, depth > 0


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
    return len(text) >= 12 and bool(_SENTENCE_END.search(text))


def _enough(texts) -> list[str]:
    """Paragraphs in order until they fill a snippet."""
    out, size = [], 0
    for text in texts:
        out.append(text)
        size += len(text) + 3
        if size > SNIPPET:
            break
    return out


class Teasers:
    """Snippets of every document of one index build."""

    def __init__(self, records: list[tuple[str, str, str]], facts: SiteFacts | None):
        self.records = records
        self.facts = facts
        self.parsed: dict[int, list[tuple[str, str]]] = {}
        self.sources: dict[str, str] = {}   # squashed page sources, made once each
        self.pool = "\n".join(squash(line) for line in facts.pool.split("\n")) if facts else ""
        self.repeated: set[str] = set()
        if facts is None:   # only the third kind of trust needs to know what repeats across pages
            pages: dict[str, set[str]] = {}
            for i, (location, _, _) in enumerate(records):
                page = location.split("#")[0]
                for _, key in self._blocks(i)[:BOILERPLATE_SEEN]:
                    pages.setdefault(key, set()).add(page)
            self.repeated = {key for key, where in pages.items() if len(where) >= BOILERPLATE_PAGES}

    def _blocks(self, i: int) -> list[tuple[str, str]]:
        """Document i's first paragraphs and list items (a snippet never needs more), with the letters
        they compare by; parsed once, and only as far as needed."""
        hit = self.parsed.get(i)
        if hit is None:
            hit = self.parsed[i] = []
            size = 0
            for block, running in blocks(self.records[i][2]):
                key = squash(block, markup=False) if running else ""
                if len(key) >= MIN_SQUASHED:
                    hit.append((block, key))
                    size += len(block)
                    if len(hit) == BLOCKS_CONSIDERED or size > 3 * SNIPPET:
                        break
        return hit

    def _trusted(self, i: int, page: PageFacts | None) -> list[str]:
        found = self._blocks(i)
        if self.facts is None:
            found = [(text, key) for text, key in found if key not in self.repeated]
            return _enough(text for text, _ in found if sentence_like(text)) or [text for text, _ in found]
        source = self._source(page)
        own = _enough(text for text, key in found if source and key in source)
        return own or _enough(text for text, key in found if key in self.pool)

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
