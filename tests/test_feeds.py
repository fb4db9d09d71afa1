"""Feeds a subscriber can rely on: valid, complete, absolute, in Korean time, stable ids."""
from __future__ import annotations

import datetime as dt
import re

import feedparser

from conftest import NEWSLETTER_ARTICLE, ROOT
from edugc.model import load_site
from edugc import urls

BASE = "https://gyoyuk.test/edu/"


def _parse(path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def _absolute_urls(html: str) -> list[str]:
    return re.findall(r'\b(?:href|src)="([^"]*)"', html)


def test_every_feed_parses_with_expected_items_order_and_korean_dates(site_dir):
    model = load_site(ROOT, today=dt.date(2026, 11, 28))
    published = [d for d in model.articles if d.published]
    feeds = {"": published}
    for category, docs in model.categories.items():
        feeds[urls.category_url(category)] = docs
    for folder, docs in feeds.items():
        rss = _parse(site_dir / folder / "feed.xml")
        atom = _parse(site_dir / folder / "atom.xml")
        assert rss.version == "rss20" and atom.version == "atom10"
        expected = [BASE + d.url for d in docs[:20]]
        assert [e.id for e in rss.entries] == expected, folder
        assert [e.id for e in atom.entries] == expected, folder
        for entry, doc in zip(rss.entries, docs):
            assert entry.published.endswith(" 09:00:00 +0900"), entry.published
            assert entry.link == BASE + doc.url
        for entry, doc in zip(atom.entries, docs):
            assert entry.published == f"{doc.date.isoformat()}T09:00:00+09:00"
            body = entry.content[0].value
            assert len(body) > 200, "full content, not a summary"
            for url in _absolute_urls(body):
                assert url.startswith(("https://gyoyuk.test/edu/", "mailto:", "tel:")), url
        raw = (site_dir / folder / "feed.xml").read_text(encoding="utf-8")
        assert f'<atom:link href="{BASE}{folder}feed.xml" rel="self"/>' in raw


def test_every_page_announces_the_feeds(site_dir):
    for path in [site_dir / "index.html", site_dir / "newsletter/1/index.html", site_dir / "404.html",
                 site_dir / "newsletter/tags/index.html"]:
        page = path.read_text(encoding="utf-8")
        assert re.search(r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="[^"]*feed\.xml">', page), path
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="[^"]*atom\.xml">', page), path


def test_subscribe_page_links_the_real_feed_addresses(site_dir):
    page = (site_dir / "subscribe/index.html").read_text(encoding="utf-8")
    assert 'href="../feed.xml"' in page and 'href="../atom.xml"' in page
    assert 'href="../newsletter/category/daeip-jeongbo/feed.xml"' in page


def _feed_ids(project) -> dict[str, str]:
    result = project.build()
    assert result.returncode == 0, result.stderr
    feed = _parse(project.root / "site/atom.xml")
    return {e.id: e.title for e in feed.entries}


def test_editing_a_title_keeps_the_guid(newsletter_project):
    before = _feed_ids(newsletter_project)
    path = newsletter_project.root / "content/newsletter/1/credit-basics.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 고교학점제, 무엇이 달라지나요?",
                                                             "title: 고교학점제, 이것이 달라집니다"), encoding="utf-8")
    after = _feed_ids(newsletter_project)
    assert list(before) == list(after) == ["https://example.org/newsletter/1/credit-basics/"]
    assert before != after and list(after.values()) == ["고교학점제, 이것이 달라집니다"]
    rss = _parse(newsletter_project.root / "site/feed.xml")
    assert rss.entries[0].id == "https://example.org/newsletter/1/credit-basics/"
    raw = (newsletter_project.root / "site/feed.xml").read_text(encoding="utf-8")
    assert '<guid isPermaLink="true">https://example.org/newsletter/1/credit-basics/</guid>' in raw


def _notice(project, name: str, date: str, extra: str = "", cover: bool = False) -> None:
    if cover:
        project.write("content/notices/cover.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 92)
        extra += "cover: cover.png\ncover_alt: 센터 건물 사진\n"
    project.write(f"content/notices/{name}.md", NEWSLETTER_ARTICLE.format(
        title=f"공지 {name}", date=date, category="센터 소식", tags="센터소식", extra=extra, home="../index.md"))


def test_drafts_and_scheduled_items_never_appear(newsletter_project):
    _notice(newsletter_project, "open", "2026-11-01")
    _notice(newsletter_project, "draft", "2026-11-02", extra="draft: true\n")
    _notice(newsletter_project, "later", "2026-12-25")
    ids = _feed_ids(newsletter_project)
    assert "https://example.org/notices/open/" in ids
    assert not any("draft" in i or "later" in i for i in ids), ids
    category = _parse(newsletter_project.root / "site/newsletter/category/senteo-sosik/feed.xml")
    assert [e.id for e in category.entries] == ["https://example.org/notices/open/"]


def test_cover_is_an_enclosure_with_length_and_type(newsletter_project):
    _notice(newsletter_project, "pictured", "2026-11-01", cover=True)
    _feed_ids(newsletter_project)
    for name in ("feed.xml", "atom.xml"):
        entry = _parse(newsletter_project.root / "site" / name).entries[0]
        enclosure = entry.enclosures[0]
        assert enclosure.href == "https://example.org/notices/cover.png"
        assert enclosure.type == "image/png" and int(enclosure.length) == 100


def test_feeds_hold_the_newest_n_items(newsletter_project):
    for n in range(1, 26):
        _notice(newsletter_project, f"n{n:02d}", f"2026-10-{n:02d}")
    newsletter_project.write("mkdocs.yml", (newsletter_project.root / "mkdocs.yml").read_text(encoding="utf-8")
                             .replace("  - edugc/newsletter\n", "  - edugc/newsletter:\n      feed_items: 7\n"))
    _feed_ids(newsletter_project)
    entries = _parse(newsletter_project.root / "site/feed.xml").entries
    assert [e.id.rsplit("/", 2)[-2] for e in entries] == [f"n{n:02d}" for n in range(25, 18, -1)]


def test_a_relative_site_url_is_a_clear_error(newsletter_project):
    newsletter_project.write("mkdocs.yml", (newsletter_project.root / "mkdocs.yml").read_text(encoding="utf-8")
                             .replace("site_url: https://example.org/\n", ""))
    result = newsletter_project.build()
    assert result.returncode != 0
    assert "site_url" in result.stderr and "SITE_URL=https://" in result.stderr
