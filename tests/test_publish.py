"""Publishing: only a checked build replaces the live site; addresses once published never vanish."""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, TODAY
from edugc.publish import ledger, swap
from edugc.publish.command import publish
from edugc.publish.target import MARKER, TargetRefused, plan_local


def test_no_published_address_has_vanished(site_dir):
    committed = ledger.read(ROOT / "data/published-urls.txt")
    assert len(committed) > 50, "data/published-urls.txt가 비어 있습니다"
    gone = ledger.vanished(committed, ledger.published_urls(site_dir))
    assert not gone, f"사라진 주소: {gone}"


def test_zero_broken_internal_links_under_a_sub_path(site_dir):
    from edugc.checks.links import check_links

    report = check_links(site_dir, "/edu/")
    assert report.checked > 100
    assert not report.broken, report.broken[:10]
    assert any(url.startswith("https://map.kakao.com") for url in report.external)  # listed, not fetched


def test_linkchecker_finds_a_broken_link_and_anchor(tmp_path):
    from edugc.checks.links import check_links

    site = tmp_path / "s"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<html lang="ko"><body><a href="a/">a</a> <a href="missing/">x</a>'
                                     ' <a href="a/#nowhere">y</a></body></html>', encoding="utf-8")
    (site / "a/index.html").write_text('<html lang="ko"><body><h1 id="top">a</h1></body></html>', encoding="utf-8")
    broken = check_links(site, "/edu/").broken
    assert any("missing/" in url for url, _, _ in broken)
    assert any("nowhere" in url or "nowhere" in result for url, _, result in broken)


def test_publish_refuses_the_default_site_url(project, tmp_path, capsys):
    assert publish(project.root, str(tmp_path / "live"), site_url="http://127.0.0.1:8000/") == 2
    assert "SITE_URL" in capsys.readouterr().out
    assert not (tmp_path / "live").exists()


def test_publish_checks_then_swaps_and_keeps_a_ledger(project, tmp_path, monkeypatch):
    monkeypatch.setenv("EDUGC_TODAY", TODAY)
    monkeypatch.setenv("PDF", "0")
    monkeypatch.setenv("CARDS", "0")
    live = tmp_path / "live"
    site_url = "https://edu.geumcheon.test/edu/"
    assert publish(project.root, str(live), site_url=site_url, html_check=False) == 0
    assert (live / "newsletter/1/credit-basics/index.html").exists()
    recorded = ledger.read(project.root / "data/published-urls.txt")
    assert "newsletter/1/credit-basics/" in recorded
    before = {p: p.read_bytes() for p in live.rglob("*") if p.is_file()}

    # A renamed article would break printed QR codes: the publish stops and the live copy stays.
    os.rename(project.root / "content/newsletter/1/credit-basics.md", project.root / "content/newsletter/1/basics.md")
    issue = project.root / "content/newsletter/1/index.md"
    issue.write_text(issue.read_text(encoding="utf-8").replace("credit-basics", "basics"), encoding="utf-8")
    assert publish(project.root, str(live), site_url=site_url, html_check=False) == 1
    assert {p: p.read_bytes() for p in live.rglob("*") if p.is_file()} == before

    # With an alias the old address redirects, and the publish goes through.
    article = project.root / "content/newsletter/1/basics.md"
    article.write_text(article.read_text(encoding="utf-8").replace("summary:", "aliases: [newsletter/1/credit-basics/]\nsummary:"),
                       encoding="utf-8")
    assert publish(project.root, str(live), site_url=site_url, html_check=False) == 0
    assert "url=../basics/" in (live / "newsletter/1/credit-basics/index.html").read_text()


def test_a_broken_build_is_never_published(project, tmp_path, monkeypatch):
    monkeypatch.setenv("EDUGC_TODAY", TODAY)
    monkeypatch.setenv("PDF", "0")
    live = tmp_path / "live"
    assert publish(project.root, str(live), site_url="https://edu.geumcheon.test/", html_check=False) == 0
    before = {p: p.read_bytes() for p in live.rglob("*") if p.is_file()}
    project.write("content/index.md", "---\ntitle: 홈\ndate: 2026-02-30\n---\n")
    assert publish(project.root, str(live), site_url="https://edu.geumcheon.test/", html_check=False) == 1
    assert {p: p.read_bytes() for p in live.rglob("*") if p.is_file()} == before


