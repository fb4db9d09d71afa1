"""Thin MkDocs adapters over the domain packages: typed config, events in lifecycle order.

Moving to another engine (Zensical, a plain Jinja renderer) rewrites this folder only.

The order of the plugins in mkdocs.yml, and why (ORDER below; edugc/content checks it):

1. edugc/safe-build   builds into a staging folder and swaps it in last (its on_post_build runs at
                      priority -100, after every other plugin wrote into the site).
2. edugc/content      owns the build context (edugc.context): paths, the kind of build, the model.
                      Its on_files runs first (priority 100), so every later plugin reads the model.
                      Its on_page_content captures each page's own HTML after edugc/images (60) put
                      the pictures in, then wraps headers, banners and the other plugins' additions.
3. edugc/timings      (benchmarks) wraps every handler, in on_config at priority 10000.
4. edugc/newsletter   list pages (on_files), feeds from the captured HTML (on_post_build).
5. edugc/programs     program and event pages, calendars (on_files).
6. edugc/images       pictures in page HTML (on_page_content, priority 60), share cards.
7. edugc/print        print editions and PDFs from the captured HTML (on_post_build).
8. edugc/theme        counts the characters of every finished page, then cuts the web font.
9. edugc/search       after Material's `search` (listed after it is fine: its on_post_build runs at
                      -50, after Material's index is written, before safe-build's swap).
"""
from __future__ import annotations

ORDER = ("edugc/safe-build", "edugc/content", "edugc/timings", "edugc/newsletter", "edugc/programs",
         "edugc/images", "edugc/print", "edugc/theme", "edugc/search")


def check_order(names: list[str]) -> None:
    """Raise ValueError (Korean) when the edugc plugins in mkdocs.yml are out of ORDER."""
    ours = [name for name in names if name in ORDER]
    expected = sorted(ours, key=ORDER.index)
    if ours != expected:
        raise ValueError("mkdocs.yml의 plugins 순서가 맞지 않습니다: " + ", ".join(expected)
                         + " 순서로 쓰세요 (이유는 edugc/mkdocs/__init__.py)")
