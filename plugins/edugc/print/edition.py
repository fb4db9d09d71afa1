"""The print edition of one issue: 교육금천 소식지 as staff hand it out, on A4.

A nameplate and the issue's lead on page 1, every article in order (two columns where text reads
well on A4; tables and pictures across both), the article's QR code kept with its last lines, and a
back page on the last, even side. A standalone page (not a Material page) because it is built from
the other pages' rendered HTML, which exists only after they render, and because paper needs none
of the site's chrome or scripts.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from markupsafe import Markup, escape

from ..model import Issue, SiteModel
from ..pages import text
from ..pages.render import render
from .. import urls
from ..urls import absolute, relative
from .back import back_page
from .links import (annotate_external, insert_after_paragraph, mark_wide_tables, move_fragment, open_details,
                    shift_headings, short_url, split_last_block)
from .qr import qr_svg
from .style import print_variables

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


@functools.lru_cache(maxsize=8)
def stylesheet(name: str) -> Markup:
    """The KRDS colours, the rules every print page shares, then the page's own (read once)."""
    common = (TEMPLATES / "print.css").read_text(encoding="utf-8")
    own = (TEMPLATES / name).read_text(encoding="utf-8")
    return Markup(print_variables() + common + own)


def site_address(site_url: str) -> tuple[str, str]:
    """(absolute home address for the QR code, short form to print), or ('', '') without a site URL."""
    return (absolute(site_url, ""), short_url(site_url)) if site_url else ("", "")


def edition_addresses(issue: Issue, site_url: str) -> list[tuple[str, str]]:
    """(address, label) of every QR code in an issue's edition, so they can be drawn ahead."""
    pairs = [(absolute(site_url, a.url) if site_url else a.url, f"‘{a.title}’ 기사 주소 QR 코드") for a in issue.articles]
    home, _ = site_address(site_url)
    if home:
        pairs.append((home, SITE_QR_LABEL))
    return pairs


SITE_QR_LABEL = "교육금천 누리집 주소 QR 코드"


def edition_html(site: SiteModel, issue: Issue, rendered: dict[str, str], *, site_url: str,
                 fonts: dict[str, str], qr: Callable[[str, str], str] = qr_svg, mark: str = "",
                 cover: str = "", share=None, today: dt.date | None = None, with_pdf: bool = False) -> PrintEdition:
    """rendered: the engine's HTML of each page by site-relative URL; fonts: weight -> site path;
    mark: the site's logo (inline SVG); cover: the issue's cover picture as HTML for the issue page."""
    url = print_url(issue)
    title = f"{text.UI['issue_masthead'].format(number=issue.number)} · {issue.doc.title}"

    def prepare(doc_url: str, fragment: str, prefix: str) -> str:
        body = move_fragment(fragment, doc_url, url, prefix)
        return mark_wide_tables(annotate_external(open_details(shift_headings(body)), site_url))

    stories = []
    for index, (article, (address, label)) in enumerate(zip(issue.articles, edition_addresses(issue, site_url)), start=1):
        body = prepare(article.url, rendered.get(article.url, ""), f"s{index}-")
        quote = getattr(article.meta, "pull_quote", None)
        if quote:  # the article's own words again, large: screen readers have just read them
            body = insert_after_paragraph(body, f'<aside class="pull-quote" aria-hidden="true"><p>{escape(quote)}</p></aside>')
        before, last = split_last_block(body)
        stories.append({
            "doc": article, "anchor": f"story-{index}", "before": Markup(before), "last": Markup(last),
            "address": address, "short": short_url(address) if site_url else address,
            "qr": Markup(qr(address, label)),
        })
    home, home_short = site_address(site_url)
    back = back_page(site, site_url, today or site.today)
    page = render(
        "edition.html",
        issue=issue, info=site.info, title=title, stories=stories,
        intro=Markup(prepare(issue.doc.url, rendered.get(issue.doc.url, ""), "intro-")),
        cover=Markup(prepare(issue.doc.url, cover, "cover-")) if cover else "",
        css=stylesheet("edition.css"), fonts={weight: relative(url, path) for weight, path in fonts.items()},
        running=text.UI["issue_masthead"].format(number=issue.number), mark=Markup(mark), share=share,
        site_address=home_short, site_qr=Markup(qr(home, SITE_QR_LABEL)) if home else "",
        back=back, online=relative(url, issue.doc.url), pdf=relative(url, issue.doc.url + pdf_name(issue)) if with_pdf else None)
    return PrintEdition(issue=issue, html=page, url=url, title=title)


def issue_print_links(issue: Issue, *, with_pdf: bool) -> str:
    """The links on the issue page to its print edition and PDF."""
    return render("issue_links.html", pdf=pdf_name(issue) if with_pdf else None)