# -- The target: never delete what publish did not put there -----------------------------------------

SITE_URL = "https://edu.geumcheon.test/edu/"


@pytest.fixture
def publishing(project, monkeypatch):
    monkeypatch.setenv("EDUGC_TODAY", TODAY)
    monkeypatch.setenv("PDF", "0")
    monkeypatch.setenv("CARDS", "0")
    return project


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("where", ["/", "~", "ROOT", "PARENT", "ROOT/content", "ROOT/.git"])
def test_publish_refuses_the_repository_its_parents_home_and_root(project, where):
    path = {"/": Path("/"), "~": Path.home(), "ROOT": project.root, "PARENT": project.root.parent,
            "ROOT/content": project.root / "content", "ROOT/.git": project.root / ".git"}[where]
    with pytest.raises(TargetRefused):
        plan_local(path, project.root, set())


def test_a_folder_holding_other_files_is_refused_and_left_alone(publishing, tmp_path, capsys):
    live = tmp_path / "www"
    (live / "blog").mkdir(parents=True)
    (live / "blog/index.html").write_text("다른 사람의 블로그", encoding="utf-8")
    (live / "photo.jpg").write_bytes(b"\xff\xd8")
    before = tree(live)
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 2
    out = capsys.readouterr().out
    assert "publish가 올리지 않은 파일" in out and "blog/index.html" in out
    assert tree(live) == before


def test_publish_keeps_files_it_did_not_put_there_and_removes_its_own_old_ones(publishing, tmp_path):
    live = tmp_path / "live"
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 0
    assert "newsletter/1/credit-basics/index.html" in (live / MARKER).read_text(encoding="utf-8")
    (live / ".htaccess").write_text("Options -Indexes\n", encoding="utf-8")
    (live / "naver-site-verification.html").write_text("verification", encoding="utf-8")
    (live / "notices/old").mkdir(parents=True)  # a page the previous publish made, gone from the sources
    (live / "notices/old/index.html").write_text("옛 공지", encoding="utf-8")
    marker = live / MARKER
    marker.write_text(marker.read_text(encoding="utf-8") + "notices/old/index.html\n", encoding="utf-8")
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 0
    assert (live / ".htaccess").read_text(encoding="utf-8") == "Options -Indexes\n"
    assert (live / "naver-site-verification.html").exists()
    assert not (live / "notices/old/index.html").exists()
    assert "naver-site-verification.html" not in (live / MARKER).read_text(encoding="utf-8")


def test_a_folder_already_holding_this_site_is_adopted_once(publishing, tmp_path, capsys):
    live = tmp_path / "live"
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 0
    (live / MARKER).unlink()  # as published before the marker existed
    (live / ".htaccess").write_text("Options -Indexes\n", encoding="utf-8")
    capsys.readouterr()
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 0
    assert "이번부터 publish가 관리합니다" in capsys.readouterr().out
    assert (live / MARKER).exists() and (live / ".htaccess").exists()
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 0
    assert "이번부터" not in capsys.readouterr().out


def test_a_file_of_someone_elses_that_the_new_site_would_overwrite_stops_the_publish(publishing, tmp_path):
    live = tmp_path / "live"
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 0
    (live / "notices/event").mkdir(parents=True)
    (live / "notices/event/index.html").write_text("손으로 올린 페이지", encoding="utf-8")
    publishing.write("content/notices/event.md", "---\ntitle: 행사\ndate: 2026-03-16\nauthor: 팀\n"
                     "category: 센터 소식\n---\n본문\n")
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 2
    assert (live / "notices/event/index.html").read_text(encoding="utf-8") == "손으로 올린 페이지"


def test_staging_left_by_killed_runs_is_cleaned_and_live_ones_are_not(publishing, tmp_path):
    live = tmp_path / "live"
    dead = tmp_path / ".live.incoming-999999"      # a publish killed while copying
    old = tmp_path / ".live.old-999999-123"        # an old copy whose removal was cut short
    running = tmp_path / f".live.building-{os.getpid()}"
    for folder in (dead, old, running):
        (folder / "assets").mkdir(parents=True)
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 0
    assert not dead.exists() and not old.exists()
    assert running.exists()


