"""Load content/ and data/ into one validated model, reporting every problem at once.

Data flows one way: files -> this model -> pages -> outputs. Nothing downstream reads raw
front matter or YAML.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterable

from . import clock
from .problems import ContentError, Problems
from .schema import (
    ArticleMeta, Event, GuideMeta, ImageConsent, IssueMeta, PageMeta, Program, SiteInfo,
)
from .slugs import slugify
from .source import Located, nfc, parse_yaml, read_text, split_front_matter
from .validate import validate

PUBLISHED, DRAFT, SCHEDULED = "published", "draft", "scheduled"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif", ".tif", ".tiff", ".bmp", ".svg"}
_IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src><[^>]+>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")


@dataclass(eq=False)
class Doc:
    """A Markdown page of any kind, with its validated front matter and its address."""

    src: str                 # NFC path under content/, with '/' separators
    kind: str                # page | issue | article | notice | guide
    meta: PageMeta
    body: str
    body_line: int
    url: str                 # site-relative directory URL: '' for home, 'newsletter/1/'
    status: str = PUBLISHED
    issue: "Issue | None" = None
    images: list[tuple[str, str, int]] = field(default_factory=list)  # (src, alt, line)
    lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line, for errors

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def summary(self) -> str:
        return self.meta.summary or ""

    @property
    def date(self) -> dt.date | None:
        return getattr(self.meta, "date", None)

    @property
    def published(self) -> bool:
        return self.status == PUBLISHED


@dataclass(eq=False)
class Issue:
    """교육금천 소식지 제N호 and its articles in the editor's order."""

    doc: Doc
    articles: list[Doc] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.doc.meta.number  # type: ignore[attr-defined]

    @property
    def date(self) -> dt.date:
        return self.doc.meta.date  # type: ignore[attr-defined]


@dataclass
class SiteModel:
    root: Path
    today: dt.date
    preview: bool
    info: SiteInfo
    docs: dict[str, Doc]                    # every visible page by NFC source path
    hidden: set[str]                        # sources kept out of this build (drafts, scheduled)
    issues: list[Issue]                     # newest first
    articles: list[Doc]                     # issue articles and notices, newest first
    guides: list[Doc]
    programs: list[Program]
    events: list[Event]                     # by start time
    program_by_id: dict[str, Program]
    events_by_program: dict[str, list[Event]]
    tags: dict[str, list[Doc]]              # tag -> articles newest first
    categories: dict[str, list[Doc]]

    @property
    def notices(self) -> list[Doc]:
        return [d for d in self.articles if d.kind == "notice"]



def kind_of(src: str) -> str:
    parts = PurePosixPath(src).parts
    if parts[0] == "newsletter" and len(parts) == 3:
        return "issue" if parts[2] == "index.md" else "article"
    if parts[0] == "notices" and len(parts) == 2 and parts[1] != "index.md":
        return "notice"
    if parts[0] == "guides" and len(parts) == 2 and parts[1] != "index.md":
        return "guide"
    return "page"


_META_MODEL = {"page": PageMeta, "issue": IssueMeta, "article": ArticleMeta, "notice": ArticleMeta,
               "guide": GuideMeta}


def page_url(src: str, slug: str | None) -> str:
    """Directory URL for a plain page: 'about.md' -> 'about/', 'guides/index.md' -> 'guides/'."""
    path = PurePosixPath(src)
    folders = [slugify(p) if not _ascii(p) else p.lower() for p in path.parent.parts]
    stem = path.stem
    if stem == "index" and not slug:
        return "/".join(folders) + "/" if folders else ""
    name = slug or (stem.lower() if _ascii(stem) else slugify(stem))
    return "/".join(folders + [name]) + "/"


