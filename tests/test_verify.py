"""The editor's loop: one mistake gives one Korean message, time never stops a publish, a normal build
says nothing in English, and the usual MkDocs invocations work (issue 15, items 5, 6 and 8)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import MINI_PROGRAMS, data_file
from edugc.model import ContentError

GUIDE = ("---\ntitle: 정시\naudience: {levels: [고등]}\nschool_year: 2027\nreviewed: 2026-03-02\n"
         "review_by: 2027-03-02\nprograms: [always-counselling]\n---\n정시 안내\n")
EVENT = ("- id: talk\n  title: 설명회\n  program: always-counselling\n  start: 2026-12-20T14:00\n"
         "  end: 2026-12-20T16:00\n  place: 센터\n")


def check(project, today: str = "2026-11-28") -> tuple[int, str]:
    env = dict(os.environ, EDUGC_TODAY=today)
    result = subprocess.run([sys.executable, "-m", "edugc.cli", "--root", str(project.root), "check"],
                            capture_output=True, text=True, env=env)
    return result.returncode, result.stdout + result.stderr


def problems(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"^(content|data)/\S+:\d*", line)
            and not line.startswith("알림")]


def test_a_program_with_a_bad_field_is_one_message_not_one_per_reference(project):
    project.write("content/guides/jeongsi.md", GUIDE)
    project.write("data/events.yml", data_file("events", EVENT))
    project.write("data/programs.yml", data_file("programs", MINI_PROGRAMS.replace("family: 진로진학 정보", "family: 진로 정보")))
    code, out = check(project)
    assert code == 1
    found = problems(out)
    assert len(found) == 1, found
    assert found[0].startswith("data/programs.yml:4:") and "family" in found[0] and "→" in found[0]
    assert "찾을 수 없습니다" not in out


def test_an_article_with_bad_front_matter_is_not_also_missing_from_its_issue(project):
    article = project.root / "content/newsletter/1/credit-basics.md"
    project.write("content/newsletter/1/credit-basics.md",
                  article.read_text(encoding="utf-8").replace("date: 2026-03-16", "date: 2026-02-30"))
    with pytest.raises(ContentError) as err:
        project.load()
    shown = [str(p) for p in err.value.problems]
    assert len(shown) == 1 and shown[0].startswith("content/newsletter/1/credit-basics.md:3:"), shown


def test_a_broken_issue_index_does_not_orphan_its_articles(project):
    project.write("content/newsletter/1/index.md", "---\nnumber: 첫째\ndate: 2026-03-16\ntitle: 제목\n"
                                                  "articles: [credit-basics]\n---\n여는 글\n")
    with pytest.raises(ContentError) as err:
        project.load()
    shown = [str(p) for p in err.value.problems]
    assert len(shown) == 1 and shown[0].startswith("content/newsletter/1/index.md:2:"), shown


def test_link_messages_are_korean_with_file_line_and_a_fix(project):
    project.write("content/about.md", "---\ntitle: 소개\n---\n## 오시는 길\n")
    project.write("content/notices/a.md", "---\ntitle: 알림\ndate: 2026-11-01\nauthor: 팀\ncategory: 센터 소식\n---\n"
                  "[소개](../about/) [길](../about.md#없는-곳) [절대](/about.md)\n")
    code, out = check(project)
    assert code == 1
    found = problems(out)
    assert len(found) == 3 and all(p.startswith("content/notices/a.md:7:") for p in found), found
    assert all("→" in p for p in found)
    assert "예: ../about.md" in out  # the source file the editor meant
    assert "Doc file" not in out


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def test_a_normal_build_prints_no_english_noise(project, tmp_path):
    # A photo the page shows (the engine calls it "excluded"), pages outside a nav, a link and anchor.
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8") + "nav:\n  - 홈: index.md\n")
    project.write("content/about.md", "---\ntitle: 소개\n---\n## 오시는 길 {#way}\n\n![센터 건물 사진](photo.png)\n")
    project.write("content/photo.png", _png())
    project.write("content/index.md", "---\ntitle: 홈\n---\n[소개](about.md#way)\n")
    result = project.build(tmp_path / "out")
    assert result.returncode == 0, result.stderr
    log = result.stdout + result.stderr
    assert "not included in the" not in log and "excluded from the built site" not in log
    english = [line for line in log.splitlines() if re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", line)
               and not re.search(r"[가-힣]", line)]
    assert not english, english
    assert "사이트를" in log and "초에 만들었습니다" in log


SCHEDULED = ("---\ntitle: 겨울방학 상담 안내\ndate: 2026-12-10\nauthor: 팀\ncategory: 센터 소식\n---\n본문\n")
LINKING = ("---\ntitle: 알림\ndate: 2026-11-01\nauthor: 팀\ncategory: 센터 소식\n---\n"
           "곧 나올 [겨울방학 상담 안내](winter.md)를 보세요.\n")


def test_a_link_to_a_scheduled_page_is_text_with_its_date_until_that_day(project, tmp_path):
    project.write("content/notices/winter.md", SCHEDULED)
    project.write("content/notices/a.md", LINKING)
    code, out = check(project, today="2026-12-01")
    assert code == 0, out
    assert "content/notices/a.md:7" in out and "2026년 12월 10일" in out and "알림" in out

    before = project.build(tmp_path / "before", today="2026-12-01")
    assert before.returncode == 0, before.stderr
    page = (tmp_path / "before/notices/a/index.html").read_text(encoding="utf-8")
    assert "겨울방학 상담 안내" in page and "공개 예정: 2026년 12월 10일" in page
    assert 'href="../winter/"' not in page
    assert not (tmp_path / "before/notices/winter").exists()
    assert "content/notices/a.md:7" in before.stderr  # editors are told which page waits

    after = project.build(tmp_path / "after", today="2026-12-10")
    assert after.returncode == 0, after.stderr
    page = (tmp_path / "after/notices/a/index.html").read_text(encoding="utf-8")
    assert 'href="../winter/"' in page and "공개 예정" not in page


def test_a_draft_in_the_navigation_waits_without_failing_the_build(project, tmp_path):
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8")
                  + "nav:\n  - 홈: index.md\n  - 안내: notices/winter.md\n")
    project.write("content/notices/winter.md", SCHEDULED)
    result = project.build(tmp_path / "out", today="2026-12-01")
    assert result.returncode == 0, result.stderr
    assert "mkdocs.yml:" in result.stderr and "메뉴" in result.stderr
    code, out = check(project, today="2026-12-01")
    assert code == 0 and "메뉴" in out, out


def test_build_with_a_relative_config_path(project, tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY="2026-11-28", PDF="0", CARDS="0")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", str(tmp_path / "out")],
                            capture_output=True, text=True, env=env, cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out/newsletter/1/credit-basics/index.html").exists()
