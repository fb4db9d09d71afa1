"""Benchmark of the image step and share cards (a script, not a timed test).

    .venv/bin/python scripts/bench_images.py [--photos 50] [--cards 200]

Makes a throwaway project with N phone-size photos (4000x3000 JPEG with EXIF and GPS), builds it
cold (empty cache) and warm, and prints times, bytes before/after, the largest published photo,
and the cold card rate on 2 workers.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "plugins"))

from conftest import Project  # noqa: E402  (the same mini project the tests use)
from edugc.fonts import korean_font  # noqa: E402
from edugc.images.cards import Card, CardCache  # noqa: E402
from samples import phone_exif, photo  # noqa: E402


def _make(args: tuple[str, int]) -> int:
    path, seed = args
    photo(4000, 3000, seed=seed).save(path, "JPEG", quality=92, exif=phone_exif(6 if seed % 5 == 0 else 1))
    return os.path.getsize(path)


def build(project: Project, out: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the build process (the machine may be shared), its image line."""
    import resource

    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY="2026-11-28", CARDS="0")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project.root / "mkdocs.yml"),
                             "-d", str(out)], capture_output=True, text=True, env=env, cwd=project.root)
    elapsed = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    if result.returncode != 0:
        sys.exit(result.stderr)
    line = next((l for l in result.stderr.splitlines() if "그림 " in l and "처리" in l), "")
    return elapsed, cpu, line.split("-  ", 1)[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--cards", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-images-"))
    try:
        project = Project(work / "proj")
        text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
        text = text.replace("  name: material\n", f"  name: material\n  custom_dir: {ROOT / 'overrides'}\n")
        project.write("mkdocs.yml", text)
        folder = project.root / "content/newsletter/1"
        started = time.perf_counter()
        jobs = [(str(folder / f"photo-{i:02d}.jpg"), i) for i in range(args.photos)]
        with ProcessPoolExecutor(2) as pool:
            before = sum(pool.map(_make, jobs))
        print(f"사진 {args.photos}장 생성: {time.perf_counter() - started:.1f}초, 원본 합계 {before / 1e6:.1f} MB")
        article = (folder / "credit-basics.md").read_text(encoding="utf-8")
        refs = "\n\n".join(f"![행사 사진 {i}](photo-{i:02d}.jpg)" for i in range(args.photos))
        project.write("content/newsletter/1/credit-basics.md", article + "\n" + refs + "\n")

        cold, cold_cpu, cold_line = build(project, work / "site-cold")
        warm, warm_cpu, warm_line = build(project, work / "site-warm")
        published = [p for p in (work / "site-warm").rglob("photo-*") if p.suffix in (".jpg", ".webp")]
        after = sum(p.stat().st_size for p in published)
        largest = max((p for p in published if "-1600." in p.name), key=lambda p: p.stat().st_size)
        print(f"빌드 (처음, 캐시 없음): {cold:.1f}초, CPU {cold_cpu:.1f}초  [{cold_line}]")
        print(f"빌드 (다시, 바뀐 것 없음): {warm:.1f}초, CPU {warm_cpu:.1f}초  [{warm_line}]")
        print(f"게시된 그림 {len(published)}개 합계 {after / 1e6:.2f} MB "
              f"(원본의 {after / before:.1%}); 가장 큰 1600px 파일 {largest.name} {largest.stat().st_size / 1e3:.0f} KB")
        print(f"1600px JPEG 평균 {_avg(published, '-1600.jpg'):.0f} KB, WebP 평균 {_avg(published, '-1600.webp'):.0f} KB")

        font, bold = korean_font("regular"), korean_font("bold")
        cards = [Card(f"c{i}.png", f"교육금천 소식지 제{i}호: 고교학점제 과목 선택, 이렇게 준비해요 {i}",
                      "교육금천 소식지 · 고교학점제", "교육금천", "금천진로진학지원센터") for i in range(args.cards)]
        cache = CardCache(work / "cards", font, bold, workers=2, progress_every=10**9)
        cache.render_all(cards, say=lambda s: None)
        serial = CardCache(work / "cards-serial", font, bold, workers=1, progress_every=10**9)
        cpu0 = time.process_time()
        serial.render_all(cards[:40], say=lambda s: None)
        per_cpu = 40 / (time.process_time() - cpu0)
        print(f"공유 카드 한 프로세스 CPU 기준 {per_cpu:.0f}장/CPU초 (코어 2개면 최대 약 {2 * per_cpu:.0f}장/초)")
        print(f"공유 카드 {cache.stats.rendered}장 (2개 프로세스, 캐시 없음): {cache.stats.seconds:.2f}초, "
              f"{cache.stats.rendered / cache.stats.seconds:.0f}장/초")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _avg(paths, suffix: str) -> float:
    sizes = [p.stat().st_size / 1e3 for p in paths if p.name.endswith(suffix)]
    return sum(sizes) / max(1, len(sizes))


if __name__ == "__main__":
    main()
