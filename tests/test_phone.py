"""A parent on a phone in the first minute (issue 18): what to apply for and by when, what is next,
how to call, where to go; the header in KRDS order; buttons a thumb can hit; tables that scroll
in their own box; nothing cut off at the largest 글자 크기; who answers for each page and when it
last changed."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import program_data

PHONE = {"width": 375, "height": 812}
PAGE_TYPES = {"home": "", "directory": "programs/", "program": "programs/parent-academy/", "events": "events/",
              "guide": "guides/susi/", "issue": "newsletter/3/", "article": "newsletter/2/susi-fair-preview/",
              "notice": "notices/winter-counselling/", "archive": "newsletter/", "contact": "contact/"}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def _largest_text(page, base):
    page.goto(base)
    page.evaluate("localStorage.setItem('gc-text-size', 'xxlg')")


# -- the home's first screen ----------------------------------------------------------------------

def test_home_first_screen_shows_deadlines_events_counselling_and_quick_links(phone, served_site, artifacts):
    phone.goto(served_site, wait_until="networkidle")
    phone.screenshot(path=str(artifacts / "phone-home-first-screen.png"))
    assert phone.evaluate("window.scrollY") == 0

    def above_fold(selector: str) -> list[dict]:
        boxes = phone.evaluate(f"""[...document.querySelectorAll({selector!r})].map(e => {{
            const r = e.getBoundingClientRect(); return {{top: r.top, bottom: r.bottom, h: r.height, text: e.innerText}}; }})""")
        assert boxes, selector
        return boxes

    for selector in ("#now-apply", "#now-apply ~ ul li", "#upcoming", "#upcoming ~ ul li", "#now-counsel",
                     "a.gc-button[href^='tel:']", ".gc-steps li", "#now-quick", ".gc-quick a"):
        for box in above_fold(selector):
            assert 0 <= box["top"] and box["bottom"] <= PHONE["height"], (selector, box)
    # Programs open now, nearest deadline first, with D-n (the fixed build day 2026-11-28: 진로체험 closes in 2 days).
    items = [b["text"] for b in above_fold("#now-apply ~ ul li")]
    assert phone.locator("#now-apply").inner_text() == "지금 신청할 수 있어요"
    assert "진로교육 전문업체 연계 진로체험" in items[0] and "D-2" in items[0] and "마감 임박" in items[0]
    days = [int(re.search(r"D-(\d+)", t).group(1)) for t in items]
    assert days == sorted(days)
    call = phone.locator("a.gc-button[href^='tel:']").first
    box = call.bounding_box()
    assert box["height"] >= 44 and "상담" in call.inner_text()
    quick = [b["text"] for b in above_fold(".gc-quick a")]
    assert {"프로그램 신청", "상담 예약", "입시 가이드", "오시는 길"} <= set(quick)


def _home_project(project, programs):
    project.write_programs(programs)
    project.write_events([])
    return project


def test_home_says_when_applications_open_when_none_is_open(project, tmp_path):
    _home_project(project, [
        program_data("spring-camp", "봄 진로캠프", open="2027-03-02", close="2027-03-20"),
        program_data("winter-talk", "겨울 특강", open="2027-01-04", close="2027-01-15"),
        program_data("autumn-fair", "가을 박람회", open="2026-09-01", close="2026-09-20"),
    ])
    result = project.build(tmp_path / "site", today="2026-12-02")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    block = html.split('id="now-apply"', 1)[1].split("</section>", 1)[0]
    assert "곧 신청을 받아요" in block
    assert block.index("겨울 특강") < block.index("봄 진로캠프") and "가을 박람회" not in block
    assert "1월 4일(월)</time> 신청 시작" in block


def test_home_marks_a_deadline_within_a_week_and_time_alone_never_breaks_the_build(project, tmp_path):
    _home_project(project, [program_data("winter-talk", "겨울 특강", open="2026-11-01", close="2026-12-09"),
                            program_data("spring-camp", "봄 진로캠프", open="2026-11-01", close="2027-01-30")])
    for today, expected in (("2026-12-02", "D-7</strong> 마감 임박"), ("2026-12-09", "오늘 마감</strong>"),
                            ("2026-11-20", "D-19</strong> · ")):
        out = tmp_path / today
        result = project.build(out, today=today)
        assert result.returncode == 0, result.stderr
        block = (out / "index.html").read_text(encoding="utf-8").split('id="now-apply"', 1)[1].split("</section>", 1)[0]
        assert expected in block, (today, block)
    result = project.build(tmp_path / "later", today="2027-06-01")  # everything closed: still a site
    assert result.returncode == 0, result.stderr
    assert "지금 신청을 받는 프로그램이 없습니다" in (tmp_path / "later" / "index.html").read_text(encoding="utf-8")


# -- the header ----------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [375, 1280])
def test_header_has_one_skip_link_then_identity_utilities_search_menu(browser, served_site, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(served_site + PAGE_TYPES["guide"])
    order = page.evaluate("""() => {
        const at = sel => { const e = document.querySelector(sel); if (!e) return -1;
            return [...document.querySelectorAll('body *')].indexOf(e); };
        return {skip: at('#gc-skip-link a'), header: at('header.md-header'), title: at('.md-header__title'),
                size: at('details.gc-size'), search: at('label[for=__search]'), menu: at('label[for=__drawer].gc-menu'),
                skips: [...document.querySelectorAll('a')].filter(a => /바로가기|콘텐츠로 이동/.test(a.textContent)).length,
                sizeLandmark: !!document.querySelector('details.gc-size').closest('header, nav, main, aside, footer')};
    }""")
    assert order["skips"] == 1
    assert order["skip"] < order["header"] < order["title"] < order["size"] < order["search"] < order["menu"], order
    assert order["sizeLandmark"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "본문 바로가기"
    page.evaluate("document.activeElement.blur()")  # the focused skip link lies over the header, as it should
    # The 글자 크기 button opens the five sizes, Escape closes them again.
    toggle = page.locator("summary.gc-size__toggle")
    assert toggle.bounding_box()["height"] >= 44
    toggle.click()
    assert page.locator('[data-gc-text-size-set="xxlg"]').is_visible()
    page.keyboard.press("Escape")
    assert not page.locator('[data-gc-text-size-set="xxlg"]').is_visible()
    page.close()


# -- buttons and phone numbers ---------------------------------------------------------------------

@pytest.mark.parametrize("size", ["md", "xxlg"])
def test_applying_and_booking_are_big_buttons_and_numbers_stay_whole(phone, served_site, size):
    if size != "md":
        _largest_text(phone, served_site)
    for url in ("", "programs/parent-academy/", "programs/always-counselling/", "programs/my-curriculum/", "events/",
                "contact/"):
        phone.goto(served_site + url)
        buttons = phone.evaluate("""[...document.querySelectorAll('.md-content a.gc-button')].map(a => {
            const r = a.getBoundingClientRect(); return [a.innerText, r.width, r.height]; })""")
        if url != "contact/":
            assert buttons, url
        for text, w, h in buttons:
            assert w >= 44 and h >= 44, (url, text, w, h)
        # A phone number is drawn on one line wherever it appears (links, buttons, the footer).
        broken = phone.evaluate("""[...document.querySelectorAll('a[href^="tel:"]:not(.gc-button), .gc-tel')]
            .filter(e => e.getClientRects().length)
            .filter(e => { const range = document.createRange(); range.selectNodeContents(e);
                           const tops = [...range.getClientRects()].filter(r => r.width > 1).map(r => Math.round(r.top));
                           return new Set(tops).size > 1; })
            .map(e => e.outerHTML.slice(0, 120))""")
        assert not broken, (url, broken)


def test_program_page_never_says_closed_beside_an_open_apply_button(phone, served_site):
    phone.goto(served_site + "programs/parent-academy/")
    status = phone.locator(".gc-program-status .gc-status").first.inner_text()
    assert status == "모집중"
    assert phone.locator(".gc-event .gc-round", has_text="모집중").count() >= 1
    apply = phone.get_by_role("link", name=re.compile("^신청하기"))
    assert apply.count() >= 1 and apply.first.bounding_box()["height"] >= 44


# -- tables and the largest text size ---------------------------------------------------------------

def test_a_wide_table_scrolls_in_its_own_box_with_a_visible_cue(phone, served_site, artifacts):
    phone.goto(served_site + "guides/susi/", wait_until="networkidle")
    box = phone.locator(".gc-table[data-gc-overflow]").first
    box.scroll_into_view_if_needed()
    phone.screenshot(path=str(artifacts / "phone-table-scroll.png"))
    facts = box.evaluate("""b => ({sw: b.scrollWidth, cw: b.clientWidth, overflow: getComputedStyle(b).overflowX,
        tab: b.tabIndex, role: b.getAttribute('role'), name: b.getAttribute('aria-label'),
        cue: getComputedStyle(b, '::before').content, shadows: getComputedStyle(b).backgroundImage})""")
    assert facts["sw"] > facts["cw"] and facts["overflow"] == "auto"
    assert facts["tab"] == 0 and facts["role"] == "region" and facts["name"].startswith("표")
    assert "밀어서" in facts["cue"] and "gradient" in facts["shadows"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the page itself never scrolls sideways
    box.evaluate("b => b.scrollLeft = b.scrollWidth")
    assert box.evaluate("b => b.scrollLeft") > 0
    # A table that fits says nothing.
    assert phone.locator(".gc-table:not([data-gc-overflow])").count() + phone.locator(".gc-table[data-gc-overflow]").count() >= 1


CLIPPED = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll('.md-content *, .md-path *, .gc-footer *')) {
    if (el.closest('.gc-table, .gc-sr, .md-typeset__scrollwrap, [hidden]') || el.matches('.gc-sr')) continue;
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    if (!r.width || s.display === 'none' || s.visibility === 'hidden') continue;
    if (r.right > width + 1 || r.left < -1) out.push(['outside', el.tagName, el.className, Math.round(r.right)]);
    if ((s.overflowX === 'hidden' || s.overflowX === 'clip' || s.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1)
      out.push(['cut', el.tagName, el.className, el.textContent.trim().slice(0, 30)]);
    if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1)
      out.push(['scrolls', el.tagName, el.className, el.textContent.trim().slice(0, 30)]);
  }
  return out.slice(0, 8);
}"""


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_nothing_is_clipped_at_the_largest_text_size(phone, served_site, artifacts, name):
    _largest_text(phone, served_site)
    phone.goto(served_site + PAGE_TYPES[name], wait_until="networkidle")
    assert phone.evaluate("document.documentElement.dataset.gcTextSize") == "xxlg"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate(CLIPPED) == []
    site_name = phone.locator(".md-header__topic:first-child .md-ellipsis")
    assert site_name.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the header cuts the site's name"
    if name in ("program", "guide", "article"):
        phone.screenshot(path=str(artifacts / f"phone-xxlg-{name}.png"))


