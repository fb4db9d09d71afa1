"""Turn each <img> of a page into a <picture> of published variants, with a real HTML parser."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable

from .process import Processed


@dataclass
class ImgTag:
    start: int            # offset of '<img' in the fragment
    end: int              # offset just after its '>'
    attrs: dict[str, str]


class _ImgFinder(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.found: list[ImgTag] = []
        self.inside_picture = 0

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "picture":
            self.inside_picture = max(0, self.inside_picture - 1)

    def _tag(self, tag, attrs):
        if tag == "picture":
            self.inside_picture += 1
        if tag != "img" or self.inside_picture:
            return  # an editor's own <picture> is left as written
        line, col = self.getpos()
        start = self.line_starts[line - 1] + col
        raw = self.get_starttag_text() or ""
        self.found.append(ImgTag(start, start + len(raw), {k: v or "" for k, v in attrs}))


_IMG = re.compile(r"<img\b", re.I)


def find_images(fragment: str) -> list[ImgTag]:
    # Most pages have no picture: parsing all of their HTML to learn that cost ~1 s per 1,000 pages.
    if not _IMG.search(fragment):
        return []
    finder = _ImgFinder(fragment)
    finder.feed(fragment)
    finder.close()
    return finder.found


SIZES = "(min-width: 76.25em) 42rem, (min-width: 60em) 60vw, 100vw"


def picture_html(tag: ImgTag, processed: Processed, url_of: Callable[[str], str], *, first: bool) -> str:
    """`url_of(variant file name)` gives the variant's URL relative to the page."""
    def srcset(fmt: str) -> str:
        return ", ".join(f"{url_of(v.name)} {v.width}w" for v in processed.of_format(fmt))

    fallback = processed.of_format(processed.fallback)
    largest = fallback[-1]
    kept = {k: v for k, v in tag.attrs.items()
            if k not in ("src", "srcset", "sizes", "width", "height", "loading", "decoding", "fetchpriority")}
    attrs = {**kept, "src": url_of(largest.name), "srcset": srcset(processed.fallback), "sizes": SIZES,
             "width": str(processed.width), "height": str(processed.height), "decoding": "async"}
    attrs.setdefault("alt", "")
    if first:
        attrs["fetchpriority"] = "high"  # the first picture is likely on screen at once: no lazy
    else:
        attrs["loading"] = "lazy"
    img = "<img " + " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items()) + ">"
    source = f'<source type="image/webp" srcset="{html.escape(srcset("webp"))}" sizes="{SIZES}">'
    return f"<picture>{source}{img}</picture>"


def rewrite(fragment: str, replace: Callable[[ImgTag, bool], str | None]) -> str:
    """Replace each <img> for which `replace(tag, is_first)` returns HTML; others stay as they are."""
    out, last, first = [], 0, True
    for tag in find_images(fragment):
        new = replace(tag, first)
        first = False
        if new is None:
            continue
        out.append(fragment[last:tag.start])
        out.append(new)
        last = tag.end
    out.append(fragment[last:])
    return "".join(out)
