"""Tables on phones: each Markdown table in its own scroll box, so a wide table scrolls by itself
(never the page) and a keyboard can scroll it too (a focusable, named region: axe
scrollable-region-focusable). The box's edge shadows and a hint show there is more to the side."""
from __future__ import annotations

import html as html_lib
import re

# Markdown's tables carry no attributes; tables our templates make (gc-facts) are laid out for phones.
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
_FIRST_HEADER = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def _name(table: str) -> str:
    found = _CAPTION.search(table) or _FIRST_HEADER.search(table)
    text = html_lib.unescape(_TAGS.sub("", found.group(1))).strip() if found else ""
    return f"표: {text}" if text else "표"


def wrap_tables(html: str) -> str:
    def box(match: re.Match) -> str:
        label = html_lib.escape(_name(match.group(1)), quote=True)
        return f'<div class="gc-table" role="region" tabindex="0" aria-label="{label}">{match.group(0)}</div>'

    return _TABLE.sub(box, html)
