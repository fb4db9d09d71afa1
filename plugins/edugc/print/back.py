"""What the back page of every printed issue tells a family holding it: who we are, how to reach
us, how to find us, how to keep receiving the newsletter, and what is coming up.

Also the one page that evens out an edition (프로그램 한눈에 보기): shown only when the articles
end on an even page, so double-sided printing never leaves a blank side.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model.schema import FAMILIES, Event, Program
from ..model import SiteModel
from ..programs.views import is_upcoming
from ..urls import ARCHIVE, DIRECTORY_URL, EVENTS_URL, FEED_FILES, FEED_PATH, absolute
from .links import short_url

UPCOMING = 5         # events on the back page: what fits beside the rest on one A4 side
PROGRAM_ROWS = 22    # programs on the evening-out page: one A4 side at most, whatever data/ holds
SUBSCRIBE_SRC = "subscribe.md"


@dataclass(frozen=True)
class Contact:
    label: str
    value: str
    example: bool = False


@dataclass
class BackPage:
    about: str
    families: list[tuple[str, list[Program]]]
    contacts: list[Contact]
    address: str
    site: str                      # short address of the home page, as printed
    subscribe: list[tuple[str, str]]   # (what, short address)
    events: list[Event]
    programs: list[Program] = field(default_factory=list)  # the evening-out page
    more_programs: int = 0
    programs_address: str = ""

    @property
    def has_examples(self) -> bool:
        return any(c.example for c in self.contacts) or any(e.example for e in self.events)


def back_page(site: SiteModel, site_url: str, today: dt.date) -> BackPage:
    """Upcoming means upcoming on the day the edition is printed (a reader holds today's paper);
    the page changes, and its PDF is made again, only when that short list changes."""
    info = site.info

    def at(url: str) -> str:
        return short_url(absolute(site_url, url)) if site_url else "/" + url

    contacts = [Contact("전화", info.phone.number, info.phone.example),
                Contact("운영 시간", info.hours.text, info.hours.example)]
    if info.email:
        contacts.append(Contact("전자우편", info.email.address, info.email.example))
    subscribe_doc = site.docs.get(SUBSCRIBE_SRC)
    subscribe = [("소식지 모아 보기", at(ARCHIVE)),
                 ("새 글 받아 보기 (RSS 피드)", at(FEED_FILES["rss"])),
                 ("행사 일정 달력 구독", at(FEED_PATH))]
    if subscribe_doc is not None:
        subscribe.append(("구독 방법 자세히", at(subscribe_doc.url)))
    families = [(family, [p for p in site.programs if p.family == family]) for family in FAMILIES]
    return BackPage(
        about=info.about or "", families=[(f, ps) for f, ps in families if ps], contacts=contacts,
        address=info.address, site=at(""), subscribe=subscribe,
        events=[e for e in site.events if is_upcoming(e, today)][:UPCOMING],
        programs=site.programs[:PROGRAM_ROWS], more_programs=max(0, len(site.programs) - PROGRAM_ROWS),
        programs_address=at(DIRECTORY_URL) if site.programs else at(EVENTS_URL),
    )
