"""What a page links to, shows and can be linked to, read from a real Markdown render.

The same Python-Markdown extensions as the build (mkdocs.yml's list, with the engine's built-in
toc, tables and fenced_code) render each body; a tree processor then records every Markdown link
and picture, and every id a link may point at. Raw HTML is read for its pictures and ids too, the
way the engine and edugc/images read it. Regular expressions would miss reference-style links,
links inside md_in_html blocks and ids made by attr_list or toc.

The same extension runs inside the build: there it turns a link to a page that is not public yet
(a draft, or scheduled for later) into plain text with its 공개 예정 date, so time never breaks a
publish.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

# The engine always adds these to mkdocs.yml's list (MkDocs' MarkdownExtensions builtins).
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


@dataclass
class Extracted:
    """One page's render, reduced to what the checks need (kept in the check cache as JSON)."""

    links: list[tuple[str, int]] = field(default_factory=list)                # (href as written, line)
    images: list[tuple[str, str | None, int, bool]] = field(default_factory=list)  # (src, alt, line, raw HTML)
    anchors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"links": self.links, "images": self.images, "anchors": self.anchors}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Extracted":
        links = [(str(href), int(line)) for href, line in data["links"]]
        images = [(str(src), alt, int(line), bool(raw)) for src, alt, line, raw in data["images"]]
        return cls(links, images, list(data["anchors"]))


def target_src(page_src: str, path: str) -> str:
    """The source path a relative link points at, as the engine resolves it."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_src), unquote(path)).lstrip("/"))


def is_local(href: str) -> bool:
    """A relative link to something in this site (not external, not an address, not an e-mail)."""
    parts = urlsplit(href)
    return not (parts.scheme or parts.netloc or AMP_SUBSTITUTE in href)


class _Tree(Treeprocessor):
    """After toc and attr_list made their ids, before the engine rewrites links (priority 0)."""

    def __init__(self, md: markdown.Markdown, owner: "PageLinks") -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        owner = self.owner
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag == "a" and owner.soon is not None:
                    replacement = owner.soon(element.get("href", ""))
                    if replacement is not None:
                        span = etree.Element("span", {"class": "gc-soon"})
                        span.text, span.tail = element.text, element.tail
                        span.extend(list(element))
                        note = etree.SubElement(span, "small")
                        note.text = f" ({replacement})"
                        note.tail = None
                        parent.remove(element)
                        parent.insert(index, span)
        if owner.record is None:
            return
        for element in root.iter():
            if element.get("id"):
                owner.record.anchors.append(element.get("id", ""))
            if element.tag == "a":
                if element.get("name"):
                    owner.record.anchors.append(element.get("name", ""))
                if element.get("href") is not None:
                    owner.record.links.append((element.get("href", ""), 0))
            elif element.tag == "img":
                owner.record.images.append((element.get("src", ""), element.get("alt"), 0, False))


class _RawHTML(HTMLParser):
    def __init__(self, record: Extracted) -> None:
        super().__init__(convert_charrefs=True)
        self.record = record

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key, value in attrs:
            if value and (key == "id" or (key == "name" and tag == "a")):
                self.record.anchors.append(value)
        if tag == "img":
            self.record.images.append((values.get("src") or "", values.get("alt"), 0, True))


class PageLinks(Extension):
    """Records links, pictures and ids (check), or writes links to pages not public yet as text (build).

    `soon(href)` returns the note to show instead of a link ("공개 예정: 2026년 12월 10일"), or None.
    """

    def __init__(self, *, record: Extracted | None = None, soon: Callable[[str], str | None] | None = None) -> None:
        super().__init__()
        self.record = record
        self.soon = soon

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_Tree(md, self), "edugc_links", 3)


class Renderer:
    """One Markdown converter with the build's extensions, reset between pages (making one costs
    more than rendering a page)."""

    def __init__(self, extensions: list[str], configs: dict[str, dict]) -> None:
        names = list(BUILTIN_EXTENSIONS) + [e for e in extensions if e not in BUILTIN_EXTENSIONS]
        self.names, self.configs = names, configs
        self.links = PageLinks()
        self._md: markdown.Markdown | None = None

    @property
    def md(self) -> markdown.Markdown:
        if self._md is None:
            self._md = markdown.Markdown(extensions=[*self.names, self.links], extension_configs=self.configs)
        return self._md


def extract(body: str, renderer: Renderer) -> Extracted:
    """Render one body and record what it links to, shows and offers as anchors, each with its line."""
    record = Extracted()
    renderer.links.record = record
    md = renderer.md
    md.reset()
    md.convert(body)
    raw = _RawHTML(record)
    for block in md.htmlStash.rawHtmlBlocks:
        raw.feed(str(block))
    raw.close()
    lines = _Lines(body)
    record.links = [(href, lines.find(href)) for href, _ in record.links]
    record.images = [(src, alt, lines.find(src), is_raw) for src, alt, _, is_raw in record.images]
    record.anchors = sorted(set(record.anchors))
    return record


class _Lines:
    """Finds the line a link was written on: the next place its text appears (the render keeps no lines)."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.starts = [0] + [m.end() for m in re.finditer("\n", body)]
        self.cursor: dict[str, int] = {}

    def find(self, text: str) -> int:
        if not text:
            return 0
        for candidate in (text, unquote(text), text.replace("&", "&amp;")):
            at = self.body.find(candidate, self.cursor.get(candidate, 0))
            if at < 0:
                at = self.body.find(candidate)
            if at >= 0:
                self.cursor[candidate] = at + 1
                return _line_of(self.starts, at)
        return 0


def _line_of(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)
