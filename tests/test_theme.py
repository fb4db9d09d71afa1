"""The look of a Korean public service: KRDS tokens on Material, Pretendard GOV within the page budget."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tarfile
from collections import Counter

import pytest

from conftest import ROOT
from firstview import first_view
from edugc import npm as install
from edugc.fonts import korean_font
from edugc.fonts.subset import Chunk, build_webfont, count_text, plan_chunks
from edugc.theme import AA, PAIRS, Tokens, failing_pairs, palette, ratio, stylesheet
from edugc.theme.tokens import TOKENS_FILE, TokenError

PAGES = {"home": "", "issue": "newsletter/3/", "article": "newsletter/1/credit-basics/",
         "guide": "guides/credit-system/", "program": "programs/always-counselling/", "programs": "programs/"}
BUDGET = 250_000  # bytes, compressed, first view of any page type, photos excluded
# Material fetches the search index in a background worker for the search box; it is not needed to
# show the page, belongs to the search capability, and is reported separately.
SEARCH = ("search/search_index.json", "assets/javascripts/workers/", "assets/javascripts/lunr/")


# --- Tokens and contrast: straight from the installed KRDS package -------------------------------

def test_wcag_contrast_is_computed_as_the_standard_says():
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_every_colour_pair_the_theme_uses_passes_wcag_aa_in_light_and_dark():
    tokens = Tokens.load()
    assert not failing_pairs(tokens)
    for mode in ("light", "dark"):
        colours = palette(tokens, mode)
        for pair in PAIRS:
            assert pair.ratio(colours) >= AA[pair.kind], (mode, pair)
    # The dark scheme really is dark, and every variable a pair names is one the stylesheet sets.
    assert ratio(palette(tokens, "dark")["--md-default-bg-color"], "#000000") < 1.5
    assert {p.fg for p in PAIRS} | {p.bg for p in PAIRS} <= set(palette(tokens, "light"))


def test_a_failing_pair_is_caught(tmp_path):
    tree = json.loads(TOKENS_FILE.read_text(encoding="utf-8"))
    tree["primitive"]["color"]["light"]["gray"]["70"]["value"] = "#b1b8be"  # text.subtle made pale
    path = tmp_path / "tokens/transformed_tokens.json"
    path.parent.mkdir()
    path.write_text(json.dumps(tree), encoding="utf-8")
    failures = failing_pairs(Tokens.load(path))
    assert any("light" in f and "--md-default-fg-color--light" in f for f in failures)


def test_stylesheet_values_come_from_the_token_file_not_from_our_hands(tmp_path):
    tree = json.loads(TOKENS_FILE.read_text(encoding="utf-8"))
    tree["primitive"]["color"]["light"]["primary"]["60"]["value"] = "#123456"
    tree["responsive-pc"]["font-size"]["body"]["medium"]["value"] = "1.8rem"
    path = tmp_path / "tokens/transformed_tokens.json"
    path.parent.mkdir()
    path.write_text(json.dumps(tree), encoding="utf-8")
    css = stylesheet(Tokens.load(path))
    assert "--md-typeset-a-color: #123456;" in css
    assert ".md-typeset { font-size: 0.9rem; }" in css  # 18 px on Material's 20 px rem
    real = stylesheet(Tokens.load())
    assert ".md-typeset { font-size: 0.85rem; }" in real  # KRDS body 17 px
    assert ".md-typeset h1 { font-size: 1.6rem; }" in real and ".md-typeset h1 { font-size: 1.2rem; }" in real


def test_missing_tokens_say_how_to_install(tmp_path):
    with pytest.raises(TokenError, match="install.py"):
        Tokens.load(tmp_path / "nothing.json")


# --- The installer: npm tarballs without node, verified ------------------------------------------

def fake_registry(files: dict[str, bytes], *, corrupt: bool = False):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    tgz = buffer.getvalue()
    digest = base64.b64encode(hashlib.sha512(tgz + (b"x" if corrupt else b"")).digest()).decode()
    calls = []

    def get(url: str) -> bytes:
        calls.append(url)
        if url.endswith(".tgz"):
            return tgz
        return json.dumps({"version": "9.9.9", "dist": {"tarball": "https://registry.npmjs.org/p/-/p-9.9.9.tgz",
                                                         "integrity": f"sha512-{digest}"}}).encode()
    return get, calls


def test_installer_unpacks_only_what_the_project_uses_after_checking_sha512(tmp_path):
    package = install.Package("p", "9.9.9", keep={"tokens/t.json": "krds/tokens/t.json"},
                              keep_prefixes=(("html/code/", "krds/html/code/"),))
    get, calls = fake_registry({"tokens/t.json": b"{}", "html/code/skip_link.html": b"<a>",
                                "resources/js/huge.js": b"x" * 1000})
    install.install(package, tmp_path, get)
    assert calls[0] == "https://registry.npmjs.org/p/9.9.9"  # the pinned version, not "latest"
    assert (tmp_path / "krds/tokens/t.json").read_bytes() == b"{}"
    assert (tmp_path / "krds/html/code/skip_link.html").exists()
    assert not list(tmp_path.rglob("huge.js"))
    assert install.is_installed(package, tmp_path)


def test_installer_refuses_a_tarball_whose_sha512_does_not_match(tmp_path):
    package = install.Package("p", "9.9.9", keep={"tokens/t.json": "krds/tokens/t.json"})
    get, _ = fake_registry({"tokens/t.json": b"{}"}, corrupt=True)
    with pytest.raises(install.InstallError, match="sha512"):
        install.install(package, tmp_path, get)
    assert not (tmp_path / "krds/tokens/t.json").exists()


def test_offline_set_up_says_so_and_carries_on(tmp_path, capsys):
    def offline(url):
        raise OSError("Network is unreachable")

    assert install.ensure(tmp_path, offline) is False
    out = capsys.readouterr().out
    assert "인터넷 연결" in out and "시스템 글꼴" in out


def test_the_packages_are_installed_pinned_and_never_committed():
    for package in install.PACKAGES:
        assert re.fullmatch(r"\d+\.\d+\.\d+", package.version)
        assert install.is_installed(package)
    assert "/.cache/" in (ROOT / ".gitignore").read_text()
    assert korean_font("regular").name == "PretendardGOV-Regular.ttf"  # print edition and share cards
    assert korean_font("bold").name == "PretendardGOV-Bold.ttf"


# --- Pretendard GOV cut by how often the site uses each character -----------------------------------

def test_characters_are_counted_from_what_a_page_draws_and_what_it_draws_bold():
    every, bold = count_text("<h1>교육</h1><p>교과 <strong>금천</strong></p><script>var 뷁=1</script>")
    assert every["교"] == 2 and "뷁" not in every
    assert set(bold) == set("교육금천")
    # Tooltips and alt text are drawn too; icons, styles and comments are not; entities are characters;
    # a class the stylesheets set in bold counts as bold; a void or self-closed tag closes nothing.
    every, bold = count_text('<!-- 숨김 --><p title="제목">가&amp;나<br><img alt="사진"><svg><title>아이콘</title>'
                             '<path d="M0"/></svg><style>.뷁{}</style><span class="x md-button">버튼</span>'
                             "<i/>끝</p>")
    assert set(every) == set("제목가&나사진버튼끝") and set(bold) == set("버튼")
    # An unquoted value ending in '/' is no self-closing tag; a label inside an icon is still read.
    every, bold = count_text('<a class="md-button" href=/x/>가나</a><svg><path aria-label="라벨"/></svg>')
    assert set(bold) == set("가나") and set(every) == set("가나라벨")


def test_chunks_follow_frequency_and_name_compact_unicode_ranges():
    counts = Counter({"가": 50, "나": 40, "다": 1, "A": 9})
    chunks = plan_chunks(counts, covered={ord(c) for c in "가나다A"} | set(range(0x20, 0x7F)))
    assert "가" in chunks[0].chars and "A" in chunks[0].chars
    assert Chunk(0, "abcx").unicode_range() == "U+61-63, U+78"


def test_subset_fonts_are_small_woff2_and_cached(tmp_path):
    from fontTools.ttLib import TTFont

    counts = {400: Counter("금천진로진학"), 700: Counter("교육금천")}
    css, files = build_webfont(counts, install.CACHE / "fonts", cache=tmp_path)
    assert len(files) == 2 and all(f.data[:4] == b"wOF2" for f in files)
    assert css.count("font-display: swap") == 2 and "unicode-range: U+20-7E" in css
    regular = TTFont(io.BytesIO(files[0].data)).getBestCmap()
    assert ord("학") in regular and ord("뷁") not in regular
    assert all(len(f.data) < 20_000 for f in files)
    cached = sorted(tmp_path.iterdir())
    assert len([p for p in cached if p.suffix == ".woff2"]) == 2  # each with its checksum beside it
    again, _ = build_webfont(counts, install.CACHE / "fonts", cache=tmp_path)
    assert again == css and sorted(tmp_path.iterdir()) == cached


# --- The built site ------------------------------------------------------------------------------

def test_one_theme_stylesheet_loaded_last_with_the_font_and_both_schemes(site_dir):
    page = (site_dir / "index.html").read_text(encoding="utf-8")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert sheets[-1] == "assets/krds.css"
    css = (site_dir / "assets/krds.css").read_text(encoding="utf-8")
    assert '[data-md-color-scheme="slate"]' in css and "font-display: swap" in css
    for url in re.findall(r'url\("([^"]+)"\)', css):
        assert not url.startswith(("/", "http")) and (site_dir / "assets" / url).exists(), url
    assert 'data-md-color-media="(prefers-color-scheme: dark)"' in page  # palette toggle
    assert re.findall(r'url\("fonts/[^"]+\.woff2"\)', css) and not re.search(r"\.(otf|ttf)\b", css)


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_has_the_skip_link_breadcrumbs_and_footer_identifier(site_dir, name):
    html = (site_dir / PAGES[name] / "index.html").read_text(encoding="utf-8")
    # One skip link (Material's own is taken out), ours, leading every page.
    body = html[html.index("<body"):]
    assert '<div id="gc-skip-link"><a href="#gc-main">본문 바로가기</a></div>' in body
    assert 'class="md-skip"' not in body and body.count("바로가기</a>") == 1
    assert body.index("gc-skip-link") < body.index("<header")
    assert 'id="gc-main"' in html
    assert "개인정보처리방침" in html and "copyright/" in html and "운영기관" in html
    if name != "home":
        crumbs = re.search(r'<nav class="md-path" aria-label="현재 경로"[^>]*>(.*?)</nav>', html, re.S).group(1)
        assert ">홈</a>" in crumbs and 'aria-current="page"' in crumbs
    if name == "article":
        assert "소식지" in crumbs


def test_footer_pages_say_what_is_collected_and_how_text_may_be_reused(site_dir):
    privacy = (site_dir / "privacy/index.html").read_text(encoding="utf-8")
    for words in ("쿠키", "수집", "상담"):
        assert words in privacy
    copyright_ = (site_dir / "copyright/index.html").read_text(encoding="utf-8")
    assert "공공누리" in copyright_ and "사진" in copyright_


# --- In a real browser ---------------------------------------------------------------------------

def test_skip_link_is_the_first_stop_and_lands_on_the_content(browser, served_site):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(served_site + PAGES["guide"])
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.getBoundingClientRect().height]")
    assert focused[0] == "본문 바로가기" and focused[1] > 20  # visible once focused
    shadow = page.evaluate("getComputedStyle(document.activeElement).boxShadow")
    assert "rgb(37, 110, 244)" in shadow  # KRDS border.primary focus ring
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "gc-main"
    page.close()


def test_focus_ring_is_drawn_as_krds_does(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + PAGES["article"])
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                          " return [s.outlineStyle, s.outlineColor, s.boxShadow]; })()")
    assert style[0] == "solid" and "rgb(37, 110, 244)" in style[2] and "4px" in style[2]
    page.close()


def test_text_size_choice_persists_across_pages(browser, served_site):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(served_site)
    normal = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert normal == pytest.approx(17, abs=0.1)  # KRDS body, medium
    page.locator("summary.gc-size__toggle").click()  # the header's 글자 크기 button opens the five sizes
    page.get_by_role("button", name="가장 크게").click()
    page.goto(served_site + PAGES["guide"])
    assert page.evaluate("document.documentElement.dataset.gcTextSize") == "xxlg"
    bigger = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert bigger == pytest.approx(17 * 1.5, abs=0.2)
    assert page.locator('[data-gc-text-size-set="xxlg"]').get_attribute("aria-pressed") == "true"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_main_menu_works_on_a_375_px_phone(browser, served_site):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(served_site)
    menu = page.locator('label.md-header__button[for="__drawer"]')
    assert menu.is_visible()
    menu.click()
    link = page.locator(".md-nav--primary").get_by_role("link", name="소식지").first
    link.wait_for(state="visible")
    link.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("newsletter")
    page.close()


def test_first_view_with_pretendard_gov_stays_within_budget(browser, served_site, site_dir, artifacts):
    report = {}
    for name, url in PAGES.items():
        with_font = first_view(browser, served_site, url, site_dir)
        system = first_view(browser, served_site, url, site_dir, fonts=False)
        fonts = sum(v for k, v in with_font.items() if k.endswith(".woff2"))
        own = {k: v for k, v in with_font.items() if not k.startswith(SEARCH)}
        report[name] = {"with_font": sum(own.values()), "system_font": sum(
                        v for k, v in system.items() if not k.startswith(SEARCH)),
                        "fonts": fonts, "search_index_and_worker": sum(with_font.values()) - sum(own.values())}
        assert fonts > 0, f"{name}: Pretendard GOV was not loaded"
        assert sum(own.values()) <= BUDGET, (name, report[name])
    (artifacts / "first-view-bytes.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_light_and_dark_for_people_to_compare_with_krds(browser, served_site, artifacts, width):
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for name, url in PAGES.items():
            page.goto(served_site + url)
            page.evaluate("document.fonts.ready")
            page.wait_for_timeout(600)  # Material slides its tabs in
            bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert (bg == "rgb(255, 255, 255)") == (scheme == "light"), (name, scheme, bg)
            if scheme == "light" or name in ("home", "article"):
                # The first view as a family sees it, then the whole page (Material hides its tabs while
                # a full-page capture resizes the window, so the menu is judged from the first one).
                page.screenshot(path=str(artifacts / f"krds-{name}-{width}-{scheme}-view.png"))
                page.screenshot(path=str(artifacts / f"krds-{name}-{width}-{scheme}.png"), full_page=True)
        context.close()


def test_font_chunks_are_capped_so_no_page_can_pull_too_much_font():
    from collections import Counter

    from edugc.fonts.subset import FIRST_CHUNK, MAX_SYLLABLES

    syllables = [chr(0xAC00 + i) for i in range(2000)]
    counts = Counter({c: 2000 - i for i, c in enumerate(syllables)})
    chunks = plan_chunks(counts, covered={ord(c) for c in syllables} | set(range(0x20, 0x7F)),
                         limit=MAX_SYLLABLES[400])
    hangul = "".join(c.chars for c in chunks)
    assert sum(1 for ch in hangul if "\uac00" <= ch <= "\ud7a3") == MAX_SYLLABLES[400]
    assert syllables[0] in chunks[0].chars and syllables[FIRST_CHUNK] not in chunks[0].chars
    assert syllables[MAX_SYLLABLES[400]] not in hangul  # the rarest fall back to the system font
