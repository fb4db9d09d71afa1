"""The print edition of one issue: every article in order on one standalone page for A4.

A standalone page (not a Material page) because it is built from the other pages' rendered HTML,
which exists only after they render, and because paper needs none of the site's chrome or scripts.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..model.site import Issue, SiteModel
from ..pages import text
from ..pages.urls import absolute, relative
from .links import annotate_external, move_fragment, open_details, shift_headings, short_url
from .qr import qr_svg

TEMPLATES = Path(__file__).parent / "templates"


def print_url(issue: Issue) -> str:
    return f"{issue.doc.url}print/"


def pdf_name(issue: Issue) -> str:
    # ASCII file name: a Korean one turns into a long percent-encoded address.
    return f"gyoyuk-geumcheon-{issue.number}.pdf"


@dataclass
class PrintEdition:
    issue: Issue
    html: str        # the standalone page
    url: str         # where it is published, site-relative
    title: str       # also the PDF's title


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["kdate"] = text.korean_date
    env.globals["ui"] = text.UI
    return env


def edition_html(site: SiteModel, issue: Issue, rendered: dict[str, str], *, site_url: str,
                 fonts: dict[str, str]) -> PrintEdition:
    """rendered: the engine's HTML of each page by site-relative URL; fonts: weight -> site path."""
    url = print_url(issue)
    title = f"{text.UI['issue_masthead'].format(number=issue.number)} · {issue.doc.title}"

    def prepare(doc_url: str, prefix: str) -> Markup:
        body = move_fragment(rendered.get(doc_url, ""), doc_url, url, prefix)
        body = annotate_external(open_details(shift_headings(body)), site_url)
        return Markup(body)  # the engine's own output: already escaped where it holds text

    stories = []
    for index, article in enumerate(issue.articles, start=1):
        address = absolute(site_url, article.url) if site_url else article.url
        label = f"‘{article.title}’ 기사 주소 QR 코드"
        stories.append({
            "doc": article, "anchor": f"story-{index}", "body": prepare(article.url, f"s{index}-"),
            "address": address, "short": short_url(address) if site_url else address,
            "qr": Markup(qr_svg(address, label)),
        })
    css = (TEMPLATES / "edition.css").read_text(encoding="utf-8")
    font_urls = {weight: relative(url, path) for weight, path in fonts.items()}
    page = _env().get_template("edition.html").render(
        issue=issue, info=site.info, title=title, stories=stories, intro=prepare(issue.doc.url, "intro-"),
        css=Markup(css), fonts=font_urls, footer=text.UI["issue_masthead"].format(number=issue.number),
        site_address=short_url(site_url) if site_url else "", online=relative(url, issue.doc.url))
    return PrintEdition(issue=issue, html=page, url=url, title=title)


def issue_print_links(issue: Issue, *, with_pdf: bool) -> str:
    """The links on the issue page to its print edition and PDF."""
    return _env().get_template("issue_links.html").render(pdf=pdf_name(issue) if with_pdf else None)
