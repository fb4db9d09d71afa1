"""What the search needs to know about each page beyond Material's index: what kind of page it is, and
which words on it are the editor's own.

A parent looking at a list of results needs to tell a program from a guide or a newsletter article, so
every result carries its kind (프로그램, 입시 가이드, 소식지, 공지, 일정, 안내). A result's snippet is
running text an editor wrote: the words of the page's Markdown or of its data item. What the theme
and our templates add around them (meta lines, tags, the 예시 notice, print links, table cells of a
program's 한눈에 보기) is never a snippet; comparing with the source finds it without knowing the
templates, so a template added tomorrow does not end up in snippets either.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass

from ..model.docs import ArticleDoc, Doc, GuideDoc, IssueDoc, NoticeDoc, SiteModel
from ..urls import EVENTS_URL, program_url

# Kinds a reader sees on a result (Korean, as on the site's navigation).
PROGRAM, GUIDE, NEWSLETTER, NOTICE, EVENTS, PAGE = "프로그램", "입시 가이드", "소식지", "공지", "일정", "안내"

_LINK_TARGET = re.compile(r"\]\([^)]*\)")       # [text](target): the target is not text a reader sees
_TAG = re.compile(r"<[^>]+>")
_NOT_TEXT = re.compile(r"[\W_]+")


def squash(text: str, markup: bool = True) -> str:
    """Letters and digits only, lower case: the same words compare equal whatever the markup and spacing
    (Markdown's **bold** and soft line breaks, HTML tags and entities, a table's pipes). Text that is
    already plain (markup=False) skips the markup."""
    if markup:
        text = html.unescape(_TAG.sub(" ", _LINK_TARGET.sub("]", text)))
    return _NOT_TEXT.sub("", unicodedata.normalize("NFC", text).lower())


@dataclass(frozen=True)
class PageFacts:
    label: str          # the page's kind, as the result shows it (with a date for dated articles)
    summary: str = ""   # the editor's one-line description: the snippet of a page whose top has no text
    source: str = ""    # everything the editor wrote for this page, as written (teaser.py squashes it
                        # when an index is built: made on every build, it must stay cheap)
    also: str = ""      # words a family knows the page by that its title lacks (an issue: 3호, 9월호)


@dataclass(frozen=True)
class SiteFacts:
    pages: dict[str, PageFacts]
    # Every title and summary, program name and event title, one per line: the words a generated list
    # (관련 프로그램, 다가오는 일정, 최신 소식지) shows from other pages.
    pool: str = ""

    def page(self, url: str) -> PageFacts | None:
        """The page's facts, or those of its nearest known ancestor for the kind (never the home page's)."""
        hit = self.pages.get(url)
        if hit is not None:
            return hit
        parts = url.strip("/").split("/")
        for n in range(len(parts) - 1, 0, -1):
            near = self.pages.get("/".join(parts[:n]) + "/")
            if near is not None:
                return PageFacts(near.label.split(" · ")[0])
        return None

    def digest_text(self) -> str:
        """Everything the built index depends on, for the cache of whole indexes."""
        return "\n".join(f"{u}\0{f.label}\0{f.summary}\0{f.source}\0{f.also}"
                         for u, f in sorted(self.pages.items())) + self.pool


def _date(day: dt.date | None) -> str:
    return f"{day.year}.{day.month}.{day.day}." if day else ""


def _kind(doc: Doc) -> str:
    if isinstance(doc, GuideDoc):
        return GUIDE
    if isinstance(doc, (IssueDoc, ArticleDoc)):
        return NEWSLETTER
    if isinstance(doc, NoticeDoc):
        return NOTICE
    return PAGE


def site_facts(site: SiteModel) -> SiteFacts:
    """Facts by site-relative page URL ('' for home), from the validated model."""
    pages: dict[str, PageFacts] = {}
    plain: set[str] = set()
    lists: dict[str, str] = {}
    pool: list[str] = []
    for doc in site.docs.values():
        kind = _kind(doc)
        day = _date(doc.date)   # issues, articles and notices are dated; guides and pages are not
        pages[doc.url] = PageFacts(f"{kind} · {day}" if day else kind, doc.summary,
                                   f"{doc.title}\n{doc.summary}\n{doc.body}", _known_as(doc))
        pool += [doc.title, doc.summary]
        if kind == PAGE:
            plain.add(doc.url)
        else:
            lists.setdefault(_parent(doc.url), kind)
    for program in site.programs:
        url = program_url(program.id)
        fields = " \n".join(str(v) for v in program.model_dump().values() if isinstance(v, str))
        pages[url] = PageFacts(PROGRAM, program.summary, fields)
        pool += [program.name, program.summary]
        lists.setdefault(_parent(url), PROGRAM)
    # The events pages show the events' titles and places, and the names of their programs.
    names = {p.id: p.name for p in site.programs}
    pool += [e.title for e in site.events]
    events = "\n".join(f"{e.title}\n{e.place}\n{names.get(e.program, '')}" for e in site.events)
    pages.setdefault(EVENTS_URL, PageFacts(EVENTS, "", events))
    # A section's list page (programs/, guides/, newsletter/) has the kind of what it lists, and so
    # has every page under it the model does not know (programs/for/high/, newsletter/tags/…).
    for url, kind in lists.items():
        if not url:
            continue
        if url not in pages:
            pages[url] = PageFacts(kind)
        elif url in plain:
            pages[url] = PageFacts(kind, pages[url].summary, pages[url].source)
    return SiteFacts(pages, "\n".join(t.replace("\n", " ") for t in pool if t))


def _known_as(doc: Doc) -> str:
    """An issue by its number and month, as families name it ("소식지 3호", "9월호"); its title is its theme."""
    if not isinstance(doc, IssueDoc):
        return ""
    n, day = doc.meta.number, doc.date
    return f"소식지 {n}호 제{n}호 {day.month}월호 {day.year}년 {day.month}월"


def _parent(url: str) -> str:
    parts = url.strip("/").split("/")
    return "/".join(parts[:-1]) + "/" if len(parts) > 1 else ""