def _ascii(text: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9_-]+", text) is not None


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

    _check_images(docs, content, content_dir, problems)
    _check_pull_quotes(docs, content_dir, problems)
    issues = _link_issues(docs, content_dir, problems)

    # Drafts and scheduled pages: kept out of the build, shown with a banner in the preview.
    hidden: set[str] = set()
    for doc in docs.values():
        if doc.meta.draft:
            doc.status = DRAFT
        elif doc.date and doc.date > today:
            doc.status = SCHEDULED
    for issue in issues:
        if not issue.doc.published:
            for article in issue.articles:
                if article.published:
                    article.status = issue.doc.status
    if not preview:
        hidden = {src for src, d in docs.items() if not d.published}
        docs = {src: d for src, d in docs.items() if src not in hidden}
        issues = [i for i in issues if i.doc.published]
        for issue in issues:
            issue.articles = [a for a in issue.articles if a.published]

    program_by_id = {p.id: p for p in programs}
    _check_references(docs, events, event_lines, program_by_id, content_dir, data_dir, problems)
    _check_urls(docs, programs, content_dir, problems)
    from ..checks.privacy import scan_tree  # personal data never reaches a build

    scan_tree(root, [content_dir, data_dir], list(info.official_numbers), problems, texts)

    if problems:
        raise ContentError(problems.sorted())

    articles = sorted((d for d in docs.values() if d.kind in ("article", "notice")),
                      key=lambda d: (d.date, d.src), reverse=True)
    tags: dict[str, list[Doc]] = defaultdict(list)
    categories: dict[str, list[Doc]] = defaultdict(list)
    for article in articles:
        for tag in article.meta.tags:  # type: ignore[attr-defined]
            tags[tag].append(article)
        categories[article.meta.category].append(article)  # type: ignore[attr-defined]
    events_by_program: dict[str, list[Event]] = defaultdict(list)
    events = sorted(events, key=lambda e: (e.start, e.id))
    for event in events:
        events_by_program[event.program].append(event)

    return SiteModel(
        root=root, today=today, preview=preview, info=info, docs=docs, hidden=hidden,
        issues=sorted(issues, key=lambda i: i.number, reverse=True), articles=articles,
        guides=sorted((d for d in docs.values() if d.kind == "guide"), key=lambda d: d.title),
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
    known = _remembered(key, text)
    if known is not None:
        items, lines = known
        return list(items), {k: dict(v) for k, v in lines.items()}
    before = len(problems)
    items, lines = _parse_list(text, rel, model, problems)
    if len(problems) == before:
        _PARSED[key] = (text, (list(items), {k: dict(v) for k, v in lines.items()}))
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
# that had no problems. Keyed by the text itself, not the file's time, so no edit can be missed.
_PARSED: dict[tuple, tuple[str, object]] = {}


def _remembered(key: tuple, text: str):
    hit = _PARSED.get(key)
    return hit[1] if hit is not None and hit[0] == text else None


def _load_doc(path: Path, rel: str, content_dir: str, problems: Problems, texts: dict[Path, str]) -> Doc | None:
    shown = f"{content_dir}/{rel}"
    text = _read(path, shown, problems, texts)
    if text is None:
        return None
    key = ("doc", path, rel, content_dir)
    known = _remembered(key, text)
    if known is not None:  # a fresh Doc: loading links issues and sets statuses on it
        return dataclasses.replace(known, images=list(known.images), lines=dict(known.lines))
    before = len(problems)
    doc = _parse_doc(text, rel, shown, problems)
    if doc is not None and len(problems) == before:
        _PARSED[key] = (text, dataclasses.replace(doc, images=list(doc.images), lines=dict(doc.lines)))
    return doc


def _parse_doc(text: str, rel: str, shown: str, problems: Problems) -> Doc | None:
    source = split_front_matter(text, shown, problems)
    if source is None:
        return None
    kind = kind_of(rel)
    if not source.meta.data and kind == "page":
        source.meta.data = {"title": _title_from_body(source.body) or PurePosixPath(rel).stem}
    meta = validate(_META_MODEL[kind], source.meta, shown, problems)
    if meta is None:
        return None
    if kind == "issue":
        url = f"newsletter/{meta.number}/"
    elif kind == "article":
        folder = PurePosixPath(rel).parent.name
        url = f"newsletter/{folder}/{meta.slug or _stem_slug(rel)}/"  # final once the issue is known
    elif kind == "notice":
        url = f"notices/{meta.slug or _stem_slug(rel)}/"
    elif kind == "guide":
        url = f"guides/{meta.slug or _stem_slug(rel)}/"
    else:
        url = page_url(rel, meta.slug)
    doc = Doc(src=rel, kind=kind, meta=meta, body=source.body, body_line=source.body_line, url=url,
              lines={k[0]: v + 1 for k, v in source.meta.lines.items() if len(k) == 1})
    scanned = _mask_code(source.body)
    for match in _IMAGE_RE.finditer(scanned):
        line = source.body_line + scanned[: match.start()].count("\n")
        doc.images.append((match.group("src").strip("<>"), match.group("alt"), line))
    return doc


_FENCE_RE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_CODE_SPAN_RE = re.compile(r"`[^`\n]+`")


def _mask_code(body: str) -> str:
    """Blank out code (examples of Markdown are not real images), keeping line numbers."""
    body = _FENCE_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    return _CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), body)


