"""Pictures the build could not publish: files that do not open as pictures (damaged, not a picture,
too many pixels, an iPhone HEIC without its converter), a raw-HTML <img> without alt, and pictures
the model's Markdown scan could not see (reference-style ![설명][사진]).

The same decoder as edugc/images (open_clean) decides; a picture that opened once is remembered by
its content, so checking again costs a hash.
"""
from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from ..cache import Cache, Records, code_of
from ..images.process import RASTER_SUFFIXES, ImageError, Settings, open_clean
from ..model import Problems, SiteModel
from ..model.docs import IssueDoc, StoryDoc
from .extract import Extracted, is_local, target_src
from .project import Project


def check_pictures(site: SiteModel, project: Project, pages: dict[str, Extracted], problems: Problems) -> None:
    content, shown_dir = project.content, project.content_dir
    settings = Settings()
    folder = project.root / project.cache_dir / "check"
    good = Records(Cache(folder, code_of(Path(__file__).parent.parent / "images" / "process.py")), "pictures.json")
    verdicts: dict[Path, ImageError | None] = {}
    for src, doc in site.docs.items():
        page = pages.get(src)
        seen = {s for s, _alt, _line in doc.images}  # the model already named missing files and alt
        if isinstance(doc, (IssueDoc, StoryDoc)) and doc.meta.cover:
            seen.add(doc.meta.cover)  # the model checked the cover's file and alt too
        # (src, alt, line in the file, written in raw HTML)
        refs = [(s, alt, doc.body_line + max(line, 1) - 1, raw) for s, alt, line, raw in (page.images if page else [])]
        if isinstance(doc, (IssueDoc, StoryDoc)) and doc.meta.cover:
            refs.append((doc.meta.cover, doc.meta.cover_alt or "", doc.lines.get("cover") or 1, False))
        for ref, alt, at, raw in refs:
            if not ref or not is_local(ref) or ref.startswith("data:"):
                continue
            here = f"{shown_dir}/{src}"
            rel = target_src(src, ref.split("#")[0].split("?")[0])
            path = content / rel
            is_photo = PurePosixPath(rel).suffix.lower() in RASTER_SUFFIXES
            if raw:
                if is_photo and path.is_file() and alt is None:
                    problems.add(here, at, f"그림 '{PurePosixPath(rel).name}'에 대체 텍스트(alt)가 없습니다",
                                 '<img alt="그림을 설명하는 문장" ...>처럼 alt를 쓰세요 (화면낭독기 사용자를 위해)')
            elif ref not in seen:
                if not path.exists():
                    problems.add(here, at, f"그림 파일 '{ref}'이(가) 없습니다",
                                 f"{shown_dir}/{rel}에 파일을 두거나 경로를 고치세요")
                elif not (alt or "").strip():
                    problems.add(here, at, f"그림 '{ref}'에 대체 텍스트(alt)가 없습니다",
                                 "![그림을 설명하는 문장][이름] 처럼 대괄호 안에 설명을 쓰세요 (화면낭독기 사용자를 위해)")
            if not is_photo or not path.is_file():
                continue
            if path not in verdicts:
                verdicts[path] = _open(path, f"{shown_dir}/{rel}", settings, good)
            err = verdicts[path]
            if err is not None:
                problems.add(here, at, f"그림 {err.path}: {err.message}", err.fix)
    good.save()


def _open(path: Path, shown: str, settings: Settings, good: Records) -> ImageError | None:
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest() + settings.fingerprint()
    if good.lookup(key):
        return None
    try:
        open_clean(data, shown, path.suffix.lower(), settings).close()
    except ImageError as err:
        return err
    good.put(key, True)
    return None
