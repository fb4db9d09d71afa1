#!/usr/bin/env python3
"""Page weight and Largest Contentful Paint of every page type's first view, as a phone sees it.

Builds the real site and the synthetic 1,000-page one (scripts/synth_site.py), serves each on
127.0.0.1 with gzip like any static host, and opens each page type in a fresh Chromium context
(/usr/bin/chromium through Playwright): nothing cached, as on a first visit.

- bytes: every response of the first view (HTML, CSS, JS, fonts, search files it loads, icons),
  counted as gzip -9 of its body (woff2 and other compressed formats as they are); photos excluded.
- render-blocking web fonts: any @font-face without font-display swap/optional/fallback, or a font
  requested before first paint by a <link rel=stylesheet> to another origin.
- LCP (median of --repeat fresh first views, default 5): 4x CPU slowdown and slow 4G (562.5 ms RTT, 1.6 Mbps down x0.9, 750 kbps up x0.9: Chrome's
  preset), viewport 375x667, through CDP (Emulation.setCPUThrottlingRate, Network.emulateNetworkConditions).

    .venv/bin/python scripts/bench_weight.py                   # real site and N=1000
    .venv/bin/python scripts/bench_weight.py --sites real
    .venv/bin/python scripts/bench_weight.py --site-dir /tmp/site --label mine
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth_site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
from edugc.print.pdf import CHROMIUM_ARGS  # noqa: E402

BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
BUDGET_KB = 250
LCP_BUDGET_MS = 2500
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.6e6 * 0.9 / 8,
           "uploadThroughput": 750e3 * 0.9 / 8}
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp", "image/avif", "image/gif")
COMPRESSIBLE = re.compile(r"text/|javascript|json|xml|svg")


def page_types(site: Path) -> dict[str, str]:
    """One address per page type, found in the built site."""
    if not (site / "programs").is_dir():  # plain Material's twin: only the Markdown pages
        issues = sorted((int(p.name) for p in (site / "newsletter").iterdir() if p.name.isdigit()), reverse=True)
        issue = f"newsletter/{issues[0]}/"
        article = sorted(p.name for p in (site / issue).iterdir() if p.is_dir())[0]
        return {"home": "", "issue": issue, "article": f"{issue}{article}/", "guide": "guides/susi/"}
    issues = sorted((int(p.name) for p in (site / "newsletter").iterdir() if p.name.isdigit()), reverse=True)
    issue = f"newsletter/{issues[0]}/"
    article = next(p for p in sorted((site / issue).iterdir()) if p.is_dir() and (p / "index.html").exists()
                   and p.name not in ("print",))
    guides = sorted(p.name for p in (site / "guides").iterdir() if (p / "index.html").exists())
    programs = sorted(p.name for p in (site / "programs").iterdir() if (p / "index.html").exists())
    program = next((p for p in programs if p == "study-psychology"), programs[0])
    guide = next((g for g in guides if g == "susi"), guides[0])
    return {"home": "", "archive": "newsletter/", "issue": issue, "article": f"{issue}{article.name}/",
            "guide": f"guides/{guide}/", "program": f"programs/{program}/", "directory": "programs/",
            "events": "events/", "404": "no-such-page/"}


def body_size(body: bytes, ctype: str) -> int:
    if COMPRESSIBLE.search(ctype or ""):
        return len(gzip.compress(body, 9))
    return len(body)


FONT_CHECK = """() => {
  const out = [];
  for (const sheet of document.styleSheets) {
    let rules; try { rules = sheet.cssRules; } catch (e) { continue; }
    for (const r of rules) if (r instanceof CSSFontFaceRule) {
      const d = r.style.getPropertyValue('font-display') || 'auto';
      if (!['swap', 'optional', 'fallback'].includes(d)) out.push(r.style.getPropertyValue('font-family') + ' ' + d);
    }
  }
  return out;
}"""

LCP_INIT = """window.__lcp = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) window.__lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});"""


def measure(browser, base: str, path: str, *, throttled: bool) -> dict:
    context = browser.new_context(viewport={"width": 375, "height": 667}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    if throttled:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.add_init_script(LCP_INIT)
    page.goto(base + path, wait_until="load", timeout=120_000)
    try:
        page.wait_for_load_state("networkidle", timeout=30_000)
    except Exception:
        pass
    result: dict = {"path": path}
    if throttled:
        page.wait_for_timeout(500)
        result["lcp_ms"] = round(page.evaluate("window.__lcp"))
    else:
        sizes: dict[str, int] = {}
        total = 0
        for response in responses:
            url = response.url
            if not url.startswith(base):
                sizes["third-party"] = sizes.get("third-party", 0) + 1
                continue
            ctype = (response.headers.get("content-type") or "").split(";")[0]
            if ctype in PHOTO_TYPES:
                continue
            try:
                body = response.body()
            except Exception:
                continue
            size = body_size(body, ctype)
            kind = ("html" if "html" in ctype else "css" if "css" in ctype else "js" if "javascript" in ctype
                    else "font" if "font" in ctype or url.endswith((".woff2", ".woff", ".ttf", ".otf")) else
                    "json" if "json" in ctype else "other")
            sizes[kind] = sizes.get(kind, 0) + size
            total += size
        result.update(kb=round(total / 1024, 1), by_kind={k: round(v / 1024, 1) for k, v in sizes.items()},
                      requests=len(responses), blocking_fonts=page.evaluate(FONT_CHECK))
    context.close()
    return result


def build_site(project: Path, out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY="2026-11-28", PDF="0", CARDS="0")
    result = subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                            cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")


def run(label: str, site: Path, repeat: int = 5) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from edugc.checks.serve import serve_folder

    rows = []
    with serve_folder(site, gzip=True) as base:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for kind, path in page_types(site).items():
                weight = measure(browser, base, path, throttled=False)
                # LCP varies run to run by a few hundred ms: the median of several fresh first views.
                runs = sorted(measure(browser, base, path, throttled=True)["lcp_ms"] for _ in range(repeat))
                row = {"site": label, "type": kind, **weight, "lcp_ms": runs[len(runs) // 2], "lcp_runs": runs}
                rows.append(row)
                ok = row["kb"] <= BUDGET_KB and row["lcp_ms"] < LCP_BUDGET_MS and not row["blocking_fonts"]
                print(f"{label:6} {kind:9} {row['kb']:7.1f} KB  LCP {row['lcp_ms']:5d} ms "
                      f"({min(runs)}-{max(runs)})  "
                      f"{'ok ' if ok else 'OVER'} {json.dumps(row['by_kind'], ensure_ascii=False)}"
                      f"{'  blocking fonts: ' + ', '.join(row['blocking_fonts']) if row['blocking_fonts'] else ''}"
                      f"  /{path}", flush=True)
            browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", default="real,1000", help="real and/or a synthetic size, comma separated")
    parser.add_argument("--site-dir", type=Path, help="measure this built site instead")
    parser.add_argument("--label", default="site")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="throttled first views per page type (median)")
    args = parser.parse_args(argv)
    rows: list[dict] = []
    print(f"budget {BUDGET_KB} KB compressed (photos excluded), LCP < {LCP_BUDGET_MS} ms at 4x CPU + slow 4G")
    if args.site_dir:
        rows += run(args.label, args.site_dir, args.repeat)
    else:
        work = Path(tempfile.mkdtemp(prefix="edugc-weight-"))
        try:
            for name in args.sites.split(","):
                if name == "real":
                    build_site(ROOT, work / "real-site")
                    rows += run("real", work / "real-site", args.repeat)
                else:
                    project = work / f"synth-{name}"
                    synth_site.generate(project, int(name))
                    build_site(project, project / "site")
                    rows += run(f"N={name}", project / "site", args.repeat)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    worst = max(rows, key=lambda r: r["kb"])
    slowest = max(rows, key=lambda r: r["lcp_ms"])
    print(f"heaviest: {worst['site']} {worst['type']} {worst['kb']} KB; slowest LCP: {slowest['site']} "
          f"{slowest['type']} {slowest['lcp_ms']} ms")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    over = [r for r in rows if r["kb"] > BUDGET_KB or r["lcp_ms"] >= LCP_BUDGET_MS or r["blocking_fonts"]]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
