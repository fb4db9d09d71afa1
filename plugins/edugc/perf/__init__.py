"""Where a build's time goes, per plugin and event: plain timers, no MkDocs.

The benchmark (scripts/bench_site.py) adds the `edugc/timings` plugin to its synthetic site's
mkdocs.yml; it wraps every plugin's event handlers with `Timings.wrap` and writes the totals as
JSON, so the image step, the search analysis and its model load are reported apart from rendering.
"""
from __future__ import annotations

import functools
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable


class Timings:
    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.cpu_started = time.process_time()
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, name: str, handler: Callable) -> Callable:
        if getattr(handler, "_edugc_timed", False):
            return handler

        @functools.wraps(handler)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return handler(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - start
                self.calls[name] += 1

        setattr(timed, "_edugc_timed", True)  # wrapping twice would count the time twice
        return timed

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] += seconds
        self.calls[name] += 1

    def report(self) -> dict:
        return {"wall": round(time.perf_counter() - self.started, 3),
                "cpu": round(time.process_time() - self.cpu_started, 3),
                "events": {k: {"seconds": round(v, 3), "calls": self.calls[k]}
                           for k, v in sorted(self.seconds.items(), key=lambda kv: -kv[1])}}

    def write(self, path: Path, extra: dict | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.report() | (extra or {}), ensure_ascii=False, indent=1), encoding="utf-8")


def by_plugin(report: dict) -> dict[str, float]:
    """Seconds per plugin (all its events) from a written report."""
    totals: dict[str, float] = defaultdict(float)
    for key, value in report.get("events", {}).items():
        totals[key.split(":", 1)[0]] += value["seconds"]
    return dict(totals)
