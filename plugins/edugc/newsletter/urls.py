"""Short ASCII addresses of the newsletter's lists (romanised, so links stay readable in KakaoTalk)."""
from __future__ import annotations

import posixpath

from ..model.slugs import slugify

ARCHIVE = "newsletter/"
TAGS = "newsletter/tags/"
CATEGORIES = "newsletter/category/"


def tag_url(tag: str, page: int = 1) -> str:
    return _paged(f"{TAGS}{slugify(tag)}/", page)


def category_url(category: str, page: int = 1) -> str:
    return _paged(f"{CATEGORIES}{slugify(category)}/", page)


def _paged(url: str, page: int) -> str:
    return url if page <= 1 else f"{url}page/{page}/"


def asset_url(doc_src: str, path: str) -> str:
    """Where MkDocs copies a picture written next to a page: its path under content/, unchanged."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc_src), path))
