"""The validated content: one type for each kind of page, the issues with their articles, the site.

A page's kind is its type (an article is an `ArticleDoc` whose meta is an `ArticleMeta`), decided by
where the editor put the file; code asks `isinstance(doc, StoryDoc)`, never compares kind names.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import ClassVar

from .. import urls
from .schema import ArticleMeta, Event, GuideMeta, IssueMeta, NoticeMeta, PageMeta, Program, SiteInfo

PUBLISHED, DRAFT, SCHEDULED = "published", "draft", "scheduled"


@dataclass(eq=False)
class Doc:
    """A Markdown page, with its validated front matter and its address."""

    META: ClassVar[type[PageMeta]] = PageMeta
    kind: ClassVar[str] = "page"  # a name for people (messages, debugging); code tests the type

    src: str                 # NFC path under content/, with '/' separators
    meta: PageMeta
    body: str
    body_line: int
    url: str                 # site-relative directory URL: '' for home, 'newsletter/1/'
    status: str = PUBLISHED
    issue: "Issue | None" = None
    images: list[tuple[str, str, int]] = field(default_factory=list)  # (src, alt, line)
    lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line, for errors

    @classmethod
    def address(cls, src: str, meta: PageMeta) -> str:
        return urls.page_url(src, meta.slug)

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def summary(self) -> str:
        return self.meta.summary or ""

    @property
    def date(self) -> dt.date | None:
        return None

    @property
    def published(self) -> bool:
        return self.status == PUBLISHED


@dataclass(eq=False)
class PageDoc(Doc):
    """Any other page: content/about.md, content/guides/index.md, ..."""


@dataclass(eq=False)
class IssueDoc(Doc):
    """교육금천 소식지 제N호: content/newsletter/<N>/index.md."""

    META: ClassVar[type[PageMeta]] = IssueMeta
    kind: ClassVar[str] = "issue"
    meta: IssueMeta

    @classmethod
    def address(cls, src: str, meta: PageMeta) -> str:
        assert isinstance(meta, IssueMeta)
        return urls.issue_url(meta.number)

    @property
    def date(self) -> dt.date:
        return self.meta.date


@dataclass(eq=False)
class StoryDoc(Doc):
    """A dated, authored story: an issue's article or a notice (the feeds, tags and categories)."""

    META: ClassVar[type[PageMeta]] = ArticleMeta
    meta: ArticleMeta

    @property
    def date(self) -> dt.date:
        return self.meta.date


@dataclass(eq=False)
class ArticleDoc(StoryDoc):
    """An article of an issue: content/newsletter/<N>/<name>.md."""

    kind: ClassVar[str] = "article"

    @classmethod
    def address(cls, src: str, meta: PageMeta) -> str:
        # Provisional: the issue's own address replaces the folder's once issues are linked.
        return urls.article_url(f"{urls.ARCHIVE}{PurePosixPath(src).parent.name}/", src, meta.slug)


@dataclass(eq=False)
class NoticeDoc(StoryDoc):
    """A notice: content/notices/<name>.md."""

    META: ClassVar[type[PageMeta]] = NoticeMeta
    kind: ClassVar[str] = "notice"

    @classmethod
    def address(cls, src: str, meta: PageMeta) -> str:
        return urls.notice_url(src, meta.slug)


@dataclass(eq=False)
class GuideDoc(Doc):
    """An admission guide: content/guides/<name>.md."""

    META: ClassVar[type[PageMeta]] = GuideMeta
    kind: ClassVar[str] = "guide"
    meta: GuideMeta

    @classmethod
    def address(cls, src: str, meta: PageMeta) -> str:
        return urls.guide_url(src, meta.slug)


def doc_type(src: str) -> type[Doc]:
    """The kind of page a file is, from where the editor put it."""
    parts = PurePosixPath(src).parts
    if parts[0] == "newsletter" and len(parts) == 3:
        return IssueDoc if parts[2] == "index.md" else ArticleDoc
    if parts[0] == "notices" and len(parts) == 2 and parts[1] != "index.md":
        return NoticeDoc
    if parts[0] == "guides" and len(parts) == 2 and parts[1] != "index.md":
        return GuideDoc
    return PageDoc


@dataclass(eq=False)
class Issue:
    """교육금천 소식지 제N호 and its articles in the editor's order."""

    doc: IssueDoc
    articles: list[ArticleDoc] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.doc.meta.number

    @property
    def date(self) -> dt.date:
        return self.doc.meta.date


@dataclass
class SiteModel:
    root: Path
    today: dt.date
    preview: bool
    info: SiteInfo
    docs: dict[str, Doc]                    # every visible page by NFC source path
    hidden: set[str]                        # sources kept out of this build (drafts, scheduled)
    issues: list[Issue]                     # newest first
    articles: list[StoryDoc]                # issue articles and notices, newest first
    guides: list[GuideDoc]
    programs: list[Program]
    events: list[Event]                     # by start time
    program_by_id: dict[str, Program]
    events_by_program: dict[str, list[Event]]
    tags: dict[str, list[StoryDoc]]         # tag -> articles newest first
    categories: dict[str, list[StoryDoc]]

    @property
    def notices(self) -> list[StoryDoc]:
        return [d for d in self.articles if isinstance(d, NoticeDoc)]