def test_the_swap_never_leaves_a_moment_without_a_site(tmp_path):
    target = tmp_path / "live"
    target.mkdir()
    (target / "index.html").write_text("0", encoding="utf-8")
    missing, stop = [], threading.Event()

    def watch():
        while not stop.is_set():
            if not (target / "index.html").exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for n in range(1, 150):
            staging = tmp_path / f"stage-{n}"
            staging.mkdir()
            (staging / "index.html").write_text(str(n), encoding="utf-8")
            swap.swap_in(staging, target)
    finally:
        stop.set()
        watcher.join()
    assert (target / "index.html").read_text(encoding="utf-8") == "149"
    assert not missing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["live"]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EPERM, errno.ENAMETOOLONG])
def test_a_fault_while_copying_is_one_korean_line_and_the_old_site_stays(publishing, tmp_path, monkeypatch,
                                                                          capsys, code):
    live = tmp_path / "live"
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 0
    before = tree(live)
    real_copytree = shutil.copytree

    def failing(src, dst, *args, **kwargs):
        real_copytree(src, dst, *args, **kwargs)
        raise OSError(code, os.strerror(code), str(dst))

    monkeypatch.setattr(shutil, "copytree", failing)
    capsys.readouterr()
    assert publish(publishing.root, str(live), site_url=SITE_URL, html_check=False) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("[publish] 공개 실패") and "→" in summary and "그대로" in summary
    assert tree(live) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".live")) == []


def test_missing_rsync_is_one_korean_line(publishing, monkeypatch, capsys):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert publish(publishing.root, "user@host:/srv/edu/", site_url=SITE_URL, html_check=False) == 2
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "rsync" in out[0] and "apt-get install rsync" in out[0]


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync: scripts/dev.py test installs it")
def test_rsync_keeps_files_it_did_not_put_there(publishing, tmp_path):
    remote = tmp_path / "remote"
    remote.mkdir()
    (remote / "keep.txt").write_text("서버 관리자의 파일", encoding="utf-8")
    assert publish(publishing.root, str(remote), site_url=SITE_URL, html_check=False, via_rsync=True) == 2
    (remote / "keep.txt").unlink()
    assert publish(publishing.root, str(remote), site_url=SITE_URL, html_check=False, via_rsync=True) == 0
    (remote / "keep.txt").write_text("서버 관리자의 파일", encoding="utf-8")
    (remote / "sub").mkdir()
    (remote / "sub/[x].txt").write_text("괄호 이름", encoding="utf-8")
    assert publish(publishing.root, str(remote), site_url=SITE_URL, html_check=False, via_rsync=True) == 0
    assert (remote / "keep.txt").exists() and (remote / "sub/[x].txt").exists()
    assert (remote / "newsletter/1/credit-basics/index.html").exists() and (remote / MARKER).exists()


