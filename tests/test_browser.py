"""What a family sees in a real browser, on a phone and a desktop."""
from __future__ import annotations

import pytest

PAGES = {"home": "", "program": "programs/always-counselling/", "issue": "newsletter/3/",
         "article": "newsletter/1/credit-basics/", "guide": "guides/credit-system/", "programs": "programs/"}


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_render_without_sideways_scroll(browser, served_site, artifacts, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    for name, url in PAGES.items():
        response = page.goto(served_site + url)
        assert response.status == 200, url
        assert page.locator("h1").first.inner_text().strip()
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{url}: {scroll}px > {width}px"
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
    page.close()


def test_no_request_leaves_the_site(browser, served_site):
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    for url in PAGES.values():
        page.goto(served_site + url, wait_until="networkidle")
    page.close()
    outside = [u for u in requests if not u.startswith(served_site) and not u.startswith("data:")]
    assert not outside, outside
