"""How long one print-edition PDF takes to make, without the cache.

    PDF=0 SITE_URL=https://gyoyuk.test/edu/ mkdocs build -d /tmp/site && python scripts/bench_pdf.py /tmp/site
"""
import sys
import tempfile
import time
from pathlib import Path

from edugc.print.pdf import PdfMaker

site = Path(sys.argv[1])
issues = sorted((int(p.parent.parent.name) for p in site.glob("newsletter/*/print/index.html")), reverse=True)
with tempfile.TemporaryDirectory() as cache:
    maker = PdfMaker("/usr/bin/chromium", Path(cache))
    for run, number in enumerate([issues[0], *issues]):
        started = time.perf_counter()
        maker.make(site / f"newsletter/{number}/print/index.html", Path(cache) / f"out{run}.pdf",
                   title="bench", author="bench", key=f"run{run}")
        note = " (Chromium 시작 포함)" if run == 0 else ""
        print(f"제{number}호: {time.perf_counter() - started:.2f}초{note}")
    maker.close()
