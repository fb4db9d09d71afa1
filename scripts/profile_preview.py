#!/usr/bin/env python3
"""Where the preview's time goes after one edit (issue 10): a profile of one incremental rebuild.

Runs what `mkdocs serve --dirty` runs, in one process: a first build, then an edit to the newest
article's title, then the rebuild under pyinstrument (its report goes to stdout).

    .venv/bin/python scripts/profile_preview.py PROJECT      # a project made by scripts/synth_site.py
    EDIT=body .venv/bin/python scripts/profile_preview.py PROJECT   # edit a sentence, not the title
    SHOW_ALL=1 ...                                                  # MkDocs' own frames too
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    project = Path(argv[0]).resolve()
    os.chdir(project)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("EDUGC_TODAY", "2026-11-28")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from pyinstrument import Profiler

    site_dir = tempfile.mkdtemp(prefix="edugc-preview-")
    url = "http://127.0.0.1:8000/"

    def config():
        return load_config(str(project / "mkdocs.yml"), site_dir=site_dir)

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    started = time.perf_counter()
    build(first, serve_url=url, dirty=True)
    print(f"first build {time.perf_counter() - started:.1f} s", file=sys.stderr)
    newest = max(int(p.name) for p in (project / "content/newsletter").iterdir() if p.name.isdigit())
    article = project / f"content/newsletter/{newest}/a{newest}-1.md"
    original = article.read_text(encoding="utf-8")
    try:
        for attempt in range(2):
            if os.environ.get("EDIT") == "body":  # a sentence added: only the article's own page changes
                edited = original + f"\n\n고친 문장 {attempt}.\n"
            else:  # its title: also every page that lists or links to it
                edited = re.sub(r"^title: .*$", f'title: "고친 제목 {attempt}"', original, count=1, flags=re.M)
            article.write_text(edited, encoding="utf-8")
            profiler = Profiler(interval=0.001)
            started = time.perf_counter()
            with profiler:
                build(config(), serve_url=url, dirty=True)
            print(f"rebuild after an edit: {time.perf_counter() - started:.2f} s", file=sys.stderr)
        print(profiler.output_text(unicode=True, show_all=os.environ.get("SHOW_ALL") == "1", timeline=False))
    finally:
        article.write_text(original, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
