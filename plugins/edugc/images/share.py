"""What a shared link shows: Open Graph and Twitter values for one page, from the model."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.clock import published_at

SECTIONS = {"newsletter": "교육금천 소식지", "notices": "공지", "guides": "입시 가이드", "programs": "프로그램",
            "about": "센터 소개", "contact": "문의·오시는 길", "help": "편집 안내"}


@dataclass(frozen=True)
class ShareMeta:
    title: str
    description: str
    url: str               # absolute
    image: str             # absolute
    section: str
    site_name: str
    type: str = "website"  # article for newsletter articles and notices
    published: str | None = None  # ISO 8601 with the Seoul offset


def section_of(url: str, *, issue_number: int | None = None, category: str | None = None) -> str:
    if issue_number is not None:
        return f"교육금천 소식지 제{issue_number}호" + (f" · {category}" if category else "")
    first = url.strip("/").split("/")[0] if url.strip("/") else ""
    name = SECTIONS.get(first, "")
    if first == "notices" and category:
        return f"{name} · {category}"
    return name


def published_time(day: dt.date | None) -> str | None:
    if day is None:
        return None
    return published_at(day).isoformat()

