"""What is announced: a newsletter issue, a program, or an application deadline, as one Announcement.

Every channel (the email edition, its text part, 문자, KakaoTalk) is made from the same Announcement,
which is made from the validated model alone: no build, no rendered page.
"""
from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from ..images import RASTER_SUFFIXES, ImageCache, ImageError, Processed, Settings, variant_path
from ..model import Doc, Issue, SiteModel
from ..model.schema import Program
from ..pages.status import program_status
from ..pages.text import UI, WEEKDAYS, korean_date, korean_date_weekday, korean_time, won
from ..programs.deadlines import Deadline, deadlines
from ..programs.views import is_upcoming
from ..urls import ARCHIVE, DIRECTORY_URL, EVENTS_URL, program_url, short_issue_url, short_program_url
from .markup import Links, absolute, html_text, markdown_html

# The widest picture an email holds is 560 CSS pixels (600 less the margins): the variant nearest to
# twice that without going over stays sharp on phones and light on mobile data.
EMAIL_IMAGE_WIDTH = 560
SOON_DAYS = 14  # an issue's email also lists the deadlines of the next two weeks


@dataclass(frozen=True)
class Picture:
    url: str
    alt: str
    width: int
    height: int


@dataclass
class Entry:
    """One article of an issue, one event of a program, one deadline in a list."""

    title: str
    url: str
    summary: str = ""
    label: str = ""
    picture: Picture | None = None


@dataclass
class Announcement:
    kind: str                  # issue | program | deadline
    slug: str                  # ASCII, names the item's folder: 'newsletter-3', 'program-parent-academy'
    send_key: str              # what one sending is (the send log): changes when the news does
    subject: str               # email subject and the page title of email.html
    kicker: str                # the small line above the title
    title: str
    summary: str
    sms_lead: str              # 문자: kept whole before the title ('12/4(금) 18시 마감:')
    sms_title: str             # 문자: shortened first when the message is too long
    sms_tail: str              # 문자: kept whole after the title (' 신청 ~12/18(금)')
    page_url: str              # absolute, canonical: its share card is what KakaoTalk shows
    short: str                 # absolute short address (/n/<N>/, /p/<id>/) for 문자
    page_path: str             # site-relative, for the published-address ledger
    short_path: str
    intro_html: str = ""
    intro_text: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    entries_title: str = ""
    entries: list[Entry] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)   # (label, absolute url) buttons
    soon: list[Entry] = field(default_factory=list)                # deadlines coming up (issues)
    example: bool = False
    sources: list[str] = field(default_factory=list)


