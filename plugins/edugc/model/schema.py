"""The schema of every content type, in one place.

Editors write these as front matter (issues, articles, guides, pages) or YAML lists in data/
(programs, events). Field names are English; values that readers see are Korean.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, field_validator, model_validator

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_RE, max_length=80)]
Text = Annotated[str, Field(min_length=1)]

Level = Literal["초등", "중등", "고등", "학부모"]
LEVELS: tuple[str, ...] = ("초등", "중등", "고등", "학부모")
Family = Literal["학력향상", "진로진학 정보", "미래형 인재", "고교학점제"]
FAMILIES: tuple[str, ...] = ("학력향상", "진로진학 정보", "미래형 인재", "고교학점제")
Category = Literal["고교학점제", "대입 정보", "학습 방법", "진로 체험", "센터 소식"]
CATEGORIES: tuple[str, ...] = ("고교학점제", "대입 정보", "학습 방법", "진로 체험", "센터 소식")

PHONE_RE = r"^0\d{1,2}-\d{3,4}-\d{4}$"
Phone = Annotated[str, Field(pattern=PHONE_RE)]


class Strict(BaseModel):
    """Unknown fields are errors (with a did-you-mean), strings are trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class PageMeta(Strict):
    """Any Markdown page."""

    title: Text
    summary: str | None = None
    slug: Slug | None = None
    aliases: list[str] = []
    draft: bool = False
    staff: bool = False   # for staff (the editing guide): built, but out of the menu, search and sitemap
    hide: list[Literal["navigation", "toc", "footer", "feedback"]] = []
    # 담당부서 and 최종 수정일 (KRDS): data/site.yml gives both for every page; a page may say its own.
    department: Text | None = None
    updated: dt.date | None = None

    @field_validator("aliases")
    @classmethod
    def _aliases_are_paths(cls, value: list[str]) -> list[str]:
        for alias in value:
            if "://" in alias or ".." in alias or not alias.strip("/"):
                raise ValueError(f"'{alias}'는 이 사이트 안의 옛 주소여야 합니다 (예: old/notice/)")
        return value


class IssueMeta(PageMeta):
    """교육금천 소식지 제N호: content/newsletter/<N>/index.md."""

    number: Annotated[int, Field(ge=1, le=9999)]
    date: dt.date
    cover: str | None = None
    cover_alt: str | None = None
    articles: list[Text] = Field(min_length=1)


class ArticleMeta(PageMeta):
    """An article of an issue: content/newsletter/<N>/<name>.md."""

    date: dt.date
    author: Text
    category: Category
    tags: list[Text] = []
    cover: str | None = None
    cover_alt: str | None = None
    # A sentence of the article printed large in the print edition (a pull quote): its own words only.
    pull_quote: str | None = None


class NoticeMeta(ArticleMeta):
    """A notice: content/notices/<name>.md (dated and filed like an article, outside any issue)."""


class Audience(Strict):
    levels: list[Level] = Field(min_length=1)
    grades: list[Annotated[int, Field(ge=1, le=6)]] = []


class GuideMeta(PageMeta):
    """An admission guide: content/guides/<slug>.md."""

    audience: Audience
    school_year: Annotated[int, Field(ge=2020, le=2100)]
    reviewed: dt.date
    review_by: dt.date
    programs: list[Slug] = []

    @model_validator(mode="after")
    def _review_order(self) -> "GuideMeta":
        if self.review_by < self.reviewed:
            raise ValueError("review_by(다시 확인할 날짜)가 reviewed(마지막 확인일)보다 빠릅니다 → 두 날짜를 확인하세요")
        return self


class Apply(Strict):
    phone: Phone | None = None
    url: AnyHttpUrl | None = None
    how: Text  # some programs are applied for by schools, not families: no phone or URL then


class Program(Strict):
    """A program of the centre: one item of data/programs.yml."""

    id: Slug
    name: Text
    family: Family
    audience: list[Level] = Field(min_length=1)
    summary: Text
    description: Text
    schedule: Text
    place: Text
    capacity: Annotated[int, Field(ge=1)] | None = None
    fee: Annotated[int, Field(ge=0)] = 0
    apply: Apply
    contact: Text
    open: dt.date | None = None
    close: dt.date | None = None
    example: bool = False
    aliases: list[str] = []

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Program":
        if self.open and self.close and self.close < self.open:
            raise ValueError("close(모집 마감일)가 open(모집 시작일)보다 빠릅니다 → 두 날짜를 확인하세요")
        return self


