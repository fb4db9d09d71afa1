#!/usr/bin/env python3
"""Set up and run the project with one command: `serve` (live preview) or `test` (every test).

Needs only Python 3.11+ and git. It makes .venv, installs the project, and for tests installs
what the browser and print checks need from Debian's packages when it can (root + apt-get);
otherwise it says exactly what is missing.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
# Debian packages for the checks: a browser (screenshots, accessibility, PDFs), Korean fonts (PDFs,
# share cards), a Java runtime (Nu HTML checker), poppler (PDF to PNG for people to look at).
SYSTEM_PACKAGES = {"chromium": "/usr/bin/chromium", "fonts-nanum": "/usr/share/fonts/truetype/nanum",
                   "default-jre-headless": "/usr/bin/java", "poppler-utils": "/usr/bin/pdftoppm"}


def say(text: str) -> None:
    print(f"[dev] {text}", flush=True)


def ensure_venv(extras: str) -> None:
    if not PY.exists():
        say("가상환경(.venv)을 만듭니다")
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    say("패키지를 설치합니다 (처음 한 번은 몇 분 걸립니다)")
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", target], check=True, cwd=ROOT)
    stamp.write_text(digest)


def missing_system() -> list[str]:
    return [name for name, path in SYSTEM_PACKAGES.items() if not Path(path).exists()]


def ensure_system(required: bool) -> None:
    missing = missing_system()
    if not missing:
        return
    can_install = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if can_install:
        say("시스템 패키지를 설치합니다: " + " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        return
    message = ("없는 시스템 패키지: " + " ".join(missing) +
               f"  (설치: sudo apt-get install {' '.join(missing)})")
    if required:
        say(message)
        sys.exit("[dev] 테스트에는 위 패키지가 필요합니다.")
    say(message + "  → 인쇄용 PDF·공유 카드처럼 이것이 필요한 부분만 빼고 미리보기를 엽니다.")


def ensure_design_kit() -> None:
    # KRDS tokens and Pretendard GOV come from the npm registry as pinned, verified tarballs (no node);
    # offline, the installer says so and the site uses the system font stack.
    subprocess.run([sys.executable, str(ROOT / "plugins/edugc/fonts/install.py")], cwd=ROOT)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(ROOT)
    if command == "serve":
        ensure_venv("")
        ensure_system(required=False)
        ensure_design_kit()
        address = os.environ.get("ADDR", "127.0.0.1:8000")
        say(f"미리보기: http://{address}/  (글을 고치면 저절로 새로고침됩니다, 끝내려면 Ctrl+C)")
        # Incremental by default: only pages whose inputs changed are rendered again (edugc.pages.preview);
        # `serve --clean` rebuilds everything on every change.
        mode = [] if {"--dirty", "--clean"} & set(argv[1:]) else ["--dirty"]
        return subprocess.call([str(BIN / "mkdocs"), "serve", "-a", address, *mode, *argv[1:]])
    if command == "test":
        ensure_venv("test")
        ensure_system(required=True)
        ensure_design_kit()
        return subprocess.call([str(PY), "-m", "pytest", *argv[1:]])
    if command in ("check", "new-issue", "publish", "check-links", "announce"):
        ensure_venv("")
        return subprocess.call([str(BIN / "edugc"), command, *argv[1:]])
    if command == "build":
        ensure_venv("")
        ensure_design_kit()
        return subprocess.call([str(BIN / "mkdocs"), "build", *argv[1:]])
    print(__doc__)
    print("사용법: python3 scripts/dev.py serve | test | build | check | new-issue | publish | check-links | announce")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
