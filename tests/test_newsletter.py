"""The newsletter as a reader meets it: the archive, issues, articles, tags and categories."""
from __future__ import annotations

import datetime as dt
import re

from conftest import NEWSLETTER_ARTICLE, ROOT
from edugc.model import load_site
from edugc.urls import slugify
from edugc import urls


def _html(site_dir, url: str) -> str:
    return (site_dir / url / "index.html").read_text(encoding="utf-8")


def test_archive_lists_every_issue_newest_first_by_year(site_dir):
    model = load_site(ROOT, today=dt.date(2026, 11, 28))
    page = _html(site_dir, "newsletter/")
    years = [int(y) for y in re.findall(r'<h2 id="y(\d{4})"', page)]
    assert years == sorted({i.date.year for i in model.issues}, reverse=True)
    shown = [int(n) for n in re.findall(r"교육금천 소식지 제(\d+)호", page)]
    assert shown == [i.number for i in model.issues] and len(shown) >= 3
    assert shown == sorted(shown, reverse=True)


def test_issue_page_has_masthead_korean_date_and_its_articles(site_dir):
    model = load_site(ROOT, today=dt.date(2026, 11, 28))
    issue = model.issues[-1]
    page = _html(site_dir, issue.doc.url)
    assert f"교육금천 소식지 제{issue.number}호" in page
    assert f"{issue.date.year}년 {issue.date.month}월 {issue.date.day}일" in page
    for article in issue.articles:
        assert f'href="{article.url.split("/")[-2]}/"' in page, article.src


def test_article_links_its_issue_category_tags_and_neighbours(site_dir):
    model = load_site(ROOT, today=dt.date(2026, 11, 28))
    issue = model.issues[-1]
    first, second = issue.articles[0], issue.articles[1]
    page = _html(site_dir, second.url)
    assert 'href="../"' in page  # the issue
    assert f'href="../../category/{slugify(second.meta.category)}/"' in page
    for tag in second.meta.tags:
        assert f'href="../../tags/{slugify(tag)}/"' in page, tag
        assert (site_dir / urls.tag_url(tag) / "index.html").exists()
    assert "이전 기사" in page and f'href="../{first.url.split("/")[-2]}/"' in page


def test_tag_and_category_pages_list_their_articles(site_dir):
    model = load_site(ROOT, today=dt.date(2026, 11, 28))
    for tag, docs in model.tags.items():
        page = _html(site_dir, urls.tag_url(tag))
        assert all(doc.title.replace('"', "&#34;") in page or doc.title in page for doc in docs), tag
    for category, docs in model.categories.items():
        url = urls.category_url(category)
        assert re.fullmatch(r"newsletter/category/[a-z0-9-]+/", url)
        page = _html(site_dir, url)
        assert 'href="feed.xml"' in page and 'href="atom.xml"' in page
        assert f"{len(docs)}편" in page


def test_home_shows_latest_issue_and_notices(site_dir):
    model = load_site(ROOT, today=dt.date(2026, 11, 28))
    page = _html(site_dir, "")
    assert f"교육금천 소식지 제{model.issues[0].number}호" in page
    assert model.notices and model.notices[0].title in page


def _many(project, count: int, tag: str = "학습코칭") -> None:
    names = [f"a{n:02d}" for n in range(count)]
    project.write("content/newsletter/1/index.md",
                  f"---\nnumber: 1\ndate: 2026-03-16\ntitle: 많은 기사\narticles: [{', '.join(names)}]\n---\n여는 글\n")
    project.write("content/newsletter/1/credit-basics.md", "")
    (project.root / "content/newsletter/1/credit-basics.md").unlink()
    for n, name in enumerate(names):
        day = dt.date(2026, 3, 1) + dt.timedelta(days=n % 16)
        project.write(f"content/newsletter/1/{name}.md", NEWSLETTER_ARTICLE.format(
            title=f"기사 {n}번", date=day.isoformat(), category="학습 방법", tags=tag, extra="", home="../../index.md"))


def test_twenty_five_articles_on_one_tag_make_two_linked_pages(newsletter_project):
    _many(newsletter_project, 25)
    result = newsletter_project.build()
    assert result.returncode == 0, result.stderr
    site = newsletter_project.root / "site"
    first = (site / "newsletter/tags/hakseupkoching/index.html").read_text(encoding="utf-8")
    second = (site / "newsletter/tags/hakseupkoching/page/2/index.html").read_text(encoding="utf-8")
    assert first.count('class="gc-card"') == 20 and second.count('class="gc-card"') == 5
    assert 'rel="next" href="page/2/">다음 쪽' in first and 'gc-pagination__prev' not in first
    assert 'rel="prev" href="../../">이전 쪽' in second and 'gc-pagination__next' not in second
    assert not (site / "newsletter/tags/hakseupkoching/page/3").exists()
    cat = (site / "newsletter/category/hakseup-bangbeop/page/2/index.html")
    assert cat.exists()


def test_two_tags_with_one_address_stop_the_build(newsletter_project):
    newsletter_project.write("content/notices/a.md", NEWSLETTER_ARTICLE.format(
        title="공지", date="2026-03-01", category="센터 소식", tags="학습 코칭, 학습-코칭", extra="", home="../index.md"))
    result = newsletter_project.build()
    assert result.returncode != 0
    assert "content/notices/a.md" in result.stderr and "/hakseup-koching/" in result.stderr
