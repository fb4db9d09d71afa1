"""문자 (SMS, LMS) and the KakaoTalk channel message of an Announcement.

An SMS is the title, the key date and the short address, in 90 bytes of EUC-KR: the title is
shortened first, then the address loses its 'https://', and only when even that cannot fit does the
message go without a link (the staff are told). An LMS (2,000 bytes) drops the least needed parts
first. KakaoTalk carries the page's own address, whose share card the site makes (a short address
is a redirect page, which KakaoTalk would show without a card).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.schema import SiteInfo
from ..pages.text import UI
from . import charset
from .items import Announcement

KAKAO_CHARS = 1000   # a KakaoTalk channel's text message
MIN_TITLE = 20       # bytes of title (10 syllables) worth keeping before the address gives up 'https://'


@dataclass
class Texts:
    sms: str
    lms: str
    kakao: str
    dropped: list[str] = field(default_factory=list)   # characters left out of the 문자
    sms_without_link: bool = False


def texts(item: Announcement, info: SiteInfo) -> Texts:
    dropped: list[str] = []

    def euc(text: str) -> str:
        clean, lost = charset.clean(text)
        dropped.extend(c for c in lost if c not in dropped)
        return clean

    sms, linked = _sms(item, info, euc)
    return Texts(sms=sms, lms=_lms(item, info, euc), kakao=_kakao(item, info), dropped=dropped,
                 sms_without_link=not linked)


def _head(item: Announcement, info: SiteInfo) -> str:
    return f"[{info.name}]" + ("[예시]" if item.example else "")


def _sms(item: Announcement, info: SiteInfo, euc) -> tuple[str, bool]:
    head, lead, title, tail = euc(_head(item, info)), euc(item.sms_lead), euc(item.sms_title), euc(item.sms_tail)
    before = f"{head} {lead} " if lead else f"{head} "
    scheme_less = item.short.split("://", 1)[-1]

    def room(link: str) -> int:
        return charset.SMS_BYTES - charset.size(before + tail + "\n" + link)

    if charset.size(title) <= room(item.short) or room(item.short) >= MIN_TITLE:
        link = item.short
    elif charset.size(title) <= room(scheme_less) or room(scheme_less) > charset.size(charset.ELLIPSIS):
        link = scheme_less  # phones still make 'host/n/3/' a link; a title cut to nothing says nothing
    else:
        return charset.cut(f"{before}{title}{tail}", charset.SMS_BYTES), False
    return f"{before}{charset.cut(title, room(link))}{tail}\n{link}", True


def _facts(item: Announcement, mark: str) -> list[str]:
    return [f"{mark} {label}: {value}" for label, value in item.facts]


def _lms(item: Announcement, info: SiteInfo, euc) -> str:
    head = f"{_head(item, info)} {item.subject.split('] ', 1)[-1]}"
    if item.example:
        head += f"\n※ {UI['example_note']}"
    end = [f"▶ 자세히 보기: {item.short}"]
    end += [f"▶ {label}: {url}" for label, url in item.actions if not url.startswith(item.page_url)]
    end.append(f"문의: {info.centre} {info.phone.number}")
    blocks: list[tuple[str, list[str]]] = [("summary", [item.summary] if item.summary else [])]
    blocks.append(("facts", _facts(item, "▶")))
    if item.entries:
        blocks.append(("entries", [f"■ {item.entries_title}"] + [
            f"{n}. {e.title}" + (f" ({e.label})" if e.label and item.kind == "program" else "") +
            (f"\n   {e.summary}" if e.summary else "") for n, e in enumerate(item.entries, 1)]))
    if item.kind == "program" and item.intro_text:
        blocks.append(("intro", [item.intro_text]))
    text_head, text_end = euc(head), euc("\n".join(end))
    room = charset.LMS_BYTES - charset.size(text_head) - charset.size(text_end) - 2 * len("\n\n")
    kept: list[str] = []
    for name, lines in blocks:
        if not lines:
            continue
        block = euc("\n".join(lines))
        cost = charset.size(block) + len("\n\n")
        if cost > room and name == "entries":  # titles without summaries
            block = euc("\n".join([lines[0]] + [f"{n}. {e.title}" for n, e in enumerate(item.entries, 1)]))
            cost = charset.size(block) + len("\n\n")
        if cost > room and name in ("intro", "summary", "entries") and room > 120:
            block = charset.cut(block, room - len("\n\n"))
            cost = charset.size(block) + len("\n\n")
        if cost <= room:
            kept.append(block)
            room -= cost
    return "\n\n".join([text_head, *kept, text_end])


def _kakao(item: Announcement, info: SiteInfo) -> str:
    lines = [f"[{info.name}] {item.kicker}", item.title]
    if item.example:
        lines.append(f"※ {UI['example_note']}")
    lines += ["", item.summary] if item.summary else []
    if item.facts:
        lines += [""] + _facts(item, "·")
    if item.entries:
        lines += ["", f"[{item.entries_title}]"] + [f"- {e.title}" for e in item.entries]
    lines += ["", f"자세히 보기: {item.page_url}"]
    apply = [url for label, url in item.actions if not url.startswith(item.page_url)]
    if apply:
        lines.append(f"신청하기: {apply[0]}")
    # The link and the facts stay; the list of articles or events gives way, from its end.
    while len("\n".join(lines)) > KAKAO_CHARS and any(line.startswith("- ") for line in lines):
        lines.pop(max(i for i, line in enumerate(lines) if line.startswith("- ")))
    return "\n".join(lines)[:KAKAO_CHARS]
