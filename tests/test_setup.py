"""What an editor's fresh install does: the runtime dependencies alone build and publish the whole site."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.mark.skipif(not os.environ.get("EDUGC_RUNTIME_SITE"),
                    reason="python3 scripts/dev.py test builds the site with the editors' install first")
def test_the_editors_install_built_the_whole_site_with_its_pdfs():
    from pypdf import PdfReader

    site = Path(os.environ["EDUGC_RUNTIME_SITE"])
    issues = sorted(p.parent.name for p in (ROOT / "content/newsletter").glob("*/index.md"))
    assert issues
    for number in issues:
        pdfs = list((site / "newsletter" / number).glob("*.pdf"))
        assert len(pdfs) == 1, f"newsletter/{number}/ 인쇄용 PDF가 없습니다"
        assert len(PdfReader(pdfs[0]).pages) >= 1
    for made in ("index.html", "feed.xml", "atom.xml", "events.ics", "sitemap.xml", "search"):
        assert (site / made).exists(), made
    # The install that built it holds no test-only package.
    probe = subprocess.run([str(ROOT / ".venv/bin/python"), "-c",
                            "import importlib.util as u; print(all(u.find_spec(m) is None for m in "
                            "('pytest', 'feedparser', 'zxingcpp')))"], capture_output=True, text=True)
    assert probe.stdout.strip() == "True", probe.stdout + probe.stderr


def test_without_chromium_the_build_says_so_in_one_line_and_makes_everything_else(project):
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - edugc/print\n", "  - edugc/print:\n      chromium: /nonexistent/chromium\n"), encoding="utf-8")
    result = project.build(extra_env={"PDF": "1"})
    assert result.returncode == 0, result.stderr
    said = [line for line in (result.stdout + result.stderr).splitlines() if "Chromium" in line]
    assert len(said) == 1 and "PDF" in said[0] and "apt-get install chromium" in said[0], said
    site = project.root / "site"
    assert (site / "newsletter/1/print/index.html").exists()
    assert (site / "newsletter/1/credit-basics/index.html").exists()
    assert not list(site.rglob("*.pdf"))
