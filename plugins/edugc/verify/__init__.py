"""What the build would refuse, found without building it.

Links and anchors (from a real render of every body), pictures that cannot be read, addresses that
two outputs would share (pages, aliases, the lists, program and event pages, feeds, calendars, print
editions, search data and the site's own files), tags that share an address, and the navigation of
mkdocs.yml. `edugc check` and the build (edugc/content, before any page is rendered) run this one
function on the validated model, so "문제 없음" means the build goes through.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..model import ContentError, Problem, Problems, SiteModel
from ..pages.text import korean_date
from .extract import Extracted, target_src
from .project import Project

__all__ = ["Extracted", "Outputs", "Project", "Report", "soon_note", "target_src", "verify"]


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings that do not stop a build (Korean, file:line)
    # Of the problems, those a page still renders through (links, anchors, the navigation): a build
    # refuses them, but the editor's preview shows the edited pages with these laid over them.
    renders_through: list[Problem] = field(default_factory=list)


def soon_note(site: SiteModel, src: str) -> str | None:
    """What a link to a page that is not public yet shows instead ("공개 예정: 2027년 1월 5일")."""
    if src not in site.hidden:
        return None
    day = site.hidden[src]
    return f"공개 예정: {korean_date(day)}" if day else "준비 중인 글"


def verify(site: SiteModel, project: Project) -> Report:
    """Every problem the build would stop on, root causes first; raises nothing."""
    from .addresses import check_addresses
    from .links import Links
    from .pictures import check_pictures

    problems = Problems()
    report = Report()
    outputs = _outputs(site, project, problems)
    links = Links(site, project, outputs)
    pages = links.extract_all()
    check_addresses(site, project, outputs, problems)
    check_pictures(site, project, pages, problems)
    linking = Problems()
    links.check(pages, linking, report.notes)
    links.check_nav(linking, report.notes)
    links.save()
    report.renders_through = linking.sorted()
    report.problems = Problems(problems.items + linking.items).sorted()
    return report


@dataclass
class Outputs:
    """What the build makes besides the editors' pages: generated pages by source path (with their
    Markdown), the files it writes, and folders that only the build writes into."""

    pages: dict[str, tuple[str, str]] = field(default_factory=dict)   # src -> (url, markdown)
    files: set[str] = field(default_factory=set)                      # site paths of files
    linkable: set[str] = field(default_factory=set)                   # files a Markdown link may name
    folders: tuple[str, ...] = ()
    whole: dict[str, Callable[[], str]] = field(default_factory=dict)  # src -> the page's whole Markdown


def _outputs(site: SiteModel, project: Project, problems: Problems) -> Outputs:
    from .. import urls
    from ..newsletter.feeds import feeds_of
    from ..newsletter.pages import NewsletterPages, check_slugs
    from ..programs import ProgramPages
    from ..programs.views import event_ics_path

    out = Outputs(folders=(urls.ASSETS, urls.SEARCH_FOLDER))
    try:
        check_slugs(site, project.content_dir)
    except ContentError as err:
        for p in err.problems:
            problems.add(p.path, p.line, p.message, p.fix, p.col)
    programs = ProgramPages(site, project.site_url or "http://localhost/", per_page=project.programs_per_page)
    for src, url in NewsletterPages(site, project.newsletter_per_page).addresses() + programs.addresses():
        out.pages[src] = (url, "")
    for program in site.programs:  # a program page is Markdown (its description): its links count
        src, url = f"programs/{program.id}.md", urls.program_url(program.id)
        out.pages[src] = (url, programs.description_markdown(program))
        # Its whole Markdown (facts and upcoming events around the description) only when a link
        # names a place on it: drawing the page costs the templates.
        out.whole[src] = lambda program=program: programs.program_page(program).markdown
    made = {urls.PROGRAMS_SCRIPT, urls.FEED_PATH, urls.DEADLINES_RSS, urls.DEADLINES_ICS, "robots.txt",
            f"{urls.PRINT_FONT_DIR}/OFL.txt"}
    made |= {event_ics_path(e) for e in site.events}
    out.linkable = set(made)
    made |= {feed.folder + name for feed in feeds_of(site) for name in urls.FEED_FILES.values()}
    for issue in site.issues:
        made.add(urls.print_url(issue.doc.url) + "index.html")
        made.add(issue.doc.url + urls.pdf_name(issue.number))
    made |= {"sitemap.xml", "sitemap.xml.gz", "404.html", urls.SEARCH_INDEX, urls.THEME_STYLESHEET}
    out.files = made
    return out
