"""The build's idea of today, in Korean time (EDUGC_TODAY=YYYY-MM-DD pins it for tests)."""
from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")


def now() -> dt.datetime:
    pinned = os.environ.get("EDUGC_TODAY")
    if pinned:
        return dt.datetime.combine(dt.date.fromisoformat(pinned), dt.time(12, 0), SEOUL)
    return dt.datetime.now(SEOUL)


def today() -> dt.date:
    return now().date()
