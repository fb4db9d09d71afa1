"""One way to cut a long list into pages (tag and category lists, the archive of past events)."""
from __future__ import annotations

from typing import Sequence, TypeVar

T = TypeVar("T")


def paginate(items: Sequence[T], per_page: int) -> list[list[T]]:
    """The items, per_page a page, in order; an empty list still has its first page."""
    return [list(items[i:i + per_page]) for i in range(0, len(items), per_page)] or [[]]
