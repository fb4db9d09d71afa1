"""What the web editor's form says to editors, field by field: Korean labels and hints.

The form's shape (which fields, which are required, widgets, choices, patterns) comes from the schema
(edugc.model.schema) through edugc.cms.config; this table only gives each field its words. A field the
schema gains without a label here stops the form from being made (and a test), so the two never drift.
"""
from __future__ import annotations

# field name -> (label, hint). Hints say what a reader sees and how to write the value.
FIELDS: dict[str, tuple[str, str]] = {
    "title": ("제목", ""),
    "summary": ("요약", "목록과 검색 결과, 공유 카드에 보이는 한두 문장"),
    "slug": ("주소 (영문)", "비워 두면 파일 이름으로 주소를 만듭니다. 쓰려면 영문 소문자·숫자·하이픈만 (예: winter-camp). "
                          "이미 공개한 글의 주소는 바꾸지 마세요"),
    "aliases": ("옛 주소", "이 글로 옮겨 온 예전 주소 (예: old/notice/). 보통은 비워 둡니다"),
    "draft": ("초안", "켜 두면 미리보기에서만 보이고 공개 사이트에는 나오지 않습니다"),
    "staff": ("직원용 안내", "켜 두면 주소로는 열리지만 메뉴·검색·사이트맵에는 나오지 않습니다 (편집 안내 같은 직원용 페이지)"),
    "department": ("담당부서", "비워 두면 data/site.yml의 담당부서가 보입니다"),
    "updated": ("최종 수정일", "비워 두면 data/site.yml의 날짜(기사는 글의 날짜)가 보입니다"),
    "pull_quote": ("인쇄판 인용문", "인쇄판에 크게 싣는 본문 속 한 문장 (본문에 그대로 있는 문장이어야 합니다)"),
    "about": ("센터 소개", "인쇄판 소식지 뒷면에 싣는 한두 문장"),
    "hide": ("숨길 부분", "보통은 비워 둡니다"),
    "number": ("호", "소식지 번호 (숫자)"),
    "date": ("날짜", "이 날짜가 오기 전에는 공개 사이트에 나오지 않습니다 (예약 글)"),
    "cover": ("대표 그림", "이 글과 같은 폴더에 올린 그림. 넣으면 아래 '대표 그림 설명'을 꼭 쓰세요"),
    "cover_alt": ("대표 그림 설명", "그림을 볼 수 없는 독자에게 읽어 주는 문장 (그림이 있으면 반드시)"),
    "articles": ("기사 순서", "이 호에 실을 기사를 실릴 순서대로 고릅니다. 새 기사는 여기에 넣어야 소식지에 보입니다"),
    "author": ("글쓴이", "예: 진로진학지원팀"),
    "category": ("분류", ""),
    "tags": ("태그", "쉼표로 구분 (예: 고교학점제, 학부모)"),
    "audience": ("대상", ""),
    "levels": ("학교급", ""),
    "grades": ("학년", "숫자를 쉼표로 구분 (예: 2, 3). 비워 두면 모든 학년"),
    "school_year": ("대입 학년도", "예: 2028"),
    "reviewed": ("마지막 확인일", "내용을 마지막으로 확인한 날"),
    "review_by": ("다시 확인할 날짜", "이 날이 지나면 check가 다시 확인하라고 알려 줍니다"),
    "programs": ("프로그램", ""),
    "id": ("주소 (영문 id)", "영문 소문자·숫자·하이픈만 (예: winter-camp). 주소가 되므로 공개한 뒤에는 바꾸지 마세요"),
    "name": ("이름", ""),
    "family": ("분야", ""),
    "description": ("자세한 설명", "Markdown으로 씁니다. 빈 줄로 문단을 나눕니다"),
    "schedule": ("운영 시기", "예: 연중 상시 (평일, 사전 예약)"),
    "place": ("장소", ""),
    "capacity": ("정원", "사람 수 (숫자). 정원이 없으면 비워 둡니다"),
    "fee": ("참가비 (원)", "무료이면 0"),
    "apply": ("신청", ""),
    "phone": ("전화", "하이픈을 넣어 씁니다 (예: 02-1234-5678)"),
    "url": ("신청 주소", "https://로 시작하는 전체 주소"),
    "how": ("신청 방법", "예: 전화 또는 센터 방문 예약"),
    "contact": ("담당", "예: 진로진학지원팀"),
    "open": ("모집 시작일", ""),
    "close": ("모집 마감일", "지나면 '모집 마감'으로 보입니다"),
    "example": ("예시 정보", "담당 부서가 확인하기 전의 예시이면 켜 둡니다 (독자에게 '예시' 표시가 보입니다)"),
    "program": ("프로그램", "이 일정이 속한 프로그램"),
    "start": ("시작", "서울 시각"),
    "end": ("끝", "서울 시각"),
    "registration": ("신청", "신청을 받지 않으면 비워 둡니다"),
    "deadline": ("신청 마감", "행사 시작 전이어야 합니다"),
    "notes": ("출처·메모", "이 파일의 근거와 메모. 독자에게는 보이지 않습니다"),
    "events": ("일정", "펼쳐서 고치고, 아래 버튼으로 새 일정을 더합니다"),
    "centre": ("센터 이름", ""),
    "operator": ("운영", ""),
    "address": ("주소", ""),
    "hours": ("운영 시간", ""),
    "text": ("내용", ""),
    "email": ("전자우편", ""),
    "map_url": ("지도 주소", "https://로 시작하는 전체 주소"),
    "official_numbers": ("공식 전화번호", "개인정보 검사에서 빼 줄 기관 대표 번호"),
    "channels": ("소식 받는 곳", "카카오톡 채널, 문자 발신 번호, 소식지 메일 주소 (edugc announce가 씁니다)"),
    "kakao": ("카카오톡 채널", ""),
    "sms": ("문자 발신 번호", "센터가 문자를 보내는 번호"),
    "live": ("실제 운영 중", "켜면 '예시 정보'가 남아 있는 동안 공개(publish)하지 않습니다. 연락처를 모두 확인한 뒤 켜세요"),
    "body": ("본문", "소제목은 ## 로 시작합니다. 그림은 '+' 버튼의 Image로 넣고 설명(Alt)을 꼭 쓰세요"),
}

