#!/usr/bin/env python3
"""Edit-to-visible time of the preview on a synthetic site (default N=1000).

Starts `mkdocs serve` the way `python3 scripts/dev.py serve` does (incremental: --dirty; or --clean
to compare), waits for the first build, then changes one article's title several times and polls
the article over HTTP until the new title is in it, and its issue page until it lists it there too
(the incremental preview must re-render the pages that show an article, not only the article).

    .venv/bin/python scripts/bench_serve.py                # N=1000, 5 edits, incremental
    .venv/bin/python scripts/bench_serve.py --mode clean   # MkDocs' default: the whole site again
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth_site  # noqa: E402

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:
        return None


def wait_for(url: str, text: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter()
        time.sleep(0.05)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--mode", choices=("dirty", "clean"), default="dirty",
                        help="dirty: the incremental preview (dev.py serve's default); clean: everything again")
    parser.add_argument("--project", type=Path, help="an already generated project to use")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="edugc-serve-"))
    project = args.project or work / "site"
    if not args.project:
        synth_site.generate(project, args.pages)
    newest = max(int(p.name) for p in (project / "content/newsletter").iterdir() if p.name.isdigit())
    article = project / f"content/newsletter/{newest}/a{newest}-1.md"
    article_url = f"newsletter/{newest}/a{newest}-1/"
    issue_url = f"newsletter/{newest}/"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY="2026-11-28")
    cmd = [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", f"--{args.mode}", "-f", str(project / "mkdocs.yml")]
    log = open(work / "serve.log", "w")
    started = time.perf_counter()
    server = subprocess.Popen(cmd, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    latencies, issue_latencies = [], []
    try:
        if wait_for(base + article_url, "<html", 900) is None:
            raise SystemExit(f"the preview did not start; see {work / 'serve.log'}")
        print(f"N={args.pages}, mode {args.mode}: first build served after {time.perf_counter() - started:.1f} s "
              f"(load average {os.getloadavg()[0]:.1f})", flush=True)
        original = article.read_text(encoding="utf-8")
        for index in range(args.edits):
            time.sleep(1.0)
            title = f"고친 제목 {index} {time.time_ns() % 100000}"
            text = re.sub(r"^title: .*$", f'title: "{title}"', original, count=1, flags=re.M)
            edited = time.perf_counter()
            article.write_text(text, encoding="utf-8")
            seen = wait_for(base + article_url, title, 120)
            listed = wait_for(base + issue_url, title, 60)
            if seen is None:
                print(f"  edit {index + 1}: the new title never appeared", flush=True)
                continue
            latencies.append(seen - edited)
            if listed is not None:
                issue_latencies.append(listed - edited)
            print(f"  edit {index + 1}: article {seen - edited:5.2f} s, issue page "
                  f"{(listed - edited) if listed else float('nan'):5.2f} s", flush=True)
        article.write_text(original, encoding="utf-8")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    if latencies:
        print(f"median edit-to-visible: article {statistics.median(latencies):.2f} s, issue page "
              f"{statistics.median(issue_latencies) if issue_latencies else float('nan'):.2f} s "
              f"({len(latencies)} edits; target 3 s)")
    return 0 if latencies and statistics.median(latencies) <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
