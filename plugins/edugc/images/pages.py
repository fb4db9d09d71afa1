"""A build's pictures: which files are originals, the variants each page shows, what gets published.

Editors' photos never reach the site as written: every <img> that shows one becomes a <picture> of
cached, metadata-free variants; a raw-HTML <img> without alt (which the model's Markdown check
cannot see) and an SVG that could run script are refused with the file and the fix.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ..model import SiteModel
from ..urls import ASSETS
from .html import ImgTag, picture_html, rewrite
from .process import RASTER_SUFFIXES, ImageCache, ImageError, publish_copy
from .svg import check_svg


def is_original(src_uri: str) -> bool:
    """A photo an editor put beside a page (published only as variants)."""
    return PurePosixPath(src_uri).suffix.lower() in RASTER_SUFFIXES


def is_consent_record(src_uri: str) -> bool:
    """`<photo>.yml` records portrait consent: a record kept with the content, never published."""
    return src_uri.endswith(".yml") and PurePosixPath(src_uri[:-4]).suffix.lower() in RASTER_SUFFIXES


@dataclass(frozen=True)
class Original:
    path: Path        # the file on disk
    src_uri: str      # its path under content/
    dest_uri: str     # where the engine would have copied it


class Pictures:
    def __init__(self, cache: ImageCache, root: Path, docs_dir: Path):
        self.cache = cache
        self.root = root
        self.docs_dir = docs_dir
        self.originals: dict[str, Original] = {}   # unquoted site URL of an original -> the original
        self.publish: dict[str, Path] = {}          # site path -> cached variant file
        self.errors: list[ImageError] = []

    def shown(self, path: Path) -> str:
        """A path as the editor knows it: relative to the project."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def add(self, url: str, original: Original) -> None:
        self.originals[unquote(url)] = original

    def warm(self, site: SiteModel, workers: int) -> None:
        """Make the variants of every photo a page shows, on `workers` processes, before rendering."""
        jobs, seen = [], set()
        for doc in site.docs.values():
            for src, _alt, _line in doc.images:
                path = self.docs_dir / PurePosixPath(doc.src).parent / src
                if path.suffix.lower() in RASTER_SUFFIXES and path.exists() and path not in seen:
                    seen.add(path)
                    jobs.append((path, self.shown(path)))
        self.errors += self.cache.process_many(jobs, workers=workers)

    def rewrite(self, html: str, page_url: str, page_src: str, page_path: str | None) -> str:
        """<img> -> <picture> with WebP and JPEG/PNG variants, sizes and no layout shift."""
        return rewrite(html, lambda tag, first: self._picture(tag, first, page_url, page_src, page_path))

    def _picture(self, tag: ImgTag, first: bool, page_url: str, page_src: str, page_path: str | None) -> str | None:
        src = tag.attrs.get("src", "")
        if not src or "://" in src or src.startswith(("data:", "//")):
            return None
        here = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
        if here == "./":
            here = ""
        site_path = unquote(posixpath.normpath(posixpath.join(here, src.split("#")[0].split("?")[0])))
        if site_path.lower().endswith(".svg"):
            self._check_svg(site_path)
            return None
        original = self.originals.get(site_path)
        if original is None:  # raw HTML is not rewritten by the engine: its src is relative to the source file
            beside = posixpath.dirname(page_src)
            original = self.originals.get(unquote(posixpath.normpath(posixpath.join(beside, src))))
        if original is None:
            return None
        if "alt" not in tag.attrs:  # raw HTML <img> skips the model's Markdown check
            self.errors.append(self._missing_alt(page_path, src))
        try:
            processed = self.cache.process(original.path, self.shown(original.path))
        except ImageError as err:
            self.errors.append(err)
            return None
        folder = posixpath.dirname(original.dest_uri)
        stem = _ascii_stem(PurePosixPath(original.src_uri).stem)

        def url_of(name: str) -> str:
            published = f"{stem}-{processed.key[:10]}-{name}"
            rel = posixpath.join(folder, published) if folder else published
            self.publish[rel] = processed.folder / name
            return posixpath.relpath("/" + rel, "/" + (here or ""))

        return picture_html(tag, processed, url_of, first=first)

    def _missing_alt(self, page_path: str | None, src: str) -> ImageError:
        path = Path(page_path or "")
        name = PurePosixPath(unquote(src)).name
        line = None
        if path.exists():
            for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if name in text:
                    line = number
                    break
        shown = self.shown(path) + (f":{line}" if line else "")
        return ImageError(shown, f"그림 '{name}'에 대체 텍스트(alt)가 없습니다",
                          '<img alt="그림을 설명하는 문장" ...>처럼 alt를 쓰세요 (화면낭독기 사용자를 위해)')

    def _check_svg(self, site_path: str) -> None:
        path = self.docs_dir / site_path
        if path.exists() and not site_path.startswith(ASSETS):
            try:
                check_svg(path, self.shown(path))
            except ImageError as err:
                self.errors.append(err)

    def refused(self) -> list[ImageError]:
        """Every refused picture once (one photo may be refused on many pages), in a stable order."""
        return sorted({str(e): e for e in self.errors}.values(), key=str)

    def publish_into(self, site_dir: Path) -> None:
        for rel, source in self.publish.items():
            publish_copy(source, site_dir / rel)


def _ascii_stem(stem: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-").lower()
    return cleaned or "img"
