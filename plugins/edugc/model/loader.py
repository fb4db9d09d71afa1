"""Load content/ and data/ into one validated model, reporting every problem at once.

Data flows one way: files -> this model -> pages -> outputs. Nothing downstream reads raw
front matter or YAML.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import Iterable

from ..cache import Memo
from . import clock
from .checks import check_addresses, check_images, check_references
from .docs import Doc, GuideDoc, PageDoc, SiteModel, StoryDoc, doc_type
from .files import check_files
from .issues import link_issues, set_statuses
from .privacy import scan_tree
from .problems import ContentError, Problems
from .schema import Event, Program, SiteInfo
from .source import Located, nfc, parse_yaml, read_text, split_front_matter
from .validate import validate

_IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src><[^>]+>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def markdown_sources(content_dir: Path) -> Iterable[tuple[Path, str]]:
    for path in sorted(content_dir.rglob("*.md")):
        rel = nfc(path.relative_to(content_dir).as_posix())
        if any(part.startswith((".", "_")) for part in PurePosixPath(rel).parts):
            continue
        yield path, rel


def load_site(root: Path, *, today: dt.date | None = None, preview: bool = False,
              content_dir: str = "content", data_dir: str = "data") -> SiteModel:
    """Read and validate everything; raise ContentError listing every problem."""
    root = Path(root)
    today = today or clock.today()
    problems = Problems()
    content = root / content_dir
    data = root / data_dir

    texts: dict[Path, str] = {}  # every file read once; the privacy scan reuses them
    info = _load_info(data, data_dir, problems, texts)
    programs, _ = _load_list(data / "programs.yml", f"{data_dir}/programs.yml", Program, problems, texts)
    events, event_lines = _load_list(data / "events.yml", f"{data_dir}/events.yml", Event, problems, texts)

    docs: dict[str, Doc] = {}
    for path, rel in markdown_sources(content):
        doc = _load_doc(path, rel, content_dir, problems, texts)
        if doc is not None:
            docs[rel] = doc

    check_files(root, content_dir, data_dir, problems)
    check_images(docs, content, content_dir, problems)
    issues = link_issues(docs, content_dir, problems)
    set_statuses(docs, issues, today)
    hidden: set[str] = set()
    if not preview:
        hidden = {src for src, d in docs.items() if not d.published}
        docs = {src: d for src, d in docs.items() if src not in hidden}
        issues = [i for i in issues if i.doc.published]
        for issue in issues:
            issue.articles = [a for a in issue.articles if a.published]

    program_by_id = {p.id: p for p in programs}
    check_references(docs, events, event_lines, program_by_id, content_dir, data_dir, problems)
    check_addresses(docs, programs, content_dir, data_dir, problems)
    scan_tree(root, [content_dir, data_dir], list(info.official_numbers), problems, texts)  # never published

    if problems:
        raise ContentError(problems.sorted())

    articles = sorted((d for d in docs.values() if isinstance(d, StoryDoc)), key=lambda d: (d.date, d.src), reverse=True)
    tags: dict[str, list[StoryDoc]] = defaultdict(list)
    categories: dict[str, list[StoryDoc]] = defaultdict(list)
    for article in articles:
        for tag in article.meta.tags:
            tags[tag].append(article)
        categories[article.meta.category].append(article)
    events_by_program: dict[str, list[Event]] = defaultdict(list)
    events = sorted(events, key=lambda e: (e.start, e.id))
    for event in events:
        events_by_program[event.program].append(event)

    return SiteModel(
        root=root, today=today, preview=preview, info=info, docs=docs, hidden=hidden,
        issues=sorted(issues, key=lambda i: i.number, reverse=True), articles=articles,
        guides=sorted((d for d in docs.values() if isinstance(d, GuideDoc)), key=lambda d: d.title),
        programs=programs, events=events, program_by_id=program_by_id,
        events_by_program=dict(events_by_program), tags=dict(sorted(tags.items())),
        categories=dict(categories),
    )


def _read(path: Path, rel: str, problems: Problems, texts: dict[Path, str]) -> str | None:
    text = read_text(path, rel, problems)
    if text is not None:
        texts[path] = text
    return text


def _load_info(data: Path, data_dir: str, problems: Problems, texts: dict[Path, str]) -> SiteInfo:
    rel = f"{data_dir}/site.yml"
    fallback = SiteInfo(name="교육금천", centre="금천진로진학지원센터", operator="금천구 교육지원과 진로진학지원팀",
                        address="서울특별시 금천구 시흥대로73길 67, 5층",
                        phone={"number": "02-0000-0000", "example": True},
                        hours={"text": "평일 09:00~18:00", "example": True})
    path = data / "site.yml"
    if not path.exists():
        problems.add(rel, None, "사이트 정보 파일이 없습니다", f"{rel}에 name, centre, address, phone, hours를 쓰세요")
        return fallback
    text = _read(path, rel, problems, texts)
    located = parse_yaml(text, rel, problems) if text is not None else None
    if located is None:
        return fallback
    return validate(SiteInfo, located, rel, problems) or fallback


def _load_list(path: Path, rel: str, model, problems: Problems,
               texts: dict[Path, str]) -> tuple[list, dict[str, dict]]:
    """A YAML list of records; returns the valid ones and, by id, the line of each key."""
    if not path.exists():
        return [], {}
    text = _read(path, rel, problems, texts)
    if text is None:
        return [], {}
    key = ("list", path, rel, model)
    known = _PARSED.lookup(key, text)
    if known is not None:
        items, lines = known
        return list(items), {k: dict(v) for k, v in lines.items()}
    before = len(problems)
    items, lines = _parse_list(text, rel, model, problems)
    if len(problems) == before:
        _PARSED.store(key, text, (list(items), {k: dict(v) for k, v in lines.items()}))
    return items, lines


def _parse_list(text: str, rel: str, model, problems: Problems) -> tuple[list, dict[str, dict]]:
    located = parse_yaml(text, rel, problems)
    if located is None or located.data is None:
        return [], {}
    if not isinstance(located.data, list):
        problems.add(rel, 1, "이 파일은 '- id: ...'로 시작하는 항목의 목록이어야 합니다", "각 항목을 '- '로 시작하세요")
        return [], {}
    items, lines = [], {}
    for index, item in enumerate(located.data):
        sub = Located(item, {k[1:]: v for k, v in located.lines.items() if k[:1] == (index,)}, located.offset)
        sub.lines.setdefault((), located.lines.get((index,), 1))
        valid = validate(model, sub, rel, problems)
        item_lines = {"": sub.lines[()]} | {str(k[0]): v for k, v in sub.lines.items() if len(k) == 1}
        if valid is not None:
            if valid.id in lines:
                problems.add(rel, item_lines[""], f"id '{valid.id}'이(가) {lines[valid.id]['']}번째 줄의 항목과 겹칩니다",
                             "id는 주소가 되므로 항목마다 달라야 합니다: 이 항목의 id를 바꾸세요")
                continue
            items.append(valid)
            lines[valid.id] = item_lines
    return items, lines


# The preview loads the whole site again after every edit (1 s at 1,000 pages, most of it parsing
# YAML and validating): a file whose text is what it was last time reuses what was made from it, if
# that had no problems.
_PARSED = Memo()


def _load_doc(path: Path, rel: str, content_dir: str, problems: Problems, texts: dict[Path, str]) -> Doc | None:
    shown = f"{content_dir}/{rel}"
    text = _read(path, shown, problems, texts)
    if text is None:
        return None
    key = ("doc", path, rel, content_dir)
    known = _PARSED.lookup(key, text)
    if known is not None:  # a fresh Doc: loading links issues and sets statuses on it
        return dataclasses.replace(known, images=list(known.images), lines=dict(known.lines))
    before = len(problems)
    doc = _parse_doc(text, rel, shown, problems)
    if doc is not None and len(problems) == before:
        _PARSED.store(key, text, dataclasses.replace(doc, images=list(doc.images), lines=dict(doc.lines)))
    return doc


def _parse_doc(text: str, rel: str, shown: str, problems: Problems) -> Doc | None:
    if not _visible(text):
        problems.add(shown, 1, "빈 파일입니다: 이대로면 제목도 본문도 없는 빈 페이지가 공개됩니다",
                     "내용을 쓰거나, 필요 없는 파일이면 지우세요")
        return None
    source = split_front_matter(text, shown, problems)
    if source is None:
        return None
    if not _visible(source.body):
        problems.add(shown, source.body_line, "본문이 비어 있습니다: 제목만 있는 빈 페이지가 공개됩니다",
                     "front matter 아래(---  다음 줄)에 본문을 쓰세요")
    doc_class = doc_type(rel)
    if not source.meta.data and doc_class is PageDoc:
        source.meta.data = {"title": _title_from_body(source.body) or PurePosixPath(rel).stem}
    meta = validate(doc_class.META, source.meta, shown, problems)
    if meta is None:
        return None
    doc = doc_class(src=rel, meta=meta, body=source.body, body_line=source.body_line,
                    url=doc_class.address(rel, meta),
                    lines={k[0]: v + 1 for k, v in source.meta.lines.items() if len(k) == 1})
    scanned = _mask_code(source.body)
    for match in _IMAGE_RE.finditer(scanned):
        line = source.body_line + scanned[: match.start()].count("\n")
        doc.images.append((match.group("src").strip("<>"), match.group("alt"), line))
    return doc


_FENCE_RE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_CODE_SPAN_RE = re.compile(r"`[^`\n]+`")


_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def _visible(text: str) -> bool:
    """Anything a reader would see: HTML comments and blank space are not."""
    return bool(_COMMENT_RE.sub("", text).strip())


def _mask_code(body: str) -> str:
    """Blank out code (examples of Markdown are not real images), keeping line numbers."""
    body = _FENCE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    return _CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), body)


def _title_from_body(body: str) -> str | None:
    match = re.search(r"^#\s+(.+)$", body, re.M)
    return match.group(1).strip() if match else None
