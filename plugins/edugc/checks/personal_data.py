"""The last gate before publishing: no personal number anywhere in what was built.

The sources are scanned when the model loads; this reads the output itself (pages, feeds, search
data, calendars, SVG pictures and the PDFs' text), so a number that reached the site some other way
(a template, a data file, text drawn into a PDF) still stops the publish.
"""
from __future__ import annotations

from pathlib import Path

from ..model.personal import digits_of, find_personal_numbers

TEXT_SUFFIXES = {".html", ".xml", ".json", ".ics", ".txt", ".svg", ".js", ".webmanifest"}
KIND = {"rrn": "주민등록번호로 보이는 숫자", "mobile": "개인 휴대전화 번호로 보이는 숫자"}


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def scan_site(site: Path, official_numbers: list[str]) -> list[str]:
    """'newsletter/1/index.html:12: 개인 휴대전화 번호로 보이는 숫자 010-...' for everything found."""
    allowed = {digits_of(n) for n in official_numbers}
    problems = []
    for path in sorted(site.rglob("*")):
        suffix = path.suffix.lower()
        if not path.is_file() or (suffix not in TEXT_SUFFIXES and suffix != ".pdf"):
            continue
        try:
            text = pdf_text(path) if suffix == ".pdf" else path.read_text(encoding="utf-8", errors="replace")
        except Exception as err:  # a PDF the reader cannot open is a problem in itself
            problems.append(f"{path.relative_to(site).as_posix()}: 내용을 읽어 개인정보를 확인할 수 없습니다 ({err})")
            continue
        for found in find_personal_numbers(text):
            if found.kind == "mobile" and found.digits in allowed:
                continue
            where = path.relative_to(site).as_posix() + ("" if suffix == ".pdf" else f":{found.line}")
            problems.append(f"{where}: {KIND[found.kind]} '{found.shown}'이(가) 공개될 뻔했습니다 → 원본에서 지우세요 "
                            "(공식 번호라면 data/site.yml의 official_numbers에 추가)")
    return problems