# -- 담당부서 and 최종 수정일 ------------------------------------------------------------------------

def _page_info(html: str) -> dict[str, str]:
    block = html.split('<aside class="gc-page-info"', 1)[1].split("</aside>", 1)[0]
    return {k: re.sub(r"<[^>]+>", "", v).strip() for k, v in re.findall(r"<dt>([^<]+)</dt><dd>(.*?)</dd>", block)}


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_page_says_who_is_responsible_and_when_it_last_changed(site_dir, name):
    import yaml

    from conftest import ROOT

    site = yaml.safe_load((ROOT / "data/site.yml").read_text(encoding="utf-8"))
    info = _page_info((site_dir / PAGE_TYPES[name] / "index.html").read_text(encoding="utf-8"))
    assert info["담당부서"] == site["department"]
    assert re.fullmatch(r"\d{4}년 \d{1,2}월 \d{1,2}일", info["최종 수정일"]), info
    if name == "guide":
        front = yaml.safe_load((ROOT / "content/guides/susi.md").read_text(encoding="utf-8").split("---")[1])
        reviewed = front["reviewed"]
        assert info["내용 검토일"] == f"{reviewed.year}년 {reviewed.month}월 {reviewed.day}일"
    if name == "article":
        assert info["최종 수정일"] == "2026년 6월 15일"  # the article's own date
    if name == "directory":
        assert info["최종 수정일"] == "{0.year}년 {0.month}월 {0.day}일".format(site["updated"])