class Registration(Strict):
    url: AnyHttpUrl | None = None
    phone: Phone | None = None
    deadline: dt.datetime | None = None


class Event(Strict):
    """One dated event: an item of data/events.yml (times are Asia/Seoul)."""

    id: Slug
    title: Text
    program: Slug
    start: dt.datetime
    end: dt.datetime
    place: Text
    registration: Registration | None = None
    example: bool = False

    @model_validator(mode="after")
    def _times_in_order(self) -> "Event":
        if self.end <= self.start:
            raise ValueError("end(끝나는 시각)가 start(시작 시각)보다 빠르거나 같습니다 → end를 start보다 늦은 시각으로 고치세요")
        if self.registration and self.registration.deadline and self.registration.deadline > self.start:
            raise ValueError("registration.deadline(신청 마감)이 행사 시작보다 늦습니다 → 마감을 행사 시작 전으로 고치세요")
        return self

    @field_validator("start", "end")
    @classmethod
    def _naive_local(cls, value: dt.datetime) -> dt.datetime:
        # Editors write Seoul local time; an explicit offset is converted to Seoul time.
        if value.tzinfo is not None:
            from .clock import SEOUL

            value = value.astimezone(SEOUL).replace(tzinfo=None)
        return value


class DataList(Strict):
    """A data file holding one list (data/programs.yml, data/events.yml) under its own key.

    Under a key rather than a bare top-level list because Git-based web editors edit a file's fields and
    cannot edit a list on its own; `notes` keeps the file's source notes, which an editor working through
    a Git host rewrites away when they are YAML comments.
    """

    ITEMS: ClassVar[str] = ""
    notes: str | None = None


class ProgramsFile(DataList):
    """data/programs.yml."""

    ITEMS: ClassVar[str] = "programs"
    programs: list[Program] = []


class EventsFile(DataList):
    """data/events.yml."""

    ITEMS: ClassVar[str] = "events"
    events: list[Event] = []


class Fact(Strict):
    """A contact fact that may still be an invented example (shown with a 예시 label)."""

    text: Text
    example: bool = False


class PhoneFact(Strict):
    number: Phone
    example: bool = False


class EmailFact(Strict):
    address: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
    example: bool = False


class KakaoChannel(Strict):
    """The centre's KakaoTalk channel: the name families search for and its address."""

    name: Text
    url: AnyHttpUrl
    example: bool = False


class Channels(Strict):
    """Where families receive the centre's news besides the site (구독 안내, `edugc announce`).

    sms is the number the centre's 문자 come from; email is the mailbox of the email edition
    (sender, replies, 수신거부). An example value is shown with a 예시 label and never sent from.
    """

    kakao: KakaoChannel | None = None
    sms: PhoneFact | None = None
    email: EmailFact | None = None


class SiteInfo(Strict):
    """data/site.yml: who runs the site and how to reach them."""

    name: Text
    centre: Text
    operator: Text
    address: Text
    phone: PhoneFact
    hours: Fact
    email: EmailFact | None = None
    map_url: AnyHttpUrl | None = None
    about: str | None = None  # one or two sentences on the centre (the printed newsletter's back page)
    official_numbers: list[str] = []
    channels: Channels = Channels()
    # Every page's 담당부서 and 최종 수정일 unless the page says its own (the operator when not given).
    department: Text | None = None
    updated: dt.date | None = None
    # true once the site is the centre's real one: publish then refuses facts still marked example.
    live: bool = False


def field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Names allowed at ``loc`` (for did-you-mean on an unknown field)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}).keys())


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


class ImageConsent(Strict):
    """A sidecar `<image file>.yml` next to a photo (e.g. content/newsletter/2/camp.jpg.yml).

    `people: true` marks a photo showing identifiable people (students, families): it is published
    only with recorded portrait consent (초상권 동의), `consent: true`.
    """

    people: bool = False
    consent: bool = False
    consent_note: str | None = None
