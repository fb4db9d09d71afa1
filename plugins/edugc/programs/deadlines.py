"""Application deadlines: the last day to apply for a program (close) or an event (registration.deadline).

One list, read by everything that reminds families: the deadlines feed (RSS, urls.DEADLINES_RSS), the
deadlines calendar (urls.DEADLINES_ICS, in calendar.py) and `edugc announce --week`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from ..model import SiteModel
from ..model.clock import SEOUL
from ..model.schema import Event, Program
from ..pages.text import UI, korean_date_weekday, korean_time
from ..urls import DEADLINES_RSS, EVENTS_URL, absolute, program_url
# A deadline enters the feed this many days before it (a week, as `announce --week` looks ahead).
REMIND_DAYS = 7
END_OF_DAY = dt.time(23, 59)


@dataclass(frozen=True)
class Deadline:
    """The last moment to apply: a program's recruiting period ends, or an event's registration does."""

    program: Program
    event: Event | None
    due: dt.datetime      # Seoul wall-clock time; a program's close date counts until the end of that day
    timed: bool           # False when only the date is known (a program's close)

    @property
    def key(self) -> str:
        return f"event-{self.event.id}" if self.event else f"program-{self.program.id}"

    @property
    def title(self) -> str:
        return self.event.title if self.event else self.program.name

    @property
    def example(self) -> bool:
        return self.program.example or bool(self.event and self.event.example)

    @property
    def apply_url(self) -> str | None:
        registration = self.event.registration if self.event else None
        url = (registration.url if registration else None) or self.program.apply.url
        return str(url) if url else None

    @property
    def apply_phone(self) -> str | None:
        registration = self.event.registration if self.event else None
        return (registration.phone if registration else None) or self.program.apply.phone

    def when(self) -> str:
        """'2026년 12월 4일(금) 18:00' or, for a date only, '2026년 12월 4일(금)'."""
        text = korean_date_weekday(self.due)
        return f"{text} {korean_time(self.due)}" if self.timed else text

    def passed(self, now: dt.datetime) -> bool:
        return self.due < _seoul(now)


def deadlines(site: SiteModel) -> list[Deadline]:
    """Every deadline, earliest first. A program's close is left out when one of its events has its
    registration deadline that same day: families get the one with the hour, not the same news twice."""
    found: list[Deadline] = []
    event_days: set[tuple[str, dt.date]] = set()
    for event in site.events:
        deadline = event.registration.deadline if event.registration else None
        if deadline is None or event.program not in site.program_by_id:
            continue
        if deadline.tzinfo is not None:
            deadline = deadline.astimezone(SEOUL).replace(tzinfo=None)
        found.append(Deadline(site.program_by_id[event.program], event, deadline, True))
        event_days.add((event.program, deadline.date()))
    for program in site.programs:
        if program.close and (program.id, program.close) not in event_days:
            found.append(Deadline(program, None, dt.datetime.combine(program.close, END_OF_DAY), False))
    return sorted(found, key=lambda d: (d.due, d.key))


def due_between(site: SiteModel, now: dt.datetime, days: int = REMIND_DAYS) -> list[Deadline]:
    """Deadlines from now to the end of the ``days``-th day (today counts as the first)."""
    last = _seoul(now).date() + dt.timedelta(days=days - 1)
    return [d for d in deadlines(site) if not d.passed(now) and d.due.date() <= last]


def reminded_on(deadline: Deadline) -> dt.date:
    return deadline.due.date() - dt.timedelta(days=REMIND_DAYS)


def feed(site: SiteModel, site_url: str, limit: int = 20) -> bytes:
    """RSS of deadlines, each appearing REMIND_DAYS before it. The guid holds the deadline's time, so a
    changed deadline reaches a subscriber as a new item instead of hiding in an old one."""
    today = site.today
    items = sorted((d for d in deadlines(site) if reminded_on(d) <= today),
                   key=lambda d: (reminded_on(d), d.due, d.key), reverse=True)[:limit]
    home = absolute(site_url, EVENTS_URL)
    fg = FeedGenerator()
    fg.title(f"{site.info.name}: 신청 마감 알림")
    fg.description(f"{site.info.centre} 프로그램과 행사의 신청 마감을 마감 {REMIND_DAYS}일 전에 알려 드립니다.")
    fg.link(href=absolute(site_url, DEADLINES_RSS), rel="self")
    fg.link(href=home, rel="alternate")  # after self: RSS's <link> is the last one given
    fg.language("ko")
    fg.generator("교육금천 (feedgen)")
    fg.lastBuildDate(_at_nine(items[0]) if items else dt.datetime.combine(today, dt.time(9, 0), SEOUL))
    for deadline in items:
        link = absolute(site_url, program_url(deadline.program.id))
        entry = fg.add_entry(order="append")
        entry.guid(f"{link}#deadline-{deadline.key}-{deadline.due:%Y%m%d%H%M}", permalink=False)
        entry.title(f"{deadline.when()}까지: {deadline.title} 신청 마감")
        entry.link(href=link)
        entry.pubDate(_at_nine(deadline))
        entry.description("\n".join(describe(deadline)))
    return fg.rss_str(pretty=True)


def describe(deadline: Deadline) -> list[str]:
    """Plain lines about a deadline: what, when, how to apply (the feed, the calendar, messages)."""
    program, event = deadline.program, deadline.event
    lines = [f"{program.name}: {program.summary}"]
    if event:
        lines.append(f"행사: {korean_date_weekday(event.start)} {korean_time(event.start)}, {event.place}")
    lines.append(f"신청 마감: {deadline.when()}")
    lines.append(f"신청 방법: {program.apply.how}")
    if deadline.apply_url:
        lines.append(f"신청: {deadline.apply_url}")
    if deadline.apply_phone:
        lines.append(f"전화: {deadline.apply_phone}")
    if deadline.example:
        lines.append(UI["example_note"])
    return lines


def _seoul(moment: dt.datetime) -> dt.datetime:
    """Seoul wall-clock time of ``moment`` (a naive one already is)."""
    return moment.astimezone(SEOUL).replace(tzinfo=None) if moment.tzinfo else moment


def _at_nine(deadline: Deadline) -> dt.datetime:
    return dt.datetime.combine(reminded_on(deadline), dt.time(9, 0), SEOUL)
