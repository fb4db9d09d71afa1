"""Accessibility in a real browser: axe-core, plus the KWCAG essentials axe checks poorly."""
from __future__ import annotations

from dataclasses import dataclass, field

# Link texts that say nothing out of context (KWCAG 2.2 link purpose).
VAGUE_LINK_TEXT = {"여기", "클릭", "여기를 클릭", "더보기", "바로가기", "링크", "click", "here", "more"}

KWCAG_SCRIPT = """
() => {
  const out = {vague: [], images: [], tables: [], small: [], skip: null};
  const skip = document.querySelector('a[href^="#"]');
  out.skip = skip ? {text: skip.textContent.trim(), target: skip.getAttribute('href')} : null;
  for (const a of document.querySelectorAll('a[href]')) {
    const img = a.querySelector('img[alt]');
    const text = (a.getAttribute('aria-label') || a.innerText || a.title || (img && img.alt) || '').trim();
    out.vague.push(text ? {text} : {empty: a.outerHTML.slice(0, 120)});
  }
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) out.images.push(img.src);
  for (const t of document.querySelectorAll('article table')) if (!t.querySelector('th')) out.tables.push(t.outerHTML.slice(0, 80));
  const inText = el => el.closest('p, li, td, dd, blockquote, figcaption') && !el.closest('nav, .md-nav, .gc-cards, .gc-pagination');
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, label[for]')) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width <= 2 || r.height <= 2 || style.visibility === 'hidden' || style.opacity === '0' ||
        style.pointerEvents === 'none' || el.closest('[hidden]')) continue;
    // Visually hidden until focused (a skip link) or 1 px: not a tap target on screen.
    if (el.tagName === 'A' && inText(el)) continue;   // WCAG 2.5.8 exception: targets inside running text
    if (r.width < 44 || r.height < 44)
      out.small.push({html: el.outerHTML.slice(0, 100), w: Math.round(r.width), h: Math.round(r.height)});
  }
  return out;
}
"""


@dataclass
class A11yReport:
    violations: list[dict] = field(default_factory=list)  # axe serious/critical
    vague_links: list[str] = field(default_factory=list)
    images_without_alt: list[str] = field(default_factory=list)
    tables_without_headers: list[str] = field(default_factory=list)
    small_targets: list[dict] = field(default_factory=list)
    skip_link: dict | None = None


def audit(page) -> A11yReport:
    """Run axe-core (bundled by axe-playwright-python) and our KWCAG checks on a loaded page."""
    from axe_playwright_python.sync_playwright import Axe

    # label-content-name-mismatch (WCAG 2.5.3 label in name) is "experimental" in the axe-core this package
    # bundles and so off by default; axe-core 4.14 runs it, and a link whose name hides its visible text
    # fails people who speak to their phones.
    results = Axe().run(page, options={"resultTypes": ["violations"],
                                       "rules": {"label-content-name-mismatch": {"enabled": True}}})
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    data = page.evaluate(KWCAG_SCRIPT)
    vague = [item["empty"] for item in data["vague"] if "empty" in item]
    vague += [item["text"] for item in data["vague"] if item.get("text", "").lower() in VAGUE_LINK_TEXT]
    return A11yReport(serious, vague, data["images"], data["tables"], data["small"], data["skip"])
