"""What validation of single files cannot see: pictures on disk and their consent records,
references between pages and data, addresses that two pages would share, and personal data."""
from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath

from .. import urls
from .docs import Doc, GuideDoc, IssueDoc, StoryDoc
from .problems import Problems
from .schema import Event, ImageConsent, Program
from .source import parse_yaml, read_text
from .validate import validate


def check_images(docs: dict[str, Doc], content: Path, content_dir: str, problems: Problems) -> None:
    for doc in docs.values():
        base = PurePosixPath(doc.src).parent
        refs = list(doc.images)
        if isinstance(doc, (IssueDoc, StoryDoc)) and doc.meta.cover:
            refs.append((doc.meta.cover, doc.meta.cover_alt or "", doc.lines.get("cover") or 1))
        for src, alt, line in refs:
            if "://" in src or src.startswith("data:"):
                problems.add(f"{content_dir}/{doc.src}", line, f"다른 사이트의 그림 '{src}'은(는) 쓸 수 없습니다",
                             "그림 파일을 내려받아 이 글 옆 폴더에 두고 상대 경로로 쓰세요 (가족의 개인정보 보호)")
                continue
            target = content / base / src
            if not target.exists():
                problems.add(f"{content_dir}/{doc.src}", line, f"그림 파일 '{src}'이(가) 없습니다",
                             f"{content_dir}/{base / src}에 파일을 두거나 경로를 고치세요")
            if not alt.strip():
                problems.add(f"{content_dir}/{doc.src}", line, f"그림 '{src}'에 대체 텍스트(alt)가 없습니다",
                             "![그림을 설명하는 문장](파일) 처럼 대괄호 안에 설명을 쓰세요 (화면낭독기 사용자를 위해)")
            if target.exists():
                check_consent(target, f"{content_dir}/{base / src}", f"{content_dir}/{doc.src}", line, problems)


def check_consent(image: Path, shown: str, page: str, line: int, problems: Problems) -> None:
    """A photo marked as showing people is published only with recorded consent (초상권 동의)."""
    sidecar = image.with_name(image.name + ".yml")
    if not sidecar.exists():
        return
    rel = f"{shown}.yml"
    text = read_text(sidecar, rel, problems)
    located = parse_yaml(text, rel, problems) if text is not None else None
    if located is None:
        return
    if located.data is None:
        located.data = {}
    consent = validate(ImageConsent, located, rel, problems)
    if consent is not None and consent.people and not consent.consent:
        problems.add(page, line, f"그림 '{shown}'에 사람이 나오지만 초상권 동의가 기록되지 않아 게시할 수 없습니다",
                     f"동의서를 받았으면 {rel}에 'consent: true'와 consent_note(동의서 보관 위치)를 쓰고, "
                     "아니면 얼굴이 알아보이지 않는 사진으로 바꾸세요")


def check_references(docs: dict[str, Doc], events: list[Event], event_lines: dict[str, dict],
                     program_by_id: dict[str, Program], content_dir: str, data_dir: str, problems: Problems) -> None:
    for doc in docs.values():
        if not isinstance(doc, GuideDoc):
            continue
        for pid in doc.meta.programs:
            if pid not in program_by_id:
                problems.add(f"{content_dir}/{doc.src}", doc.lines.get("programs"),
                             f"프로그램 id '{pid}'을(를) 찾을 수 없습니다", _suggest(pid, program_by_id, data_dir))
    for event in events:
        if event.program not in program_by_id:
            problems.add(f"{data_dir}/events.yml", event_lines[event.id].get("program"),
                         f"일정 '{event.id}'의 프로그램 id '{event.program}'을(를) 찾을 수 없습니다",
                         _suggest(event.program, program_by_id, data_dir))


def _suggest(key: str, known: dict, data_dir: str) -> str:
    guess = difflib.get_close_matches(key, list(known), n=1)
    if guess:
        return f"'{guess[0]}'을(를) 쓰려던 것인가요? ({data_dir}/programs.yml의 id)"
    return f"{data_dir}/programs.yml에 있는 id를 쓰세요"


def check_addresses(docs: dict[str, Doc], programs: list[Program], content_dir: str, data_dir: str,
                    problems: Problems) -> None:
    """Two pages (or a page and an old address in aliases) must never share an address."""
    owners: dict[str, str] = {}

    def claim(url: str, owner: str, rel: str) -> None:
        url = url.strip("/") + "/" if url.strip("/") else ""
        if url in owners and owners[url] != owner:
            problems.add(rel, None, f"주소 /{url}이(가) {owners[url]}와 겹칩니다", "slug나 aliases를 바꿔 주소가 겹치지 않게 하세요")
        owners.setdefault(url, owner)

    for doc in docs.values():
        claim(doc.url, f"{content_dir}/{doc.src}", f"{content_dir}/{doc.src}")
    for program in programs:
        claim(urls.program_url(program.id), f"{data_dir}/programs.yml#{program.id}", f"{data_dir}/programs.yml")
    for doc in docs.values():
        for alias in doc.meta.aliases:
            claim(alias, f"{content_dir}/{doc.src} (aliases)", f"{content_dir}/{doc.src}")
