"""What the editor's preview shows when a build found problems: the same lines the terminal prints
(file, line, what is wrong, how to fix), as a small JSON file that a preview-only script lays over
the last good page, or as a page of its own when there is no good page yet.

Nothing here goes into a published build: the preview's server writes these files beside the site.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Iterable

from ..model.problems import Problem
from .render import render

# Our own messages read 'content/a.md:12: what → fix'; MkDocs' own name the page as "Doc file 'a.md'".
_WHERE = re.compile(r"(?P<path>[^\s:]+\.[A-Za-z0-9]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<rest>.*)", re.S)
_DOC_FILE = re.compile(r"Doc file '([^']+)'")
_YAML_AT = re.compile(r'in "(?P<file>[^"]+)", line (?P<line>\d+)')
_CONFIG = re.compile(r"(Config value '|Error reading config|while (parsing|scanning) |mapping values are not allowed)")


# MkDocs' own link warnings, said in Korean with a fix (the terminal keeps MkDocs' words).
_LINK = re.compile(r"Doc file '[^']+' contains a link '([^']+)', but the target .*not found")
_ANCHOR = re.compile(r"Doc file '[^']+' contains a link '([^']+)', but the doc '[^']+' does not contain an anchor")


def from_text(text: str, content_dir: str = "content", root: Path | None = None) -> Problem:
    """A problem from one logged line, with its file and line where the line names them (for MkDocs'
    link warnings, the line of the project's file that holds the link)."""
    found = _WHERE.fullmatch(text.strip())
    if found:
        message, _, fix = found["rest"].partition(" → ")
        col = int(found["col"]) if found["col"] else None
        return Problem(found["path"], int(found["line"]), message.strip(), fix.strip(), col)
    message, _, fix = text.strip().partition(" → ")
    page = _DOC_FILE.search(text)
    path = f"{content_dir}/{page[1]}" if page else ("mkdocs.yml" if _CONFIG.search(text) else "")
    link = _LINK.search(text) or _ANCHOR.search(text)
    if link is None:
        yaml_at = list(_YAML_AT.finditer(text))  # PyYAML: the last position is where it gave up
        line = int(yaml_at[-1]["line"]) if yaml_at and Path(yaml_at[-1]["file"]).name == Path(path).name else None
        return Problem(path, line, message.strip(), fix.strip())
    target = link[1]
    if link.re is _LINK:
        message, fix = f"링크 '{target}'가 가리키는 파일이 없습니다", "content/ 안에 있는 파일을 이 글에서부터의 경로로 쓰거나 링크를 지우세요"
    else:
        message, fix = f"링크 '{target}'의 #뒤 제목(앵커)이 그 글에 없습니다", "그 글의 제목을 확인해 #뒤를 고치거나 지우세요"
    return Problem(path, _line_of(root / path if root and path else None, target), message, fix)


def _line_of(path: Path | None, target: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path else []
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, start=1) if f"({target}" in line or target in line), None)


def _where(problem: Problem) -> str:
    where = problem.path
    if where and problem.line:
        where += f":{problem.line}"
    return where


def rows(problems: Iterable[Problem]) -> list[dict]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if str(p) in seen:  # the same line logged twice (a warning, then the error it caused)
            continue
        seen.add(str(p))
        out.append({"where": _where(p), "path": p.path, "line": p.line, "message": p.message, "fix": p.fix})
    return out


def report_json(problems: Iterable[Problem]) -> str:
    """problems.json: {"problems": [...]} (empty when the last build was clean)."""
    return json.dumps({"problems": rows(problems)}, ensure_ascii=False, indent=1)


def problems_page(problems: Iterable[Problem], site_name: str) -> str:
    """A page of its own, for a preview that has no good site to show yet."""
    return render("preview_problems.html", problems=rows(problems), site_name=site_name)


def script() -> str:
    """problems.js: reads problems.json and shows it over the page (preview only)."""
    return resources.files("edugc.pages").joinpath("preview_problems.js").read_text(encoding="utf-8")
