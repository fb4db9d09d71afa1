"""Typing into the real search box of a built site, as a reader does, and scoring what it shows."""
from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

RESULT_LINKS = ".md-search-result__item > a:first-child"
QUERY_INPUT = "input[data-md-component=search-query]"
META = ".md-search-result__meta"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(root: Path):
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def page_path(href: str, base: str) -> str:
    """Site-relative directory URL of a result link ('' for home), without anchor or query."""
    path = urlsplit(href).path
    base_path = urlsplit(base).path
    return path[len(base_path):] if path.startswith(base_path) else path


def run_query(page, base: str, query: str, *, timeout: float = 5000) -> list[str]:
    """Clear the box, type the query, press End (Hangul typing fires no keyup), read result pages."""
    box = page.locator(QUERY_INPUT)
    box.click()
    box.fill("")
    box.press("End")
    page.wait_for_function(
        "sel => { const m = document.querySelector(sel); return m && m.textContent.includes('입력하세요') }",
        arg=META, timeout=timeout)
    box.type(query)
    box.press("End")
    # Results or 'no results' for *this* query: wait until the list settles.
    page.wait_for_function(
        """([sel, meta]) => { const m = document.querySelector(meta);
             return m && (/\\d/.test(m.textContent) || m.textContent.includes('없습니다')) }""",
        arg=[RESULT_LINKS, META], timeout=timeout)
    # Latin letters fire keyup per key, so earlier prefixes may answer first: wait until it settles.
    snapshot = "([sel, meta]) => document.querySelector(meta).textContent + '|' + [...document.querySelectorAll(sel)].map(e => e.href).join(' ')"
    hrefs_text = None
    for _ in range(40):
        page.wait_for_timeout(120)
        now = page.evaluate(snapshot, [RESULT_LINKS, META])
        if now == hrefs_text:
            break
        hrefs_text = now
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
    seen: list[str] = []
    for href in hrefs:
        p = page_path(href, base)
        if p not in seen:
            seen.append(p)
    return seen


def metrics(rows: list[dict]) -> dict:
    """recall@5, MRR@10 and zero-result rate over rows of {expected: [...], got: [...]}."""
    n = len(rows) or 1
    recall = sum(len(set(r["expected"]) & set(r["got"][:5])) / len(r["expected"]) for r in rows) / n
    mrr = 0.0
    for r in rows:
        for rank, p in enumerate(r["got"][:10], 1):
            if p in r["expected"]:
                mrr += 1 / rank
                break
    zero = sum(1 for r in rows if not r["got"]) / n
    return {"n": len(rows), "recall@5": recall, "mrr@10": mrr / n, "zero": zero}
