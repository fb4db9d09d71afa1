#!/usr/bin/env python3
"""Set up and run the project with one command: `serve` (live preview) or `test` (every test).

Needs only Python 3.11+ and git. Editors' commands (serve, build, check, publish, new-issue) run from
.venv, which holds the runtime dependencies and nothing else, exactly what a fresh install has; the
tests run from .venv-test (runtime + the test extra). `test` first builds the real site, PDFs included,
from .venv, so a shipped import that only the test extra provides fails CI. System packages (Chromium
for PDFs and checks, Korean fonts, Java for the HTML checker, poppler) come from Debian's packages when
it can install them (root + apt-get); otherwise it says exactly what is missing.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"              # editors: runtime dependencies only
TEST_VENV = ROOT / ".venv-test"    # tests: runtime + the test extra
# Debian packages for the checks: a browser (screenshots, accessibility, PDFs), Korean fonts (PDFs,
# share cards), a Java runtime (Nu HTML checker), poppler (PDF to PNG for people to look at), rsync
# (publishing to another machine).
SYSTEM_PACKAGES = {"chromium": "/usr/bin/chromium", "fonts-nanum": "/usr/share/fonts/truetype/nanum",
                   "default-jre-headless": "/usr/bin/java", "poppler-utils": "/usr/bin/pdftoppm",
                   "rsync": "/usr/bin/rsync"}


def say(text: str) -> None:
    print(f"[dev] {text}", flush=True)


def bin_of(folder: Path, name: str) -> Path:
    return folder / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


def ensure_venv(extras: str = "") -> Path:
    """The venv for editors' commands (no extras) or for tests (extras="test"); returns its folder."""
    folder = TEST_VENV if extras else VENV
    if not extras and (VENV / ".installed-test").exists():
        # A .venv from before the split also holds the test extra, which would hide a shipped import
        # that only the extra provides: made again with the runtime dependencies alone.
        say(".venv에 시험용 패키지가 섞여 있어 새로 만듭니다 (편집 명령은 실제 설치와 같은 패키지로만 실행합니다)")
        shutil.rmtree(VENV)
    python = bin_of(folder, "python")
    if not python.exists():
        say(f"가상환경({folder.name})을 만듭니다")
        venv.EnvBuilder(with_pip=True).create(folder)
    stamp = folder / f".installed-{extras or 'runtime'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return folder
    say(f"{folder.name}에 패키지를 설치합니다 (처음 한 번은 몇 분 걸립니다)")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", target], check=True, cwd=ROOT)
    stamp.write_text(digest)
    return folder


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
    say(message + "  → 인쇄용 PDF·공유 카드처럼 이것이 필요한 부분만 빼고 만듭니다.")


def ensure_design_kit() -> None:
    # KRDS tokens and Pretendard GOV come from the npm registry as pinned, verified tarballs (no node);
    # offline, the installer says so and the site uses the system font stack.
    subprocess.run([sys.executable, str(ROOT / "plugins/edugc/fonts/install.py")], cwd=ROOT)


def port_in_use(address: str) -> bool:
    host, _, port = address.rpartition(":")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host.strip("[]") or "127.0.0.1", int(port)))
        except OSError:
            return True
    return False


def build_with_runtime_only(folder: Path) -> int:
    """Build the real site, PDFs included, as an editor's fresh install would (no test extra)."""
    out = Path(tempfile.mkdtemp(prefix="edugc-runtime-build-")) / "site"
    say(f"편집자용 설치({folder.name}, 시험용 패키지 없음)로 실제 사이트를 PDF까지 빌드합니다 → {out}")
    env = dict(os.environ, PDF="1", SITE_URL=os.environ.get("SITE_URL") or "https://gyoyuk.test/edu/")
    code = subprocess.call([str(bin_of(folder, "mkdocs")), "build", "-d", str(out)], cwd=ROOT, env=env)
    if code != 0:
        say("편집자용 설치로 빌드하지 못했습니다: 위 오류를 고치세요 (시험용 패키지에만 있는 것을 쓰고 있지 않은지).")
        return code
    os.environ["EDUGC_RUNTIME_SITE"] = str(out)  # tests look inside it (tests/test_setup.py)
    return 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(ROOT)
    if command == "serve":
        folder = ensure_venv()
        ensure_system(required=False)
        ensure_design_kit()
        address = os.environ.get("ADDR", "127.0.0.1:8000")
        if port_in_use(address):
            say(f"{address}를 이미 다른 프로그램(다른 미리보기일 수 있습니다)이 쓰고 있습니다 → 그 창을 닫거나 "
                f"ADDR=127.0.0.1:8001 python3 scripts/dev.py serve 처럼 다른 포트로 여세요")
            return 2
        say(f"미리보기: http://{address}/  (글을 고치면 저절로 새로고침됩니다, 끝내려면 Ctrl+C)")
        # Incremental by default: only pages whose inputs changed are rendered again (edugc.pages.preview);
        # `serve --clean` rebuilds everything on every change.
        mode = [] if {"--dirty", "--clean"} & set(argv[1:]) else ["--dirty"]
        args = [str(bin_of(folder, "mkdocs")), "serve", "-a", address, *mode, *argv[1:]]
        if os.name == "posix":  # the server itself gets Ctrl+C and SIGTERM: no parent left holding it
            sys.stdout.flush()
            os.execv(args[0], args)
        return subprocess.call(args)
    if command == "test":
        runtime = ensure_venv()
        folder = ensure_venv("test")
        ensure_system(required=True)
        ensure_design_kit()
        code = build_with_runtime_only(runtime)
        if code != 0:
            return code
        return subprocess.call([str(bin_of(folder, "python")), "-m", "pytest", *argv[1:]])
    if command in ("check", "new-issue", "publish", "check-links", "announce"):
        folder = ensure_venv()
        if command == "publish":
            ensure_system(required=False)
            ensure_design_kit()
        return subprocess.call([str(bin_of(folder, "edugc")), command, *argv[1:]])
    if command == "build":
        folder = ensure_venv()
        ensure_system(required=False)
        ensure_design_kit()
        return subprocess.call([str(bin_of(folder, "mkdocs")), "build", *argv[1:]])
    print(__doc__)
    print("사용법: python3 scripts/dev.py serve | test | build | check | new-issue | publish | announce | check-links")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
