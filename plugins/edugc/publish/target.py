"""Where a publish may write, and what in that place is ours to replace.

`publish --to` replaces a whole folder, so it must never take one that holds anything else: it refuses
the repository, its parents, home and `/`, and a non-empty folder it has not published to before.
A folder it publishes to carries a marker (MARKER) listing every file it put there; a file that is
not on that list (a web server's .htaccess, a verification file) is kept through every publish. A folder
that already holds this site from before the marker existed (every page in it is in the URL ledger) is
adopted once, with a message.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import ledger

MARKER = ".edugc-publish"
MARKER_HEAD = "# 교육금천 publish가 관리하는 폴더입니다. 아래는 publish가 올린 파일 목록입니다 (지우지 마세요).\n"
# Folders a build owns whole: an adopted folder's files there are this site's, even from older builds.
OWNED_FOLDERS = {"assets", "search"}
ALWAYS_BUILT = {"404.html", "robots.txt", "sitemap.xml", "sitemap.xml.gz"}
SYSTEM_FOLDERS = {"/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/root", "/run", "/sbin", "/srv",
                  "/sys", "/tmp", "/usr", "/var", "/var/www", "/home", "/opt", "/mnt", "/media"}


class TargetRefused(Exception):
    """The target cannot be published to; the message says why and what to do, in Korean."""


@dataclass
class Plan:
    """What is at the target now, and which of it this site put there."""

    where: str                                        # as staff wrote it
    existing: set[str] = field(default_factory=set)   # every file there now
    ours: set[str] = field(default_factory=set)       # files this site put there
    adopted: bool = False                             # held this site before the marker existed

    def kept(self, built: set[str]) -> set[str]:
        """Files someone else put at the target: they stay through the publish."""
        return self.existing - self.ours - built - {MARKER}

    def collisions(self, built: set[str]) -> set[str]:
        """Files someone else put at the target that the new site would overwrite."""
        return (self.existing - self.ours - {MARKER}) & built


def ledger_files(urls: set[str]) -> set[str]:
    return {u + "index.html" if (u.endswith("/") or not u) else u for u in urls}


def refuse_dangerous(destination: Path, root: Path) -> None:
    """The repository, its parents, home, `/` and system folders are never a publish target."""
    destination, root = destination.resolve(), root.resolve()
    home = Path.home().resolve()
    if destination == Path(destination.anchor) or str(destination) in SYSTEM_FOLDERS or destination == home:
        raise TargetRefused(f"{destination}에는 공개하지 않습니다: 사이트만 두는 빈 폴더를 지정하세요 "
                            "(예: /var/www/edu)")
    if root == destination or root.is_relative_to(destination):
        raise TargetRefused(f"{destination}은(는) 이 저장소이거나 그 상위 폴더입니다: 저장소 밖의 빈 폴더를 지정하세요")
    if destination.is_relative_to(root):
        first = destination.relative_to(root).parts[0]
        if first in {".git", ".ci", "content", "data", "overrides", "plugins", "scripts", "tests"}:
            raise TargetRefused(f"{destination}은(는) 저장소의 원본 폴더({first}/) 안입니다: 저장소 밖의 폴더를 지정하세요")


def read_marker(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def marker_text(files: set[str]) -> str:
    return MARKER_HEAD + "".join(f"{name}\n" for name in sorted(files))


def local_files(folder: Path) -> set[str]:
    found = set()
    for dirpath, dirs, names in os.walk(folder):
        # A link to a folder is one entry (kept or replaced as a link), never walked into.
        for name in names + [d for d in dirs if (Path(dirpath) / d).is_symlink()]:
            found.add((Path(dirpath) / name).relative_to(folder).as_posix())
    return found


def plan_local(destination: Path, root: Path, published: set[str]) -> Plan:
    refuse_dangerous(destination, root)
    if destination.exists() and not destination.is_dir():
        raise TargetRefused(f"{destination}은(는) 폴더가 아니라 파일입니다: 사이트를 둘 폴더를 지정하세요")
    if not destination.parent.is_dir():
        raise TargetRefused(f"{destination.parent} 폴더가 없습니다: 먼저 만들거나 경로를 확인하세요")
    if not destination.exists():
        return Plan(str(destination))
    existing = local_files(destination)
    marker = destination / MARKER
    if marker.is_file():
        return Plan(str(destination), existing, read_marker(marker.read_text(encoding="utf-8")))
    return adopt_or_refuse(str(destination), existing, published)


def adopt_or_refuse(where: str, existing: set[str], published: set[str]) -> Plan:
    """A folder without our marker: empty, or this site from before the marker (adopted), or refused."""
    if not existing:
        return Plan(where, existing)
    files = ledger_files(published)
    pages = {f for f in existing if f.endswith("index.html") or PurePosixPath(f).suffix in ledger.KEEP_SUFFIXES}
    pages -= {f for f in pages if f.split("/", 1)[0] in OWNED_FOLDERS} | ALWAYS_BUILT
    if published and "index.html" in existing and pages <= files:
        # Pages from the ledger, the folders a build owns, and the files a build always writes are this
        # site's; anything else (a web server's own file) is kept.
        ours = {f for f in existing if f in files or f.split("/", 1)[0] in OWNED_FOLDERS
                or f in ALWAYS_BUILT}
        return Plan(where, existing, ours, adopted=True)
    strangers = sorted(pages - files)[:5] or sorted(existing)[:5]
    raise TargetRefused(
        f"{where}에는 publish가 올리지 않은 파일이 있어 공개하지 않습니다 (예: {', '.join(strangers)}) "
        "→ 사이트만 둘 빈 폴더를 새로 만들어 지정하세요. 지우면 안 되는 파일이 섞인 폴더는 통째로 바뀌지 않도록 막아 둡니다.")


# -- rsync targets ---------------------------------------------------------------------------------

def rsync_listing(target: str) -> set[str] | None:
    """Files at an rsync target (None: the folder does not exist yet)."""
    result = subprocess.run(["rsync", "-r", "--list-only", target.rstrip("/") + "/"], capture_output=True, text=True)
    if result.returncode == 23 and "No such file" in result.stderr:
        return None
    if result.returncode != 0:
        raise TargetRefused(f"{target}의 파일 목록을 읽지 못했습니다 (rsync 코드 {result.returncode}): "
                            f"{result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ''} "
                            "→ 주소와 접속(ssh 키)을 확인하세요")
    files = set()
    for line in result.stdout.splitlines():
        parts = line.split(None, 4)
        if len(parts) == 5 and not parts[0].startswith("d"):
            files.add(parts[4].split(" -> ", 1)[0] if parts[0].startswith("l") else parts[4])
    return files


def plan_rsync(target: str, published: set[str], fetch_marker) -> Plan:
    existing = rsync_listing(target)
    if existing is None:
        return Plan(target)
    if MARKER in existing:
        return Plan(target, existing, read_marker(fetch_marker()))
    return adopt_or_refuse(target, existing, published)
