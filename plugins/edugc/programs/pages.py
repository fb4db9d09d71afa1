"""Pages made from data/programs.yml and data/events.yml (no hand-written copy of the data).

Program pages, the directory and each of its filtered views, the events page by month and the
paginated archive of past events. Every filtered view is a real page, so the directory works
without JavaScript; the script only makes the same links instant.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..model import SiteModel
from ..model.schema import Program
from ..pages import GeneratedPage, Renderer
from ..pages.text import UI
from ..urls import DEADLINES_ICS, DEADLINES_RSS, EVENTS_URL, FEED_PATH, PAST_URL, PROGRAMS_SCRIPT, program_url
from . import deadlines
from .views import (
    ALL, AUDIENCE_FILTERS, FAMILY_SLUGS, FAMILY_FILTERS, FILTERS, Filter, archive_pages,
    by_month, event_ics_path, filter_label, has_poster, is_upcoming, poster_url, program_tokens, registration_open,
)

if TYPE_CHECKING:
    from . import calendar

SCRIPT = PROGRAMS_SCRIPT
SCRIPT_FILE = Path(__file__).parent / "assets" / "gc-programs.js"


class ProgramPages:
    def __init__(self, site: SiteModel, site_url: str, *, per_page: int = 20, posters: bool = False):
        self.site = site
        self.site_url = site_url
        self.per_page = per_page
        self.posters = posters  # edugc/print publishes a poster beside each program and event
        self.renderer = Renderer(site)
        self.upcoming = [e for e in site.events if is_upcoming(e, site.today)]
        self.past = [e for e in site.events if not is_upcoming(e, site.today)]

    def _render(self, name: str, page_url: str, **values) -> str:
        """The site's renderer, with what the programs' templates also read."""
        today = self.site.today
        return self.renderer.render(
            name, page_url, program_url=program_url, ics=event_ics_path,
            registration_open=lambda e: registration_open(e, today), map_query=self.map_query,
            feed_path=FEED_PATH, family_slug=FAMILY_SLUGS.get, label=filter_label, events_url=EVENTS_URL,
            past_url=PAST_URL,
            poster=lambda subject: poster_url(subject) if self.posters and has_poster(subject, today) else None,
            **values)

    def map_query(self, place: str) -> str:
        # Places at the centre are searched by its street address; a map knows that better than a name.
        return self.site.info.address if self.site.info.centre in place else place

    # -- what the adapter publishes -----------------------------------------------------------

    def pages(self) -> list[GeneratedPage]:
        pages = [self.directory(f) for f in FILTERS]
        pages += [self.program_page(p) for p in self.site.programs]
        pages.append(self.events_page())
        pages += self.archive()
        return pages

    def deadline_feed(self) -> dict[str, bytes]:
        """Site-relative path -> RSS of application deadlines (each a week before it)."""
        return {DEADLINES_RSS: deadlines.feed(self.site, self.site_url)}

    def addresses(self) -> list[tuple[str, str]]:
        """(source, address) of every page pages() makes, without drawing the lists (edugc.verify)."""
        found = [self._directory_address(f) for f in FILTERS]
        found += [(f"programs/{p.id}.md", program_url(p.id)) for p in self.site.programs]
        found.append(("events/index.md", EVENTS_URL))
        found += [self._archive_address(page) for page in archive_pages(self.past, self.per_page)]
        return found

    def _directory_address(self, active: Filter) -> tuple[str, str]:
        return ("programs/index.md" if active is ALL else f"{active.url}index.md"), active.url

    def _archive_address(self, page) -> tuple[str, str]:
        src = "events/past/index.md" if page.number == 1 else f"events/past/page/{page.number}/index.md"
        return src, page.url

    def calendars(self, cache: "calendar.CalendarCache | None" = None) -> dict[str, bytes]:
        """Site-relative path -> iCalendar bytes: the feed and one file per event."""
        from . import calendar

        cache = cache or calendar.CalendarCache(None)
        site, url = self.site, self.site_url
        common = (repr(site.info), url, UI["example_note"])
        files = {FEED_PATH: cache.get(("feed", common, repr(site.events), repr(site.programs)),
                                      lambda: calendar.feed(site, url))}
        for event in site.events:
            inputs = ("event", common, repr(event), repr(site.program_by_id.get(event.program)), program_url(event.program))
            files[event_ics_path(event)] = cache.get(inputs, lambda event=event: calendar.event_file(site, event, url))
        files[DEADLINES_ICS] = cache.get(("deadlines", common, repr(site.events), repr(site.programs)),
                                              lambda: calendar.deadline_calendar(site, url))
        cache.save()
        return files

    # -- the pages ----------------------------------------------------------------------------

    def directory(self, active: Filter) -> GeneratedPage:
        url = active.url
        programs = self.renderer.by_status(self.site.programs)
        body = self._render("directory.html", url, active=active, all_filter=ALL, audiences=AUDIENCE_FILTERS,
                            families=FAMILY_FILTERS, programs=programs, shown=[p for p in programs if active.matches(p)],
                            tokens=program_tokens, script=SCRIPT)
        if active is ALL:
            intro = ("금천진로진학지원센터의 프로그램을 모두 모았습니다. 대상이나 분야를 고르면 맞는 프로그램만 "
                     "볼 수 있습니다. 프로그램 이름을 누르면 일정, 장소, 비용과 신청 방법이 나옵니다.")
            return GeneratedPage(self._directory_address(active)[0], url, "프로그램", html=f"<p>{intro}</p>\n{body}",
                                 summary="금천진로진학지원센터 프로그램 전체 목록")
        title = filter_label(active)
        summary = f"금천진로진학지원센터의 {title}"
        # Filtered views repeat the directory: kept out of search so a query finds each program once.
        return GeneratedPage(self._directory_address(active)[0], url, title, html=body, summary=summary,
                             in_search=False)

    def program_page(self, program: Program) -> GeneratedPage:
        url = program_url(program.id)
        facts = self._render("program.html", url, program=program)
        upcoming = self._render("program_events.html", url, program=program,
                                events=[e for e in self.upcoming if e.program == program.id])
        markdown = f"{facts}\n\n{self.description_markdown(program)}\n\n{upcoming}\n"
        return GeneratedPage(f"programs/{program.id}.md", url, program.name, markdown=markdown, summary=program.summary)

    @staticmethod
    def description_markdown(program: Program) -> str:
        """The part of a program page an editor wrote (data/programs.yml), under its heading."""
        return f"## 어떤 프로그램인가요?\n\n{program.description}"

    def events_page(self) -> GeneratedPage:
        url = EVENTS_URL
        body = self._render("events.html", url, months=by_month(self.upcoming), past_count=len(self.past))
        return GeneratedPage("events/index.md", url, "일정", html=body,
                             summary="금천진로진학지원센터의 다가오는 설명회, 특강, 상담 주간 일정")

    def archive(self) -> list[GeneratedPage]:
        pages = archive_pages(self.past, self.per_page)
        out = []
        for page in pages:
            body = self._render("archive_events.html", page.url, page=page, pages=pages,
                                months=by_month(page.events))
            title = "지난 일정" if page.number == 1 else f"지난 일정 ({page.number}쪽)"
            src = self._archive_address(page)[0]
            out.append(GeneratedPage(src, page.url, title, html=body, summary="금천진로진학지원센터의 지난 행사 기록",
                                     in_search=page.number == 1))
        return out