class Maker:
    """Makes Announcements for one site at one address."""

    def __init__(self, site: SiteModel, site_url: str, *, content_dir: str = "content",
                 cache_dir: Path | None = None, now: dt.datetime | None = None):
        self.site = site
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.content = Path(site.root) / content_dir
        self.content_dir = content_dir
        self.now = now or dt.datetime.combine(site.today, dt.time(12, 0))  # Seoul wall clock when naive
        pages = {doc.src: doc.url for doc in site.docs.values()}
        pages.update({f"programs/{p.id}.md": program_url(p.id) for p in site.programs})
        # The generated lists an editor may link to by their virtual sources.
        pages.update({f"{url}index.md": url for url in (DIRECTORY_URL, EVENTS_URL, ARCHIVE)})
        self.links = Links(self.site_url, pages)
        # The same cache and settings as the site's build (edugc/images defaults), so the variants named
        # here are the ones the build publishes; a photo not built yet is made now and kept for the build.
        self.images = ImageCache((cache_dir or Path(site.root) / ".cache") / "images", Settings())
        self.image_problems: list[str] = []

    def abs(self, path: str) -> str:
        return absolute(self.site_url, path)

    # -- pictures ------------------------------------------------------------------------------

    def picture(self, from_src: str, ref: str, alt: str) -> Picture | None:
        """The published JPEG/PNG variant of a photo beside ``from_src`` (mail apps rarely show WebP)."""
        if "://" in ref or ref.startswith(("data:", "/")):
            return None
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), ref.split("#")[0].split("?")[0]))
        path = self.content / rel
        if path.suffix.lower() not in RASTER_SUFFIXES or not path.is_file():
            return None
        try:
            processed = self.images.process(path, f"{self.content_dir}/{rel}")
        except ImageError as err:
            self.image_problems.append(str(err))
            return None
        variant = _email_variant(processed)
        height = round(variant.height * EMAIL_IMAGE_WIDTH / variant.width)
        return Picture(self.abs(variant_path(rel, processed.key, variant.name)), alt, EMAIL_IMAGE_WIDTH, height)

    def _image_url(self, from_src: str, ref: str) -> str | None:
        picture = self.picture(from_src, ref, "")
        return picture.url if picture else None

    def _markdown(self, text: str, from_src: str) -> tuple[str, str]:
        rendered = markdown_html(text, from_src, self.links, self._image_url)
        return rendered, html_text(rendered)

    def _first_picture(self, doc: Doc) -> Picture | None:
        for ref, alt, _line in doc.images:
            picture = self.picture(doc.src, ref, alt)
            if picture:
                return picture
        return None

    # -- a newsletter issue --------------------------------------------------------------------

    def issue(self, issue: Issue) -> Announcement:
        doc, number = issue.doc, issue.number
        intro_html, intro_text = self._markdown(doc.body, doc.src)
        entries = [Entry(a.title, self.abs(a.url), a.summary, a.meta.category, self._first_picture(a))
                   for a in issue.articles]
        short = short_issue_url(number)
        return Announcement(
            kind="issue", slug=f"newsletter-{number}", send_key=f"newsletter-{number}",
            subject=f"[{self.site.info.name}] 소식지 제{number}호: {doc.title}",
            kicker=f"{UI['issue_masthead'].format(number=number)} · {korean_date(issue.date)}",
            title=doc.title, summary=doc.summary,
            sms_lead=f"소식지 제{number}호({issue.date.month}/{issue.date.day}):", sms_title=doc.title, sms_tail="",
            page_url=self.abs(doc.url), short=self.abs(short), page_path=doc.url, short_path=short,
            intro_html=intro_html, intro_text=intro_text, entries_title="이번 호 기사", entries=entries,
            actions=[("소식지 전체 보기", self.abs(doc.url))],
            soon=[self._deadline_entry(d) for d in self._soon()],
            sources=[f"{self.content_dir}/{doc.src}"] + [f"{self.content_dir}/{a.src}" for a in issue.articles],
        )

    def _soon(self) -> list[Deadline]:
        last = self.site.today + dt.timedelta(days=SOON_DAYS)
        return [d for d in deadlines(self.site) if not d.passed(self.now) and d.due.date() <= last][:5]

    def _deadline_entry(self, deadline: Deadline) -> Entry:
        return Entry(deadline.title, self.abs(program_url(deadline.program.id)), deadline.program.summary,
                     f"{deadline.when()} 마감")

    # -- a program -----------------------------------------------------------------------------

    def program(self, program: Program) -> Announcement:
        key, label = program_status(program, self.site.today)
        intro_html, intro_text = self._markdown(program.description, f"programs/{program.id}.md")
        events = [e for e in self.site.events_by_program.get(program.id, []) if is_upcoming(e, self.site.today)]
        entries = []
        for event in events:
            when = f"{korean_date_weekday(event.start)} {korean_time(event.start)}"
            summary = f"장소: {event.place}"
            if event.registration and event.registration.deadline:
                deadline = event.registration.deadline
                summary += f" · 신청 마감 {korean_date_weekday(deadline)} {korean_time(deadline)}"
            entries.append(Entry(event.title, self.abs(program_url(program.id)) + f"#{event.id}", summary, when))
        if key == "open" and program.close:
            tail, subject_tail = f" 신청 ~{_md(program.close)}", f"{korean_date_weekday(program.close)}까지 신청"
        elif key == "soon" and program.open:
            tail, subject_tail = f" {_md(program.open)}부터 신청", f"{korean_date_weekday(program.open)}부터 신청"
        elif key == "always":
            tail, subject_tail = " 상시 신청", "언제든 신청"
        else:
            tail, subject_tail = " 모집 마감", "모집 마감"
        short = short_program_url(program.id)
        page = program_url(program.id)
        actions = [("프로그램 안내 보기", self.abs(page))]
        if program.apply.url and key != "closed":
            actions.insert(0, ("온라인으로 신청하기", str(program.apply.url)))
        return Announcement(
            kind="program", slug=f"program-{program.id}",
            send_key=f"program-{program.id}-{program.open or ''}-{program.close or ''}",
            subject=f"[{self.site.info.name}] {program.name} · {subject_tail}",
            kicker=f"프로그램 안내 · {program.family} · {label}", title=program.name, summary=program.summary,
            sms_lead="", sms_title=program.name, sms_tail=tail,
            page_url=self.abs(page), short=self.abs(short), page_path=page, short_path=short,
            intro_html=intro_html, intro_text=intro_text, facts=self._program_facts(program, key),
            entries_title="다가오는 일정" if entries else "", entries=entries, actions=actions,
            example=program.example or any(e.example for e in events),
            sources=[f"data/programs.yml#{program.id}"],
        )

    def _program_facts(self, program: Program, status_key: str) -> list[tuple[str, str]]:
        facts = [("대상", ", ".join(program.audience)), ("일정", program.schedule), ("장소", program.place)]
        if program.capacity:
            facts.append(("정원", f"{program.capacity}명"))
        facts.append(("비용", won(program.fee)))
        if program.open or program.close:
            period = (korean_date_weekday(program.open) if program.open else "") + " ~ " + \
                     (korean_date_weekday(program.close) if program.close else "")
            facts.append(("모집 기간", period.strip()))
        facts.append(("신청 방법", program.apply.how))
        if program.apply.phone and status_key != "closed":
            facts.append(("신청 전화", program.apply.phone))
        facts.append(("문의", f"{program.contact} {self.site.info.phone.number}"))
        return facts

    # -- a deadline ----------------------------------------------------------------------------

    def deadline(self, deadline: Deadline) -> Announcement:
        program, event = deadline.program, deadline.event
        days = (deadline.due.date() - self.site.today).days
        when_short = f"{_md(deadline.due)}" + (f" {deadline.due.hour}시" if deadline.timed and not deadline.due.minute
                                                else f" {korean_time(deadline.due)}" if deadline.timed else "")
        facts = [("신청 마감", deadline.when())]
        if event:
            facts.append(("행사 일시", f"{korean_date_weekday(event.start)} {korean_time(event.start)}"
                                   f"~{korean_time(event.end) if event.end.date() == event.start.date() else korean_date_weekday(event.end) + ' ' + korean_time(event.end)}"))
            facts.append(("장소", event.place))
        else:
            facts.append(("일정", program.schedule))
            facts.append(("장소", program.place))
        facts.append(("대상", ", ".join(program.audience)))
        facts.append(("비용", won(program.fee)))
        facts.append(("신청 방법", program.apply.how))
        if deadline.apply_phone:
            facts.append(("신청 전화", deadline.apply_phone))
        facts.append(("문의", f"{program.contact} {self.site.info.phone.number}"))
        page = program_url(program.id)
        short = short_program_url(program.id)
        actions = [("프로그램 안내 보기", self.abs(page) + (f"#{event.id}" if event else ""))]
        if deadline.apply_url:
            actions.insert(0, ("온라인으로 신청하기", deadline.apply_url))
        lead = "오늘" if days == 0 else "내일" if days == 1 else f"{days}일 뒤"
        intro_html, intro_text = self._markdown(program.summary, f"programs/{program.id}.md")
        return Announcement(
            kind="deadline", slug=f"deadline-{deadline.key}", send_key=f"deadline-{deadline.key}-{deadline.due:%Y%m%d%H%M}",
            subject=f"[{self.site.info.name}] {deadline.when()} 신청 마감: {deadline.title}",
            kicker=f"신청 마감 안내 · {lead} 마감", title=deadline.title,
            summary=f"{program.name} 신청이 {deadline.when()}에 마감됩니다.",
            sms_lead=f"{when_short} 마감:", sms_title=deadline.title, sms_tail="",
            page_url=self.abs(page), short=self.abs(short), page_path=page, short_path=short,
            intro_html=intro_html, intro_text=intro_text, facts=facts, actions=actions,
            example=deadline.example, sources=[f"data/events.yml#{event.id}" if event else f"data/programs.yml#{program.id}"],
        )


def _md(value: dt.date | dt.datetime) -> str:
    """'12/4(금)': the short date a 문자 has room for."""
    return f"{value.month}/{value.day}({WEEKDAYS[value.weekday()]})"


def _email_variant(processed: Processed):
    fallback = processed.of_format(processed.fallback)
    fitting = [v for v in fallback if v.width <= EMAIL_IMAGE_WIDTH * 2]
    return fitting[-1] if fitting else fallback[0]
