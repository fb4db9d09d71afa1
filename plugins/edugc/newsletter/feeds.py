"""RSS 2.0 and Atom feeds of articles and notices, built with feedgen.

Readers keep an item by its id, so the id is the permalink: editing a title never makes an old
article look new. Dates are in Korean time at a fixed hour (a date-only article published at UTC
midnight would show up as the previous evening's news in Seoul).
"""
from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from feedgen.feed import FeedGenerator
from lxml import etree  # feedgen depends on it
from markupsafe import escape

from ..model import SiteModel, StoryDoc
from ..model.clock import published_at
from ..model.schema import CATEGORIES
from .. import urls
from ..urls import absolute

_URL_ATTR = re.compile(r"""(?P<attr>\b(?:href|src|poster))=(?P<q>["'])(?P<url>.*?)(?P=q)""", re.I)
_SRCSET = re.compile(r"""\bsrcset=(?P<q>["'])(?P<value>.*?)(?P=q)""", re.I)
_KEEP = ("mailto:", "tel:", "data:", "javascript:")


class FeedError(ValueError):
    """The site cannot publish feeds as configured."""


def require_absolute(site_url: str | None) -> str:
    """Feed readers fetch items from elsewhere: every link must carry the scheme and host."""
    parts = urlsplit(site_url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedError(f"site_url '{site_url or ''}'이(가) 비어 있거나 절대 주소가 아닙니다: 피드의 모든 링크는 "
                        "https://로 시작하는 주소여야 합니다 → SITE_URL=https://실제주소/ 로 빌드하거나 "
                        "mkdocs.yml의 edugc/newsletter에 feeds: false를 쓰세요")
    return site_url if site_url.endswith("/") else site_url + "/"


def absolutize(html: str, page_url: str) -> str:
    """Resolve every link and picture of a page's HTML against the page's absolute address."""
    def one(url: str) -> str:
        url = url.strip()
        return url if not url or url.lower().startswith(_KEEP) else urljoin(page_url, url)

    html = _URL_ATTR.sub(lambda m: f"{m['attr']}={m['q']}{one(m['url'])}{m['q']}", html)
    return _SRCSET.sub(lambda m: "srcset=" + m["q"] + ", ".join(
        " ".join([one(part.split()[0])] + part.split()[1:]) for part in m["value"].split(",") if part.strip()
    ) + m["q"], html)


@dataclass
class Enclosure:
    url: str
    length: int
    type: str


@dataclass
class Feed:
    """One pair of feeds (RSS and Atom) over a list of items, written under ``folder``."""

    folder: str          # site-relative: '' for the site's feeds, 'newsletter/category/x/'
    title: str
    subtitle: str
    page: str            # the HTML page the feed mirrors
    docs: list[StoryDoc]


def feeds_of(site: SiteModel) -> list[Feed]:
    """The site's feeds: everything, then one per category. Drafts and scheduled items never."""
    docs = [d for d in site.articles if d.published]
    name = site.info.name
    feeds = [Feed("", f"{name}: 소식지와 공지", f"{site.info.centre}의 교육금천 소식지 기사와 공지", "", docs)]
    for category in CATEGORIES:
        chosen = [d for d in docs if d.meta.category == category]
        if chosen:
            feeds.append(Feed(urls.category_url(category), f"{name}: {category}",
                              f"{site.info.centre}의 '{category}' 분류 글", urls.category_url(category), chosen))
    return feeds


class FeedWriter:
    """Turns Feeds into XML bytes; needs the rendered HTML of each item (its full content)."""

    def __init__(self, site: SiteModel, site_url: str, content_dir: Path, limit: int = 20):
        self.site = site
        self.site_url = require_absolute(site_url)
        self.content_dir = Path(content_dir)
        self.limit = limit

    def permalink(self, doc: StoryDoc) -> str:
        return absolute(self.site_url, doc.url)

    def enclosure(self, doc: StoryDoc) -> Enclosure | None:
        if not doc.meta.cover:
            return None
        rel = urls.asset_url(doc.src, doc.meta.cover)
        path = self.content_dir / rel
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return Enclosure(absolute(self.site_url, rel), path.stat().st_size, kind)

    def render(self, feed: Feed, contents: dict[str, str]) -> dict[str, bytes]:
        """{'<folder>feed.xml': rss, '<folder>atom.xml': atom} for the newest ``limit`` items;
        contents: each item's own rendered HTML by its URL."""
        items = feed.docs[: self.limit]
        home = absolute(self.site_url, feed.page)
        fg = FeedGenerator()
        fg.id(home)
        fg.title(feed.title)
        fg.subtitle(feed.subtitle)  # RSS <description> as well
        fg.link(href=home, rel="alternate")
        fg.language("ko")
        fg.author({"name": self.site.info.operator})
        fg.generator("교육금천 (feedgen)")
        newest = published_at(items[0].date) if items else published_at(self.site.today)
        fg.updated(newest)
        fg.lastBuildDate(newest)
        covers = {}
        for doc in items:
            enclosure = self._entry(fg, doc, contents.get(doc.url, ""))
            if enclosure:
                covers[enclosure.url] = enclosure
        out = {}
        for kind, name in urls.FEED_FILES.items():
            fg.link(href=absolute(self.site_url, feed.folder + name), rel="self", replace=True)
            fg.link(href=home, rel="alternate")
            xml = fg.rss_str(pretty=True) if kind == "rss" else _atom_enclosures(fg.atom_str(pretty=True), covers)
            out[feed.folder + name] = xml
        return out

    def _entry(self, fg: FeedGenerator, doc: StoryDoc, html: str) -> Enclosure | None:
        link = self.permalink(doc)
        fe = fg.add_entry(order="append")
        fe.id(link)
        fe.guid(link, permalink=True)
        fe.title(doc.title)
        fe.link(href=link, rel="alternate")
        when = published_at(doc.date)
        fe.published(when)
        fe.updated(when)
        fe.author({"name": doc.meta.author})
        fe.category(term=doc.meta.category)
        if doc.summary:
            fe.description(doc.summary)
        enclosure = self.enclosure(doc)
        cover = ""
        if enclosure:
            fe.enclosure(enclosure.url, str(enclosure.length), enclosure.type)
            alt = doc.meta.cover_alt or ""
            cover = f'<p><img src="{escape(enclosure.url)}" alt="{escape(alt)}"></p>'
        fe.content(cover + absolutize(html, link), type="html")
        return enclosure


def _atom_enclosures(xml: bytes, covers: dict[str, Enclosure]) -> bytes:
    """feedgen 1.0 drops rel/type/length of an Atom entry's links (a shadowed variable): put them back."""
    if not covers:
        return xml

    root = etree.fromstring(xml)
    for link in root.iter("{http://www.w3.org/2005/Atom}link"):
        enclosure = covers.get(link.get("href"))
        if enclosure and link.getparent().tag.endswith("entry"):
            link.set("rel", "enclosure")
            link.set("type", enclosure.type)
            link.set("length", str(enclosure.length))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
