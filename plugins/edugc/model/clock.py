"""Korean time: the build's idea of today (EDUGC_TODAY=YYYY-MM-DD pins it for tests), and when a
dated story counts as published."""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")
# A date-only story is published at this hour in Seoul: at UTC midnight it would show up as the
# previous evening's news in feed readers and link previews.
PUBLISH_HOUR = dt.time(9, 0)


def now() -> dt.datetime:
    pinned = os.environ.get("EDUGC_TODAY")
    if pinned:
        return dt.datetime.combine(dt.date.fromisoformat(pinned), dt.time(12, 0), SEOUL)
    return dt.datetime.now(SEOUL)


def today() -> dt.date:
    return now().date()


def published_at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, PUBLISH_HOUR, SEOUL)
