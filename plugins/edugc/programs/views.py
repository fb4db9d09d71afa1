"""The nouns of the programs directory and the events pages: filters, months, archive pages.

Short ASCII URL parts for the Korean audiences and families, so a filtered view fits in a
KakaoTalk message or a QR code (programs/for/high/, programs/family/credit/).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import urls
from ..model.schema import FAMILIES, LEVELS, Event, Program
from ..pages.pagination import paginate
from ..pages.status import is_upcoming, program_status, registration_open  # noqa: F401  (the events pages' names for them)

AUDIENCE_SLUGS: dict[str, str] = {"초등": "elementary", "중등": "middle", "고등": "high", "학부모": "parents"}
FAMILY_SLUGS: dict[str, str] = {"학력향상": "achievement", "진로진학 정보": "admissions",
                                "미래형 인재": "future", "고교학점제": "credit"}
assert set(AUDIENCE_SLUGS) == set(LEVELS) and set(FAMILY_SLUGS) == set(FAMILIES)



def event_ics_path(event: Event) -> str:
    return urls.event_ics(event.id)


def poster_url(subject: Program | Event, *, pdf: bool = False) -> str:
    """Where a program's or event's A4 poster is published (its print page, or with pdf its PDF)."""
    event = isinstance(subject, Event)
    return urls.poster_pdf(subject.id, event=event) if pdf else urls.poster_url(subject.id, event=event)


def has_poster(subject: Program | Event, today: dt.date) -> bool:
    """Notice boards need posters of what is still ahead: running or upcoming programs, upcoming events."""
    if isinstance(subject, Event):
        return is_upcoming(subject, today)
    return program_status(subject, today)[0] != "closed"


@dataclass(frozen=True)
class Filter:
    """One view of the directory: everything, one audience or one family."""

    kind: str        # all | audience | family
    value: str       # Korean label ('' for all)
    slug: str        # ASCII URL part ('' for all)

    @property
    def url(self) -> str:
        if self.kind == "audience":
            return urls.audience_url(self.slug)
        if self.kind == "family":
            return urls.family_url(self.slug)
        return urls.DIRECTORY_URL

    def matches(self, program: Program) -> bool:
        if self.kind == "audience":
            return self.value in program.audience
        if self.kind == "family":
            return program.family == self.value
        return True


ALL = Filter("all", "", "")
AUDIENCE_FILTERS = [Filter("audience", level, AUDIENCE_SLUGS[level]) for level in LEVELS]
FAMILY_FILTERS = [Filter("family", family, FAMILY_SLUGS[family]) for family in FAMILIES]
FILTERS = [ALL, *AUDIENCE_FILTERS, *FAMILY_FILTERS]


def filter_label(active: Filter) -> str:
    if active.kind == "audience":
        return f"{active.value} 대상 프로그램"
    if active.kind == "family":
        return f"{active.value} 분야 프로그램"
    return "전체 프로그램"


def program_tokens(program: Program) -> dict[str, str]:
    """Space-separated slugs the browser script filters on (data-audience, data-family)."""
    return {"audience": " ".join(AUDIENCE_SLUGS[a] for a in program.audience),
            "family": FAMILY_SLUGS[program.family]}


@dataclass
class Month:
    year: int
    month: int
    events: list[Event] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"m{self.year}-{self.month:02d}"


def by_month(events: list[Event]) -> list[Month]:
    months: list[Month] = []
    for event in events:
        if not months or (months[-1].year, months[-1].month) != (event.start.year, event.start.month):
            months.append(Month(event.start.year, event.start.month))
        months[-1].events.append(event)
    return months


@dataclass
class ArchivePage:
    number: int          # 1-based
    count: int           # pages in all
    events: list[Event]

    @property
    def url(self) -> str:
        return urls.past_url(self.number)


def archive_pages(past: list[Event], per_page: int) -> list[ArchivePage]:
    """Past events newest first, per_page a page; an empty archive still has its first page."""
    newest = sorted(past, key=lambda e: (e.start, e.id), reverse=True)
    chunks = paginate(newest, per_page)
    return [ArchivePage(n, len(chunks), chunk) for n, chunk in enumerate(chunks, start=1)]
