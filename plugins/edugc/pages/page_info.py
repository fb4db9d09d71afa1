"""담당부서 and 최종 수정일 on every page (KRDS): site defaults from data/site.yml, a page's own when it
says so, never required. Articles and issues were last changed when they were published unless
they say otherwise; guides show the day their facts were last checked (reviewed)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Doc, GuideDoc, SiteModel
from .text import korean_date


@dataclass(frozen=True)
class PageInfo:
    department: str
    updated: dt.date | None
    reviewed: dt.date | None = None

    @property
    def updated_text(self) -> str:
        return korean_date(self.updated) if self.updated else ""

    @property
    def reviewed_text(self) -> str:
        return korean_date(self.reviewed) if self.reviewed else ""


def page_info(site: SiteModel, doc: Doc | None) -> PageInfo:
    info = site.info
    department = (doc.meta.department if doc else None) or info.department or info.operator
    reviewed = doc.meta.reviewed if isinstance(doc, GuideDoc) else None
    updated = (doc.meta.updated if doc else None) or reviewed or (doc.date if doc else None) or info.updated
    return PageInfo(department, updated, reviewed)
