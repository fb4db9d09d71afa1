"""A way out if MkDocs breaks: the same site builds unchanged with ProperDocs, the maintained fork
of MkDocs 1.6 that loads the same plugins (`properdocs build -f mkdocs.yml`)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, TODAY

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(engine: str, out: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY=TODAY, PDF="0", CARDS="0",
               SITE_URL="https://gyoyuk.test/edu/", SOURCE_DATE_EPOCH="1795000000")  # the sitemap's date
    return subprocess.run([str(Path(sys.executable).with_name(engine)), "build", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(out)], capture_output=True, text=True, env=env, cwd=ROOT)


def test_properdocs_builds_the_same_site(tmp_path):
    mkdocs, properdocs = build("mkdocs", tmp_path / "mkdocs"), build("properdocs", tmp_path / "properdocs")
    assert mkdocs.returncode == 0, mkdocs.stderr[-3000:]
    assert properdocs.returncode == 0, properdocs.stderr[-3000:]
    files = sorted(p.relative_to(tmp_path / "mkdocs") for p in (tmp_path / "mkdocs").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "properdocs") for p in (tmp_path / "properdocs").rglob("*")
                           if p.is_file())
    assert len([f for f in files if f.name == "index.html"]) > 80
    differ = []
    for rel in files:
        a, b = (tmp_path / "mkdocs" / rel).read_bytes(), (tmp_path / "properdocs" / rel).read_bytes()
        if rel.suffix == ".html":  # each engine names itself in the page's generator meta
            a, b = GENERATOR.sub(b"", a), GENERATOR.sub(b"", b)
        if a != b:
            differ.append(str(rel))
    assert not differ, differ
