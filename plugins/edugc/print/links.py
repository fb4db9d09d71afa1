"""Make an article's rendered HTML stand on a shared page and on paper.

Regular expressions rather than a DOM: the input is Python-Markdown's own well-formed output
(double-quoted attributes), and the changes are local to one attribute or one link.
"""
from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import urlsplit

from ..urls import relative

_ATTR_RE = re.compile(r'(\s)(href|src|srcset|id|for|aria-describedby|aria-labelledby)="([^"]*)"')
_LINK_RE = re.compile(r'<a\s[^>]*?href="(https?://[^"]+)"[^>]*>.*?</a>', re.S)
_HEADING_RE = re.compile(r"<(/?)h([1-6])(?=[\s>])")
_SCHEMES = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:")


def site_path(page_url: str, ref: str) -> str | None:
    """A relative reference on page_url as a site-relative path, or None if it leaves the site."""
    if ref.startswith(_SCHEMES) or ref.startswith(("/", "#")) or not ref:
        return None
    path, _, anchor = ref.partition("#")
    joined = posixpath.normpath(posixpath.join("/" + page_url, path))
    if joined.startswith("/.."):
        return None
    joined = joined.lstrip("/")
    if path.endswith("/") and joined and not joined.endswith("/"):
        joined += "/"
    if joined == ".":
        joined = ""
    return joined + ("#" + anchor if anchor else "")


def move_fragment(fragment: str, from_url: str, to_url: str, prefix: str) -> str:
    """Rewrite relative links for a page at to_url and prefix ids so articles never collide."""

    def fix(match: re.Match) -> str:
        space, name, value = match.groups()
        raw = html.unescape(value)
        if name in ("id", "for", "aria-describedby", "aria-labelledby"):
            new = " ".join(f"{prefix}{part}" for part in raw.split())
        elif name == "srcset":  # edugc/images: '<url> 480w, <url> 960w'
            parts = []
            for candidate in raw.split(","):
                url, _, width = candidate.strip().partition(" ")
                target = site_path(from_url, url)
                parts.append((url if target is None else relative(to_url, target)) + (f" {width}" if width else ""))
            new = ", ".join(parts)
        elif raw.startswith("#"):
            new = f"#{prefix}{raw[1:]}" if len(raw) > 1 else raw
        else:
            target = site_path(from_url, raw)
            new = raw if target is None else relative(to_url, target)
        return f'{space}{name}="{html.escape(new)}"'

    return _ATTR_RE.sub(fix, fragment)


def shift_headings(fragment: str, by: int = 1) -> str:
    """An article's own h2 sits under its title, which is an h2 on the shared page."""
    return _HEADING_RE.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", fragment)


def open_details(fragment: str) -> str:
    """Paper cannot click: every collapsed block prints open."""
    return re.sub(r"<details(?![^>]*\bopen\b)", "<details open", fragment)


def short_url(url: str) -> str:
    """'https://www.adiga.kr/man/inf/mainView.do' -> 'adiga.kr/man/inf/mainView.do'."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def annotate_external(fragment: str, site_url: str) -> str:
    """External links print their address after their text, short enough to type."""

    def add(match: re.Match) -> str:
        url = html.unescape(match.group(1))
        if site_url and url.startswith(site_url):
            return match.group(0)
        shown = short_url(url)
        text = re.sub(r"<[^>]+>", "", match.group(0))
        if shown in html.unescape(text):
            return match.group(0)
        return f'{match.group(0)}<span class="gc-url"> ({html.escape(shown)})</span>'

    return _LINK_RE.sub(add, fragment)
