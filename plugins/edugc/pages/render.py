"""The one renderer: every template of the package (pages, newsletter, programs, print) through one
autoescaping Jinja environment, and the fragments placed around the pages editors wrote."""
from __future__ import annotations

import datetime as dt
import functools
import heapq
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup, escape

from ..model import Doc, GuideDoc, IssueDoc, SiteModel, StoryDoc
from ..model.schema import Program
from . import text
from . import status as st
from .. import urls
from ..urls import asset_url, category_url, relative, tag_url

if TYPE_CHECKING:  # the build context imports this module
    from ..context import Cover

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
        ktime=text.korean_time, won=text.won, kmd_wd=text.korean_month_day_weekday,
        # Printed addresses break after a slash, never inside a word ('…/study-min' 'd').
        wbr=lambda address: Markup(str(escape(address)).replace("/", "/<wbr>")),
    )
    env.globals["ui"] = text.UI
    env.globals.update(tag_url=tag_url, category_url=category_url, asset_url=asset_url)
    return env


def render(template: str, /, **values) -> str:
    """A whole standalone page (a print edition, a poster), as the template writes it."""
    return environment().get_template(template).render(**values)


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
            today=self.site.today, status=self.status, round_status=lambda e: st.round_status(e, self.site.today),
            window_open=lambda p: st.window_open(p, self.site.today), open_rounds=self.open_rounds, **values)
        # No blank lines: a fragment may sit in a Markdown page, where a blank line ends a raw HTML block.
        return "\n".join(line for line in html.splitlines() if line.strip())

    def status(self, program: Program) -> st.Status:
        return st.program_status(program, self.site.today, self.site.events_by_program.get(program.id, ()))

    def open_rounds(self, program: Program) -> list:
        return st.open_rounds(self.site.events_by_program.get(program.id, ()), self.site.today)

    def by_status(self, programs: list[Program]) -> list[Program]:
        """The directory's order: open by nearest deadline, then upcoming, then closed."""
        return sorted(programs, key=lambda p: st.directory_order(self.status(p)))

    # -- fragments placed into pages editors wrote --------------------------------------------

    def banners(self, doc: Doc) -> str:
        stale = None
        if isinstance(doc, GuideDoc) and doc.meta.review_by < self.site.today:
            stale = text.UI["stale_note"].format(month=text.korean_month(doc.meta.reviewed))
        return self.render("banners.html", doc.url, doc=doc, stale=stale)

    def cover(self, doc: IssueDoc | StoryDoc, published: Cover | None) -> Markup:
        """The cover as the images step published it (light variants). Without that step (its plugin
        off) the engine publishes the original as it is, and the page shows that."""
        if published is not None:
            return Markup(published.html)
        if not doc.meta.cover:
            return Markup("")
        src = relative(doc.url, asset_url(doc.src, doc.meta.cover))
        return Markup(f'<img src="{escape(src)}" alt="{escape(doc.meta.cover_alt or "")}">')

    def issue_header(self, doc: IssueDoc, cover: Cover | None = None) -> str:
        return self.render("issue.html", doc.url, issue=doc.issue, cover=self.cover(doc, cover))

    def issue_articles(self, doc: IssueDoc) -> str:
        return self.render("issue_articles.html", doc.url, issue=doc.issue)

    def article_header(self, doc: StoryDoc, cover: Cover | None = None) -> str:
        return self.render("article_header.html", doc.url, doc=doc, cover=self.cover(doc, cover))

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
        return self.render("home.html", doc.url, latest=self.site.issues[0] if self.site.issues else None,
                            notices=self.site.notices[:5])

    HOME_PROGRAMS, HOME_EVENTS = 3, 3  # what fits a 375x812 first screen with the counselling and quick links

    def home_top(self, doc: Doc) -> str:
        """The first screen: programs open now by nearest deadline (or the next to open), the next
        events, how to book counselling, the services families look for most."""
        statuses = [(p, self.status(p)) for p in self.site.programs]
        open_now = sorted(((p, s) for p, s in statuses if s.key == "open"),
                          key=lambda ps: ps[1].deadline or dt.date.max)
        next_up = sorted(((p, s) for p, s in statuses if s.key == "soon"), key=lambda ps: ps[1].opens or dt.date.max)
        upcoming = [e for e in self.site.events if st.is_upcoming(e, self.site.today)][: self.HOME_EVENTS]
        quick = [("프로그램 신청", urls.DIRECTORY_URL), ("상담 예약", urls.program_url(urls.COUNSELLING_PROGRAM)),
                 ("입시 가이드", urls.GUIDES_URL), ("행사 일정", urls.EVENTS_URL), ("소식지", urls.ARCHIVE),
                 ("오시는 길", urls.CONTACT_URL)]
        # Only pages this site has: a small site may have no guides or contact page.
        pages = {d.url for d in self.site.docs.values()}
        made = {urls.DIRECTORY_URL, urls.EVENTS_URL, urls.ARCHIVE}
        if urls.COUNSELLING_PROGRAM in self.site.program_by_id:
            made.add(urls.program_url(urls.COUNSELLING_PROGRAM))
        quick = [(label, url) for label, url in quick if url in made or url in pages]
        return self.render("home_top.html", doc.url, open_now=open_now[: self.HOME_PROGRAMS],
                           next_up=next_up[: self.HOME_PROGRAMS], open_count=len(open_now), upcoming=upcoming,
                           program_count=len(self.site.programs), quick_links=quick, program_url=urls.program_url,
                           directory_url=urls.DIRECTORY_URL, events_url=urls.EVENTS_URL,
                           contact_url=urls.CONTACT_URL if urls.CONTACT_URL in pages else None)

    def contact(self, doc: Doc) -> str:
        return self.render("contact.html", doc.url)

    def guide_programs(self, doc: GuideDoc) -> str:
        programs = [self.site.program_by_id[p] for p in doc.meta.programs]
        return self.render("guide_programs.html", doc.url, programs=programs) if programs else ""


def after_heading(html: str, fragment: str) -> str:
    """The fragment right after the page's first heading (the h1 stays the first thing read)."""
    end = html.find("</h1>")
    if end < 0:
        return fragment + html
    end += len("</h1>")
    return html[:end] + "\n" + fragment + html[end:]
