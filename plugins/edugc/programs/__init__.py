"""Programs and events from data/: program pages, a filterable directory, events by month, an
archive of past events and iCalendar files. Plain Python: no mkdocs import."""
from .calendar import event_file, feed
from .pages import ProgramPages

__all__ = ["ProgramPages", "event_file", "feed"]
