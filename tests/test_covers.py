"""`cover:` as the editing guide documents it, on issues and articles: shown on the page, in share
cards and feeds, and on the printed masthead, always as the published variant (issue 15, item 7)."""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from conftest import ROOT, Project

BASE = "https://example.org/"
ISSUE_ALT = "센터 상담실에서 과목 지도를 그리는 모습"
ARTICLE_ALT = "진로 박람회 부스 앞에 선 학생들의 뒷모습"


def _photo(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _with_covers(project) -> None:
    # The site's own theme overrides: they write the share values into every page's <head>.
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace("  name: material\n", f"  name: material\n  custom_dir: {ROOT / 'overrides'}\n"))
    project.write("content/newsletter/1/cover.jpg", _photo(2000, 1100, (40, 90, 160)))
    project.write("content/newsletter/1/booth.jpg", _photo(1600, 900, (160, 90, 40)))
    issue = (project.root / "content/newsletter/1/index.md").read_text(encoding="utf-8")
    project.write("content/newsletter/1/index.md", issue.replace(
        "summary: 첫 호\n", f"summary: 첫 호\ncover: cover.jpg\ncover_alt: {ISSUE_ALT}\n"))
    article = (project.root / "content/newsletter/1/credit-basics.md").read_text(encoding="utf-8")
    project.write("content/newsletter/1/credit-basics.md", article.replace(
        "summary: 요약\n", f"summary: 요약\ncover: booth.jpg\ncover_alt: {ARTICLE_ALT}\n"))


def _published(site: Path, address: str) -> Path:
    """The built file an absolute or site-relative address names."""
    path = urlsplit(address).path.lstrip("/")
    return site / path


@pytest.fixture(scope="module")
def covered_site(tmp_path_factory) -> Path:
    """One small site with covers, built once for the tests that read it."""
    project = Project(tmp_path_factory.mktemp("covers") / "proj")
    _with_covers(project)
    result = project.build(extra_env={"PDF": "0", "CARDS": "1"})
    assert result.returncode == 0, result.stderr
    return project.root / "site"


@pytest.mark.parametrize("url, alt", [("newsletter/1/", ISSUE_ALT), ("newsletter/1/credit-basics/", ARTICLE_ALT)])
def test_a_cover_shows_on_its_page_as_published_variants(covered_site, url, alt):
    page = (covered_site / url / "index.html").read_text(encoding="utf-8")
    figure = re.search(r'<figure class="gc-cover">(.*?)</figure>', page, re.S)
    assert figure, "the cover is on the page"
    picture = figure.group(1)
    assert "<picture>" in picture and f'alt="{alt}"' in picture
    sources = re.findall(r'(?:src|srcset)="([^"]+)"', picture)
    files = {part.split()[0] for value in sources for part in value.split(",")}
    assert files and all((covered_site / url / f).resolve().is_file() for f in files), files
    assert not any(f.endswith(("cover.jpg", "booth.jpg")) for f in files), "never the original"


@pytest.mark.parametrize("url, alt", [("newsletter/1/", ISSUE_ALT), ("newsletter/1/credit-basics/", ARTICLE_ALT)])
def test_a_shared_link_shows_the_cover(covered_site, url, alt):
    page = (covered_site / url / "index.html").read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)"', page))
    image = meta["og:image"]
    assert image.startswith(BASE + "newsletter/1/") and "/assets/cards/" not in image
    published = _published(covered_site, image)
    assert published.is_file() and published.suffix == ".jpg"
    from PIL import Image

    with Image.open(published) as shown:
        assert (str(shown.width), str(shown.height)) == (meta["og:image:width"], meta["og:image:height"])
        assert shown.width >= 1200, "link previews draw about 1,200 px wide"
        assert not shown.getexif(), "published without the photo's metadata"
    assert meta["og:image:alt"] == alt
    assert f'<meta name="twitter:image" content="{image}">' in page


def test_a_feed_item_encloses_the_published_cover(covered_site):
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((covered_site / name).read_bytes())
        entry = next(e for e in feed.entries if e.id == BASE + "newsletter/1/credit-basics/")
        enclosure = entry.enclosures[0]
        published = _published(covered_site, enclosure.href)
        assert published.is_file(), enclosure.href
        assert int(enclosure.length) == published.stat().st_size and enclosure.type == "image/jpeg"
        content = entry.content[0].value
        img = re.search(r"<img[^>]*>", content).group(0)  # the reader's parser may reorder attributes
        assert f'src="{enclosure.href}"' in img and f'alt="{ARTICLE_ALT}"' in img, img
    assert not (covered_site / "newsletter/1/booth.jpg").exists()
    assert not (covered_site / "newsletter/1/cover.jpg").exists()


def test_the_print_masthead_leads_with_the_issue_cover(covered_site):
    edition = (covered_site / "newsletter/1/print/index.html").read_text(encoding="utf-8")
    picture = re.search(r'<div class="cover__picture">(.*?)</div>', edition, re.S).group(1)
    assert f'alt="{ISSUE_ALT}"' in picture
    source = re.search(r' src="([^"]+)"', picture).group(1)
    assert (covered_site / "newsletter/1/print" / source).resolve().is_file()
    page = (covered_site / "newsletter/1/index.html").read_text(encoding="utf-8")
    on_page = re.search(r'<figure class="gc-cover">.*? src="([^"]+)"', page, re.S).group(1)
    assert urljoin("/newsletter/1/print/", source) == urljoin("/newsletter/1/", on_page), "the same variant"


def test_a_missing_cover_is_an_editors_error_with_file_and_line(project):
    from edugc.model import ContentError

    article = (project.root / "content/newsletter/1/credit-basics.md").read_text(encoding="utf-8")
    project.write("content/newsletter/1/credit-basics.md", article.replace(
        "summary: 요약\n", f"summary: 요약\ncover: booth.jpg\ncover_alt: {ARTICLE_ALT}\n"))
    with pytest.raises(ContentError) as err:
        project.load()
    problems = [str(p) for p in err.value.problems]
    assert any("content/newsletter/1/credit-basics.md:8" in p and "'booth.jpg'" in p and "없습니다" in p
               for p in problems), problems
    result = project.build()
    assert result.returncode != 0 and "content/newsletter/1/credit-basics.md:8" in result.stderr


def test_a_cover_must_be_a_photo_and_described(project):
    from edugc.model import ContentError

    project.write("content/newsletter/1/mark.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    issue = (project.root / "content/newsletter/1/index.md").read_text(encoding="utf-8")
    project.write("content/newsletter/1/index.md", issue.replace("summary: 첫 호\n", "summary: 첫 호\ncover: mark.svg\n"))
    with pytest.raises(ContentError) as err:
        project.load()
    problems = [str(p) for p in err.value.problems]
    assert any("content/newsletter/1/index.md:6" in p and "사진 파일이 아닙니다" in p for p in problems), problems
    assert any("content/newsletter/1/index.md:6" in p and "대체 텍스트" in p for p in problems), problems
