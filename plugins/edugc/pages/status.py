"""What changes by date alone: a program's recruiting status. Never an error, only a label."""
from __future__ import annotations

import datetime as dt

from ..model.schema import Program
from . import text


def program_status(program: Program, today: dt.date) -> tuple[str, str]:
    """(key, label): always | soon | open | closed."""
    if not program.open and not program.close:
        return "always", text.UI["status_always"]
    if program.open and today < program.open:
        return "soon", text.UI["status_soon"]
    if program.close and today > program.close:
        return "closed", text.UI["status_closed"]
    return "open", text.UI["status_open"]
