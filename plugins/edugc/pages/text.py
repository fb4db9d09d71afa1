"""Korean ways of writing dates, times, money and statuses (every reader-facing word lives here)."""
from __future__ import annotations

import datetime as dt

WEEKDAYS = "월화수목금토일"

UI = {
    "site_tagline": "금천구 진로진학 정보와 상담",
    "issue_masthead": "교육금천 소식지 제{number}호",
    "example": "예시",
    "example_note": "예시: 담당 부서가 확인하기 전의 정보입니다. 자세한 내용은 센터에 문의해 주세요.",
    "draft": "초안",
    "staff": "직원용 안내",
    "staff_note": "사이트를 고치는 직원을 위한 페이지입니다. 공개 사이트의 메뉴·검색·사이트맵에는 나오지 않습니다.",
    "scheduled": "예약",
    "draft_note": "초안입니다. 미리보기에서만 보이고 공개 사이트에는 올라가지 않습니다.",
    "scheduled_note": "예약 글입니다. {date}에 공개됩니다 (미리보기에서만 보입니다).",
    "stale_note": "이 안내는 {month}에 마지막으로 확인되었습니다. 입시 제도는 해마다 바뀔 수 있으니 최신 내용은 센터에 문의해 주세요.",
    "free": "무료",
    "status_open": "모집중",
    "status_closed": "마감",
    "status_always": "상시",
    "status_soon": "모집 예정",
    "dday_today": "오늘 마감",
    "urgent": "마감 임박",
}


def korean_date(value: dt.date | dt.datetime) -> str:
    return f"{value.year}년 {value.month}월 {value.day}일"


def korean_date_weekday(value: dt.date | dt.datetime) -> str:
    return f"{korean_date(value)}({WEEKDAYS[value.weekday()]})"


def korean_month_day_weekday(value: dt.date | dt.datetime) -> str:
    """'12월 5일(토)': where a short list of upcoming dates has no room for the year."""
    return f"{value.month}월 {value.day}일({WEEKDAYS[value.weekday()]})"


def korean_month(value: dt.date) -> str:
    return f"{value.year}년 {value.month}월"


def korean_time(value: dt.datetime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def won(amount: int) -> str:
    return UI["free"] if amount == 0 else f"{amount:,}원"
