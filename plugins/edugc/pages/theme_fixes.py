"""Small, exact repairs to markup that mkdocs-material 9.x prints and the Nu HTML checker rejects.

Done on the rendered page rather than by copying Material's partials, so that a theme update
does not silently revert them; each repair is a no-op when the theme stops printing the fault.
"""
from __future__ import annotations

import re

# `autocomplete` is not allowed on checkboxes (Material adds it to its drawer/search toggles).
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
# `autocorrect` is not an HTML attribute.
_AUTOCORRECT = re.compile(r' autocorrect="off"')
# `tabindex=""` is not a valid integer.
_EMPTY_TABINDEX = re.compile(r' tabindex=""')
# A label pointing at the table-of-contents toggle that pages outside the navigation do not have.
_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)


# The search dialog needs an accessible name (axe: aria-dialog-name).
_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?! aria-label)')


def repair(html: str) -> str:
    html = _SEARCH_DIALOG.sub(r'\1 aria-label="사이트 검색"', html)
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _AUTOCORRECT.sub("", html)
    html = _EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
