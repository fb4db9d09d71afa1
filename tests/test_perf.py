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


def test_preview_shows_the_edited_article_first_when_its_title_is_on_many_pages(synthetic_model):
    from edugc.pages import Renderer
    from edugc.pages.preview import first_step, fingerprints, own_fingerprints

    site = synthetic_model
    before, own_before = fingerprints(site, Renderer(site).related, {}), own_fingerprints(site)
    article = site.issues[0].articles[0]
    article.meta = article.meta.model_copy(update={"title": "완전히 새 제목"})
    after, own_after = fingerprints(site, Renderer(site).related, {}), own_fingerprints(site)
    changed = {src for src in after if before.get(src) != after[src]}
    edited = {src for src in own_after if own_before.get(src) != own_after[src]}
    limit = 10  # at N=200 a title shows on ~30 pages; at N=1,000 on ~200 (the default limit is 30)
    assert edited == {article.src} and len(changed) > limit  # related lists on other articles
    first = {article.src, site.issues[0].doc.src}
    assert first_step(site, changed, edited, limit) == first
    # The following builds render the other pages, `limit` at a time; a small edit is one build.
    rest = changed - first
    steps = []
    while rest:
        steps.append(first_step(site, rest, set(), limit))
        assert steps[-1] and len(steps[-1]) <= limit and steps[-1] <= rest
        rest -= steps[-1]
    assert len(steps) == -(-len(changed - first) // limit)
    few = set(sorted(changed)[:limit - 1]) | {article.src}
    assert first_step(site, few, edited, limit) == few


def _get(url: str) -> str | None:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait(check, timeout: float = 90):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    return None


def test_preview_shows_an_edited_title_everywhere_and_searches_it(project):
    """`python3 scripts/dev.py serve` (mkdocs serve --dirty): an edited title reaches the article, its
    issue page and, from the indexing process, the search index; the server keeps running."""
    import json
    import os
    import signal
    import socket
    import subprocess

    project.write("mkdocs.yml", project.root.joinpath("mkdocs.yml").read_text(encoding="utf-8")
                  .replace("  - search\n", "  - edugc/search\n  - search\n"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY="2026-11-28")
    server = subprocess.Popen([str(Path(sys.executable).parent / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    article = "newsletter/1/credit-basics/"

    def indexed(text: str):
        stub = _get(base + "search/search_index.json")
        if not stub:
            return None
        folder = json.loads(stub)["config"].get("edugc")
        assert folder, "search_index.json is not our index: search would be broken in the preview"
        manifest = _get(base + folder + "m.json")
        if not manifest:
            return None
        rows = [_get(f"{base}{folder}d/{n}.json") or "" for n in range(len(json.loads(manifest)["sizes"]))]
        return any(text in r for r in rows)

    try:
        assert _wait(lambda: (_get(base + article) or "").count("<html")), "the preview did not start"
        assert _wait(lambda: indexed("고교학점제"))
        source = project.root / "content/newsletter/1/credit-basics.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("title: ", "title: 새로 고친 제목 ", 1), encoding="utf-8")
        assert _wait(lambda: "새로 고친 제목" in (_get(base + article) or ""))
        assert _wait(lambda: "새로 고친 제목" in (_get(base + "newsletter/1/") or ""))  # the issue lists it
        assert "새로 고친 제목" in (_get(base + "newsletter/tags/gogyohakjeomje/") or "")  # its tag page
        assert "새로 고친 제목" in (_get(base + "newsletter/1/print/") or "")  # the print edition
        assert "새로 고친 제목" in (_get(base + "feed.xml") or "")  # the RSS feed
        assert _wait(lambda: indexed("새로 고친 제목")), "the search index never caught up with the edit"
        assert server.poll() is None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_remembered_makes_again_only_when_inputs_change_and_always_in_a_full_build():
    from edugc.cache import Remembered

    made = []
    memo = Remembered()
    make = lambda: made.append(1) or len(made)  # noqa: E731
    assert memo.get("a", make) == 1 and memo.get("a", make) == 1
    assert memo.get("b", make) == 2
    assert memo.get(None, make) == 3 and memo.get(None, make) == 4


def test_font_cut_beside_the_index_writes_what_the_main_process_writes(tmp_path):
    # A full build cuts the web font in the counting process while edugc/search indexes; the preview
    # (and a machine without processes) cuts it in the build process. Both must publish the same files.
    from types import SimpleNamespace

    from edugc.fonts.subset import WEIGHTS
    from edugc.mkdocs.theme import ThemePlugin
    from edugc.theme import Tokens

    words = ["고교학점제", "수시 전형", "학생부종합전형", "진로 상담", "금천구 교육", "면접 준비"]
    pages = [(f"p{i}/", f"<html><body><h1>제목 {i} {words[i % 6]}</h1><p>{' '.join(words[: i % 6 + 1])} "
                        f"{chr(0xAC00 + 37 * i)}{chr(0xAC00 + 11 * i + 5)}</p></body></html>") for i in range(120)]
    written: dict[bool, dict[str, bytes]] = {}
    for processes in (True, False):
        plugin = ThemePlugin()
        plugin.load_config({})
        if not all((Path(plugin.config.font_dir) / name).exists() for name in WEIGHTS.values()):
            pytest.skip("Pretendard GOV is not installed (scripts/dev.py installs it)")
        plugin.tokens = Tokens.load()
        plugin.processes = processes
        plugin.on_pre_build(config=None)
        for url, page_html in pages:
            plugin.on_post_page(page_html, page=SimpleNamespace(url=url), config=None)
        site = tmp_path / f"site-{processes}"
        config = SimpleNamespace(site_dir=str(site))
        plugin._cut_font(config=config)
        assert (plugin.pool is not None) == processes  # the cut runs in the worker when there is one
        assert not (site / plugin.config.stylesheet).exists()  # nothing written before the index
        plugin._write_theme(config=config)
        assert plugin.pool is None and plugin.font is None
        written[processes] = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert written[True] == written[False]
    assert sum(name.endswith(".woff2") for name in written[True]) >= 2
