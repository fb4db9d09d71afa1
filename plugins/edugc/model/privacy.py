"""Personal data that must never be published: resident registration numbers, personal mobiles."""
from __future__ import annotations

from pathlib import Path

from ..cache import Memo
from .personal import digits_of, find_personal_numbers
from .problems import Problems

# Every text an editor can put on the site, SVG drawings (their <text>) included.
TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".txt", ".html", ".htm", ".csv", ".json", ".svg", ".xml", ".ics"}


# Texts found clean, by file: the preview scans the whole site again after every edit.
_CLEAN = Memo()


def scan_text(text: str, rel: str, allowed: set[str], problems: Problems) -> None:
    if _CLEAN.lookup((rel, frozenset(allowed)), text):
        return
    before = len(problems)
    for found in find_personal_numbers(text):
        if found.kind == "rrn":
            problems.add(rel, found.line, "주민등록번호로 보이는 숫자가 있습니다",
                         "주민등록번호는 어떤 경우에도 사이트에 올리지 마세요: 이 숫자를 지우세요")
        elif found.digits not in allowed:
            problems.add(rel, found.line, f"개인 휴대전화 번호로 보이는 '{found.shown}'이(가) 있습니다",
                         "센터 대표번호를 쓰거나, 공식 번호라면 data/site.yml의 official_numbers에 추가하세요")
    if len(problems) == before:
        _CLEAN.store((rel, frozenset(allowed)), text, True)


def scan_tree(root: Path, folders: list[str], allowed_numbers: list[str], problems: Problems,
              already_read: dict[Path, str] | None = None) -> None:
    """Scan every text file under ``folders``; files the loader already decoded are not read again."""
    allowed = {digits_of(n) for n in allowed_numbers}
    for folder in folders:
        base = root / folder
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
                continue
            text = (already_read or {}).get(path)
            if text is None:
                try:
                    text = path.read_text(encoding="utf-8-sig")
                except UnicodeDecodeError:
                    continue  # the loader reports encodings with a fix
            scan_text(text, path.relative_to(root).as_posix(), allowed, problems)
