"""How long the print PDFs (newsletter editions and posters) take to make cold, and that a warm run
makes none: the same PdfMaker and cache the build uses, on a site already built.

    PDF=0 SITE_URL=https://gyoyuk.test/edu/ mkdocs build -d /tmp/site && python scripts/bench_pdf.py /tmp/site
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

from edugc.print.pdf import PdfMaker, pdf_cache_key

site = Path(sys.argv[1])
editions = sorted(site.glob("newsletter/*/print/index.html"))
# Posters of running and upcoming programs and events (finished ones are a short page without a sheet).
posters = sorted(p for p in site.glob("*/*/poster/index.html") if 'class="sheet"' in p.read_text(encoding="utf-8"))


def run(maker: PdfMaker, pages: list[Path], out: Path) -> list[float]:
    times = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        key = pdf_cache_key(html, page.parent, "bench", page.as_posix())
        started = time.perf_counter()
        maker.make(page, out / f"{len(times)}.pdf", title="bench", author="bench", key=key)
        times.append(time.perf_counter() - started)
    return times


with tempfile.TemporaryDirectory() as cache:
    cache = Path(cache)
    for label in ("cold", "warm"):
        maker = PdfMaker("/usr/bin/chromium", cache / "pdf")
        started = time.perf_counter()
        try:
            made = {kind: run(maker, pages, cache) for kind, pages in (("editions", editions), ("posters", posters))}
        finally:
            maker.close()
        total = time.perf_counter() - started
        parts = ", ".join(f"{kind} {len(t)} (median {statistics.median(t):.2f} s)" for kind, t in made.items() if t)
        print(f"{label}: {total:.1f} s in all; {parts}; rendered {len(maker.rendered)}, from the cache {maker.cached}")
