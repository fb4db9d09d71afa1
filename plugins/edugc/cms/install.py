#!/usr/bin/env python3
"""Install the web editor (Decap CMS) from the npm registry without node, as the design kit is.

Run by scripts/dev.py before `serve` and `test`, and by hand: `python3 plugins/edugc/cms/install.py`.
Standard library only (it runs before the project's virtual environment exists); the download and
the sha512 check are the design kit's (edugc.npm), so there is one way to fetch from npm.

The package is pinned to one version and its tarball is checked against the registry's sha512
`dist.integrity` before anything is unpacked. Only the browser bundle is kept (the script, its
lazily loaded chunks and WebAssembly, and its licence file), not the 50 MB of source maps:
.cache/cms/decap/. Nothing of it is committed. Offline, the preview still works and /admin/ says
how to install the editor.
"""
from __future__ import annotations

import io
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT / "plugins") not in sys.path:  # run as a script before the project is installed
    sys.path.insert(0, str(ROOT / "plugins"))

from edugc.npm import CACHE, InstallError, Package, http_get, tarball_info, verify  # noqa: E402


@dataclass(frozen=True)
class Editor:
    name: str
    version: str
    folder: str        # under .cache/
    entry: str         # the script /admin/ loads, relative to folder

    def keeps(self, member: str) -> bool:
        """The browser bundle: the entry script, its chunks and WebAssembly, the licence text."""
        if not member.startswith("dist/") or "/" in member.removeprefix("dist/") or ".." in member:
            return False
        name = member.removeprefix("dist/")
        return (name == self.entry or name.endswith(".decap-cms.js") or name.endswith(".wasm")
                or name == self.entry + ".LICENSE.txt")


# Decap CMS: its local back end speaks a small HTTP API that our own preview serves (edugc.cms.backend),
# it ships a Korean interface (locale: ko), and any browser can use it. Sveltia CMS was tried too: see
# the README's "웹 편집기" section for why it was not chosen.
DECAP = Editor("decap-cms", "3.16.3", "cms/decap", "decap-cms.js")


def say(text: str) -> None:
    print(f"[install] {text}", flush=True)


def stamp(editor: Editor, cache: Path) -> Path:
    return cache / editor.folder / ".installed"


def is_installed(editor: Editor = DECAP, cache: Path = CACHE) -> bool:
    mark = stamp(editor, cache)
    return (mark.exists() and mark.read_text() == f"{editor.name}@{editor.version}"
            and (cache / editor.folder / editor.entry).exists())


def unpack(data: bytes, editor: Editor, cache: Path) -> list[Path]:
    target = cache / editor.folder
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():  # a previous version's chunks must not linger beside the new ones
        if old.is_file():
            old.unlink()
    written = []
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar:
            rel = member.name.removeprefix("package/")
            if not member.isfile() or not member.name.startswith("package/") or not editor.keeps(rel):
                continue
            source = tar.extractfile(member)
            assert source is not None
            path = target / rel.removeprefix("dist/")
            path.write_bytes(source.read())
            written.append(path)
    if not (target / editor.entry).exists():
        raise InstallError(f"{editor.name}@{editor.version}에 {editor.entry}이(가) 없습니다")
    return written


def install(editor: Editor = DECAP, cache: Path = CACHE, get: Callable[[str], bytes] = http_get) -> None:
    url, integrity = tarball_info(Package(editor.name, editor.version, keep={}), get)  # name and version are enough
    say(f"{editor.name}@{editor.version} 내려받는 중 ({url})")
    data = get(url)
    verify(data, integrity)
    unpack(data, editor, cache)
    stamp(editor, cache).write_text(f"{editor.name}@{editor.version}")


def ensure(cache: Path = CACHE, get: Callable[[str], bytes] = http_get) -> bool:
    """Install the editor if missing; True when it is in place. Never raises for a network failure."""
    if is_installed(DECAP, cache):
        return True
    try:
        install(DECAP, cache, get)
        return True
    except (OSError, InstallError, ValueError) as err:
        say(f"{DECAP.name}@{DECAP.version}를 설치하지 못했습니다: {err}")
        say("  → 인터넷 연결을 확인한 뒤 다시 실행하세요. 그동안 미리보기는 되지만 /admin/ 편집기는 열리지 않습니다.")
        return False


if __name__ == "__main__":
    sys.exit(0 if ensure() else 1)
