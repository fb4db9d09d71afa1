"""What the editor's preview shows when a build found problems: the same lines the terminal prints
(file, line, what is wrong, how to fix), as a small JSON file that a preview-only script lays over
the last good page, or as a page of its own when there is no good page yet.

Nothing here goes into a published build: the preview's server writes these files beside the site.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from typing import Iterable

from ..model.problems import Problem
from .render import render

# Our own messages read 'content/a.md:12: what → fix'; MkDocs' own name the page as "Doc file 'a.md'".
_WHERE = re.compile(r"(?P<path>[^\s:]+\.[A-Za-z0-9]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<rest>.*)", re.S)
_DOC_FILE = re.compile(r"Doc file '([^']+)'")


def from_text(text: str, content_dir: str = "content") -> Problem:
    """A problem from one logged line, with its file and line where the line names them."""
    found = _WHERE.fullmatch(text.strip())
    if found:
        message, _, fix = found["rest"].partition(" → ")
        col = int(found["col"]) if found["col"] else None
        return Problem(found["path"], int(found["line"]), message.strip(), fix.strip(), col)
    message, _, fix = text.strip().partition(" → ")
    page = _DOC_FILE.search(text)
    return Problem(f"{content_dir}/{page[1]}" if page else "", None, message.strip(), fix.strip())


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
