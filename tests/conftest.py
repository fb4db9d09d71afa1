"""Shared fixtures: the real site built once, small throwaway projects, a browser."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
TODAY = "2026-11-28"  # the real site is built as of a fixed day so assertions are repeatable
CHROMIUM = "/usr/bin/chromium"
from edugc.print.pdf import CHROMIUM_ARGS  # noqa: E402  (one set of arguments for every browser we start)


def mkdocs_build(config: Path, out: Path, *, today: str = TODAY, site_url: str | None = None,
                 extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY=today, PDF="0", CARDS="0")
    if site_url:
        env["SITE_URL"] = site_url
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(out)],
                          capture_output=True, text=True, env=env, cwd=config.parent)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", out, site_url="https://gyoyuk.test/edu/")
    assert result.returncode == 0, result.stderr
    return out


MINI_MKDOCS = """\
site_name: 교육금천 시험
site_url: https://example.org/
docs_dir: content
strict: true
theme:
  name: material
  language: ko
  font: false
plugins:
  - edugc/safe-build
  - edugc/content
  - edugc/newsletter
  - edugc/programs
  - edugc/images:
      cards: !ENV [CARDS, true]
  - edugc/print:
      pdf: !ENV [PDF, true]
  - search
"""

MINI_SITE_YML = """\
name: 교육금천
centre: 금천진로진학지원센터
operator: 금천구 교육지원과 진로진학지원팀
address: 서울특별시 금천구 시흥대로73길 67, 5층
phone: {number: "02-0000-0000", example: true}
hours: {text: "평일 09:00~18:00", example: true}
"""

def data_file(key: str, items: str) -> str:
    """A data/ list file in its shape: the items under `key:` (a web editor cannot edit a bare list)."""
    return f"{key}:\n" + textwrap.indent(items, "  ")


MINI_PROGRAMS = """\
- id: always-counselling
  name: 언제나 진로진학 상시상담
  family: 진로진학 정보
  audience: [고등, 학부모]
  summary: 1:1 진학 상담
  description: 상담 안내
  schedule: 연중 상시
  place: 센터
  apply: {phone: "02-0000-0000", how: 전화 예약}
  contact: 진로진학지원팀
"""

MINI_ISSUE = """\
---
number: 1
date: 2026-03-16
title: 고교학점제, 이렇게 준비해요
summary: 첫 호
articles: [credit-basics]
---
여는 글
"""

MINI_ARTICLE = """\
---
title: 고교학점제, 무엇이 달라지나요?
date: 2026-03-16
author: 진로진학지원팀
category: 고교학점제
tags: [고교학점제]
summary: 요약
---
본문입니다.
"""


class Project:
    """A small throwaway site an editor might have written, to try one mistake at a time."""

    def __init__(self, root: Path):
        self.root = root
        self.write("mkdocs.yml", MINI_MKDOCS)
        self.write("data/site.yml", MINI_SITE_YML)
        self.write("data/programs.yml", data_file("programs", MINI_PROGRAMS))
        self.write("content/index.md", "---\ntitle: 홈\n---\n안녕하세요.\n")
        self.write("content/newsletter/1/index.md", MINI_ISSUE)
        self.write("content/newsletter/1/credit-basics.md", MINI_ARTICLE)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    # data/programs.yml and data/events.yml through one place: when their shape changes (a top-level
    # `programs:`/`events:` key), only these two lines follow it.
    def write_programs(self, programs: list[dict]) -> Path:
        return self.write("data/programs.yml", _yaml({"programs": programs}))

    def write_events(self, events: list[dict]) -> Path:
        return self.write("data/events.yml", _yaml({"events": events}))

    def build(self, out: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
        return mkdocs_build(self.root / "mkdocs.yml", out or self.root / "site", **kwargs)

    def load(self, **kwargs):
        from edugc.model import load_site
        import datetime as dt

        kwargs.setdefault("today", dt.date.fromisoformat(TODAY))
        return load_site(self.root, **kwargs)


def _yaml(items: dict) -> str:
    import yaml

    return yaml.safe_dump(items, allow_unicode=True, sort_keys=False)


def program_data(id: str, name: str, **fields) -> dict:
    """One program as an editor writes it, with what every program needs filled in."""
    item = dict(id=id, name=name, family="학력향상", audience=["고등", "학부모"], summary=f"{name} 요약",
                description=f"{name} 안내", schedule="연 1회", place="센터", apply={"phone": "02-0000-0000", "how": "전화"},
                contact="진로진학지원팀")
    item.update(fields)
    return item


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "proj")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian chromium이 없습니다: python3 scripts/dev.py test 가 설치합니다"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def served_site(site_dir):
    """The real site served over HTTP under the sub-path /edu/, as a static host would."""
    from edugc.checks.serve import serve_folder

    with serve_folder(site_dir, "/edu/") as base:
        yield base


@pytest.fixture(scope="session", autouse=True)
def design_kit():
    """KRDS tokens and Pretendard GOV from the npm registry, as scripts/dev.py installs them, before any build."""
    from edugc import npm as install

    assert install.ensure(), "KRDS·Pretendard GOV를 설치하지 못했습니다: python3 plugins/edugc/fonts/install.py"


NEWSLETTER_ARTICLE = """\
---
title: {title}
date: {date}
author: 진로진학지원팀
category: {category}
tags: [{tags}]
summary: {title} 요약
{extra}---
[센터 소개]({home})에서 더 알아보세요.
"""


@pytest.fixture
def newsletter_project(project) -> Project:
    """The small project (every edugc plugin is on in it: feeds, tag and category pages)."""
    return project


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory) -> Path:
    """The real site built once with its PDFs (PDF=1), as published (edugc/print)."""
    out = tmp_path_factory.mktemp("real-pdf") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", out, site_url="https://gyoyuk.test/edu/", extra_env={"PDF": "1"})
    assert result.returncode == 0, result.stderr
    return out
