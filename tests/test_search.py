"""Korean search: the analysis rules, the sharded index, bytes on the wire, and quality in a browser."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, mkdocs_build
from edugc.cache import Cache
from edugc.model import load_site
from edugc.search import BuiltStore, DocCache, WordCache, build, shard_key, stub_index, word_tokens
from edugc.search.facts import PageFacts, SiteFacts, site_facts, squash
from edugc.search.index import key_file, split_key
from edugc.search.synonyms import aliases, synonym_map
from searchkit import HELD_OUT_SETS, TUNING_SETS, KINDS, by_kind, report, run_query, run_suite, serve, watch_worker

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
# Never tuned on (see its header): measured beside the tuning half, misses not listed.
HELD_OUT = yaml.safe_load((ROOT / "tests" / "search_queries_heldout.yml").read_text(encoding="utf-8"))
# Written after tuning had ended, checked against nothing before its first measurement (see its header).
FRESH = yaml.safe_load((ROOT / "tests" / "search_queries_fresh.yml").read_text(encoding="utf-8"))
# Written blind like THIRD, then tuned on (a second tuning set).
TUNE2 = yaml.safe_load((ROOT / "tests" / "search_queries_tune2.yml").read_text(encoding="utf-8"))
# Written blind: by someone who had read only content/ and data/, never the search or its queries.
THIRD = yaml.safe_load((ROOT / "tests" / "search_queries_third.yml").read_text(encoding="utf-8"))

# Measured on the real content as of 2026-11-28 (test-artifacts/search-report.txt; BENCHMARKS.md, issue 18): the
# tuning half (146 queries, 46 of them sentences) 0.96 recall@5 (default 0.71), 0.89 MRR@10 (0.63), 0% zero-result
# (8%); the held-out half (46 sentences) 0.93, 0.87, 0% (default 0.47, 0.41, 0%). The floors sit a little under,
# so a regression fails the suite.
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
            {"location": "a/#s", "title": "장소", "text": "<p>대입설명회에 오세요</p>"},
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
    Cache(tmp_path).write(path.name, json.dumps(  # a cache a previous build left, checksum and all
        {"version": 2, "words": {"대입": [["대입", "NNG"]], "안내": [["안내", "NNG"]]}}).encode())
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


# ── what a result says: its kind and a clean snippet ─────────────────────────

def _rows(built, n):
    return json.loads(built.files[built.base + f"d/{n}.json"])


def test_snippets_are_the_editors_running_text_never_template_text_or_table_cells():
    program_src = "학습심리 상담\n공부가 막히는 이유를 함께 찾습니다.\n열심히 하는데도 성적이 오르지 않는 아이들이 있습니다."
    facts = SiteFacts({
        "programs/x/": PageFacts("프로그램", "공부가 막히는 이유를 함께 찾습니다.", program_src),
        "guides/y/": PageFacts("입시 가이드", "정시의 흐름과 준비 방법을 정리했습니다.",
                               "정시는 어떤 **입시**인가요?\n| 모집군 | 지원 가능 횟수 |\n| 가군 | 1곳 |"),
    })
    docs = [
        {"location": "programs/x/", "title": "학습심리 상담",
         "text": "<p>공부가 막히는 이유를 함께 찾습니다.</p> <p>모집중 분야: 학력향상 예시</p> "
                 "<p>예시: 담당 부서가 확인하기 전의 정보입니다. 자세한 내용은 센터에 문의해 주세요.</p> "
                 "프로그램 한눈에 보기 분야학력향상 대상초등, 중등"},
        {"location": "programs/x/#_1", "title": "어떤 프로그램인가요?",
         "text": "<p>열심히 하는데도 성적이 오르지 않는 <strong>아이들</strong>이 있습니다.</p>"},
        {"location": "guides/y/", "title": "정시 한눈에 보기",
         "text": "<p>확인이 필요한 안내</p><p>이 안내는 2026년 3월에 마지막으로 확인되었습니다.</p>"},
        {"location": "guides/y/#_1", "title": "가·나·다군", "text": "모집군 지원 가능 횟수 가군 1곳"},
    ]
    built = build(docs, WordCache(None, fake_analyser), facts=facts)
    program, guide = _rows(built, 0), _rows(built, 1)
    # The program's own summary, not the status line, the 예시 notice or the glued table cells.
    assert program[0] == ["programs/x/", "학습심리 상담", "공부가 막히는 이유를 함께 찾습니다.", "프로그램"]
    assert program[1] == ["#_1", "어떤 프로그램인가요?", "열심히 하는데도 성적이 오르지 않는 아이들이 있습니다."]
    # A guide whose top holds only the review notice shows its summary; a table alone is no snippet.
    assert guide[0] == ["guides/y/", "정시 한눈에 보기", "정시의 흐름과 준비 방법을 정리했습니다.", "입시 가이드"]
    assert guide[1][2] == ""


def test_a_plain_site_skips_paragraphs_repeated_on_many_pages_and_never_shows_an_empty_snippet():
    notice = "<p>예시: 담당 부서가 확인하기 전의 정보입니다.</p>"
    docs = [{"location": f"p{n}/", "title": f"쪽 {n}", "text": f"{notice}<p>이 쪽은 {n}번째 안내입니다.</p>"} for n in range(3)]
    docs += [{"location": "q/", "title": "빈 쪽", "text": notice},
             {"location": "q/#a", "title": "절", "text": "<p>절의 첫 문장입니다.</p>"},
             {"location": "r/", "title": "제목뿐", "text": ""}]
    built = build(docs, WordCache(None, fake_analyser))
    assert [_rows(built, n)[0][2] for n in range(3)] == [f"이 쪽은 {n}번째 안내입니다." for n in range(3)]
    assert _rows(built, 3)[0][2] == "절의 첫 문장입니다."      # nothing of its own: its first section's
    assert _rows(built, 4)[0][2] == "제목뿐"                  # nothing at all: its title, never empty
    assert all(len(_rows(built, n)[0]) == 3 for n in range(5))   # no kind without the site's model


def test_every_page_of_the_real_site_has_a_kind():
    facts = site_facts(load_site(ROOT, today=dt.date(2026, 11, 28)))
    kind = lambda url: facts.page(url).label.split(" · ")[0]   # noqa: E731
    assert kind("programs/susi-fair/") == "프로그램" and kind("programs/") == "프로그램"
    assert kind("programs/for/high/") == "프로그램"           # a directory view the model does not list
    assert kind("guides/susi/") == "입시 가이드" and kind("guides/") == "입시 가이드"
    assert facts.page("newsletter/2/briefing-qna/").label == "소식지 · 2026.6.15."
    assert kind("newsletter/") == "소식지" and kind("newsletter/2/") == "소식지"
    assert facts.page("notices/winter-counselling/").label == "공지 · 2026.11.20."
    assert kind("events/") == "일정" and kind("events/past/page/2/") == "일정"
    assert kind("about/") == kind("contact/") == kind("") == "안내"
    assert squash("공부가 막히는 원인을") in squash(facts.page("programs/study-psychology/").source)   # its description


def test_an_issue_is_found_by_its_number_and_month():
    facts = site_facts(load_site(ROOT, today=dt.date(2026, 11, 28)))
    issue = facts.pages["newsletter/3/"]
    assert {"3호", "9월호"} <= set(issue.also.split()) and facts.pages["newsletter/3/study-mind/"].also == ""
    docs = [{"location": "newsletter/3/", "title": "진로 체험과 학습", "text": "<p>이번 호의 기사입니다.</p>"},
            {"location": "newsletter/3/study-mind/", "title": "공부 마음", "text": "<p>3호 기사입니다.</p>"}]
    built = build(docs, WordCache(None, fake_analyser), facts=facts)
    shard = json.loads(built.files[built.base + f"t/{key_file(shard_key('3호'))}.json"])
    weights = dict(zip(_ids(shard["3호"][0::2]), shard["3호"][1::2]))
    assert weights[0] > weights[1]              # the issue itself, by its number as a title word


def _ids(gaps):
    out, at = [], 0
    for g in gaps:
        at += g
        out.append(at)
    return out


def test_synonyms_come_from_the_sites_own_parentheses_and_a_list_kept_to_the_sites_words():
    found = aliases(["학교생활기록부(학생부)를 봅니다", "학생부종합전형(줄여서 '학종')은",
                     "5,852백만 원(약 58억 원)", "앞으로의 계획 (2022년~2026년)"])
    assert found == {"학교생활기록부": {"학생부"}, "학생부": {"학교생활기록부"},
                     "학생부종합전형": {"학종"}, "학종": {"학생부종합전형"}}
    syn = synonym_map(["학교생활기록부(학생부)"], {"학생부", "학교생활기록부", "학부모"})
    assert syn["생기부"] == ["학교생활기록부", "학생부"]     # the everyday word reaches the site's
    assert syn["엄마"] == ["학부모"]                        # 부모 is not on this site: not kept
    assert "견학" not in syn                                # 탐방 is not on this site either


# A worker run in a page: its query grammar, tested without an index.
GRAMMAR = """(function (self) {
%s
window.__grammar = {terms: terms, contentTerms: contentTerms, candidates: candidates, isLight: isLight};
})({location: {href: "http://127.0.0.1/assets/javascripts/w.js", hash: ""}, postMessage: function () {},
    addEventListener: function () {}});"""


def test_a_question_keeps_its_content_words_without_particles_endings_or_auxiliaries(browser):
    worker = (ROOT / "plugins" / "edugc" / "search" / "worker.js").read_text(encoding="utf-8")
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=GRAMMAR % worker)
    content = lambda q: page.evaluate("q => __grammar.contentTerms(__grammar.terms(q))", q)   # noqa: E731
    forms = lambda w: page.evaluate("w => __grammar.candidates(w)", w)                       # noqa: E731
    assert content("고1인데 과목 선택 어떻게 해야 하나요") == ["고1인데", "과목", "선택"]
    assert content("수시 원서 몇 개까지 쓸 수 있어요?") == ["수시", "원서"]
    assert content("아이 공부 습관 상담 받고 싶어요") == ["아이", "공부", "습관", "상담"]
    assert content("센터 전화번호 좀 알려주세요") == ["센터", "전화번호"]
    assert content("공부습관 뭐해야돼요 알려주세요") == ["공부습관"]   # typed together, on a phone
    assert content("어떻게 해요") == ["어떻게", "해요"]          # nothing else to go on: kept
    assert "선택" in forms("선택하려면") and forms("고교학점제가")[0] == "고교학점제"
    assert "고1" in forms("고1인데") and "애" in forms("애가")
    assert "고르" in forms("골라요") and "바뀌" in forms("바뀐다는데")
    assert "기르" in forms("길러주고") and "떨어지" in forms("떨어졌어요")
    # A syllable left over from a longer word is not a word (혼자 is not 혼, 길러 is not 길).
    assert not [f for f in forms("혼자") + forms("길러주고") if len(f) == 1]
    page.close()


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


def test_every_page_of_the_real_site_is_a_result_with_a_kind_and_its_own_words(site_dir):
    """Whatever a parent searches, each page that can come up says what it is and shows words its editor
    wrote: never empty, never the templates' notices and links, a program never its table's cells."""
    from edugc.pages.text import UI

    site = load_site(ROOT, today=dt.date(2026, 12, 2))
    summaries = {f"programs/{p.id}/": p.summary for p in site.programs}
    template_text = [UI["example_note"], "마지막으로 확인되었습니다", "인쇄판 보기", "캘린더에 추가", "확인이 필요한 안내"]
    base = next((site_dir / "search" / "edugc").iterdir())
    pages = [json.loads(p.read_text(encoding="utf-8")) for p in (base / "d").glob("*.json")]
    assert len(pages) >= 40
    for rows in pages:
        url, title, snippet, kind = rows[0]
        assert kind.split(" · ")[0] in {"프로그램", "입시 가이드", "소식지", "공지", "일정", "안내"}, rows[0]
        assert snippet.strip() and snippet != title, rows[0]
        assert not [t for t in template_text if t in snippet], rows[0]
        if url in summaries:
            assert snippet == summaries[url], rows[0]   # the editor's summary, not 분야…대상… run together
    assert {url for url, *_ in (rows[0] for rows in pages)} >= set(summaries)


# What a result shows above the fold: the kind chip inside its title, and its snippet (the article's
# text without its title and Material's missing-terms line).
RESULT_FACES = """els => els.map(a => {
  const art = a.querySelector('article').cloneNode(true);
  const chip = art.querySelector('h1 .md-tag');
  const title = art.querySelector('h1');
  art.querySelectorAll('h1, .md-search-result__terms, .md-search-result__icon').forEach(e => e.remove());
  return {href: a.href, kind: chip ? chip.textContent : '', title: title.textContent,
          snippet: art.textContent.replace(/\\s+/g, ' ').trim()};
})"""
BOILERPLATE = ["예시: 담당 부서", "인쇄판 보기", "태그: #", "한눈에 보기 분야", "분야학력향상", "대상초등", "캘린더에 추가",
               "확인이 필요한 안내", "교육금천 소식지 제"]


def test_every_result_says_what_it_is_and_shows_the_editors_running_text(site_dir, browser, artifacts):
    seen_kinds: set[str] = set()
    with serve(site_dir) as base:
        page = browser.new_page(viewport={"width": 375, "height": 812})
        watch_worker(page)
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.locator("label.md-header__button[for=__search]").click()
        for query in ["수시 원서 몇 개까지 쓸 수 있어요", "상담", "설명회 일정", "고교학점제", "구독", "정시설명회언제"]:
            run_query(page, base, query)
            faces = page.eval_on_selector_all(".md-search-result__item > a:first-child", RESULT_FACES)
            assert faces, query
            for face in faces:
                assert face["kind"].split(" · ")[0] in {"프로그램", "입시 가이드", "소식지", "공지", "일정", "안내"}, face
                assert face["snippet"] and not [b for b in BOILERPLATE if b in face["snippet"]], face
                seen_kinds.add(face["kind"].split(" · ")[0])
            if query == "정시설명회언제":   # typed without spaces: read as 정시 and 설명회
                terms = page.eval_on_selector_all(".md-search-result__terms del", "els => els.map(e => e.textContent)")
                assert "/notices/jeongsi-briefing-2027/" in faces[0]["href"] and "설명회언제" not in terms, faces[0]
            if query.startswith("수시 원서"):
                assert "/newsletter/2/briefing-qna/" in faces[0]["href"], faces[0]
                assert "최대 6번까지" in faces[0]["snippet"], faces[0]           # the answer, not the page's top
                page.screenshot(path=str(artifacts / "search-sentence-375.png"))
        page.close()
    assert {"프로그램", "입시 가이드", "소식지", "공지", "일정"} <= seen_kinds


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
    assert not {q["q"] for q in FRESH} & {q["q"] for q in QUERIES + HELD_OUT}
    assert not {q["q"] for q in THIRD} & {q["q"] for q in QUERIES + HELD_OUT + FRESH}
    assert not {q["q"] for q in TUNE2} & {q["q"] for q in HELD_OUT + FRESH + THIRD}
    ours, held = run_suite(browser, site_dir, QUERIES), run_suite(browser, site_dir, HELD_OUT)
    default, held_default = run_suite(browser, default_search_site, QUERIES), run_suite(browser, default_search_site, HELD_OUT)
    fresh, fresh_default = run_suite(browser, site_dir, FRESH), run_suite(browser, default_search_site, FRESH)
    third, third_default = run_suite(browser, site_dir, THIRD), run_suite(browser, default_search_site, THIRD)
    tune2, tune2_default = run_suite(browser, site_dir, TUNE2), run_suite(browser, default_search_site, TUNE2)
    sets = [(held, held_default), (fresh, fresh_default), (third, third_default)]
    text = report(ours, default, [(title, *rows) for (_, title), rows in
                                  zip(TUNING_SETS + HELD_OUT_SETS, [(tune2, tune2_default), *sets])])
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
    # The later sets are small (24, 40) and their figures are what the search really does on queries it
    # never saw (issue 18's note): each must at least stay above Material's default, and is reported so a
    # regression shows.
    for later, later_default in [(tune2, tune2_default), *sets[1:]]:
        f, g = by_kind(later)["all"], by_kind(later_default)["all"]
        assert f["recall@5"] > g["recall@5"] and f["mrr@10"] > g["mrr@10"] and f["zero"] <= g["zero"], text
