"""Every link and anchor of every page, checked the way the build resolves them, in Korean.

The engine resolves a relative link against the page's source file and rewrites it to the target's
address only when the target is one of the build's files; anything else is published broken. So: a
link must name a source file (`../guides/susi.md`, `../programs/x.md`, a file beside the page), an
anchor must exist on the target page, and absolute links (`/about/`) break under a sub-path.
A link to a page that is not public yet is no mistake: the build shows it as plain text with its
공개 예정 date until that day, and editors get a note.
"""
from __future__ import annotations

import difflib
import os
import posixpath
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..cache import Cache, Memo, Records, code_of, key_of
from ..images.process import RASTER_SUFFIXES
from ..model import Problems, SiteModel
from ..urls import relative
from . import Outputs, soon_note
from .extract import Extracted, Renderer, extract, is_local, target_src
from .project import Project

_MEMO = Memo()  # the preview checks again after every edit: unchanged bodies are not rendered again


class Links:
    def __init__(self, site: SiteModel, project: Project, outputs: Outputs) -> None:
        self.site, self.project, self.outputs = site, project, outputs
        self.renderer = Renderer(project.extensions, project.extension_configs)
        self.signature = repr((project.extensions, sorted(project.extension_configs.items(), key=str)))
        folder = project.root / project.cache_dir / "check"
        self.records = Records(Cache(folder, code_of(Path(__file__).with_name("extract.py"))), "pages.json")
        self.files = self._content_files()
        self.pages: dict[str, str] = {src: doc.url for src, doc in site.docs.items()}
        self.pages.update({src: url for src, (url, _md) in outputs.pages.items()})
        self.by_url = {url: src for src, url in self.pages.items()}

    def _content_files(self) -> set[str]:
        """Every file of content/ the engine takes in (it leaves out dot-files)."""
        found = set()
        content = self.project.content
        for dirpath, dirnames, filenames in os.walk(content):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            rel = Path(dirpath).relative_to(content).as_posix()
            for name in filenames:
                if not name.startswith(".") and not name.endswith(".md"):
                    found.add(posixpath.normpath(posixpath.join(rel, name)))
        return found

    # -- rendering ----------------------------------------------------------------------------------

    def _extract(self, src: str, body: str) -> Extracted:
        key = ("page", src, self.signature)
        known = _MEMO.lookup(key, body)
        if known is not None:
            return known
        stored = self.records.get(key_of(src, body, self.signature), lambda: extract(body, self.renderer).to_json())
        result = Extracted.from_json(stored)
        _MEMO.store(key, body, result)
        return result

    def extract_all(self) -> dict[str, Extracted]:
        pages = {src: self._extract(src, doc.body) for src, doc in self.site.docs.items()}
        for src, (_url, markdown) in self.outputs.pages.items():
            if markdown:
                pages[src] = self._extract(src, markdown)
        return pages

    def save(self) -> None:
        self.records.save()

    # -- checking ---------------------------------------------------------------------------------

    def check(self, pages: dict[str, Extracted], problems: Problems, notes: list[str]) -> None:
        anchors = {src: set(page.anchors) for src, page in pages.items()}
        for src, page in pages.items():
            where = self._where(src)
            if where is None:
                continue
            for href, line in page.links:
                self._one(src, href, where(line, href), anchors, problems, notes)

    def _where(self, src: str):
        """(file, line) of a link on this page: the Markdown file, or programs.yml for a program page."""
        doc = self.site.docs.get(src)
        content = self.project.content_dir
        if doc is not None:
            return lambda line, _href: (f"{content}/{src}", doc.body_line + max(line, 1) - 1)
        program = next((p for p in self.site.programs if f"programs/{p.id}.md" == src), None)
        if program is None:
            return None
        rel = f"{self.project.data_dir}/programs.yml"
        start = self.site.program_lines.get(program.id, {}).get("description") or 1
        try:
            lines = (self.project.root / rel).read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []

        def where(_line: int, href: str) -> tuple[str, int]:
            for number in range(start, len(lines) + 1):
                if href in lines[number - 1]:
                    return rel, number
            return rel, start
        return where

    def _one(self, src: str, href: str, at: tuple[str, int], anchors: dict[str, set[str]],
             problems: Problems, notes: list[str]) -> None:
        path, line = at
        if not is_local(href):
            return
        parts = urlsplit(href)
        if href.startswith(("/", "\\")):
            problems.add(path, line, f"링크 '{href}'가 '/'로 시작합니다: 사이트를 하위 경로(/edu/)에 올리면 깨집니다",
                         f"이 파일에서 본 상대 경로로 쓰세요{self._suggest(src, parts.path.lstrip('/'), parts.fragment)}")
            return
        if not parts.path:
            if parts.fragment and unquote(parts.fragment) not in anchors.get(src, set()) \
                    and parts.fragment not in anchors.get(src, set()):
                problems.add(path, line, f"링크 '{href}'가 가리키는 제목(#{parts.fragment})이 이 페이지에 없습니다",
                             self._anchor_fix(anchors.get(src, set())))
            return
        target = target_src(src, parts.path)
        if target in self.pages and parts.fragment and target in self.outputs.whole:
            anchors[target] = set(self._extract(target, self.outputs.whole.pop(target)()).anchors)
        if target in self.pages:
            if parts.fragment and target in anchors and parts.fragment not in anchors[target] \
                    and unquote(parts.fragment) not in anchors[target]:
                problems.add(path, line, f"링크 '{href}': {self._shown(target)}에 제목(#{parts.fragment})이 없습니다",
                             self._anchor_fix(anchors[target]))
            elif parts.fragment and target not in anchors:
                problems.add(path, line, f"링크 '{href}': 목록 페이지의 한 위치(#{parts.fragment})로는 연결할 수 없습니다",
                             f"'#{parts.fragment}'를 지우고 페이지로 연결하세요")
            return
        if target in self.site.hidden:
            note = soon_note(self.site, target)
            notes.append(f"{path}:{line}: 링크한 {self._shown(target)}은(는) 아직 공개되지 않아 글자로만 보입니다 "
                         f"({note}) → 공개되는 날 저절로 링크가 됩니다")
            return
        if target in self.files or target in self.outputs.linkable:
            if PurePosixPath(target).suffix.lower() in RASTER_SUFFIXES:
                problems.add(path, line, f"링크 '{href}': 원본 사진은 사이트에 올라가지 않아 이 링크는 깨집니다",
                             f"사진을 보이려면 ![사진 설명]({parts.path})처럼 그림으로 넣으세요")
            return
        if not posixpath.splitext(parts.path)[1]:
            problems.add(path, line, f"링크 '{href}'는 사이트 주소 모양이라 빌드가 알아볼 수 없습니다",
                         "연결할 글의 .md 파일을 상대 경로로 쓰세요" + self._suggest(src, target, parts.fragment))
            return
        problems.add(path, line, f"링크 '{href}'가 가리키는 파일 {self._shown(target)}이(가) 없습니다",
                     "파일 이름과 경로를 확인하세요" + self._suggest(src, target, parts.fragment))

    def _shown(self, target: str) -> str:
        return target if target in self.outputs.pages else f"{self.project.content_dir}/{target}"

    def _suggest(self, src: str, target: str, fragment: str) -> str:
        """' (예: ../guides/susi.md)': the source file the editor most likely meant, relative to the page."""
        wanted = target.rstrip("/")
        found = self.by_url.get(wanted + "/") or self.by_url.get(target)
        if found is None:
            for guess in (wanted + ".md", wanted + "/index.md", wanted.removesuffix(".html") + ".md"):
                if guess in self.pages:
                    found = guess
                    break
        if found is None:
            close = difflib.get_close_matches(target, list(self.pages), n=1, cutoff=0.75)
            found = close[0] if close else None
        if found is None:
            return ""
        link = relative(src, found) if found != src else found.rsplit("/", 1)[-1]
        return f" (예: {link}{'#' + fragment if fragment else ''})"

    def _anchor_fix(self, present: set[str]) -> str:
        named = sorted(a for a in present if not a.startswith(("fn:", "fnref:")))
        have = f" (그 페이지에 있는 이름: {', '.join('#' + a for a in named[:6])})" if named else ""
        return ("연결할 소제목 끝에 {#이름}을 붙이고 그 이름을 쓰세요: '## 찾아오시는 길 {#way}'이면 #way" + have)

    def check_nav(self, problems: Problems, notes: list[str]) -> None:
        for src, line in self.project.nav:
            if src in self.pages or src in self.files:
                continue
            if src in self.site.hidden:
                notes.append(f"mkdocs.yml:{line}: 메뉴(nav)의 {self.project.content_dir}/{src}은(는) 아직 공개되지 않아 "
                             f"메뉴에서 빠집니다 ({soon_note(self.site, src)})")
                continue
            close = difflib.get_close_matches(src, list(self.pages), n=1, cutoff=0.6)
            problems.add("mkdocs.yml", line, f"메뉴(nav)에 적힌 {self.project.content_dir}/{src}이(가) 없습니다",
                         f"'{close[0]}'을(를) 쓰려던 것인가요?" if close else "파일 경로를 고치거나 메뉴에서 지우세요")
