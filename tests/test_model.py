"""Editors' mistakes: each found with file, line and the fix, all in one run, nothing published."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from edugc.model import ContentError
from edugc.urls import slugify


def problems_of(project) -> list[str]:
    with pytest.raises(ContentError) as err:
        project.load()
    return [str(p) for p in err.value.problems]


def one(problems: list[str], needle: str) -> str:
    found = [p for p in problems if needle in p]
    assert found, f"'{needle}' 없음: {problems}"
    return found[0]


ARTICLE = "content/newsletter/1/credit-basics.md"


def test_the_mini_project_is_valid(project):
    site = project.load()
    assert [i.number for i in site.issues] == [1]
    assert site.docs["newsletter/1/credit-basics.md"].url == "newsletter/1/credit-basics/"


def test_loading_again_reuses_unchanged_files_but_sees_every_edit_and_problem(project):
    # The preview loads the site after every edit; unchanged files are not parsed again.
    first = project.load()
    second = project.load()
    a, b = first.docs["newsletter/1/credit-basics.md"], second.docs["newsletter/1/credit-basics.md"]
    assert a is not b and a.meta is b.meta  # the same parse, in a new Doc (loading links issues into it)
    assert b.issue is second.issues[0] and a.issue is first.issues[0]
    assert first.events == second.events and first.events is not second.events
    text = (project.root / ARTICLE).read_text(encoding="utf-8")
    project.write(ARTICLE, text.replace("title:", "title: 고친", 1))
    assert project.load().docs["newsletter/1/credit-basics.md"].title.startswith("고친")
    project.write(ARTICLE, text.replace("date:", "date: 2026-13-01\nx:", 1))
    assert one(problems_of(project), "올바른 날짜가 아닙니다")
    assert one(problems_of(project), "올바른 날짜가 아닙니다")  # a file with problems is never remembered
    project.write(ARTICLE, text + "\n연락처 010-1234-5678\n")
    assert one(problems_of(project), "휴대전화")
    assert one(problems_of(project), "휴대전화")


def test_yaml_syntax_error_names_line_and_column(project):
    project.write(ARTICLE, "---\ntitle: 고교학점제\ndate: 2026-03-16\ntags: [a, b\nauthor: 팀\n---\n본문\n")
    message = one(problems_of(project), "YAML 문법 오류")
    assert message.startswith(f"{ARTICLE}:5:")  # line:col of the place the parser gave up


def test_missing_required_field(project):
    project.write(ARTICLE, "---\ntitle: 제목\ndate: 2026-03-16\ncategory: 고교학점제\n---\n본문\n")
    assert one(problems_of(project), "'author'").startswith(f"{ARTICLE}:")
    assert "author: ..." in one(problems_of(project), "'author'")


def test_wrong_type(project):
    project.write("content/newsletter/1/index.md",
                  "---\nnumber: 첫째\ndate: 2026-03-16\ntitle: 제목\narticles: [credit-basics]\n---\n")
    assert one(problems_of(project), "숫자여야").startswith("content/newsletter/1/index.md:2:")


@pytest.mark.parametrize("bad", ["2026-13-01", "2026-02-30"])
def test_invalid_date(project, bad):
    project.write(ARTICLE, f"---\ntitle: 제목\ndate: {bad}\nauthor: 팀\ncategory: 고교학점제\n---\n본문\n")
    message = one(problems_of(project), "올바른 날짜가 아닙니다")
    assert message.startswith(f"{ARTICLE}:3:") and bad in message


def test_unknown_field_suggests_the_right_name(project):
    project.write(ARTICLE, "---\ntitel: 제목\ntitle: 제목\ndate: 2026-03-16\nauthor: 팀\ncategory: 고교학점제\n---\n")
    message = one(problems_of(project), "알 수 없는 항목 'titel'")
    assert message.startswith(f"{ARTICLE}:2:") and "'title'" in message


def test_duplicate_issue_number(project):
    project.write("content/newsletter/2/index.md",
                  "---\nnumber: 1\ndate: 2026-06-15\ntitle: 둘\narticles: [a]\n---\n")
    project.write("content/newsletter/2/a.md", "---\ntitle: 가\ndate: 2026-06-15\nauthor: 팀\ncategory: 센터 소식\n---\n")
    message = one(problems_of(project), "소식지 번호 1")
    assert ":2:" in message and "겹칩니다" in message


def test_duplicate_program_id(project):
    text = (project.root / "data/programs.yml").read_text(encoding="utf-8")
    project.write("data/programs.yml", text + "\n" + text)
    message = one(problems_of(project), "'always-counselling'이(가) 1번째 줄")
    assert message.startswith("data/programs.yml:12:")


def test_duplicate_url_from_slug(project):
    project.write("content/about.md", "---\ntitle: 소개\nslug: contact\n---\n")
    project.write("content/contact.md", "---\ntitle: 문의\n---\n")
    assert "주소 /contact/" in one(problems_of(project), "겹칩니다")


def test_unknown_program_reference_and_missing_image(project):
    project.write("content/guides/susi.md", "---\ntitle: 수시\naudience: {levels: [고등]}\nschool_year: 2027\n"
                  "reviewed: 2026-03-02\nreview_by: 2027-02-28\nprograms: [always-counseling]\n---\n\n"
                  "![수시 일정표](susi.png)\n")
    problems = problems_of(project)
    assert "always-counselling" in one(problems, "always-counseling")  # did-you-mean
    assert one(problems, "susi.png").startswith("content/guides/susi.md:10:")


def test_image_without_alt_text(project):
    project.write("content/newsletter/1/photo.png", b"\x89PNG\r\n\x1a\n")
    project.write(ARTICLE, "---\ntitle: 제목\ndate: 2026-03-16\nauthor: 팀\ncategory: 고교학점제\n---\n\n![](photo.png)\n")
    assert one(problems_of(project), "대체 텍스트").startswith(f"{ARTICLE}:8:")


def test_cp949_file_is_explained(project):
    project.write(ARTICLE, "---\ntitle: 고교학점제 안내\n---\n".encode("cp949"))
    message = one(problems_of(project), "UTF-8이 아닙니다")
    assert "CP949" in message and "iconv" in message and message.startswith(f"{ARTICLE}:2:")


def test_utf8_bom_is_accepted(project):
    text = (project.root / ARTICLE).read_text(encoding="utf-8")
    project.write(ARTICLE, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert project.load().docs["newsletter/1/credit-basics.md"].title == "고교학점제, 무엇이 달라지나요?"


def test_nfd_file_name_gives_the_nfc_url(project):
    nfd = unicodedata.normalize("NFD", "공지사항")
    project.write(f"content/{nfd}.md", "---\ntitle: 공지\n---\n")
    site = project.load()
    doc = site.docs["공지사항.md"]  # keyed by the NFC name
    assert doc.url == f"{slugify('공지사항')}/" == "gongjisahang/"


def test_every_problem_in_one_run(project):
    project.write(ARTICLE, "---\ntitel: 제목\ndate: 2026-02-30\nauthor: 팀\ncategory: 없는분류\n---\n")
    project.write("data/events.yml", "- id: a\n  title: 가\n  program: nope\n  start: 2026-07-18T10:00\n"
                  "  end: 2026-07-18T09:00\n  place: 센터\n")
    problems = problems_of(project)
    assert len(problems) >= 4
    assert {p.split(":")[0] for p in problems} >= {ARTICLE, "data/events.yml"}


def test_events_end_before_start_and_late_deadline(project):
    project.write("data/events.yml", """\
