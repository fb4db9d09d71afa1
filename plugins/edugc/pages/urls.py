"""Relative links between site-relative directory URLs, so the site works under any sub-path."""
from __future__ import annotations

import posixpath


def relative(from_url: str, to_url: str) -> str:
    """relative('newsletter/1/', 'programs/x/') -> '../../programs/x/'."""
    base = "/" + from_url.lstrip("/")
    if not base.endswith("/"):
        base = posixpath.dirname(base) + "/"
    target = "/" + to_url.lstrip("/")
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    rel = posixpath.relpath(target, base)
    if target.endswith("/") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + anchor


def absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url.lstrip("/")
