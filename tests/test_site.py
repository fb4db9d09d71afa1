"""The real site: every page built, Korean, private by default, portable under any sub-path."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import yaml

from conftest import ROOT
from sitefiles import html_pages, page_url, parse, resolve
from edugc.model import load_site

BASE = "https://gyoyuk.test/edu/"


def test_every_content_page_and_program_is_rendered(site_dir):
    import datetime as dt

    model = load_site(ROOT, today=dt.date(2026, 11, 28))
    for doc in model.docs.values():
        assert (site_dir / doc.url / "index.html").exists(), f"{doc.src} -> /{doc.url} 없음"
    programs = yaml.safe_load((ROOT / "data/programs.yml").read_text(encoding="utf-8"))["programs"]
    for program in programs:
        page = site_dir / "programs" / program["id"] / "index.html"
        assert page.exists()
        assert program["name"].split(":")[0] in page.read_text(encoding="utf-8")
    assert len(model.issues) >= 1 and len(model.issues[-1].articles) >= 3


def test_every_page_is_korean(site_dir):
    pages = html_pages(site_dir)
    assert len(pages) > 30
    for path in pages:
        if "http-equiv=\"refresh\"" in path.read_text(encoding="utf-8"):
            continue
        assert parse(path).lang == "ko", path


def test_no_resource_from_another_origin(site_dir):
    origin = urlsplit(BASE).netloc
    loaded = {"script", "img", "iframe", "source", "video", "audio", "embed", "object"}
    for path in html_pages(site_dir):
        for tag, attr, url in parse(path).links:
            name = tag.split("[")[0]
            is_resource = name in loaded or (name == "link" and any(
                r in tag for r in ("stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch")))
            if not is_resource:
                continue
            absolute = urljoin(page_url(site_dir, path, BASE), url)
            assert urlsplit(absolute).netloc == origin, f"{path}: {tag} {url}"
            assert not url.startswith("//"), url


def test_internal_links_resolve_under_a_sub_path(site_dir):
    broken = []
    for path in html_pages(site_dir):
        here = page_url(site_dir, path, BASE)
        for tag, attr, url in parse(path).links:
            if url.startswith(("mailto:", "tel:", "#", "data:", "javascript:")):
                continue
            absolute = urljoin(here, url)
            if urlsplit(absolute).netloc != "gyoyuk.test":
                continue
            target = resolve(site_dir, BASE, absolute.split("#")[0])
            if target is None or not target.exists():
                broken.append(f"{path.relative_to(site_dir)}: {url}")
    assert not broken, "\n".join(broken[:20])


def test_no_link_assumes_the_domain_root(site_dir):
    for path in html_pages(site_dir):
        if path.name == "404.html":
            continue
        for tag, attr, url in parse(path).links:
            assert not (url.startswith("/") and not url.startswith("//")), f"{path}: {url}"


def test_404_sitemap_and_robots(site_dir):
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "페이지를 찾을 수 없습니다" in page
    tree = ET.parse(site_dir / "sitemap.xml")
    locs = [el.text for el in tree.iter() if el.tag.endswith("loc")]
    assert locs and all(loc.startswith(BASE) for loc in locs)
    assert f"{BASE}programs/susi-fair/" in locs
    assert "Sitemap: https://gyoyuk.test/edu/sitemap.xml" in (site_dir / "robots.txt").read_text()


def test_urls_are_short_ascii(site_dir):
    for path in html_pages(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        assert rel.isascii(), rel


def test_home_page_says_what_and_where(site_dir):
    text = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "시흥대로" in text and "상담" in text
    assert "최신 소식지" in text
