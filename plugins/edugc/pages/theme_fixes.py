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


# Material's own skip link (콘텐츠로 이동, to the first heading) would be a second one before ours
# (본문 바로가기, overrides/partials/gc-util.html): KRDS has one, first in the page.
_MATERIAL_SKIP = re.compile(r'<a href="[^"]*" class="md-skip">.*?</a>', re.S)
# Material names its previous/next footer links "이전: 제목" over visible "이전 제목": the accessible name
# must contain the visible text (WCAG 2.5.3, axe label-content-name-mismatch). Our footer prints none;
# a theme partial that still does loses the attribute, so the name is the text itself.
_FOOTER_LABEL = re.compile(r'(<a href="[^"]*" class="md-footer__link md-footer__link--(?:prev|next)") aria-label="[^"]*"')


def repair(html: str) -> str:
    html = _MATERIAL_SKIP.sub("", html)
    html = _FOOTER_LABEL.sub(r"\1", html)
    html = _SEARCH_DIALOG.sub(r'\1 aria-label="사이트 검색"', html)
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _AUTOCORRECT.sub("", html)
    html = _EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