# Per-model words where the same field name means something else.
OVERRIDES: dict[tuple[str, str], tuple[str, str]] = {
    ("Apply", "phone"): ("신청 전화", "하이픈을 넣어 씁니다 (예: 02-1234-5678)"),
    ("Registration", "phone"): ("신청 전화", "하이픈을 넣어 씁니다 (예: 02-1234-5678)"),
    ("Event", "title"): ("행사 이름", ""),
    ("Event", "place"): ("장소", ""),
    ("Program", "summary"): ("한 줄 소개", "프로그램 목록에 보이는 한 문장"),
    ("Program", "audience"): ("대상", ""),
    ("GuideMeta", "programs"): ("관련 프로그램", "이 가이드 끝에 안내할 프로그램"),
    ("PhoneFact", "number"): ("번호", "하이픈을 넣어 씁니다 (예: 02-1234-5678)"),
    ("EmailFact", "address"): ("주소", "예: center@example.org"),
    ("SiteInfo", "name"): ("사이트 이름", ""),
    ("SiteInfo", "phone"): ("대표 전화", ""),
    ("KakaoChannel", "name"): ("채널 이름", "카카오톡에서 검색하는 이름"),
    ("KakaoChannel", "url"): ("채널 주소", "https://pf.kakao.com/... 전체 주소"),
    ("Channels", "email"): ("소식지 메일 주소", "보내는 사람·답장·수신거부에 쓰입니다"),
}

# Texts of several paragraphs: a text box instead of a one-line input.
LONG_TEXT = {("Program", "description"), ("ProgramsFile", "notes"), ("EventsFile", "notes")}

# An image field and the field that describes it for readers who cannot see it.
IMAGES = {"cover": "cover_alt"}

# Fields holding the id of a program (data/programs.yml): chosen by name from the programs list.
PROGRAM_REFERENCES = {("Event", "program"), ("GuideMeta", "programs")}

# Messages shown under a field whose value does not match its pattern.
PATTERN_MESSAGES = {
    "slug": "영문 소문자, 숫자, 하이픈(-)만 쓸 수 있습니다 (예: winter-camp)",
    "phone": "02-1234-5678처럼 하이픈을 넣어 쓰세요",
    "url": "https://로 시작하는 전체 주소를 쓰세요",
    "email": "전자우편 주소 형식이 아닙니다 (예: center@example.org)",
}

COLLECTIONS = {
    "notices": ("공지", "공지"),
    "issues": ("소식지 호 정보", "호"),
    "issue": ("소식지 제{number}호 기사", "기사"),
    "guides": ("입시 가이드", "가이드"),
    "programs": ("프로그램", "프로그램 목록"),
    "events": ("일정", "일정 목록"),
    "site": ("센터 정보", "센터 정보"),
}

ISSUE_HELP = ("새 기사를 만든 뒤 '소식지 호 정보'의 제{number}호에서 '기사 순서'에 넣어야 소식지에 실립니다. "
              "호 정보(index.md)도 이 목록에 보이지만 그곳에서 고칩니다.")
NOT_AN_ARTICLE = " ← 호 정보입니다: '소식지 호 정보'에서 고치세요"
NOT_A_GUIDE = " ← 안내 첫 페이지입니다: 편집기에서 고치지 않습니다"


def label(model: str, field: str) -> tuple[str, str]:
    """(label, hint) of a field; KeyError names the field that has no words yet."""
    if (model, field) in OVERRIDES:
        return OVERRIDES[(model, field)]
    if field not in FIELDS:
        raise KeyError(f"편집기 양식에 '{model}.{field}'의 이름표가 없습니다: edugc/cms/labels.py의 FIELDS에 넣으세요")
    return FIELDS[field]
