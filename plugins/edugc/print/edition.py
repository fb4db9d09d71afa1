"""The print edition of one issue: every article in order on one standalone page for A4.

A standalone page (not a Material page) because it is built from the other pages' rendered HTML,
which exists only after they render, and because paper needs none of the site's chrome or scripts.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from markupsafe import Markup

from ..model import Issue, SiteModel
from ..pages import text
from ..pages.render import render
from .. import urls
from ..urls import absolute, relative
from .links import annotate_external, move_fragment, open_details, shift_headings, short_url
from .qr import qr_svg

TEMPLATES = Path(__file__).parent / "templates"


def print_url(issue: Issue) -> str:
    return urls.print_url(issue.doc.url)


def pdf_name(issue: Issue) -> str:
    return urls.pdf_name(issue.number)


@dataclass
class PrintEdition:
    issue: Issue
    html: str        # the standalone page
    url: str         # where it is published, site-relative
    title: str       # also the PDF's title


def edition_addresses(issue: Issue, site_url: str) -> list[tuple[str, str]]:
    """(address, label) of every QR code in an issue's edition, so they can be drawn ahead."""
    return [(absolute(site_url, a.url) if site_url else a.url, f"‘{a.title}’ 기사 주소 QR 코드") for a in issue.articles]


def edition_html(site: SiteModel, issue: Issue, rendered: dict[str, str], *, site_url: str,
                 fonts: dict[str, str], qr: Callable[[str, str], str] = qr_svg) -> PrintEdition:
    """rendered: the engine's HTML of each page by site-relative URL; fonts: weight -> site path."""
    url = print_url(issue)
    title = f"{text.UI['issue_masthead'].format(number=issue.number)} · {issue.doc.title}"

    def prepare(doc_url: str, prefix: str) -> Markup:
        body = move_fragment(rendered.get(doc_url, ""), doc_url, url, prefix)
        body = annotate_external(open_details(shift_headings(body)), site_url)
        return Markup(body)  # the engine's own output: already escaped where it holds text

    stories = []
    for index, (article, (address, label)) in enumerate(zip(issue.articles, edition_addresses(issue, site_url)), start=1):
        stories.append({
            "doc": article, "anchor": f"story-{index}", "body": prepare(article.url, f"s{index}-"),
            "address": address, "short": short_url(address) if site_url else address,
            "qr": Markup(qr(address, label)),
        })
    css = _css()
    font_urls = {weight: relative(url, path) for weight, path in fonts.items()}
    page = render("edition.html",
        issue=issue, info=site.info, title=title, stories=stories, intro=prepare(issue.doc.url, "intro-"),
        css=Markup(css), fonts=font_urls, footer=text.UI["issue_masthead"].format(number=issue.number),
        site_address=short_url(site_url) if site_url else "", online=relative(url, issue.doc.url))
    return PrintEdition(issue=issue, html=page, url=url, title=title)


@functools.lru_cache(maxsize=1)
def _css() -> str:
    return (TEMPLATES / "edition.css").read_text(encoding="utf-8")


def issue_print_links(issue: Issue, *, with_pdf: bool) -> str:
    """The links on the issue page to its print edition and PDF."""
    return render("issue_links.html", pdf=pdf_name(issue) if with_pdf else None)
