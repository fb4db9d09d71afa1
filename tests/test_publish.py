"""Publishing: only a checked build replaces the live site; addresses once published never vanish."""
from __future__ import annotations

import os

from conftest import ROOT, TODAY
from edugc.publish import ledger
from edugc.publish.command import publish


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
    live = tmp_path / "live"
    live.mkdir()
    (live / "index.html").write_text("지금 공개된 사이트", encoding="utf-8")
    project.write("content/index.md", "---\ntitle: 홈\ndate: 2026-02-30\n---\n")
    assert publish(project.root, str(live), site_url="https://edu.geumcheon.test/", html_check=False) == 1
    assert (live / "index.html").read_text(encoding="utf-8") == "지금 공개된 사이트"
