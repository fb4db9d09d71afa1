"""Schema validation that speaks to editors: Korean messages, the line, and the fix."""
from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Problems
from .schema import field_names
from .source import Located

M = TypeVar("M", bound=BaseModel)

_EXAMPLES = {
    "date": "2026-03-16",
    "reviewed": "2026-03-02",
    "review_by": "2027-02-28",
    "open": "2026-03-02",
    "close": "2026-12-18",
    "start": "2026-07-18T10:00",
    "end": "2026-07-18T17:00",
    "deadline": "2026-07-10T18:00",
}


def validate(model: type[M], located: Located, rel: str, problems: Problems, prefix: tuple = ()) -> M | None:
    data = located.data
    try:
        return model.model_validate(data)
    except ValidationError as err:
        for item in err.errors(include_url=False):
            loc = tuple(item["loc"])
            line = located.line_of(prefix + loc)
            message, fix = explain(model, item, loc)
            problems.add(rel, line, message, fix)
        return None


def _name(loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in loc if not isinstance(p, int)) or "(전체)"


def explain(model: type[BaseModel], item: dict[str, Any], loc: tuple[Any, ...]) -> tuple[str, str]:
    error = item["type"]
    name = _name(loc)
    field = next((str(p) for p in reversed(loc) if not isinstance(p, int)), name)
    value = item.get("input")
    if error == "missing":
        return f"필수 항목 '{name}'이(가) 없습니다", f"'{field}: ...' 줄을 추가하세요"
    if error == "extra_forbidden":
        allowed = field_names(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        fix = f"'{guess[0]}'을(를) 쓰려던 것인가요?" if guess else "쓸 수 있는 항목: " + ", ".join(allowed)
        return f"알 수 없는 항목 '{name}'", fix
    if error.startswith(("date_", "datetime_")):
        example = _EXAMPLES.get(field, "2026-03-16")
        return (
            f"'{name}'의 값 '{value}'은(는) 올바른 날짜가 아닙니다",
            f"달력에 있는 날짜를 {example} 형식으로 쓰세요",
        )
    if error in ("int_parsing", "int_type", "int_from_float"):
        return f"'{name}'은(는) 숫자여야 합니다 (지금 값: {value!r})", "따옴표나 단위 없이 숫자만 쓰세요 (예: 20)"
    if error in ("string_type",):
        return f"'{name}'은(는) 글자여야 합니다 (지금 값: {value!r})", "값을 따옴표로 감싸 보세요"
    if error in ("list_type",):
        return f"'{name}'은(는) 목록이어야 합니다", "대괄호로 쓰세요 (예: [고교학점제, 학부모])"
    if error in ("bool_type", "bool_parsing"):
        return f"'{name}'은(는) true 또는 false여야 합니다", "true 또는 false로 쓰세요"
    if error == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        return f"'{name}'의 값 '{value}'은(는) 쓸 수 없습니다", f"다음 중 하나로 쓰세요: {expected}"
    if error == "string_pattern_mismatch":
        if field in ("phone",) or "phone" in loc:
            return f"'{name}'의 전화번호 '{value}' 형식이 맞지 않습니다", "02-1234-5678처럼 하이픈(-)을 넣어 쓰세요"
        return (
            f"'{name}'의 값 '{value}'은(는) 주소에 쓸 수 없습니다",
            "영문 소문자, 숫자, 하이픈(-)만 쓰세요 (예: susi-guide)",
        )
    if error == "too_short":
        return f"'{name}'이(가) 비어 있습니다", "값을 하나 이상 쓰세요"
    if error == "url_parsing" or error.startswith("url_"):
        return f"'{name}'의 주소 '{value}'이(가) 올바르지 않습니다", "https://로 시작하는 전체 주소를 쓰세요"
    if error in ("greater_than_equal", "less_than_equal"):
        return f"'{name}'의 값 {value!r}이(가) 허용 범위를 벗어났습니다", item["msg"]
    if error == "value_error":
        text = str(item.get("ctx", {}).get("error", item["msg"]))
        message, _, fix = text.partition(" → ")
        return message, fix
    if error in ("model_type", "model_attributes_type", "dict_type"):
        return f"'{name}'은(는) '이름: 값' 묶음이어야 합니다", "들여쓰기를 확인하세요"
    return f"'{name}': {item['msg']}", ""