def _title_from_body(body: str) -> str | None:
    match = re.search(r"^#\s+(.+)$", body, re.M)
    return match.group(1).strip() if match else None


def _stem_slug(rel: str) -> str:
    stem = PurePosixPath(rel).stem
    return stem.lower() if _ascii(stem) else slugify(stem)


def _link_issues(docs: dict[str, Doc], content_dir: str, problems: Problems) -> list[Issue]:
    issues: dict[str, Issue] = {}
    numbers: dict[int, Doc] = {}
    for doc in docs.values():
        if doc.kind != "issue":
            continue
        folder = str(PurePosixPath(doc.src).parent)
        issue = Issue(doc)
        issues[folder] = issue
        doc.issue = issue
        if doc.meta.number in numbers:  # type: ignore[attr-defined]
            other = numbers[doc.meta.number]  # type: ignore[attr-defined]
            problems.add(f"{content_dir}/{doc.src}", doc.lines.get("number"),
                         f"소식지 번호 {doc.meta.number}이(가) {content_dir}/{other.src}와 겹칩니다",  # type: ignore[attr-defined]
                         "다음 호 번호로 바꾸세요 (new-issue 명령이 번호를 정해 줍니다)")
        else:
            numbers[doc.meta.number] = doc  # type: ignore[attr-defined]
    by_folder: dict[str, dict[str, Doc]] = defaultdict(dict)
    for doc in docs.values():
        if doc.kind == "article":
            folder = str(PurePosixPath(doc.src).parent)
            by_folder[folder][PurePosixPath(doc.src).stem] = doc
            if doc.meta.slug:
                by_folder[folder][doc.meta.slug] = doc
    for folder, arts in by_folder.items():
        if folder not in issues:
            any_doc = next(iter(arts.values()))
            problems.add(f"{content_dir}/{any_doc.src}", 1, f"{content_dir}/{folder}/에 호 정보(index.md)가 없습니다",
                         "new-issue 명령으로 호를 만들거나, 이 기사를 notices/로 옮기세요")
    for folder, issue in issues.items():
        arts = by_folder.get(folder, {})
        listed: set[int] = set()
        for name in issue.doc.meta.articles:  # type: ignore[attr-defined]
            article = arts.get(name) or arts.get(nfc(name))
            if article is None:
                problems.add(f"{content_dir}/{issue.doc.src}", issue.doc.lines.get("articles"),
                             f"articles에 적힌 기사 '{name}'의 파일이 {content_dir}/{folder}/에 없습니다",
                             f"{content_dir}/{folder}/{name}.md를 만들거나 목록에서 빼세요")
                continue
            listed.add(id(article))
            article.issue = issue
            article.url = f"{issue.doc.url}{article.meta.slug or _stem_slug(article.src)}/"
            issue.articles.append(article)
        for article in {id(a): a for a in arts.values()}.values():
            if id(article) not in listed:
                problems.add(f"{content_dir}/{article.src}", 1,
                             "이 기사가 호의 articles 목록에 없습니다",
                             f"{content_dir}/{issue.doc.src}의 articles에 '{PurePosixPath(article.src).stem}'을(를) 넣으세요")
    return list(issues.values())




