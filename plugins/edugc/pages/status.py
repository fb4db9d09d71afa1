"""What changes by date alone: whether families can apply now, until when, or from when.

Never an error, only a label: a date in the past makes a program 마감, never a failed build.
A program is recruited for in its own window (open/close in data/programs.yml) and for each round
(회차: an event of data/events.yml with its own registration deadline). A round open for registration
makes the program open, so a page never says 마감 beside a round's working 신청하기.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..model.schema import Event, Program
from . import text

URGENT_DAYS = 7  # 마감 임박: the deadline is within a week


@dataclass(frozen=True)
class Status:
    """key is always | soon | open | closed. It still unpacks and indexes as the (key, label) pair
    callers used before (`key, label = program_status(...)`)."""

    key: str
    label: str
    deadline: dt.date | None = None   # open: the nearest day applications close
    opens: dt.date | None = None      # soon: the day applications open
    days_left: int | None = None      # open with a deadline: days from the build day to it
    by_round: bool = False            # the deadline is a round's (회차), not the program's window

    def __iter__(self) -> Iterator[str]:
        return iter((self.key, self.label))

    def __getitem__(self, index: int) -> str:
        return (self.key, self.label)[index]

    @property
    def urgent(self) -> bool:
        return self.days_left is not None and self.days_left <= URGENT_DAYS

    @property
    def dday(self) -> str:
        """"D-3", or "오늘 마감" on the last day ('' without a deadline)."""
        if self.days_left is None:
            return ""
        return text.UI["dday_today"] if self.days_left == 0 else f"D-{self.days_left}"


def is_upcoming(event: Event, today: dt.date) -> bool:
    # An event stays "upcoming" through its last day, like the home page's list.
    return event.end.date() >= today


def registration_open(event: Event, today: dt.date) -> bool:
    if not is_upcoming(event, today):
        return False
    deadline = event.registration.deadline if event.registration else None
    return deadline is None or deadline.date() >= today


def _open(deadline: dt.date | None, today: dt.date, by_round: bool = False) -> Status:
    days = (deadline - today).days if deadline else None
    return Status("open", text.UI["status_open"], deadline=deadline, days_left=days, by_round=by_round)


def round_status(event: Event, today: dt.date) -> Status | None:
    """A round's own status: open until its deadline, then closed; None when it takes no registration."""
    if event.registration is None or not is_upcoming(event, today):
        return None
    if registration_open(event, today):
        deadline = event.registration.deadline.date() if event.registration.deadline else None
        return _open(deadline, today)
    return Status("closed", text.UI["status_closed"])


def window_open(program: Program, today: dt.date) -> bool:
    """Within the program's own application window (a program without one has no window to be in)."""
    if not (program.open or program.close):
        return False
    return not (program.open and today < program.open) and not (program.close and today > program.close)


def open_rounds(rounds: Iterable[Event], today: dt.date) -> list[Event]:
    return [e for e in rounds if (st := round_status(e, today)) is not None and st.key == "open"]


def program_status(program: Program, today: dt.date, rounds: Iterable[Event] = ()) -> Status:
    """The program's status from its window and its rounds (the events that belong to it)."""
    has_window = bool(program.open or program.close)
    in_window = window_open(program, today)
    deadlines = [(program.close, False)] if in_window and program.close else []
    open_round = False
    for event in rounds:
        st = round_status(event, today)
        if st is not None and st.key == "open":
            open_round = True
            if st.deadline:
                deadlines.append((st.deadline, True))
    if in_window or open_round:
        # The nearest deadline a family can still meet; the window's close wins a tie.
        deadline, by_round = min(deadlines) if deadlines else (None, False)
        return _open(deadline, today, by_round)
    if not has_window:
        return Status("always", text.UI["status_always"])
    if program.open and today < program.open:
        return Status("soon", text.UI["status_soon"], opens=program.open)
    return Status("closed", text.UI["status_closed"])


def directory_order(status: Status) -> tuple:
    """Open first by nearest deadline (open without one after them), then upcoming by opening day,
    then closed. Sorting is stable: ties keep the order editors wrote."""
    if status.key == "open":
        return (0, status.deadline or dt.date.max)
    if status.key == "always":
        return (0, dt.date.max)
    if status.key == "soon":
        return (1, status.opens or dt.date.max)
    return (2, dt.date.max)