def test_an_unattended_failure_ends_with_one_summary_line(publishing, tmp_path, capsys, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    publishing.write("content/index.md", "---\ntitle: 홈\nunknown_field: 1\n---\n")
    assert publish(publishing.root, str(tmp_path / "live"), site_url=SITE_URL, html_check=False, quiet=True) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert any("content/index.md" in line and "unknown_field" in line for line in lines[:-1])
    assert lines[-1].startswith("[publish] 공개 실패") and "content/index.md" in lines[-1]
    assert not any(line.startswith(("INFO", "WARNING")) for line in lines)  # quiet: no build chatter
    assert "공개 실패" in summary.read_text(encoding="utf-8")


def test_a_quiet_publish_that_works_prints_nothing(publishing, tmp_path, capsys):
    publishing.write("data/site.yml", (ROOT / "tests").joinpath("conftest.py").read_text(encoding="utf-8")
                     .split('MINI_SITE_YML = """\\\n', 1)[1].split('"""', 1)[0]
                     .replace('example: true', 'example: false'))
    assert publish(publishing.root, str(tmp_path / "live"), site_url=SITE_URL, html_check=False, quiet=True) == 0
    assert capsys.readouterr().out == ""


def test_example_contact_facts_warn_until_the_site_is_live_then_refuse(publishing, tmp_path, capsys):
    assert publish(publishing.root, str(tmp_path / "live"), site_url=SITE_URL, html_check=False) == 0
    out = capsys.readouterr().out
    assert "data/site.yml:5: phone '02-0000-0000'" in out and "예시" in out
    site_yml = publishing.root / "data/site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "live: true\n", encoding="utf-8")
    before = tree(tmp_path / "live")
    assert publish(publishing.root, str(tmp_path / "live"), site_url=SITE_URL, html_check=False) == 2
    lines = capsys.readouterr().out.strip().splitlines()
    assert "live: true" in lines[-1] and "data/site.yml:5" in "\n".join(lines)
    assert tree(tmp_path / "live") == before


def test_the_last_gate_reads_what_was_built_pdfs_included(tmp_path):
    from edugc.checks.personal_data import scan_site

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a/index.html").write_text("<p>문의</p>\n<p>010<span>1234</span>5678</p>", encoding="utf-8")
    (site / "search").mkdir()
    (site / "search/s.json").write_text('{"t": "대표 +82 10 9999 0000"}', encoding="utf-8")
    (site / "map.svg").write_text("<svg><text>900101</text><text>-1234567</text></svg>", encoding="utf-8")
    problems = scan_site(site, ["010-9999-0000"])
    assert len(problems) == 2 and problems[0].startswith("a/index.html:2:") and problems[1].startswith("map.svg:1:")
    (site / "a/index.html").unlink()
    (site / "map.svg").unlink()
    (site / "poster.pdf").write_bytes(one_line_pdf("Call 010-1234-5678"))
    assert [p.split(":")[0] for p in scan_site(site, ["010-9999-0000"])] == ["poster.pdf"]
    (site / "broken.pdf").write_bytes(b"not a pdf")
    assert any(p.startswith("broken.pdf:") for p in scan_site(site, []))


def one_line_pdf(text: str) -> bytes:
    """A minimal PDF drawing one line of text in Helvetica (no library writes text here)."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>stream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_the_real_site_as_built_passes_the_last_gate(pdf_site):
    from edugc.checks.personal_data import scan_site

    assert scan_site(pdf_site, []) == []


# -- the build itself (issue 16.5/16.6): faults are one Korean line, the old site stays --------------

def _build_with_full_disk(project, out, after: int) -> subprocess.CompletedProcess:
    """`mkdocs build` whose disk fills after ``after`` written files (MkDocs writes pages through utils)."""
    script = (
        "import errno, sys, mkdocs.utils as u\n"
        "written = [0]\n"
        "real = u.write_file\n"
        "def write_file(content, path):\n"
        f"    written[0] += 1\n    if written[0] > {after}:\n"
        "        raise OSError(errno.ENOSPC, 'No space left on device', path)\n"
        "    real(content, path)\n"
        "u.write_file = write_file\n"
        "from mkdocs.__main__ import cli\n"
        "sys.argv = ['mkdocs', 'build', '-f', sys.argv[1], '-d', sys.argv[2]]\n"
        "cli()\n")
    env = dict(os.environ, EDUGC_TODAY=TODAY, PDF="0", CARDS="0", NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-c", script, str(project.root / "mkdocs.yml"), str(out)],
                          capture_output=True, text=True, env=env, cwd=project.root)


def test_a_full_disk_during_the_build_is_one_korean_line_and_the_old_site_stays(project, tmp_path):
    out = tmp_path / "out"
    assert project.build(out).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = _build_with_full_disk(project, out, after=2)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert "디스크 공간이 모자랍니다" in result.stderr and "이전 사이트는 그대로입니다" in result.stderr
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]  # no staging left behind


def test_an_output_path_through_a_file_is_one_korean_line(project, tmp_path):
    (tmp_path / "file.txt").write_text("x")
    result = project.build(tmp_path / "file.txt/site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "폴더가 있어야 할 자리에 파일이 있습니다" in result.stderr, result.stderr


def test_a_killed_build_leaves_nothing_the_next_build_keeps(project, tmp_path):
    out = tmp_path / "out"
    stale = tmp_path / ".out.building-999999"  # a pid no process has
    (stale / "drafts").mkdir(parents=True)
    (stale / "drafts/index.html").write_text("미공개")
    assert project.build(out).returncode == 0
    assert not stale.exists()
