"""What a shared link shows: Open Graph and Twitter values for one page, from the model."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import ArticleDoc, Doc, IssueDoc, SiteModel, StoryDoc
from ..model.clock import published_at
from ..urls import DEFAULT_CARD, absolute, card_name, card_url
from .cards import Card

SECTIONS = {"newsletter": "교육금천 소식지", "notices": "공지", "guides": "입시 가이드", "programs": "프로그램",
            "about": "센터 소개", "contact": "문의·오시는 길", "help": "편집 안내"}


@dataclass(frozen=True)
class ShareMeta:
    title: str
    description: str
    url: str               # absolute
    image: str             # absolute
    section: str
    site_name: str
    type: str = "website"  # article for newsletter articles and notices
    published: str | None = None  # ISO 8601 with the Seoul offset


def section_of(url: str, *, issue_number: int | None = None, category: str | None = None) -> str:
    if issue_number is not None:
        return f"교육금천 소식지 제{issue_number}호" + (f" · {category}" if category else "")
    first = url.strip("/").split("/")[0] if url.strip("/") else ""
    name = SECTIONS.get(first, "")
    if first == "notices" and category:
        return f"{name} · {category}"
    return name


def published_time(day: dt.date | None) -> str | None:
    if day is None:
        return None
    return published_at(day).isoformat()



def page_share(site: SiteModel, url: str, doc: Doc | None, *, title: str, summary: str, site_url: str,
               description: str, cards: bool) -> tuple[ShareMeta, Card]:
    """What a shared link to the page at `url` shows, and the card drawn for it. `title` and `summary`
    are used for pages without a doc (generated pages, the theme's own)."""
    issue_number, category, published = None, None, None
    if doc is not None:
        title, summary = doc.title, doc.summary
        if isinstance(doc, ArticleDoc) and doc.issue:
            issue_number = doc.issue.number
        if isinstance(doc, IssueDoc):
            issue_number = doc.meta.number
        if isinstance(doc, StoryDoc):
            category, published = doc.meta.category, published_time(doc.date)
    section = section_of(url, issue_number=issue_number, category=category)
    title = title or site.info.name
    name = card_name(url)
    card = Card(name=name, title=title, section=section, site=site.info.name, footer=site.info.centre)
    meta = ShareMeta(title=title, description=summary or description, url=absolute(site_url, url),
                     image=absolute(site_url, card_url(name if cards else DEFAULT_CARD)), section=section,
                     site_name=site.info.name, type="article" if isinstance(doc, StoryDoc) else "website",
                     published=published)
    return meta, card
