"""`edugc check` and the build agree: an editor who sees "문제 없음" can publish, and whatever stops the
build is named by check first, at the same file and line (issue 15, item 4).

One bad input per class of refusal, each in its own small project; for each: the build refuses if and
only if check reports, and both name the same file:line.
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import TODAY, Project, data_file

ABOUT = "---\ntitle: 센터 소개\n---\n## 찾아오시는 길 {#way}\n\n안내입니다.\n\n## 운영 시간 {#hours}\n\n평일\n"
NOTICE = ("---\ntitle: 알림\ndate: 2026-11-01\nauthor: 팀\ncategory: 센터 소식\n{extra}---\n"
          "공지 본문입니다.\n\n{body}\n")
ARTICLE = ("---\ntitle: 고교학점제, 무엇이 달라지나요?\ndate: 2026-03-16\nauthor: 진로진학지원팀\ncategory: 고교학점제\n"
           "tags: [고교학점제]\nsummary: 요약\n{extra}---\n본문입니다.\n\n{body}\n")


def _png(size=(40, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


def _bomb() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")  # 81 MP: over the 60 MP limit, a few KB on disk
    return out.getvalue()


def open_programs(extra: str) -> str:
    return ("- id: always-counselling\n  name: 언제나 진로진학 상시상담\n  family: 진로진학 정보\n"
            "  audience: [고등, 학부모]\n  summary: 1:1 진학 상담\n  " + extra + "\n  schedule: 연중 상시\n"
            "  place: 센터\n  apply: {phone: \"02-0000-0000\", how: 전화 예약}\n  contact: 진로진학지원팀\n")


def notice(body: str = "", extra: str = "") -> str:
    return NOTICE.format(body=body, extra=extra)


# name -> (files to write, where both must point: "path:line", or None when neither may complain)
CASES: dict[str, tuple[dict[str, str | bytes], str | None]] = {
    "valid": ({}, None),
    "link-to-missing-page": ({"content/notices/a.md": notice("[없는 글](../missing.md)")}, "content/notices/a.md:9"),
    "link-to-missing-anchor": ({"content/notices/a.md": notice("[길](../about.md#nowhere)")}, "content/notices/a.md:9"),
    "link-to-own-missing-anchor": ({"content/notices/a.md": notice("[위로](#top)")}, "content/notices/a.md:9"),
    "good-anchor": ({"content/notices/a.md": notice("[길](../about.md#way) [시간](../about.md#hours)")}, None),
    "absolute-link": ({"content/notices/a.md": notice("[소개](/about.md)")}, "content/notices/a.md:9"),
    "unrecognised-link": ({"content/notices/a.md": notice("[소개](../about/)")}, "content/notices/a.md:9"),
    "link-to-program-page": ({"content/notices/a.md": notice("[상담](../programs/always-counselling.md)")}, None),
    "link-to-missing-program": ({"content/notices/a.md": notice("[상담](../programs/nobody.md)")},
                                "content/notices/a.md:9"),
    # A reference-style link is named where its target is written (the line to fix).
    "reference-link-missing": ({"content/notices/a.md": notice("[소개][x]\n\n[x]: ../gone.md")},
                               "content/notices/a.md:11"),
    "link-in-program-description": ({"data/programs.yml": data_file("programs", open_programs("description: '[없음](../gone.md)'"))},
                                    "data/programs.yml:7"),
    "image-missing": ({"content/notices/a.md": notice("![사진](nothing.jpg)")}, "content/notices/a.md:9"),
    "image-corrupt": ({"content/notices/a.md": notice("![사진](photo.jpg)"),
                       "content/notices/photo.jpg": b"\xff\xd8\xff\xe0 not really a jpeg" * 20},
                      "content/notices/a.md:9"),
    "image-not-an-image": ({"content/notices/a.md": notice("![사진](photo.png)"),
                            "content/notices/photo.png": b"hello, this is text"}, "content/notices/a.md:9"),
    "image-too-large": ({"content/notices/a.md": notice("![사진](big.png)"),
                         "content/notices/big.png": _bomb()}, "content/notices/a.md:9"),
    "image-reference-style-corrupt": ({"content/notices/a.md": notice("![사진][p]\n\n[p]: photo.jpg"),
                                       "content/notices/photo.jpg": b"\xff\xd8garbage" * 30},
                                      "content/notices/a.md:11"),
    "image-raw-html-without-alt": ({"content/notices/a.md": notice('<img src="photo.png">'),
                                    "content/notices/photo.png": _png()}, "content/notices/a.md:9"),
    "image-good": ({"content/notices/a.md": notice("![센터 사진](photo.png)"),
                    "content/notices/photo.png": _png()}, None),
    "alias-onto-page": ({"content/notices/a.md": notice(extra="aliases: [about/]\n")}, "content/notices/a.md:6"),
    "alias-onto-program-directory": ({"content/notices/a.md": notice(extra="aliases: [programs/]\n")},
                                     "content/notices/a.md:6"),
    "alias-onto-program": ({"content/notices/a.md": notice(extra="aliases: [programs/always-counselling/]\n")},
                           "content/notices/a.md:6"),
    "alias-onto-archive": ({"content/notices/a.md": notice(extra="aliases: [newsletter/]\n")},
                           "content/notices/a.md:6"),
    "alias-onto-tag-page": ({"content/notices/a.md": notice(extra="aliases: [newsletter/tags/]\n")},
                            "content/notices/a.md:6"),
    "alias-onto-events": ({"content/notices/a.md": notice(extra="aliases: [events/]\n")}, "content/notices/a.md:6"),
    "alias-onto-past-events": ({"content/notices/a.md": notice(extra="aliases: [events/past/]\n")},
                               "content/notices/a.md:6"),
    "alias-onto-print-page": ({"content/notices/a.md": notice(extra="aliases: [newsletter/1/print/]\n")},
                              "content/notices/a.md:6"),
    "alias-onto-feed": ({"content/notices/a.md": notice(extra="aliases: [feed.xml]\n")}, "content/notices/a.md:6"),
    "alias-onto-atom-feed": ({"content/notices/a.md": notice(extra="aliases: [atom.xml/]\n")},
                             "content/notices/a.md:6"),
    "alias-onto-search-data": ({"content/notices/a.md": notice(extra="aliases: [search/search_index.json]\n")},
                               "content/notices/a.md:6"),
    "alias-onto-stylesheet": ({"content/notices/a.md": notice(extra="aliases: [assets/krds.css]\n")},
                              "content/notices/a.md:6"),
    "alias-onto-calendar": ({"content/notices/a.md": notice(extra="aliases: [events.ics]\n")},
                            "content/notices/a.md:6"),
    "alias-onto-sitemap": ({"content/notices/a.md": notice(extra="aliases: [sitemap.xml]\n")},
                           "content/notices/a.md:6"),
    "alias-twice": ({"content/notices/a.md": notice(extra="aliases: [old/a/]\n"),
                     "content/notices/b.md": notice(extra="aliases: [old/a/]\n")}, "content/notices/b.md:6"),
    "page-onto-generated-events": ({"content/events.md": "---\ntitle: 일정\n---\n본문\n"}, "content/events.md:1"),
    "page-onto-archive": ({"content/newsletter.md": "---\ntitle: 소식지\n---\n본문\n"}, "content/newsletter.md:1"),
    "article-onto-print-page": ({"content/newsletter/1/credit-basics.md": ARTICLE.format(extra="slug: print\n",
                                                                                         body="")},
                                "content/newsletter/1/credit-basics.md:8"),
    "tags-sharing-an-address": ({"content/notices/a.md": notice(extra="tags: [고교 학점제]\n"),
                                 "content/notices/b.md": notice(extra="tags: [고교-학점제]\n")},
                                "content/notices/b.md:6"),
    "readme-beside-index": ({"content/centre/index.md": "---\ntitle: 센터\n---\n본문\n",
                             "content/centre/README.md": "---\ntitle: 설명\n---\n본문\n"},
                            "content/centre/README.md:1"),
    "page-and-folder-index-at-one-address": ({"content/info.md": "---\ntitle: 안내\n---\n본문\n",
                                              "content/info/index.md": "---\ntitle: 안내 모음\n---\n본문\n"},
                                             "content/info/index.md:1"),
    "bad-front-matter": ({"content/notices/a.md": notice(extra="date: 2026-02-30\n")}, "content/notices/a.md:6"),
    "svg-with-script": ({"content/notices/a.md": notice("![그림](x.svg)"),
                         "content/notices/x.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'},
                        "content/notices/x.svg:1"),
    "nav-to-missing-file": ({"mkdocs.yml": "NAV:  - 없음: gone.md\n"}, "mkdocs.yml:{nav}"),
    "link-to-draft": ({"content/notices/a.md": notice("[초안](b.md)"),
                       "content/notices/b.md": notice(extra="draft: true\n")}, None),
    "link-to-scheduled": ({"content/notices/a.md": notice("[예정](b.md)"),
                           "content/notices/b.md": NOTICE.format(body="", extra="").replace("2026-11-01", "2027-01-05")},
                          None),
}


def make(root: Path, files: dict[str, str | bytes]) -> tuple[Project, str]:
    project = Project(root)
    project.write("content/about.md", ABOUT)
    nav_line = ""
    for rel, text in files.items():
        if rel == "mkdocs.yml":
            base = (root / "mkdocs.yml").read_text(encoding="utf-8")
            nav = "nav:\n  - 홈: index.md\n" + str(text).replace("NAV:", "")
            nav_line = str(len(base.splitlines()) + 3)
            project.write(rel, base + nav)
        else:
            project.write(rel, text)
    return project, nav_line


LOCATION = re.compile(r"^(?:ERROR\s+-\s+|WARNING\s+-\s+)?((?:content|data)/[^\s:]+|mkdocs\.yml):(\d+)", re.M)


def locations(text: str) -> set[str]:
    return {f"{m.group(1)}:{m.group(2)}" for m in LOCATION.finditer(text)}


def run_case(tmp: Path, name: str):
    files, where = CASES[name]
    project, nav_line = make(tmp / name, files)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY=TODAY, PDF="0", CARDS="0")
    check = subprocess.run([sys.executable, "-m", "edugc.cli", "--root", str(project.root), "check"],
                           capture_output=True, text=True, env=env)
    build = project.build(tmp / f"{name}-site")
    expected = where.replace("{nav}", nav_line) if where else None
    return check, build, expected


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("agree")
    with ThreadPoolExecutor(max_workers=2) as pool:  # each case is two processes; two cores
        results = dict(zip(CASES, pool.map(lambda name: run_case(tmp, name), CASES)))
    return results


def test_every_refusal_class_is_covered(outcomes):
    refusals = [name for name, (_, where) in CASES.items() if where]
    assert len(refusals) >= 35


@pytest.mark.parametrize("name", list(CASES))
def test_build_refuses_exactly_when_check_reports_at_the_same_place(outcomes, name):
    check, build, expected = outcomes[name]
    check_out, build_out = check.stdout + check.stderr, build.stdout + build.stderr
    build_refused, check_reported = build.returncode != 0, check.returncode != 0
    assert build_refused == check_reported, f"check={check.returncode} build={build.returncode}\n{check_out}\n{build_out}"
    if expected is None:
        assert not check_reported and "문제 없음" in check_out, check_out
        return
    assert check_reported, check_out
    assert expected in locations(check_out), check_out
    assert expected in locations(build_out), build_out
