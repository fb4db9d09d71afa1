"""iCalendar (RFC 5545) files of the centre's events: one feed to subscribe to, one file per event.

UIDs are '<event id>@<site host>' so a phone that subscribed updates an event in place when its
time or place changes, instead of showing it twice.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import icalendar

from ..cache import Cache, Records, code_of, key_of
from ..model import SiteModel
from ..model.clock import SEOUL, now
from ..model.schema import Event
from ..pages.text import UI
from ..urls import absolute, program_url

PRODID = "-//금천진로진학지원센터//교육금천 일정//KO"


def host_of(site_url: str) -> str:
    return urlsplit(site_url).hostname or "localhost"


def uid(event: Event, site_url: str) -> str:
    return f"{event.id}@{host_of(site_url)}"


def _calendar(site: SiteModel, name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Seoul")
    return cal


def _vevent(site: SiteModel, event: Event, site_url: str, stamp: dt.datetime) -> icalendar.Event:
    program = site.program_by_id[event.program]
    item = icalendar.Event()
    item.add("uid", uid(event, site_url))
    item.add("dtstamp", stamp)
    # Editors write Seoul wall-clock times; the VTIMEZONE lets any calendar place them correctly.
    item.add("dtstart", event.start.replace(tzinfo=SEOUL))
    item.add("dtend", event.end.replace(tzinfo=SEOUL))
    item.add("summary", event.title)
    item.add("location", event.place)
    item.add("url", absolute(site_url, program_url(program.id)))
    lines = [f"{program.name}: {program.summary}"]
    if event.registration and event.registration.url:
        lines.append(f"신청: {event.registration.url}")
    if event.registration and event.registration.phone:
        lines.append(f"전화: {event.registration.phone}")
    if event.example:
        lines.append(UI["example_note"])
    item.add("description", "\n".join(lines))
    item.add("categories", [program.family])
    return item


def feed(site: SiteModel, site_url: str) -> bytes:
    """Every event, past and future: a subscribed calendar keeps its history."""
    cal = _calendar(site, "교육금천 일정")
    stamp = now().astimezone(dt.timezone.utc).replace(microsecond=0)
    for event in site.events:
        cal.add_component(_vevent(site, event, site_url, stamp))
    cal.add_component(_seoul_timezone())
    return cal.to_ical()


def event_file(site: SiteModel, event: Event, site_url: str) -> bytes:
    """One event, for the "캘린더에 추가" link (same UID as in the feed)."""
    cal = _calendar(site, event.title)
    cal.add_component(_vevent(site, event, site_url, now().astimezone(dt.timezone.utc).replace(microsecond=0)))
    cal.add_component(_seoul_timezone())
    return cal.to_ical()


@functools.lru_cache(maxsize=1)
def _seoul_timezone():
    # Building a VTIMEZONE from the tz database costs ~0.3 s; every calendar file shares the same one.
    from icalendar import Timezone

    return Timezone.from_tzid("Asia/Seoul")


class CalendarCache:
    """Calendar files by their inputs, kept in one JSON file between builds.

    Encoding 250 events took ~0.6 s of every build and of every preview refresh; an unchanged event
    now keeps its bytes, DTSTAMP included (RFC 5545: when this version of the event was written), so
    a subscribed calendar also sees no change where nothing changed. The key covers the event, its
    program, the site facts and address, and the code that shapes the files. One file per site
    address, so the preview (which serves from 127.0.0.1) never prunes the published site's entries.
    """

    # The code that shapes the files: this module, the addresses (views, edugc.urls), the library.
    CODE = code_of(__file__, Path(__file__).with_name("views.py"), Path(__file__).parent.parent / "urls.py")
    CODE += icalendar.__version__

    def __init__(self, path: Path | None):
        self.records = Records(Cache(path.parent, self.CODE) if path else None, path.name if path else "")

    @classmethod
    def for_site(cls, path: Path, site_url: str | None) -> "CalendarCache":
        """The cache file of one site address (calendars.json → calendars-<hash of the address>.json)."""
        address = hashlib.sha1((site_url or "").encode()).hexdigest()[:8]
        return cls(path.with_name(f"{path.stem}-{address}{path.suffix}"))

    def get(self, inputs: tuple, make: Callable[[], bytes]) -> bytes:
        return self.records.get(key_of(self.CODE, inputs), lambda: make().decode("utf-8")).encode("utf-8")

    def save(self) -> None:
        self.records.save()