- id: a
  title: 가
  program: always-counselling
  start: 2026-07-18T10:00
  end: 2026-07-18T09:00
  place: 센터
- id: b
  title: 나
  program: ghost
  start: 2026-07-18T10:00
  end: 2026-07-18T12:00
  place: 센터
  registration: {deadline: 2026-07-19T10:00}
""")
    problems = problems_of(project)
    assert one(problems, "end(끝나는 시각)").startswith("data/events.yml:1:")
    assert one(problems, "신청 마감").startswith("data/events.yml:7:")


def test_script_in_a_title_is_text_not_markup(project, tmp_path):
    project.write(ARTICLE, "---\ntitle: \"<script>alert('x')</script>안내\"\ndate: 2026-03-16\nauthor: 팀\n"
                  "category: 고교학점제\nsummary: \"<b>굵게</b> & 요약\"\n---\n본문\n")
    out = tmp_path / "out"
    result = project.build(out)
    assert result.returncode == 0, result.stderr
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in html, page
        assert "<b>굵게</b>" not in html, page
    article = (out / "newsletter/1/credit-basics/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in article


def test_failed_build_leaves_the_old_site_whole(project, tmp_path):
    out = tmp_path / "published"
    assert project.build(out).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    project.write(ARTICLE, "---\ntitle: 제목\ndate: 2026-02-30\nauthor: 팀\ncategory: 고교학점제\n---\n")
    result = project.build(out)
    assert result.returncode != 0
    assert f"{ARTICLE}:3:" in result.stderr
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".published.*")), "staging folder left behind"


def test_strict_warning_also_leaves_the_old_site(project, tmp_path):
    out = tmp_path / "published"
    assert project.build(out).returncode == 0
    marker = (out / "index.html").read_bytes()
    project.write("content/index.md", "---\ntitle: 홈\n---\n[없는 페이지](nowhere.md)\n")
    result = project.build(out)
    assert result.returncode != 0
    assert (out / "index.html").read_bytes() == marker


def test_drafts_and_scheduled_pages_stay_out(project, tmp_path):
    project.write("content/notices/winter.md", "---\ntitle: 겨울 안내\ndate: 2026-12-20\nauthor: 팀\n"
                  "category: 센터 소식\n---\n예약 글\n")
    project.write("content/notices/draft.md", "---\ntitle: 초안 안내\ndate: 2026-11-01\nauthor: 팀\n"
                  "category: 센터 소식\ndraft: true\n---\n초안\n")
    out = tmp_path / "out"
    assert project.build(out).returncode == 0
    assert not (out / "notices/winter").exists() and not (out / "notices/draft").exists()
    everything = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in out.rglob("*")
                         if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt"))
    assert "겨울 안내" not in everything and "초안 안내" not in everything
    # The day comes: the scheduled notice appears without any edit.
    assert project.build(out, today="2026-12-20").returncode == 0
    assert (out / "notices/winter/index.html").exists()
    # The preview shows both, with a banner.
    preview = project.load(preview=True)
    assert preview.docs["notices/winter.md"].status == "scheduled"
    assert preview.docs["notices/draft.md"].status == "draft"


def test_preview_banner_for_drafts(project):
    from edugc.pages import Renderer

    project.write("content/notices/draft.md", "---\ntitle: 초안 안내\ndate: 2026-11-01\nauthor: 팀\n"
                  "category: 센터 소식\ndraft: true\n---\n초안\n")
    site = project.load(preview=True)
    assert "초안" in Renderer(site).banners(site.docs["notices/draft.md"])


def test_stale_guide_shows_a_notice_and_time_never_breaks_the_build(project, tmp_path):
    project.write("content/guides/jeongsi.md", "---\ntitle: 정시\naudience: {levels: [고등]}\nschool_year: 2027\n"
                  "reviewed: 2026-03-02\nreview_by: 2026-10-31\n---\n정시 안내\n")
    out = tmp_path / "out"
    result = project.build(out, today="2031-01-01")
    assert result.returncode == 0, result.stderr
    page = (out / "guides/jeongsi/index.html").read_text(encoding="utf-8")
    assert "이 안내는 2026년 3월에 마지막으로 확인되었습니다" in page


def test_aliases_publish_a_redirect(project, tmp_path):
    project.write("content/about.md", "---\ntitle: 소개\naliases: [old/about-us/]\n---\n")
    out = tmp_path / "out"
    assert project.build(out).returncode == 0
    redirect = (out / "old/about-us/index.html").read_text(encoding="utf-8")
    assert 'url=../../about/' in redirect


def test_check_command_is_fast_and_lists_stale_guides(project, capsys):
    from edugc.cli import main

    project.write("content/guides/jeongsi.md", "---\ntitle: 정시\naudience: {levels: [고등]}\nschool_year: 2027\n"
                  "reviewed: 2026-03-02\nreview_by: 2026-10-31\n---\n정시 안내\n")
    import os

    os.environ["EDUGC_TODAY"] = "2026-11-28"
    try:
        assert main(["--root", str(project.root), "check"]) == 0
    finally:
        del os.environ["EDUGC_TODAY"]
    out = capsys.readouterr().out
    assert "content/guides/jeongsi.md" in out and "지났습니다" in out


def test_new_issue_scaffolds_the_next_number(project):
    from edugc.cli import main

    assert main(["--root", str(project.root), "new-issue", "--articles", "2"]) == 0
    issue = project.root / "content/newsletter/2/index.md"
    assert "number: 2" in issue.read_text(encoding="utf-8")
    assert (project.root / "content/newsletter/2/article-2.md").exists()
    site = project.load(preview=True, today=dt.date.today())
    assert site.docs["newsletter/2/index.md"].status == "draft"


def test_resident_number_and_personal_mobile_are_refused(project):
    project.write("content/notices/a.md", "---\ntitle: 안내\ndate: 2026-11-01\nauthor: 팀\ncategory: 센터 소식\n---\n"
                  "문의: 담당자 010-1234-5678\n\n신청서 예: 080115-3123456\n\n대표 010-9999-0000\n")
    project.write("data/site.yml", (project.root / "data/site.yml").read_text(encoding="utf-8")
                  + "official_numbers: [\"010-9999-0000\"]\n")
    problems = problems_of(project)
    assert one(problems, "휴대전화").startswith("content/notices/a.md:7:")
    assert one(problems, "주민등록번호").startswith("content/notices/a.md:9:")
    assert not [p for p in problems if "010-9999-0000" in p]


@pytest.mark.parametrize("written", ["+82 10 1234 5678", "０１０－１２３４－５６７８", "010&#45;1234&#45;5678",
                                     "010<!-- x -->1234-5678", "010-1234-\n5678"])
def test_personal_mobile_written_any_way_is_refused_in_markdown(project, written):
    project.write("content/notices/a.md", "---\ntitle: 안내\ndate: 2026-11-01\nauthor: 팀\ncategory: 센터 소식\n---\n"
                  f"문의: {written}\n")
    assert one(problems_of(project), "휴대전화").startswith("content/notices/a.md:7:")


def test_personal_mobile_in_svg_text_is_refused(project):
    project.write("content/images/map.svg", '<svg xmlns="http://www.w3.org/2000/svg"><text>담당 010</text>'
                  '<text><tspan>1234</tspan>-5678</text></svg>')
    assert one(problems_of(project), "휴대전화").startswith("content/images/map.svg:1:")


@pytest.mark.parametrize("text, line", [("", 1), ("  \n\n", 1), ("<!-- 나중에 -->\n", 1),
                                        ("---\ntitle: 안내\ndate: 2026-11-01\nauthor: 팀\ncategory: 센터 소식\n---\n", 7),
                                        ("---\ntitle: 안내\ndate: 2026-11-01\nauthor: 팀\ncategory: 센터 소식\n---\n\n<!-- x -->\n", 7)])
def test_an_empty_page_is_an_error(project, text, line):
    project.write("content/notices/empty.md", text)
    assert one(problems_of(project), "비어 있습니다" if line > 1 else "빈 파일").startswith(f"content/notices/empty.md:{line}:")


def test_an_article_listed_twice_is_an_error(project):
    issue = (project.root / "content/newsletter/1/index.md").read_text(encoding="utf-8")
    project.write("content/newsletter/1/index.md", issue.replace("articles: [credit-basics]",
                                                                 "articles: [credit-basics, credit-basics]"))
    assert "articles: [credit-basics, credit-basics]" in (project.root / "content/newsletter/1/index.md").read_text()
    assert one(problems_of(project), "두 번 적혀").startswith("content/newsletter/1/index.md:")


def test_nfd_file_builds_at_its_nfc_url(project, tmp_path):
    nfd = unicodedata.normalize("NFD", "오시는길")
    project.write(f"content/{nfd}.md", "---\ntitle: 오시는 길\n---\n[홈](index.md)\n")
    project.write("content/index.md", "---\ntitle: 홈\n---\n[오시는 길](오시는길.md)\n")  # the editor types NFC
    out = tmp_path / "out"
    result = project.build(out)
    assert result.returncode == 0, result.stderr
    assert (out / "osineungil/index.html").exists()
    assert 'href="osineungil/"' in (out / "index.html").read_text(encoding="utf-8")


def test_a_key_written_twice_is_an_error_naming_both_lines(project):
    project.write(ARTICLE, "---\ntitle: 고교학점제\ndate: 2026-03-16\nauthor: 팀\ncategory: 고교학점제\n"
                           "date: 2026-03-17\n---\n본문\n")
    message = one(problems_of(project), "'date' 항목이")
    assert message.startswith(f"{ARTICLE}:6:") and "3번째 줄" in message and "→" in message
    programs = (project.root / "data/programs.yml").read_text(encoding="utf-8")
    project.write(ARTICLE, (project.root / ARTICLE).read_text(encoding="utf-8").replace("date: 2026-03-17\n", ""))
    project.write("data/programs.yml", programs + "  place: 금천구청\n")
    message = one(problems_of(project), "'place' 항목이")
    assert message.startswith("data/programs.yml:11:") and "8번째 줄" in message


def test_decomposed_hangul_in_titles_and_tags_is_published_composed(project):
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731  (as macOS editors save Hangul)
    text = (project.root / ARTICLE).read_text(encoding="utf-8")
    project.write(ARTICLE, text.replace("title: 고교학점제", f"title: {nfd('고교학점제')}")
                  .replace("tags: [고교학점제]", f"tags: [{nfd('고교학점제')}, 학부모]"))
    project.write("content/notices/note.md", "---\ntitle: 공지\ndate: 2026-03-10\nauthor: 팀\n"
                  "category: 센터 소식\ntags: [고교학점제]\n---\n본문\n")
    site = project.load()
    doc = site.docs["newsletter/1/credit-basics.md"]
    assert doc.title == unicodedata.normalize("NFC", doc.title) and doc.title.startswith("고교학점제")
    assert [d.src for d in site.tags["고교학점제"]] == ["newsletter/1/credit-basics.md", "notices/note.md"]
    assert all(unicodedata.is_normalized("NFC", tag) for tag in site.tags)


def test_nothing_from_outside_the_project_is_published_through_a_link(project, tmp_path):
    import os

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.md").write_text("---\ntitle: 비밀\n---\n", encoding="utf-8")
    os.symlink("/etc/passwd", project.root / "content/passwd.txt")
    os.symlink(elsewhere, project.root / "content/shared")
    os.symlink(project.root / "data/site.yml", project.root / "content/newsletter/1/site.yml")
    os.symlink(elsewhere / "secret.md", project.root / "data/more.yml")
    problems = problems_of(project)
    for rel in ("content/passwd.txt", "content/shared", "content/newsletter/1/site.yml", "data/more.yml"):
        assert one(problems, f"{rel}: 링크(심볼릭 링크)는 게시하지 않습니다")
    assert not any("비밀" in p or "secret" in p.split(":")[0] for p in problems)


def test_files_a_browser_would_run_from_our_origin_are_refused(project):
    project.write("content/notices/form.html", "<script>alert(1)</script>")
    project.write("content/assets/tracker.js", "fetch('https://evil.example')")
    project.write("content/newsletter/1/map.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n'
                  '<circle r="5" onclick="alert(1)"/>\n</svg>\n')
    project.write("content/newsletter/1/hwp-form.hwp", b"HWP Document File")
    problems = problems_of(project)
    assert one(problems, "content/notices/form.html: '.html' 파일은")
    assert one(problems, "content/assets/tracker.js: '.js' 파일은")
    assert one(problems, "content/newsletter/1/map.svg:2: SVG를 게시할 수 없습니다: onclick")
    assert not any("hwp-form.hwp" in p for p in problems)
