"""Staff-only pages (front matter `staff: true`, such as the editing guide).

Decision: they are built in every build, so editors read them in the preview and at their address
(a published address never disappears: data/published-urls.txt), but nothing leads the public to
them: no navigation entry, no search hit, no sitemap line, and `noindex` for search engines. Making
them preview-only would break the address the site once published; nothing in them is secret.
"""
from __future__ import annotations

import re

NOINDEX = '<meta name="robots" content="noindex">'


def noindex(html: str) -> str:
    """The page asks search engines not to list it."""
    return html.replace("<head>", "<head>\n" + NOINDEX, 1) if NOINDEX not in html else html


def without_pages(sitemap: str, urls: set[str]) -> str:
    """sitemap.xml without the entries of these site-relative page URLs ('help/editing/')."""
    for url in urls:
        sitemap = re.sub(r"\s*<url>\s*<loc>[^<]*/" + re.escape(url) + r"</loc>.*?</url>", "", sitemap, flags=re.S)
    return sitemap
