#!/usr/bin/env python3
"""Build time and memory at ten years of content: our full build against plain mkdocs-material.

For each N it generates a synthetic Korean site (scripts/synth_site.py), then builds it with our
full build (PDF=0 CARDS=0) and, from the same Markdown, with plain Material (built-in search, no
plugins of ours), alternating the two so machine load hits both alike. Each repeat is a cold build
(no .cache/, no site/) and a warm one (a second build, caches kept). It prints medians of wall and
CPU time, the peak memory of the largest process and of all processes together, our/plain ratios,
t(3000)/t(1000), and where our build's time went per plugin (the image step, the search analysis
and the Korean analyser's model load apart).

    .venv/bin/python scripts/bench_site.py                 # N = 200, 1000, 3000; 3 repeats
    .venv/bin/python scripts/bench_site.py --sizes 1000 --repeat 5
    .venv/bin/python scripts/bench_site.py --quick         # N = 200, 1 repeat
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth_site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TODAY = "2026-11-28"


def add_timings(project: Path) -> Path:
    """Where edugc/timings (mkdocs.yml, on with EDUGC_TIMINGS=true) writes the build's time per plugin."""
    return project / ".cache" / "timings.json"


class TreeMemory(threading.Thread):
    """Samples the summed RSS of a process and all its descendants (psutil), every 50 ms."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.done.is_set():
            total = 0
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.Error:
                break
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self.done.wait(0.05)


def build(project: Path, *, cold: bool, extra_env: dict | None = None) -> dict:
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
        # Font subsets are kept beside the installed fonts (shared by every project): cold means none.
        from edugc.fonts.subset import SUBSET_CACHE

        shutil.rmtree(SUBSET_CACHE, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY=TODAY, PDF="0", CARDS="0", EDUGC_TIMINGS="true")
    env.update(extra_env or {})
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf.name, str(BIN / "mkdocs"), "build", "-q",
               "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        sampler = TreeMemory(proc.pid)
        sampler.start()
        out, err = proc.communicate()
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        if proc.returncode != 0:
            raise SystemExit(f"build failed in {project}:\n{err[-4000:]}")
        elapsed, user, system, maxrss_kb = tf.read().split()[-4:]
    return {"wall": wall, "cpu": float(user) + float(system), "rss_max_mb": int(maxrss_kb) / 1024,
            "rss_sum_mb": sampler.peak / 2**20}


def model_load_seconds() -> float | None:
    """The Korean analyser's model load alone, in a fresh process (None when it is not installed)."""
    code = ("import time; t=time.perf_counter(); from kiwipiepy import Kiwi; k=Kiwi(); k.tokenize('시험'); "
            "print(time.perf_counter()-t)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return float(result.stdout.strip()) if result.returncode == 0 else None


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def bench_size(n: int, repeat: int, work: Path, keep: bool) -> dict:
    ours = work / f"ours-{n}"
    plain = work / f"plain-{n}"
    started = time.perf_counter()
    made = synth_site.generate(ours, n)
    synth_site.plain_copy(ours, plain)
    counts = synth_site.vocab_counts(ours)
    timings_file = add_timings(ours)
    print(f"\n== N={n}: {made['pages']} Markdown pages ({made['issues']} issues, {made['articles']} articles, "
          f"{made['notices']} notices, {made['guides']} guides; {made['programs']} programs, {made['events']} events, "
          f"{made['images']} images), {counts['syllables']} syllables, {counts['words']} words "
          f"(generated in {time.perf_counter() - started:.1f} s)", flush=True)
    runs: dict[str, list[dict]] = {"ours-cold": [], "ours-warm": [], "plain-cold": [], "plain-warm": []}
    breakdown: dict[str, dict] = {}
    for index in range(repeat):
        for name, project in (("ours", ours), ("plain", plain)):
            for phase in ("cold", "warm"):
                result = build(project, cold=phase == "cold")
                runs[f"{name}-{phase}"].append(result)
                if name == "ours" and timings_file.exists():
                    breakdown[phase] = json.loads(timings_file.read_text(encoding="utf-8"))
                print(f"  [{index + 1}/{repeat}] {name:5} {phase}: {result['wall']:6.2f} s wall, {result['cpu']:6.2f} s CPU, "
                      f"{result['rss_max_mb']:5.0f} MB largest process, {result['rss_sum_mb']:5.0f} MB all", flush=True)
    summary = {"n": n, "pages": made["pages"], "vocab": counts, "site_files": sum(1 for _ in (ours / "site").rglob("*")),
               "runs": runs, "breakdown": breakdown}
    for key in runs:
        summary[key] = {"wall": median(runs[key], "wall"), "cpu": median(runs[key], "cpu"),
                        "rss_max_mb": max(r["rss_max_mb"] for r in runs[key]),
                        "rss_sum_mb": max(r["rss_sum_mb"] for r in runs[key])}
    if not keep:
        shutil.rmtree(ours, ignore_errors=True)
        shutil.rmtree(plain, ignore_errors=True)
    return summary


def report(results: list[dict], model_load: float | None) -> None:
    print("\n== Medians (wall s / CPU s), peak memory (largest process / all processes, MB)")
    print(f"{'N':>5} {'phase':5} {'ours wall':>9} {'plain':>7} {'ratio':>6} {'ours CPU':>9} {'plain':>7} {'ratio':>6} "
          f"{'ours MB':>8} {'plain':>6} {'ratio':>6} {'ours all':>9} {'plain':>6}")
    for r in results:
        for phase in ("cold", "warm"):
            o, p = r[f"ours-{phase}"], r[f"plain-{phase}"]
            print(f"{r['n']:>5} {phase:5} {o['wall']:9.2f} {p['wall']:7.2f} {o['wall'] / p['wall']:6.2f} "
                  f"{o['cpu']:9.2f} {p['cpu']:7.2f} {o['cpu'] / p['cpu']:6.2f} {o['rss_max_mb']:8.0f} {p['rss_max_mb']:6.0f} "
                  f"{o['rss_max_mb'] / p['rss_max_mb']:6.2f} {o['rss_sum_mb']:9.0f} {p['rss_sum_mb']:6.0f}")
    by_n = {r["n"]: r for r in results}
    if 1000 in by_n and 3000 in by_n:
        for variant in ("ours", "plain"):
            for phase in ("cold", "warm"):
                key = f"{variant}-{phase}"
                print(f"t(3000)/t(1000) {key:10}: wall {by_n[3000][key]['wall'] / by_n[1000][key]['wall']:.2f}, "
                      f"CPU {by_n[3000][key]['cpu'] / by_n[1000][key]['cpu']:.2f}")
    if model_load is not None:
        print(f"Korean analyser model load (fresh process, measured apart): {model_load:.2f} s")
    for r in results:
        for phase, data in r["breakdown"].items():
            from edugc.perf import by_plugin

            plugins = sorted(by_plugin(data).items(), key=lambda kv: -kv[1])
            shown = ", ".join(f"{name} {sec:.2f}" for name, sec in plugins if sec >= 0.05)
            print(f"N={r['n']} ours {phase} (last run): in-process {data['wall']:.2f} s; time inside plugins: {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,1000,3000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="N=200, one repeat")
    parser.add_argument("--work", type=Path, default=None, help="folder for the generated sites (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--json", type=Path, default=None, help="write all runs as JSON here")
    args = parser.parse_args(argv)
    sizes = [200] if args.quick else [int(s) for s in args.sizes.split(",")]
    repeat = 1 if args.quick else args.repeat
    work = args.work or Path(tempfile.mkdtemp(prefix="edugc-bench-"))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; sites in {work}")
    results = [bench_size(n, repeat, work, args.keep or args.work is not None) for n in sizes]
    model_load = model_load_seconds()
    report(results, model_load)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "model_load": model_load}, ensure_ascii=False, indent=1))
    if args.work is None and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
