"""One-page A4 posters of the centre's running and upcoming programs and events, for notice boards
and schools: what it is, who it is for, when and where, the deadline, how to apply, a QR code.

Every fact comes from data/programs.yml and data/events.yml, so a poster never disagrees with the
program page it points to. A program or event that is over keeps its poster address (it may be
shared or bookmarked) with a short page that says so and points on; it gets no PDF.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Union

from markupsafe import Markup

from ..model.schema import Event, Program
from ..model import SiteModel
from ..pages.render import render
from ..programs.views import has_poster, poster_url
from ..urls import EVENTS_URL, absolute, event_entry, program_url, relative
from .edition import site_address, stylesheet
from .links import short_url
from .qr import qr_svg

Subject = Union[Program, Event]


@dataclass
class Poster:
    subject: Subject
    program: Program
    name: str         # the program's name or the event's title
    url: str          # the poster's page, site-relative
    pdf: str          # its PDF, site-relative (made only while current)
    title: str        # the PDF's title
    current: bool
    html: str = ""

    @property
    def is_event(self) -> bool:
        return isinstance(self.subject, Event)


def subjects(site: SiteModel) -> list[Subject]:
    return [*site.programs, *site.events]


def program_of(site: SiteModel, subject: Subject) -> Program:
    return subject if isinstance(subject, Program) else site.program_by_id[subject.program]


def poster_target(subject: Subject) -> str:
    """What the QR code opens: the program page, at the event's own entry for an event."""
    if isinstance(subject, Program):
        return program_url(subject.id)
    return event_entry(subject.program, subject.id)


def poster_qr(subject: Subject, site_url: str) -> tuple[str, str]:
    address = absolute(site_url, poster_target(subject)) if site_url else poster_target(subject)
    return address, f"‘{name_of(subject)}’ 안내 페이지 QR 코드"


def name_of(subject: Subject) -> str:
    return subject.name if isinstance(subject, Program) else subject.title


def posters(site: SiteModel, today: dt.date) -> list[Poster]:
    return [Poster(subject=s, program=program_of(site, s), name=name_of(s), url=poster_url(s),
                   pdf=poster_url(s, pdf=True), title=f"{name_of(s)} · 교육금천 포스터", current=has_poster(s, today))
            for s in subjects(site)]


def _title_size(name: str) -> str:
    # Long Korean titles take a smaller size so the poster always fits its one page.
    return "long" if len(name) > 24 else "medium" if len(name) > 14 else "short"


def poster_html(site: SiteModel, poster: Poster, *, site_url: str, fonts: dict[str, str],
                qr: Callable[[str, str], str] = qr_svg, mark: str = "", share=None, with_pdf: bool = False) -> str:
    subject, program, url, name, is_event = poster.subject, poster.program, poster.url, poster.name, poster.is_event
    address, label = poster_qr(subject, site_url)
    registration = subject.registration if is_event else None
    _, home_short = site_address(site_url)
    html = render(
        "poster.html",
        poster=poster, subject=subject, program=program, is_event=is_event, name=name, info=site.info, title=poster.title,
        registration=registration, title_size=_title_size(name), share=share,
        qr=Markup(qr(address, label)) if poster.current else "", qr_short=short_url(address) if site_url else address,
        css=stylesheet("poster.css"), fonts={weight: relative(url, path) for weight, path in fonts.items()},
        mark=Markup(mark), site_address=home_short, pdf=relative(url, poster.pdf) if with_pdf and poster.current else None,
        back=relative(url, poster_target(subject)), events=relative(url, EVENTS_URL),
        example=subject.example or program.example, short=lambda address: short_url(str(address)))
    # No blank lines: the page is small and people read its source to check a poster's facts.
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
