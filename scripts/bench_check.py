"""How long `edugc check` takes against a build of the same site, in the same run (issue 15, item 4).

For today's site and a synthetic site of N articles (scripts/synth_site.py), each as an editor runs
it (a new process): check with no check cache (`.cache/check/` removed: every body rendered, every
photo opened), check again (cached by content), and `mkdocs build` (PDF=0 CARDS=0, after one build
that fills the build's caches). Medians of --repeat runs.

    flock /tmp/bench.lock .venv/bin/python scripts/bench_check.py --sizes 1000 --repeat 3
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import synth_site  # noqa: E402

ENV = dict(os.environ, EDUGC_TODAY="2026-11-28", NO_MKDOCS_2_WARNING="1", PDF="0", CARDS="0")


def timed(cmd: list[str], cwd: Path) -> tuple[tuple[float, float], str]:
    """(wall seconds, CPU seconds of the process and its children): CPU time stays readable when
    other work shares the two cores."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (time.perf_counter() - started, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} 실패 ({cwd}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return seconds, result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def measure(project: Path, repeat: int, out: Path) -> dict:
    check = [sys.executable, "-m", "edugc.cli", "--root", str(project), "check"]
    build = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    cold, warm, builds = [], [], []
    for _ in range(repeat):
        shutil.rmtree(project / ".cache" / "check", ignore_errors=True)
        cold.append(timed(check, project)[0])
    for _ in range(repeat):
        seconds, last = timed(check, project)
        warm.append(seconds)
    timed(build, project)  # fills the build's caches (images, fonts, search analysis)
    for _ in range(repeat):
        builds.append(timed(build, project)[0])
    def med(runs: list, i: int) -> float:
        return statistics.median(r[i] for r in runs)

    return {"check_cold": (med(cold, 0), med(cold, 1)), "check_warm": (med(warm, 0), med(warm, 1)),
            "build": (med(builds, 0), med(builds, 1)), "last": last}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000", help="synthetic sizes (articles) after today's site")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-check-"))
    rows = []
    try:
        real = work / "real"
        shutil.copytree(ROOT, real, ignore=shutil.ignore_patterns(".git", ".venv*", "site", "test-artifacts",
                                                                  "node_modules", "check"))
        rows.append(("today's site", measure(real, args.repeat, work / "real-site")))
        for n in [int(x) for x in args.sizes.split(",") if x]:
            project = work / f"n{n}"
            synth_site.generate(project, n)
            rows.append((f"N={n}", measure(project, args.repeat, work / f"n{n}-site")))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("wall seconds (CPU seconds), medians of", args.repeat, "runs\n")
    print("| site | check, nothing cached | check again | build (PDF=0 CARDS=0, warm) | check / build (wall) |")
    print("|---|---|---|---|---|")
    for name, r in rows:
        cells = " | ".join(f"{r[k][0]:.2f} s ({r[k][1]:.2f} s)" for k in ("check_cold", "check_warm", "build"))
        print(f"| {name} | {cells} | {r['check_cold'][0] / r['build'][0]:.2f} / {r['check_warm'][0] / r['build'][0]:.2f} |")
    for name, r in rows:
        print(f"\n{name}: {r['last']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
