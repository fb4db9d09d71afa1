"""Programs and events from data/: program pages, a filterable directory, events by month, an
archive of past events and iCalendar files. Plain Python: no mkdocs import."""
from .pages import ProgramPages

__all__ = ["ProgramPages", "event_file", "feed"]


def __getattr__(name: str):
    # The calendar library takes 0.3 s to import: `edugc check` reads the programs without it.
    if name in ("event_file", "feed"):
        from . import calendar

        return getattr(calendar, name)
    raise AttributeError(name)
