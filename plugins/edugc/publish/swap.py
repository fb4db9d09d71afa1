"""Atomic replacement of an output folder.

MkDocs empties its output folder before it knows the build will succeed; we build into a sibling
staging folder instead and swap it in only when everything passed.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir(target: Path) -> Path:
    target = Path(target)
    return target.with_name(f".{target.name}.building-{os.getpid()}")


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging``; the old folder is removed only after the new one is in place."""
    staging, target = Path(staging), Path(target)
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
