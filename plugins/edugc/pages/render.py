"""The one renderer: every template of the package (pages, newsletter, programs, print) through one
autoescaping Jinja environment, and the fragments placed around the pages editors wrote."""
from __future__ import annotations

import functools
import heapq
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..model import Doc, GuideDoc, IssueDoc, SiteModel, StoryDoc
from . import text
from .status import program_status
from ..urls import asset_url, category_url, relative, tag_url

# Every capability keeps its templates in its own folder; names are unique across them (a test says so).
TEMPLATE_FOLDERS = sorted(Path(__file__).resolve().parent.parent.glob("*/templates"))


@dataclass
class GeneratedPage:
    """A page that exists only in the build: made from data, never written into content/."""

    src: str           # virtual source path under content/, e.g. 'programs/susi-fair.md'
    url: str           # site-relative directory URL
    title: str
    markdown: str = ""  # Markdown for the engine to render, where data meets an editor's text
    summary: str = ""
    in_search: bool = True
    html: str = ""     # or the finished page body, which the engine shows as it is (no Markdown pass)


@functools.lru_cache(maxsize=1)  # one environment per process: each template is compiled once
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(folder)) for folder in TEMPLATE_FOLDERS]),
        autoescape=True,  # every value from YAML or front matter is text, never markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        kdate=text.korean_date, kdate_wd=text.korean_date_weekday, kmonth=text.korean_month,
        ktime=text.korean_time, won=text.won,
    )
    env.globals["ui"] = text.UI
    env.globals.update(tag_url=tag_url, category_url=category_url, asset_url=asset_url)
    return env


def render(name: str, **values) -> str:
    """A whole standalone page (the print edition), as the template writes it."""
    return environment().get_template(name).render(**values)


class Renderer:
    """Renders templates for one site's pages: each sees the site facts, and `link(to)` is relative to
    the page it is rendered for, so the site works under any sub-path."""

    def __init__(self, site: SiteModel):
        self.site = site
        self.env = environment()
        self._article_order: dict[StoryDoc, tuple[int, str]] | None = None

    def render(self, name: str, page_url: str, **values) -> str:
        html = self.env.get_template(name).render(
            link=lambda to: relative(page_url, to), site=self.site, info=self.site.info,
            today=self.site.today, status=lambda p: program_status(p, self.site.today), **values)
        # No blank lines: a fragment may sit in a Markdown page, where a blank line ends a raw HTML block.
        return "\n".join(line for line in html.splitlines() if line.strip())

    # -- fragments placed into pages editors wrote --------------------------------------------

    def banners(self, doc: Doc) -> str:
        stale = None
        if isinstance(doc, GuideDoc) and doc.meta.review_by < self.site.today:
            stale = text.UI["stale_note"].format(month=text.korean_month(doc.meta.reviewed))
        return self.render("banners.html", doc.url, doc=doc, stale=stale)

    def issue_header(self, doc: IssueDoc) -> str:
        return self.render("issue.html", doc.url, issue=doc.issue)

    def issue_articles(self, doc: IssueDoc) -> str:
        return self.render("issue_articles.html", doc.url, issue=doc.issue)

    def article_header(self, doc: StoryDoc) -> str:
        return self.render("article_header.html", doc.url, doc=doc)

    def article_footer(self, doc: StoryDoc) -> str:
        prev_doc = next_doc = None
        if doc.issue:
            arts = doc.issue.articles
            index = arts.index(doc)
            prev_doc = arts[index - 1] if index > 0 else None
            next_doc = arts[index + 1] if index + 1 < len(arts) else None
        return self.render("article_footer.html", doc.url, doc=doc, prev_doc=prev_doc, next_doc=next_doc,
                            related=self.related(doc))

    # A tag on thousands of articles would make this a scan of the whole archive for every article
    # (quadratic over ten years); the newest RELATED_SCAN of each tag are enough to pick four, since
    # an older article sharing several tags is still found through its rarer tags.
    RELATED_SCAN = 60

    def related(self, doc: StoryDoc, limit: int = 4) -> list[StoryDoc]:
        """Articles sharing the most tags (ties: newest), among the newest RELATED_SCAN of each tag."""
        counts: dict[StoryDoc, int] = {}
        for tag in doc.meta.tags:
            for other in self.site.tags.get(tag, [])[: self.RELATED_SCAN]:
                counts[other] = counts.get(other, 0) + 1
        counts.pop(doc, None)
        order = self._order()
        return heapq.nsmallest(limit, counts, key=lambda d: (-counts[d], order[d]))

    def _order(self) -> dict[StoryDoc, tuple[int, str]]:
        """Newest first, then by source path: computed once per build, not per comparison."""
        if self._article_order is None:
            self._article_order = {d: (-d.date.toordinal(), d.src) for d in self.site.articles}
        return self._article_order

    def home(self, doc: Doc) -> str:
        upcoming = [e for e in self.site.events if e.end.date() >= self.site.today][:5]
        return self.render("home.html", doc.url, latest=self.site.issues[0] if self.site.issues else None,
                            notices=self.site.notices[:5], upcoming=upcoming)

    def contact(self, doc: Doc) -> str:
        return self.render("contact.html", doc.url)

    def guide_programs(self, doc: GuideDoc) -> str:
        programs = [self.site.program_by_id[p] for p in doc.meta.programs]
        return self.render("guide_programs.html", doc.url, programs=programs) if programs else ""
