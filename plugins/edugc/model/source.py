"""Reading editors' files: encodings, front matter and YAML with line numbers.

YAML is loaded without implicit timestamps so that an impossible date such as 2026-02-30 reaches
the schema as text and is reported with its line, instead of crashing the YAML parser.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

BOM = b"\xef\xbb\xbf"


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings (the schema parses and reports them)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml's parser when PyYAML has it: ten years of front matter parse in a fraction of the time
# (profile: 10 of 19 s of loading 1,000 pages went to the pure-Python composer). Same resolvers.
_ComposeLoader = type("_ComposeLoader", (getattr(yaml, "CSafeLoader", _Loader),),
                      {"yaml_implicit_resolvers": _Loader.yaml_implicit_resolvers})

Loc = tuple[Any, ...]


@dataclass
class Located:
    """Parsed YAML plus the line of every key and item, so errors can point at them."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    offset: int = 0  # lines before the YAML block in its file (front matter starts at line 2)

    def line_of(self, loc: Loc) -> int | None:
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc] + self.offset
            loc = loc[:-1]
        return self.lines.get((), 0) + self.offset or None


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_text(path: Path, rel: str, problems: Problems) -> str | None:
    """Read a UTF-8 file (a BOM is accepted) as NFC; explain CP949/EUC-KR files saved on Windows.

    NFC: macOS editors save Hangul decomposed (NFD); a title, a tag or a file name read as written
    would be published decomposed and would not match the same word typed elsewhere."""
    raw = path.read_bytes()
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    try:
        return nfc(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        try:
            raw.decode("cp949")
            looks = "CP949(EUC-KR, 윈도우 '한글 완성형')으로 저장된 파일입니다"
        except UnicodeDecodeError:
            looks = "UTF-8로 읽을 수 없는 글자가 있습니다"
        problems.add(
            rel, line,
            f"파일 인코딩이 UTF-8이 아닙니다: {looks}",
            "메모장·VS Code에서 '다른 이름으로 저장' → 인코딩을 'UTF-8'로 골라 저장하세요 "
            "(명령줄: iconv -f cp949 -t utf-8 원본.md > 새파일.md)",
        )
        return None


def parse_yaml(text: str, rel: str, problems: Problems, offset: int = 0) -> Located | None:
    """Parse YAML, recording the line of each key; a syntax error names line and column."""
    try:
        node = yaml.compose(text, Loader=_ComposeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 + offset if mark else None
        col = mark.column + 1 if mark else None
        detail = getattr(err, "problem", None) or str(err)
        problems.add(
            rel, line, f"YAML 문법 오류: {detail}",
            "들여쓰기(스페이스 2칸)와 콜론 뒤 공백을 확인하고, 콜론(:)이 들어간 값은 따옴표로 감싸세요",
            col=col,
        )
        return None
    if node is None:
        return Located({}, {(): 1}, offset)
    lines: dict[Loc, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    _walk(node, (), lines, duplicates)
    for key, first, again in duplicates:
        # YAML keeps the last value without a word: an editor who added a second 'date:' line
        # would publish the wrong one.
        problems.add(rel, again + offset, f"'{key}' 항목이 {first + offset}번째 줄에도 있습니다 (같은 항목은 한 번만 쓸 수 있습니다)",
                     "둘 중 맞는 값 하나만 남기고 다른 줄을 지우세요")
    if duplicates:
        return None
    loader = _Loader("")
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as err:  # e.g. an unhashable key
        problems.add(rel, offset + 1, f"YAML 값을 읽을 수 없습니다: {err}")
        return None
    finally:
        loader.dispose()
    return Located(data, lines, offset)


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], duplicates: list[tuple[str, int, int]]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            child = loc + (key.value,)
            line = key.start_mark.line + 1
            if isinstance(key, yaml.ScalarNode) and key.value in seen and key.tag != "tag:yaml.org,2002:merge":
                duplicates.append((key.value, seen[key.value], line))
            seen.setdefault(key.value, line)
            lines[child] = line
            _walk(value, child, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, loc + (index,), lines, duplicates)


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class Source:
    """One Markdown file: its front matter (with lines) and body."""

    rel: str
    meta: Located
    body: str
    body_line: int  # line number of the body's first line


def split_front_matter(text: str, rel: str, problems: Problems) -> Source | None:
    match = _FRONT.match(text)
    if not match:
        if text.startswith("---"):
            problems.add(rel, 1, "머리말(front matter)이 닫히지 않았습니다", "머리말 끝에 '---' 한 줄을 넣으세요")
            return None
        return Source(rel, Located({}, {(): 1}), text, 1)
    yaml_text = match.group(1) or ""
    meta = parse_yaml(yaml_text, rel, problems, offset=1)
    if meta is None:
        return None
    if not isinstance(meta.data, dict):
        problems.add(rel, 2, "머리말은 '이름: 값' 줄의 목록이어야 합니다", "예: title: 고교학점제 안내")
        return None
    body_line = text[: match.end()].count("\n") + 1
    return Source(rel, meta, text[match.end():], body_line)
