"""What may reach the site from the content and data folders besides what the model reads.

The engine copies every file under content/ into the site as it is. Three kinds must never go:
a link (symlink) that reaches outside the project (/etc/passwd, .git/config, a folder elsewhere),
a file type a browser runs as a page or a program from our origin (HTML, JavaScript, XML), and an
SVG that carries script or fetches from elsewhere (edugc.images.svg). Each is an editor's error with
the file (and line), so `check` and the build refuse them alike.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from .problems import Problems
from .source import nfc
from .svg import FIX, svg_problems

# Served from our origin, these run script or load other documents: editors write Markdown instead.
ACTIVE_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".phtml", ".php", ".js", ".mjs", ".cjs", ".wasm",
                   ".swf", ".xml", ".xsl", ".xslt", ".svgz", ".jar", ".hta", ".vbs"}
# A file system refuses longer names (ENAMETOOLONG): caught here with the file instead of mid-build.
MAX_NAME_BYTES = 200


def check_files(root: Path, content_dir: str, data_dir: str, problems: Problems) -> None:
    """Every symlink under content/ and data/, and every active file or unsafe SVG in content/."""
    for folder, copied in ((content_dir, True), (data_dir, False)):
        base = root / folder
        if not base.is_dir():
            continue
        for dirpath, dirs, names in os.walk(base):  # never follows a link into another folder
            here = Path(dirpath)
            for name in sorted(dirs + names):
                path = here / name
                rel = nfc(f"{folder}/{path.relative_to(base).as_posix()}")
                if path.is_symlink():
                    problems.add(rel, None, f"링크(심볼릭 링크)는 게시하지 않습니다: {os.readlink(path)}를 가리킵니다 "
                                 "(프로젝트 밖의 파일이 공개될 수 있습니다)",
                                 "링크를 지우고 그 자리에 실제 파일을 복사해 두세요")
                    continue
                if len(name.encode("utf-8")) > MAX_NAME_BYTES:
                    problems.add(rel, None, f"파일 이름이 너무 깁니다 ({len(name.encode('utf-8'))}바이트)",
                                 "파일 이름을 짧게 줄이세요 (영문 소문자와 하이픈 권장)")
                    continue
                if name in dirs or name.startswith(".") or not copied:  # data/ is read, never copied
                    continue
                suffix = PurePosixPath(name).suffix.lower()
                if suffix in ACTIVE_SUFFIXES:
                    problems.add(rel, None, f"'{suffix}' 파일은 브라우저가 실행하므로 게시할 수 없습니다",
                                 "글은 Markdown(.md)으로 쓰고, 내려받을 문서는 PDF나 한글(HWP) 파일로 두세요")
                elif suffix == ".svg":
                    for line, message in svg_problems(path.read_bytes()):
                        problems.add(rel, line, f"SVG를 게시할 수 없습니다: {message}", FIX)
            dirs[:] = [d for d in dirs if not (here / d).is_symlink() and not d.startswith(".")]
