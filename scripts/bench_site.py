#!/usr/bin/env python3
"""Build time and memory at ten years of content: ours against the blog stack and plain Material.

For each N it generates a synthetic Korean site (scripts/synth_site.py) and builds it three ways:
ours (the full build, PDF=0 CARDS=0); the stack a team would assemble instead (the same articles as
Material blog posts with its blog, tags and search plugins and mkdocs-rss-plugin, issue 21); and
plain Material (the same Markdown, built-in search, no plugins). The stacks alternate within each
repeat so machine load hits all alike. Each repeat is a cold build (no .cache/, no site/, no font
subsets), a warm one (nothing changed) and an edit one (one article's body changed). It prints
medians of wall and CPU time, the peak memory of the largest process and of all processes
together, ratios against the blog stack and plain, t(3000)/t(1000), and where our build's time went
per plugin (the Korean analyser's model load measured apart).

    .venv/bin/pip install -e '.[bench]'                    # psutil, pyinstrument, mkdocs-rss-plugin
    flock /tmp/bench.lock .venv/bin/python scripts/bench_site.py --sizes 1000 --repeat 3
    .venv/bin/python scripts/bench_site.py                 # N = 200, 1000, 3000; 3 repeats
    .venv/bin/python scripts/bench_site.py --stacks ours,blog --phases cold,warm
    .venv/bin/python scripts/bench_site.py --quick         # N = 200, 1 repeat
"""
from __future__ import annotations

import argparse
import json
import os
import re
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


STACKS = ("ours", "blog", "plain")
PHASES = ("cold", "warm", "edit")
# The article every stack's edit phase changes: the same file name in all three copies.
EDITED = "a1-0.md"


def missing_blog_plugins() -> str | None:
    """None when the blog stack can be built; else the one line that says how to get it."""
    try:
        import mkdocs_rss_plugin  # noqa: F401
        import material.plugins.blog  # noqa: F401
    except ImportError as error:
        return f"blog stack skipped ({error.name} missing): {BIN / 'pip'} install -e '{ROOT}[bench]'"
    return None


def edit_article(project: Path, round_: int) -> Path:
    """Change one article's body (a sentence added, different each round), as an editor would."""
    path = next(p for p in sorted((project / "content").rglob(EDITED)))
    text = re.sub(r"\n\n벤치마크 편집 \d+회차에 덧붙인 문장입니다\.\n\Z", "\n", path.read_text(encoding="utf-8"))
    path.write_text(text.rstrip("\n") + f"\n\n벤치마크 편집 {round_}회차에 덧붙인 문장입니다.\n", encoding="utf-8")
    return path


def build(project: Path, *, cold: bool, extra_env: dict | None = None) -> dict:
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
        shutil.rmtree(project / "site", ignore_errors=True)
        # Font subsets are kept beside the installed fonts (shared by every project): cold means none.
        from edugc.fonts.subset import SUBSET_CACHE

        shutil.rmtree(SUBSET_CACHE, ignore_errors=True)
        # The rest of the package's .cache/ (fonts, design kit, tools) is downloaded input, not a build cache.
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


