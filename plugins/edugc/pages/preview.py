"""The incremental preview: which pages must be rendered again after an edit.

MkDocs' dirty build skips a page whose source file is older than its output, but our pages also
show other pages' facts: an issue lists its articles, an article shows its neighbours and related
articles, the home page the latest issue and notices, tag/category/archive pages are generated.
A page's fingerprint covers its own source and the facts of every page it shows; only pages whose
fingerprint changed are rendered again. Plain Python: the adapter turns this into File.is_modified.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

from .render import TEMPLATE_FOLDERS
from ..model import Doc, GuideDoc, IssueDoc, PageDoc, SiteModel, StoryDoc


NOT_FOUND = "404.html"




def templates_state(extra: Iterable = ()) -> str:
    """Names and modification times of the package's templates and of `extra` folders (the theme's
    custom_dir): a maintainer's edit to any of them makes the preview render everything again."""
    h = hashlib.sha1()
    for folder in [*TEMPLATE_FOLDERS, *(Path(f) for f in extra)]:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                h.update(f"{path}\0{path.stat().st_mtime_ns}\0".encode())
    return h.hexdigest()


def page_facts(doc: Doc) -> str:
    meta = doc.meta
    story = meta if isinstance(doc, StoryDoc) else None
    cover = meta.cover if isinstance(doc, (IssueDoc, StoryDoc)) else ""
    return "|".join(str(x) for x in (doc.url, doc.title, doc.summary, doc.date, doc.status,
                                     story.category if story else "", story.tags if story else "",
                                     cover, story.author if story else ""))


def shown(site: SiteModel, doc: Doc, related) -> Iterable[Doc]:
    """The pages whose facts appear on doc's page (besides the navigation, which is global)."""
    if isinstance(doc, IssueDoc) and doc.issue:
        yield from doc.issue.articles
    elif isinstance(doc, StoryDoc):
        if doc.issue:
            yield doc.issue.doc
            yield from doc.issue.articles  # previous / next
        yield from related(doc)
    elif doc.url == "":
        if site.issues:
            yield site.issues[0].doc
            yield from site.issues[0].articles
        yield from site.notices[:5]


def fingerprints(site: SiteModel, related, generated: dict[str, tuple[str, str, str]],
                 theme: str = "") -> dict[str, str]:
    """src -> fingerprint for every Markdown page and every generated page (markdown, title, summary),
    and for the theme's 404.html, which shows only the navigation and the site facts. `theme` names
    the state of the templates: when they change, every page is rendered again."""
    nav = hashlib.sha1(theme.encode())
    nav.update(repr(site.info).encode())
    nav.update(str(site.today).encode())
    for doc in site.docs.values():  # titles in the navigation, banners of drafts in the preview
        if isinstance(doc, (PageDoc, GuideDoc)):
            nav.update(page_facts(doc).encode())
    data = hashlib.sha1(repr((site.programs, site.events)).encode()).hexdigest()
    base = nav.hexdigest()
    out: dict[str, str] = {NOT_FOUND: base}
    for src, doc in site.docs.items():
        h = hashlib.sha1(base.encode())
        h.update(doc.body.encode())
        h.update(repr(doc.meta).encode())
        h.update(page_facts(doc).encode())
        if isinstance(doc, (PageDoc, GuideDoc)):
            h.update(data.encode())  # program lists, upcoming events, contact facts
        for other in shown(site, doc, related):
            h.update(page_facts(other).encode())
        out[src] = h.hexdigest()
    for src, (markdown, title, summary) in generated.items():
        out[src] = hashlib.sha1(f"{base}\0{markdown}\0{title}\0{summary}".encode()).hexdigest()
    return out


def own_fingerprints(site: SiteModel) -> dict[str, str]:
    """src -> fingerprint of the page's own source only: which pages the editor changed."""
    return {src: hashlib.sha1(f"{doc.body}\0{doc.meta!r}".encode()).hexdigest() for src, doc in site.docs.items()}


# An edit that shows on more pages than this (a new title appears in the related lists of 200
# articles at 1,000 pages) is shown in steps: first the edited pages and their issue pages, then the
# other pages that show them, this many per build, so that the editor's next edit never waits
# behind a long build of pages nobody is looking at.
FIRST_STEP_LIMIT = 30


def first_step(site: SiteModel, changed: set[str], edited: set[str], limit: int = FIRST_STEP_LIMIT) -> set[str]:
    """The pages to render now; the rest of `changed` waits for the next build."""
    if len(changed) <= limit:
        return changed
    now = edited & changed
    if not now:  # a following step: the next pages in a stable order
        return set(sorted(changed)[:limit])
    for src in list(now):
        doc = site.docs.get(src)
        if doc is not None and doc.issue is not None:
            now.add(doc.issue.doc.src)
    return now & changed
