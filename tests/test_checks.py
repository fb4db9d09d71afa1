"""The built site checked the way its readers could be hurt: invalid HTML, inaccessible pages,
requests to other origins, sideways scrolling and tiny tap targets on phones."""
from __future__ import annotations

import pytest

from edugc.checks.a11y import audit

PAGE_TYPES = {
    "home": "",
    "archive": "newsletter/",
    "issue": "newsletter/3/",
    "article": "newsletter/1/credit-basics/",
    "print": "newsletter/3/print/",
    "poster": "programs/always-counselling/poster/",
    "ended-poster": "events/2026-susi-fair/poster/",
    "guide": "guides/credit-system/",
    "program": "programs/susi-fair/",
    "directory": "programs/",
    "events": "events/",
    "notice": "notices/winter-counselling/",
    "404": "404.html",
}


def test_every_page_type_is_valid_html(site_dir):
    from edugc.checks.html import validate

    files = [site_dir / url / "index.html" if not url.endswith(".html") else site_dir / url
             for url in PAGE_TYPES.values()]
    files = [f for f in files if f.exists()]
    assert len(files) >= len(PAGE_TYPES) - 1
    errors = validate(files)
    assert not errors, "\n".join(f"{e.file}:{e.line}: {e.message} | {e.extract[:80]}" for e in errors[:15])


def test_the_whole_site_is_valid_html(site_dir):
    from edugc.checks.html import validate

    errors = validate([site_dir])
    assert not errors, "\n".join(f"{e.file}:{e.line}: {e.message}" for e in errors[:15])


@pytest.fixture(scope="module")
def phone(browser):
    page = browser.new_page(viewport={"width": 375, "height": 812}, device_scale_factor=1, is_mobile=True,
                            has_touch=True)
    yield page
    page.close()


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_type_on_a_phone(phone, served_site, artifacts, name):
    requests: list[str] = []

    def record(request):
        requests.append(request.url)

    phone.on("request", record)
    response = phone.goto(served_site + PAGE_TYPES[name], wait_until="networkidle")
    phone.remove_listener("request", record)
    assert response.status in (200, 404)
    phone.screenshot(path=str(artifacts / f"phone-{name}.png"), full_page=True)
    outside = [u for u in requests if not u.startswith(served_site) and not u.startswith(("data:", "blob:"))]
    assert not outside, f"다른 곳으로 간 요청: {outside}"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    report = audit(phone)
    assert not report.violations, [(v["id"], v["impact"], v["nodes"][0]["html"][:100]) for v in report.violations]
    assert not report.vague_links, report.vague_links
    assert not report.images_without_alt, report.images_without_alt
    assert not report.tables_without_headers, report.tables_without_headers
    assert not report.small_targets, report.small_targets[:8]
    # A skip link to the main content, first in the tab order.
    phone.keyboard.press("Tab")
    first = phone.evaluate("document.activeElement && document.activeElement.textContent.trim()")
    assert first and "본문" in first, first


def test_keyboard_focus_is_visible(browser, served_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served_site + PAGE_TYPES["guide"])
    seen = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow}; }""")
        visible = (style["outline"] not in ("none", "") and style["width"] >= 2) or style["shadow"] not in ("none", "")
        assert visible, style
        seen += 1
    page.close()
    assert seen == 12


def test_search_dialog_with_results_is_accessible(browser, served_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served_site)
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.type("고교학점제")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    report = audit(page)
    page.close()
    assert not report.violations, [(v["id"], v["nodes"][0]["html"][:100]) for v in report.violations]
