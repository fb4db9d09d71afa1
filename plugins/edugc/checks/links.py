"""Broken links, found by LinkChecker over the built site served as a static host would serve it.

Internal links and anchors are checked; external links are listed but only fetched on request
(CI has no network, and a slow foreign server must not block a publish).
"""
from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .serve import serve_folder

CONFIG = """\
[checking]
threads=8
maxrequestspersecond=1000
timeout=20
[filtering]
checkextern={extern}
[AnchorCheck]
[output]
status=0
"""


@dataclass
class LinkReport:
    broken: list[tuple[str, str, str]]   # (url, parent page, result)
    external: list[str]                  # external URLs seen (not fetched unless asked)
    checked: int


def check_links(site: Path, sub_path: str = "/edu/", external: bool = False) -> LinkReport:
    linkchecker = Path(sys.executable).with_name("linkchecker")
    with serve_folder(site, sub_path) as base, tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(CONFIG.format(extern=1 if external else 0))
        result = subprocess.run([str(linkchecker), "-f", str(config), "--verbose", "-o", "csv", base],
                                capture_output=True, text=True)
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";")
    broken, external_urls, checked = [], set(), 0
    for row in reader:
        checked += 1
        url = row.get("urlname") or ""
        info = (row.get("infostring") or "") + (row.get("result") or "")
        if url.startswith(("data:", "tel:", "mailto:")):
            continue
        if "outside of the domain filter" in info or (url.startswith("http") and not url.startswith(base)):
            external_urls.add(url)
            if not external:
                continue
        warning = row.get("warningstring") or ""
        if row.get("valid") == "False":
            broken.append((url, row.get("parentname") or "", row.get("result") or ""))
        elif "anchor" in warning.lower():  # AnchorCheck reports a missing #id as a warning
            broken.append((url, row.get("parentname") or "", warning))
    if result.returncode not in (0, 1):
        raise RuntimeError(f"linkchecker가 실패했습니다: {result.stderr[-2000:]}")
    return LinkReport(broken, sorted(external_urls), checked)
