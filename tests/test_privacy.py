"""Personal numbers as people really write them never reach the site (edugc.model.personal)."""
from __future__ import annotations

import pytest

from conftest import ROOT
from edugc.model.personal import digits_of, find_personal_numbers

MOBILES = [
    "010-1234-5678", "01012345678", "010 1234 5678", "010.1234.5678", "010–1234–5678", "010 · 1234 · 5678",
    "010/1234/5678", "(010) 1234-5678", "+82 10-1234-5678", "+82-10-1234-5678", "+82 (0)10 1234 5678",
    "0082-10-1234-5678", "82 10 1234 5678", "０１０－１２３４－５６７８", "010-1234-\n5678", "010\n1234\n5678",
    "010&#45;1234&#45;5678", "&#48;&#49;&#48;-1234-5678", "&#x30;10-1234-5678", "010<!-- 숨김 -->1234<!-- -->5678",
    "<text>010</text><tspan>1234</tspan>5678", "**010**-1234-5678", "`010`-`1234`-`5678`",
    '<a href="tel:010-1234-5678">문의</a>', "010\u200b1234\u200b5678", "010 - 1234 - 5678", "011-234-5678",
    "휴대폰:010-1234-5678로", "☎010-1234-5678", "010‐1234‐5678", "010﹣1234﹣5678",
]
RESIDENT = ["900101-1234567", "9001011234567", "900101 - 1234567", "９００１０１－１２３４５６７", "900101-\n1234567",
            "900101&#45;1234567", "900101<!-- -->1234567", "000229-3123456", "851231 2123456"]
NOT_PERSONAL = [
    "2026.01.16 ~ 2026.01.20", "2026-03-16", "02-2627-1234", "02-0000-0000", "1588-1234", "예산 5,852백만원",
    "2027.01.10~01.20", "ISBN 978-89-1234-567-8", "20260316 10:00", "1월 10일 10:00~12:00", "031-123-4567",
    "제3호 2026-12-14", "학번 20261234", "901301-1234567", "900101-9234567",
]


@pytest.mark.parametrize("text", MOBILES)
def test_a_personal_mobile_is_found_however_it_is_written(text):
    found = find_personal_numbers(f"문의는\n{text}\n로 주세요")
    assert [f.kind for f in found] == ["mobile"], found
    assert found[0].digits in ("01012345678", "0112345678") and found[0].line == 2


@pytest.mark.parametrize("text", RESIDENT)
def test_a_resident_registration_number_is_found_however_it_is_written(text):
    found = find_personal_numbers(f"신청서\n{text}")
    assert [f.kind for f in found] == ["rrn"], found
    assert found[0].line == 2


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_dates_office_numbers_and_figures_are_not_personal(text):
    assert find_personal_numbers(text) == []


def test_the_real_sources_hold_no_personal_number():
    for folder in ("content", "data"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".md", ".yml", ".svg", ".txt"):
                assert find_personal_numbers(path.read_text(encoding="utf-8")) == [], path


def test_allowlisted_numbers_compare_as_dialled():
    assert digits_of("+82 10-9999-0000") == digits_of("010-9999-0000") == "01099990000"
    assert find_personal_numbers("+82 10 9999 0000")[0].digits == "01099990000"