def bench_size(n: int, repeat: int, work: Path, keep: bool, stacks: tuple[str, ...], phases: tuple[str, ...]) -> dict:
    projects = {name: work / f"{name}-{n}" for name in stacks}
    ours = work / f"ours-{n}"
    started = time.perf_counter()
    made = synth_site.generate(ours, n)
    if "plain" in projects:
        synth_site.plain_copy(ours, projects["plain"])
    if "blog" in projects:
        synth_site.blog_copy(ours, projects["blog"])
    counts = synth_site.vocab_counts(ours)
    timings_file = add_timings(ours)
    posts = len(list((projects["blog"] / "content" / synth_site.BLOG_DIR / "posts").glob("*.md"))) if "blog" in projects else 0
    print(f"\n== N={n}: {made['pages']} Markdown pages ({made['issues']} issues, {made['articles']} articles, "
          f"{made['notices']} notices, {made['guides']} guides; {made['programs']} programs, {made['events']} events, "
          f"{made['images']} images), {counts['syllables']} syllables, {counts['words']} words; blog stack: {posts} posts "
          f"(generated in {time.perf_counter() - started:.1f} s)", flush=True)
    runs: dict[str, list[dict]] = {f"{name}-{phase}": [] for name in stacks for phase in phases}
    breakdown: dict[str, dict] = {}
    for index in range(repeat):
        for name in stacks:
            project = projects[name]
            for phase in phases:
                if phase == "edit":
                    edit_article(project, index)
                result = build(project, cold=phase == "cold")
                runs[f"{name}-{phase}"].append(result)
                if name == "ours" and timings_file.exists():
                    breakdown[phase] = json.loads(timings_file.read_text(encoding="utf-8"))
                print(f"  [{index + 1}/{repeat}] {name:5} {phase}: {result['wall']:6.2f} s wall, {result['cpu']:6.2f} s CPU, "
                      f"{result['rss_max_mb']:5.0f} MB largest process, {result['rss_sum_mb']:5.0f} MB all "
                      f"(load {os.getloadavg()[0]:.1f})", flush=True)
    summary = {"n": n, "pages": made["pages"], "posts": posts, "vocab": counts,
               "site_files": {name: sum(1 for _ in (project / "site").rglob("*.html")) for name, project in projects.items()},
               "runs": runs, "breakdown": breakdown}
    for key in runs:
        summary[key] = {"wall": median(runs[key], "wall"), "cpu": median(runs[key], "cpu"),
                        "rss_max_mb": max(r["rss_max_mb"] for r in runs[key]),
                        "rss_sum_mb": max(r["rss_sum_mb"] for r in runs[key])}
    if not keep:
        for project in {ours, *projects.values()}:
            shutil.rmtree(project, ignore_errors=True)
    return summary


def report(results: list[dict], model_load: float | None) -> None:
    stacks = [name for name in STACKS if any(key.startswith(name + "-") for key in results[0]["runs"])]
    phases = [phase for phase in PHASES if any(key.endswith("-" + phase) for key in results[0]["runs"])]
    print("\n== Medians: wall s (CPU s); peak memory of all processes MB (largest process MB)")
    for r in results:
        print(f"N={r['n']}: HTML pages written " + ", ".join(f"{k} {v}" for k, v in r["site_files"].items()))
    print(f"{'N':>5} {'phase':5} " + " ".join(f"{name:>22}" for name in stacks) +
          ("  ours/blog wall  CPU   MB" if "blog" in stacks and "ours" in stacks else "") +
          ("  ours/plain wall" if "plain" in stacks and "ours" in stacks else ""))
    for r in results:
        for phase in phases:
            cells = []
            for name in stacks:
                m = r[f"{name}-{phase}"]
                cells.append(f"{m['wall']:6.2f} ({m['cpu']:6.2f}) {m['rss_sum_mb']:4.0f}/{m['rss_max_mb']:4.0f}")
            line = f"{r['n']:>5} {phase:5} " + " ".join(f"{c:>22}" for c in cells)
            if "blog" in stacks and "ours" in stacks:
                o, b = r[f"ours-{phase}"], r[f"blog-{phase}"]
                line += (f"  {o['wall'] / b['wall']:14.2f} {o['cpu'] / b['cpu']:4.2f} "
                         f"{o['rss_sum_mb'] / b['rss_sum_mb']:4.2f}")
            if "plain" in stacks and "ours" in stacks:
                line += f"  {r[f'ours-{phase}']['wall'] / r[f'plain-{phase}']['wall']:15.2f}"
            print(line)
    by_n = {r["n"]: r for r in results}
    if 1000 in by_n and 3000 in by_n:
        for variant in stacks:
            for phase in phases:
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
    parser.add_argument("--stacks", default=",".join(STACKS), help="ours, blog (issue 21's baseline), plain")
    parser.add_argument("--phases", default=",".join(PHASES), help="cold, warm (nothing changed), edit (one article)")
    args = parser.parse_args(argv)
    stacks = tuple(name for name in STACKS if name in args.stacks.split(","))
    phases = tuple(phase for phase in PHASES if phase in args.phases.split(","))
    if "blog" in stacks and (why := missing_blog_plugins()):
        print(why)
        stacks = tuple(name for name in stacks if name != "blog")
    sizes = [200] if args.quick else [int(s) for s in args.sizes.split(",")]
    repeat = 1 if args.quick else args.repeat
    work = args.work or Path(tempfile.mkdtemp(prefix="edugc-bench-"))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; sites in {work}")
    results = [bench_size(n, repeat, work, args.keep or args.work is not None, stacks, phases) for n in sizes]
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