def _check_images(docs: dict[str, Doc], content: Path, content_dir: str, problems: Problems) -> None:
    for doc in docs.values():
        base = PurePosixPath(doc.src).parent
        refs = list(doc.images)
        cover = getattr(doc.meta, "cover", None)
        if cover:
            refs.append((cover, getattr(doc.meta, "cover_alt", None) or "", doc.lines.get("cover") or 1))
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
                _check_consent(target, f"{content_dir}/{base / src}", f"{content_dir}/{doc.src}", line, problems)


def _flat(text: str) -> str:
    """Text as a reader sees it, for comparing: no Markdown marks, link targets, quotes or spaces."""
    text = re.sub(r"\]\([^)]*\)", "", text)
    return re.sub(r"[\s*_`\[\]\"'“”‘’「」]+", "", text)


def _check_pull_quotes(docs: dict[str, Doc], content_dir: str, problems: Problems) -> None:
    # A pull quote repeats the article's own words; anything else would put words in someone's mouth.
    for doc in docs.values():
        quote = getattr(doc.meta, "pull_quote", None)
        if quote and _flat(quote) not in _flat(doc.body):
            problems.add(f"{content_dir}/{doc.src}", doc.lines.get("pull_quote") or 1,
                         "pull_quote(뽑은 글)가 기사 본문에 없는 문장입니다",
                         "본문에 있는 문장을 그대로 복사해 쓰세요 (인쇄판에 크게 실립니다)")


def _check_consent(image: Path, shown: str, page: str, line: int, problems: Problems) -> None:
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


def _check_references(docs, events, event_lines, program_by_id, content_dir, data_dir, problems: Problems) -> None:
    for doc in docs.values():
        for pid in getattr(doc.meta, "programs", []) or []:
            if pid not in program_by_id:
                problems.add(f"{content_dir}/{doc.src}", doc.lines.get("programs"),
                             f"프로그램 id '{pid}'을(를) 찾을 수 없습니다", _suggest(pid, program_by_id))
    for event in events:
        if event.program not in program_by_id:
            problems.add(f"{data_dir}/events.yml", event_lines[event.id].get("program"),
                         f"일정 '{event.id}'의 프로그램 id '{event.program}'을(를) 찾을 수 없습니다",
                         _suggest(event.program, program_by_id))


def _suggest(key: str, known: dict) -> str:
    import difflib

    guess = difflib.get_close_matches(key, list(known), n=1)
    if guess:
        return f"'{guess[0]}'을(를) 쓰려던 것인가요? (data/programs.yml의 id)"
    return "data/programs.yml에 있는 id를 쓰세요"


def _check_urls(docs: dict[str, Doc], programs, content_dir: str, problems: Problems) -> None:
    owners: dict[str, str] = {}

    def claim(url: str, owner: str, rel: str) -> None:
        url = url.strip("/") + "/" if url.strip("/") else ""
        if url in owners and owners[url] != owner:
            problems.add(rel, None, f"주소 /{url}이(가) {owners[url]}와 겹칩니다", "slug나 aliases를 바꿔 주소가 겹치지 않게 하세요")
        owners.setdefault(url, owner)

    for doc in docs.values():
        claim(doc.url, f"{content_dir}/{doc.src}", f"{content_dir}/{doc.src}")
    for program in programs:
        claim(f"programs/{program.id}/", f"data/programs.yml#{program.id}", "data/programs.yml")
    for doc in docs.values():
        for alias in doc.meta.aliases:
            claim(alias, f"{content_dir}/{doc.src} (aliases)", f"{content_dir}/{doc.src}")
