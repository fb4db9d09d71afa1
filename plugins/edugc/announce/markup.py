"""What editors wrote in Markdown, made to stand alone in a message: HTML with absolute links, and text.

A message is read far from the site, so every link is absolute, a link to another Markdown file
becomes the address of its page, and a picture becomes its published variant (or is left out).
"""
from __future__ import annotations

import html
import posixpath
import re
from html.parser import HTMLParser
from typing import Callable
from urllib.parse import quote, urljoin

import markdown

from ..urls import absolute as site_absolute

# What the site's own Markdown understands that an editor is likely to use in an intro or a description.
EXTENSIONS = ["tables", "attr_list", "admonition", "def_list", "footnotes"]
_ATTR = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"]*)"')
_IMG = re.compile(r"<img\b[^>]*>")
_KEEP = ("mailto:", "tel:", "http://", "https://")


def absolute(site_url: str, path: str) -> str:
    """An absolute address with non-ASCII path parts percent-encoded (a mail app may not do it)."""
    return site_absolute(site_url, quote(path, safe="/#%"))


class Links:
    """Site-relative page addresses of Markdown sources, for links between pages."""

    def __init__(self, site_url: str, pages: dict[str, str]):
        self.site_url = site_url
        self.pages = pages  # source path under content/ (or a generated page's) -> site-relative URL

    def page_of(self, src: str) -> str:
        if src in self.pages:
            return self.pages[src]
        stem = src[: -len(".md")] if src.endswith(".md") else src
        return stem[: -len("index")] if stem.endswith("index") else stem + "/"

    def resolve(self, from_src: str, ref: str) -> str | None:
        """An absolute address for a link written in ``from_src``; None for a link that goes nowhere."""
        ref = html.unescape(ref).strip()
        if not ref or ref.lower().startswith(("javascript:", "data:")):
            return None
        if ref.lower().startswith(_KEEP):
            return ref
        if ref.startswith("#"):
            return absolute(self.site_url, self.page_of(from_src)) + ref
        path, _, anchor = ref.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path))
        if target.startswith(".."):
            return None
        if target.endswith(".md"):
            url = self.page_of(target)
        else:  # an address the editor wrote relative to the page (e.g. '../../programs/')
            url = urljoin("/" + self.page_of(from_src), path).lstrip("/")
        return absolute(self.site_url, url) + (f"#{anchor}" if anchor else "")


def markdown_html(text: str, from_src: str, links: Links, image_url: Callable[[str, str], str | None]) -> str:
    """Markdown -> HTML with absolute links; pictures by their published address, or left out."""
    rendered = markdown.markdown(text, extensions=EXTENSIONS, output_format="html")

    def img(match: re.Match) -> str:
        tag = match.group(0)
        src = re.search(r'\bsrc="([^"]*)"', tag)
        url = image_url(from_src, html.unescape(src.group(1))) if src else None
        if url is None:
            return ""
        return tag.replace(src.group(0), f'src="{html.escape(url)}"')

    rendered = _IMG.sub(img, rendered)

    def fix(match: re.Match) -> str:
        if match["attr"] == "src":
            return match.group(0)
        url = links.resolve(from_src, match["url"])
        return f'href="{html.escape(url)}"' if url else 'href="#"'

    return sanitize(_ATTR.sub(fix, rendered))


# Editors may write raw HTML in Markdown; in a message only plain formatting survives.
ALLOWED_TAGS = {"p", "a", "strong", "em", "b", "i", "u", "ul", "ol", "li", "br", "hr", "table", "thead", "tbody",
                "tr", "th", "td", "h2", "h3", "h4", "h5", "h6", "div", "blockquote", "dl", "dt", "dd", "img",
                "code", "pre", "sup", "sub", "span", "small", "mark"}
ALLOWED_ATTRS = {"href", "src", "alt", "width", "height", "class", "colspan", "rowspan", "title", "id"}
_DROP_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript", "svg", "math"}
_VOID = {"br", "hr", "img"}


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROP_WITH_CONTENT:
            self.skipping += tag not in _VOID
            return
        if self.skipping or tag not in ALLOWED_TAGS:
            return
        kept = []
        for name, value in attrs:
            value = value or ""
            if name not in ALLOWED_ATTRS:
                continue
            if name in ("href", "src") and not value.lower().startswith(("http://", "https://", "mailto:", "tel:", "#")):
                continue
            kept.append(f' {name}="{html.escape(html.unescape(value))}"')
        self.out.append(f"<{tag}{''.join(kept)}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _DROP_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif not self.skipping and tag in ALLOWED_TAGS and tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data)

    def handle_entityref(self, name):
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self.skipping:
            self.out.append(f"&#{name};")


def sanitize(fragment: str) -> str:
    """Only ALLOWED_TAGS with ALLOWED_ATTRS and web, mail or phone links: no script, style, frame or handler."""
    parser = _Sanitizer()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)


_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "dl", "pre"}


class _Text(HTMLParser):
    """HTML -> plain text: paragraphs apart, list items marked, a link's address after its words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[tuple[str, int]] = []
        self.cell = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "br":
            self.out.append("\n")
        elif tag == "tr":
            self.out.append("\n")
            self.cell = 0
        elif tag in ("td", "th"):
            self.out.append(" | " if self.cell else "")
            self.cell += 1
        elif tag == "a":
            self.links.append((a.get("href") or "", len(self.out)))
        elif tag == "img" and a.get("alt"):
            self.out.append(f"[그림: {a['alt']}]")

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href, start = self.links.pop()
            words = "".join(self.out[start:]).strip()
            if href.startswith(("http://", "https://")) and href not in words:
                self.out.append(f" ({href})")
        elif tag in _BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data):
        self.out.append(re.sub(r"\s+", " ", data))


def html_text(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    lines = [line.strip() for line in "".join(parser.out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
