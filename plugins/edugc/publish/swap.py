"""Atomic replacement of an output folder.

MkDocs empties its output folder before it knows the build will succeed; we build into a sibling
staging folder instead and swap it in only when everything passed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path


def staging_dir(target: Path) -> Path:
    target = Path(target)
    return target.with_name(f".{target.name}.building-{os.getpid()}")


def swap_in(staging: Path, target: Path, *, background: bool = False) -> None:
    """Replace ``target`` with ``staging``; the old folder is removed only after the new one is in place.

    background: remove the old folder in a separate process (a site of thousands of files takes
    seconds to delete, and the build need not wait for it: the profile showed 4.5 s at 1,000 pages)."""
    staging, target = Path(staging), Path(target)
    # Unique: the previous build's old folder may still be being removed in the background.
    old = target.with_name(f".{target.name}.old-{os.getpid()}-{time.monotonic_ns()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if not old.exists():
        return
    if background and os.name == "posix" and shutil.which("rm"):
        try:
            subprocess.Popen(["rm", "-rf", "--", str(old)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
            return
        except OSError:
            pass
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