def test_a_page_may_name_its_own_department_and_date_and_none_is_required(project, tmp_path):
    from conftest import MINI_MKDOCS, ROOT

    # The small project with the site's own theme layer (where the page information is drawn).
    project.write("mkdocs.yml", MINI_MKDOCS.replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n"))
    project.write("content/about.md", "---\ntitle: 소개\ndepartment: 교육지원과 교육협력팀\nupdated: 2026-10-05\n---\n소개\n")
    result = project.build(tmp_path / "site")  # site.yml without department or updated: still builds
    assert result.returncode == 0, result.stderr
    own = _page_info((tmp_path / "site/about/index.html").read_text(encoding="utf-8"))
    assert own == {"담당부서": "교육지원과 교육협력팀", "최종 수정일": "2026년 10월 5일"}
    home = _page_info((tmp_path / "site/index.html").read_text(encoding="utf-8"))
    assert home == {"담당부서": "금천구 교육지원과 진로진학지원팀"}  # the operator; no date invented


def test_previous_and_next_links_are_named_by_what_they_show(browser, served_site):
    from edugc.checks.a11y import audit

    for width in (375, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(served_site + "guides/susi/")
        links = page.evaluate("""[...document.querySelectorAll('.md-footer__link')].map(a =>
            [a.getAttribute('aria-label'), a.innerText.replace(/\\s+/g, ' ').trim()])""")
        assert links and all(label is None and text for label, text in links), links
        ids = [v["id"] for v in audit(page).violations]
        assert "label-content-name-mismatch" not in ids, ids
        page.close()


# -- placeholder pictures ----------------------------------------------------------------------------

def test_placeholder_posters_carry_the_example_label(site_dir):
    """A made-up poster names a day and a venue: it says 예시 where the picture is, never as a fact."""
    posters = 0
    for path in sorted((site_dir / "newsletter").rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        body = html.split('class="md-content__inner', 1)[-1]  # the print editions are pages of their own
        for match in re.finditer(r'<img [^>]*alt="([^"]*포스터[^"]*)"', body):
            posters += 1
            figure_start = body.rfind("<figure", 0, match.start())
            figure = body[figure_start:body.index("</figure>", match.end())]
            assert figure_start >= 0 and '<figcaption><span class="gc-example">예시</span>' in figure, (path, match.group(1))
            assert "예시" in match.group(1)
    assert posters >= 3
