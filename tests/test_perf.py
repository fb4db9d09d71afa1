"""Hot spots fixed for ten years of content: bounded related articles, QR codes cached and drawn ahead."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import synth_site  # noqa: E402


@pytest.fixture(scope="module")
def synthetic_model(tmp_path_factory):
    from edugc.model import load_site

    dest = tmp_path_factory.mktemp("perf") / "site"
    synth_site.generate(dest, 200, seed=7)
    return load_site(dest, today=dt.date(2026, 11, 28))


def test_related_matches_a_full_comparison_when_tags_are_small(synthetic_model):
    from edugc.pages import Renderer

    renderer = Renderer(synthetic_model)
    assert max(len(v) for v in synthetic_model.tags.values()) <= Renderer.RELATED_SCAN
    for doc in synthetic_model.articles[:60]:
        tags = set(doc.meta.tags)
        brute = sorted((o for o in synthetic_model.articles if o is not doc and tags & set(o.meta.tags)),
                       key=lambda o: (-len(tags & set(o.meta.tags)), -o.date.toordinal(), o.src))[:4]
        assert renderer.related(doc) == brute


def test_related_looks_at_a_bounded_slice_of_a_huge_tag(synthetic_model):
    from edugc.pages import Renderer

    renderer = Renderer(synthetic_model)
    doc = synthetic_model.articles[-1]
    tag = doc.meta.tags[0]
    huge = list(synthetic_model.tags[tag]) * 50  # thousands of articles on one tag
    synthetic_model.tags[tag] = huge
    seen = []

    class Spy(list):
        def __getitem__(self, index):
            seen.append(index)
            return list.__getitem__(self, index)

    synthetic_model.tags[tag] = Spy(huge)
    related = renderer.related(doc)
    assert related and doc not in related
    assert seen and all(isinstance(s, slice) and s.stop == Renderer.RELATED_SCAN for s in seen)


def test_qr_cache_draws_ahead_and_keeps_codes(tmp_path):
    from edugc.print.qr import QrCache, qr_svg

    pairs = [(f"https://gyoyuk.test/edu/newsletter/1/a{i}/", f"기사 {i} QR") for i in range(25)]
    cache = QrCache(tmp_path / "qr.json")
    cache.start(pairs)
    assert cache.pending is not None  # drawn in a worker process
    assert cache.svg(*pairs[3]) == qr_svg(*pairs[3])
    for pair in pairs:
        cache.svg(*pair)
    cache.save()
    again = QrCache(tmp_path / "qr.json")
    again.start(pairs)
    assert again.pending is None  # everything cached: no worker
    assert again.svg(*pairs[24]) == qr_svg(*pairs[24]) and 'aria-label="기사 24 QR"' in again.svg(*pairs[24])


def test_preview_renders_again_only_pages_that_show_an_edited_article(synthetic_model):
    from edugc.pages import Renderer
    from edugc.pages.preview import fingerprints

    site = synthetic_model
    renderer = Renderer(site)
    generated = {"newsletter/index.md": ("목록", "교육금천 소식지", "")}
    before = fingerprints(site, renderer.related, generated)
    issue = site.issues[0]
    article = issue.articles[2]
    article.meta = article.meta.model_copy(update={"title": "완전히 새 제목"})
    after = fingerprints(site, Renderer(site).related, generated)
    changed = {src for src in before if before[src] != after[src]}
    assert {article.src, issue.doc.src, "index.md"} <= changed  # the article, its issue, the home page
    assert {a.src for a in issue.articles} <= changed  # previous / next links
    old_issue = site.issues[-1]
    assert old_issue.doc.src not in changed and "about.md" not in changed
    assert len(changed) < len(before) / 4  # far from the whole site
    # A generated list page changes when its Markdown does (the archive lists titles).
    assert fingerprints(site, renderer.related, {"newsletter/index.md": ("다른 목록", "교육금천 소식지", "")})[
        "newsletter/index.md"] != after["newsletter/index.md"]
