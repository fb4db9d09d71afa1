"""Korean search: the analysis rules, the sharded index, bytes on the wire, and quality in a browser."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, mkdocs_build
from edugc.search import BuiltStore, DocCache, WordCache, build, shard_key, stub_index, word_tokens
from edugc.search.index import split_key
from searchkit import KINDS, by_kind, report, run_query, run_suite, serve

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
# Never tuned on (see its header): measured beside the tuning half, misses not listed.
HELD_OUT = yaml.safe_load((ROOT / "tests" / "search_queries_heldout.yml").read_text(encoding="utf-8"))

# Measured 2026-11-28 on the real content (see test-artifacts/search-report.txt): ours 0.985 recall@5 (default 0.780),
# 0.887 MRR@10 (0.695), 0% zero-result (14%). The floors sit a little under, so a regression fails the suite.
FLOOR = {"recall@5": 0.95, "mrr@10": 0.85, "zero": 0.02}
# The held-out half must meet what issue 18 asks of queries nobody on the team wrote.
HELD_FLOOR = {"recall@5": 0.90, "mrr@10": 0.85, "zero": 0.02}


# ── rules, without the analyser ──────────────────────────────────────────────

def test_word_tokens_give_compound_parts_stems_and_the_word():
    tokens = word_tokens("진로진학상담을", [("진로", "NNG"), ("진학", "NNG"), ("상담", "NNG"), ("을", "JKO")])
    assert tokens[0] == "진로진학상담을"
    for part in ("진로", "진학", "상담", "진로진학", "진학상담", "진로진학상담"):
        assert part in tokens
    assert "을" not in tokens
    assert "고교학점제" in word_tokens("고교학점제는", [("고교", "NNG"), ("학점", "NNG"), ("제", "XSN"), ("는", "JX")])
    assert "신청" in word_tokens("신청하려면", [("신청", "NNG"), ("하", "XSV"), ("려면", "EC")])


def test_shard_keys_are_first_syllables_then_a_jongless_second_in_big_shards():
    assert shard_key("설명회") == "설" and shard_key("서류") == "서"
    assert shard_key("sw") == "sw" and shard_key("2027학년도") == "20"
    assert split_key("학생부") == split_key("학새우") == "학새" and split_key("학") == "학"


def fake_analyser():
    table = {"대입설명회에": [("대입", "NNG"), ("설명회", "NNG"), ("에", "JKB")],
             "대입": [("대입", "NNG")], "설명회": [("설명회", "NNG")],
             "안내": [("안내", "NNG")], "신청하려면": [("신청", "NNG"), ("하", "XSV"), ("려면", "EC")]}
    return lambda batch: [table.get(w, [(w, "NNG")]) for w in batch]


def test_index_joins_spaced_words_and_shards_by_syllable(tmp_path):
    docs = [{"location": "a/", "title": "대입 설명회 안내", "text": "<p>신청하려면 전화</p>"},
            {"location": "a/#s", "title": "장소", "text": "대입설명회에 오세요"},
            {"location": "b/", "title": "다른 글", "text": "안내"}]
    cache = WordCache(tmp_path / "w.json", fake_analyser)
    built = build(docs, cache)
    manifest = json.loads(built.files[built.manifest_path])
    assert manifest["sizes"] == [2, 1] and manifest["documents"] == 3
    shard = json.loads(built.files[built.base + "t/b300.json"])                      # 대
    assert {"대입", "대입설명회"} <= set(shard)                        # 대입 설명회 meets 대입설명회
    assert "신청" in json.loads(built.files[built.base + "t/c2e0.json"])           # 신
    chunk = json.loads(built.files[built.base + "d/0.json"])
    assert chunk[0] == ["a/", "대입 설명회 안내", "신청하려면 전화"]   # readers see the original text
    assert chunk[1] == ["#s", "장소", "대입설명회에 오세요"]             # a section names its anchor only
    assert "하려면" in manifest["endings"] and "에" in manifest["endings"]
    stub = stub_index({"config": {"lang": ["ko"]}, "docs": docs}, "search/edugc/" + built.base, built.split)
    assert stub["docs"] == [] and stub["config"]["edugc"].endswith(built.base)


def test_big_shards_split_by_second_syllable_and_the_split_is_named_in_config(tmp_path, monkeypatch):
    import edugc.search.index as index
    monkeypatch.setattr(index, "SPLIT_BYTES", 10)
    docs = [{"location": "a/", "title": "학생 학부모", "text": "학 학생부 학새우"}]
    built = build(docs, WordCache(None, fake_analyser))
    files = {k[len(built.base):] for k in built.files}
    assert built.split == "학"
    assert {"t/d559.json", "t/d559-c0c8.json", "t/d559-bd80.json"} <= files    # 학, 학새, 학부
    second = set(json.loads(built.files[built.base + "t/d559-c0c8.json"]))
    assert {"학생", "학생부", "학새우"} <= second and "학부모" not in second
    assert set(json.loads(built.files[built.base + "t/d559.json"])) == {"학"}


def test_document_cache_makes_an_unchanged_rebuild_skip_analysis(tmp_path):
    docs = [{"location": "a/", "title": "대입 설명회", "text": "신청하려면 전화"},
            {"location": "b/", "title": "안내", "text": "대입"}]
    first = build(docs, WordCache(None, fake_analyser), cache := DocCache(tmp_path / "d.pickle"))
    cache.save()
    calls = []
    words = WordCache(None, lambda: calls.append(1) or fake_analyser())
    again = build(docs, words, DocCache(tmp_path / "d.pickle"))
    assert again.files == first.files and again.reused == 2 and not calls
    edited = build([docs[0], {**docs[1], "text": "대입 상담"}], words, DocCache(tmp_path / "d.pickle"))
    assert edited.reused == 1 and edited.base != first.base


def test_built_store_gives_back_the_whole_index_for_the_same_material_index(tmp_path):
    built = build([{"location": "a/", "title": "대입", "text": "안내"}], WordCache(None, fake_analyser))
    store = BuiltStore(tmp_path / "built.json")
    store.save(BuiltStore.key(b"one"), built, '{"docs":[]}')
    again = BuiltStore(tmp_path / "built.json").load(BuiltStore.key(b"one"))
    assert again and again[0].files == built.files and again[0].base == built.base and again[1] == '{"docs":[]}'
    assert store.load(BuiltStore.key(b"two")) is None


def test_word_cache_analyses_each_word_once(tmp_path):
    calls = []

    def factory():
        analyse = fake_analyser()
        return lambda batch: calls.append(list(batch)) or analyse(batch)

    cache = WordCache(tmp_path / "w.json", factory)
    cache.ensure(["대입", "안내", "대입"])
    cache.save()
    again = WordCache(tmp_path / "w.json", factory)
    again.ensure(["대입", "안내"])
    assert calls == [["대입", "안내"]] and again.analysed == 0


def test_word_cache_scans_sources_in_a_worker_process_unless_they_are_the_same(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"version": 2, "words": {"대입": [["대입", "NNG"]], "안내": [["안내", "NNG"]]}}),
                    encoding="utf-8")
    page = tmp_path / "a.md"
    page.write_text("# 대입\n\n안내", encoding="utf-8")
    cache = WordCache(path)
    cache.start(texts=["대입 안내"], paths=[str(page)])
    assert cache.pending is not None          # the words are found in the worker process
    cache.ensure([])
    assert cache.analysed == 0                # all known: no analyser loaded
    cache.save()
    again = WordCache(path)
    again.start(texts=["대입 안내"], paths=[str(page)])
    assert again.pending is None              # the same sources: nothing to find, no process
    again.start(texts=["대입 안내 변경"], paths=[str(page)])
    assert again.pending is not None
    again.collect()


def test_kiwi_splits_what_material_cannot(tmp_path):
    cache = WordCache(tmp_path / "w.json")
    words = ["진로진학상담을", "대입설명회에", "신청하려면", "2027학년도"]
    cache.ensure(words)
    tokens = {w: word_tokens(w, cache.morphemes(w)) for w in words}
    assert {"상담", "진로진학상담"} <= set(tokens["진로진학상담을"])
    assert {"설명회", "대입설명회"} <= set(tokens["대입설명회에"])
    assert "신청" in tokens["신청하려면"]
    assert "2027" in tokens["2027학년도"]


# ── the real site ────────────────────────────────────────────────────────────

def test_material_gets_a_search_index_without_documents(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    assert (site_dir / "search" / "search_index.json").stat().st_size < 1024
    folder = site_dir / index["config"]["edugc"]
    keys = json.loads((folder / "m.json").read_text(encoding="utf-8"))["keys"]
    assert keys and all((folder / "t" / f"{'-'.join(f'{ord(c):x}' for c in k)}.json").exists() for k in keys)
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/edugc-search." in html and "workers/search." not in html


def test_no_index_bytes_before_the_box_is_used_then_only_the_shards_needed(site_dir, browser):
    with serve(site_dir) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url[len(base):] if r.url.startswith(base) else r.url))
        page.goto(base + "guides/susi/")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        assert not [u for u in requests if "search/edugc/" in u], requests
        assert all(u.startswith(("http://127.0.0.1", "data:")) or not u.startswith("http") for u in requests)

        # Focusing the box fetches the manifest only, while the reader types.
        page.locator("input[data-md-component=search-query]").focus()
        for _ in range(40):
            if [u for u in requests if u.endswith("/m.json")]:
                break
            page.wait_for_timeout(50)
        assert [u for u in requests if "search/edugc/" in u] and all(
            u.endswith("/m.json") for u in requests if "search/edugc/" in u), requests

        got = run_query(page, base, "설명회")
        assert "programs/admission-briefing/" in got[:5]
        shards = [u for u in requests if "search/edugc/" in u and "/t/" in u]
        assert len(shards) == 1 and shards[0].endswith("/t/c124.json"), shards   # 설명회 → shard 설
        assert len([u for u in requests if u.endswith("/m.json")]) == 1

        before = len(requests)
        run_query(page, base, "설명")                       # same shard, already cached
        assert not [u for u in requests[before:] if "/edugc/" in u and "/d/" not in u]
        page.close()


def test_results_show_the_original_text_highlighted(site_dir, browser):
    with serve(site_dir) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)
        run_query(page, base, "상담")
        marks = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
        assert marks and all("상담" in m for m in marks)
        titles = page.eval_on_selector_all(".md-search-result__item h1", "els => els.map(e => e.textContent)")
        assert any("상시상담" in t for t in titles)           # 상담 found inside the compound, text intact
        page.close()


# ── quality, beside Material's default search ───────────────────────────────

@pytest.fixture(scope="session")
def default_search_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("default-search") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", out, site_url="https://gyoyuk.test/edu/",
                          extra_env={"EDUGC_SEARCH": "false"})
    assert result.returncode == 0, result.stderr
    return out


def test_search_quality_suite(site_dir, default_search_site, browser, artifacts):
    assert len(QUERIES) >= 80 and {q["kind"] for q in QUERIES} == set(KINDS)
    assert len(HELD_OUT) >= 40 and not {q["q"] for q in HELD_OUT} & {q["q"] for q in QUERIES}
    ours, held = run_suite(browser, site_dir, QUERIES), run_suite(browser, site_dir, HELD_OUT)
    default, held_default = run_suite(browser, default_search_site, QUERIES), run_suite(browser, default_search_site, HELD_OUT)
    text = report(ours, default, held, held_default)
    print("\n" + text)
    (artifacts / "search-report.txt").write_text(text, encoding="utf-8")
    a, b = by_kind(ours), by_kind(default)
    assert a["all"]["recall@5"] >= FLOOR["recall@5"], text
    assert a["all"]["mrr@10"] >= FLOOR["mrr@10"], text
    assert a["all"]["zero"] <= FLOOR["zero"], text
    for kind in KINDS:
        assert a[kind]["recall@5"] >= b[kind]["recall@5"], f"{kind}: below Material's default\n{text}"
        assert a[kind]["zero"] <= b[kind]["zero"], f"{kind}: more empty results than the default\n{text}"
    h = by_kind(held)["all"]
    assert h["recall@5"] >= HELD_FLOOR["recall@5"] and h["mrr@10"] >= HELD_FLOOR["mrr@10"], text
    assert h["zero"] <= HELD_FLOOR["zero"], text
