"""Every address the site makes, in one place: pages, issues, articles, lists, programs, events,
calendar files, print editions, PDFs, share cards and assets.

The ground floor: plain strings in, site-relative URLs out ('' is the home page, directories end in
'/'), no import from the rest of the package, so the model and every capability can use it. Short
ASCII addresses even for Korean names: a Hangul file name or tag is romanised syllable by syllable
(Revised Romanization, without the sound changes across syllables), so a link pasted into KakaoTalk
or printed as a QR code stays readable instead of becoming percent-encoded Hangul.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
from pathlib import PurePosixPath

# -- romanised slugs -------------------------------------------------------------------------------

_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_MEDIAL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
           "wi", "yu", "eu", "ui", "i"]
_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
          "t", "t", "ng", "t", "t", "k", "t", "p", "t"]


def romanise(text: str) -> str:
    out = []
    for char in unicodedata.normalize("NFC", text):
        code = ord(char) - 0xAC00
        if 0 <= code < 11172:
            initial, rest = divmod(code, 588)
            medial, final = divmod(rest, 28)
            out.append(_INITIAL[initial] + _MEDIAL[medial] + _FINAL[final])
        else:
            out.append(char)
    return "".join(out)


def slugify(text: str) -> str:
    """'고교학점제 안내' -> 'gogyohakjeomje-annae'; 'Susi_Guide' -> 'susi-guide'."""
    text = romanise(text).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "page"


def _ascii(text: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9_-]+", text) is not None


def name_slug(name: str) -> str:
    """A file or folder name as a URL part: ASCII names lower-cased as written, others romanised."""
    return name.lower() if _ascii(name) else slugify(name)


# -- between addresses -----------------------------------------------------------------------------

def relative(from_url: str, to_url: str) -> str:
    """relative('newsletter/1/', 'programs/x/') -> '../../programs/x/': the site works under any sub-path."""
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
    """The full address of a site-relative URL (feeds, calendars, share cards, QR codes)."""
    return site_url.rstrip("/") + "/" + url.lstrip("/")


def paged(url: str, page: int) -> str:
    """Page N of a paginated list: the list's own address for page 1, then '<list>page/N/'."""
    return url if page <= 1 else f"{url}page/{page}/"


def asset_url(doc_src: str, path: str) -> str:
    """Where a file written next to a page is published: its path under content/, unchanged."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc_src), path))


# -- pages editors write ---------------------------------------------------------------------------

def page_url(src: str, slug: str | None) -> str:
    """Directory URL for a plain page: 'about.md' -> 'about/', 'guides/index.md' -> 'guides/'."""
    path = PurePosixPath(src)
    folders = [name_slug(p) for p in path.parent.parts]
    if path.stem == "index" and not slug:
        return "/".join(folders) + "/" if folders else ""
    return "/".join(folders + [slug or name_slug(path.stem)]) + "/"


def own_name(src: str, slug: str | None) -> str:
    """The last part of a story's or guide's address: its slug, else its file name."""
    return slug or name_slug(PurePosixPath(src).stem)


def issue_url(number: int) -> str:
    return f"newsletter/{number}/"


def article_url(issue: str, src: str, slug: str | None) -> str:
    """An issue's article lives under its issue: 'newsletter/3/credit-basics/'."""
    return f"{issue}{own_name(src, slug)}/"


def notice_url(src: str, slug: str | None) -> str:
    return f"notices/{own_name(src, slug)}/"


def guide_url(src: str, slug: str | None) -> str:
    return f"guides/{own_name(src, slug)}/"


GUIDES_URL = "guides/"
CONTACT_URL = "contact/"
COUNSELLING_PROGRAM = "always-counselling"  # the program families book counselling through


# -- the newsletter's lists and feeds --------------------------------------------------------------

ARCHIVE = "newsletter/"
TAGS = "newsletter/tags/"
CATEGORIES = "newsletter/category/"
FEED_FILES = {"rss": "feed.xml", "atom": "atom.xml"}


def tag_url(tag: str, page: int = 1) -> str:
    return paged(f"{TAGS}{slugify(tag)}/", page)


def category_url(category: str, page: int = 1) -> str:
    return paged(f"{CATEGORIES}{slugify(category)}/", page)


# -- programs and events ---------------------------------------------------------------------------

DIRECTORY_URL = "programs/"
EVENTS_URL = "events/"
PAST_URL = "events/past/"
FEED_PATH = "events.ics"
PROGRAMS_SCRIPT = "assets/gc-programs.js"


def program_url(program_id: str) -> str:
    return f"{DIRECTORY_URL}{program_id}/"


def audience_url(slug: str) -> str:
    return f"{DIRECTORY_URL}for/{slug}/"


def family_url(slug: str) -> str:
    return f"{DIRECTORY_URL}family/{slug}/"


def past_url(page: int = 1) -> str:
    return paged(PAST_URL, page)


def event_ics(event_id: str) -> str:
    return f"{EVENTS_URL}{event_id}.ics"


# Application deadlines: an RSS feed (each a week before it) and a calendar (edugc.programs.deadlines).
DEADLINES_RSS = "deadlines.xml"
DEADLINES_ICS = "deadlines.ics"


# -- short addresses for messages ------------------------------------------------------------------
# A 문자 carries 90 bytes and a printed or spoken link must be easy to type: every issue and program
# also answers at a short address, a redirect page to its own, kept in the published-URL ledger.

SHORT_ISSUE, SHORT_PROGRAM = "n/", "p/"


def short_issue_url(number: int) -> str:
    """short_issue_url(3) -> 'n/3/' (교육금천 소식지 제3호)."""
    return f"{SHORT_ISSUE}{number}/"


def short_program_url(program_id: str) -> str:
    """short_program_url('parent-academy') -> 'p/parent-academy/'."""
    return f"{SHORT_PROGRAM}{program_id}/"


def event_entry(program_id: str, event_id: str) -> str:
    """An event's own entry on its program's page."""
    return f"{program_url(program_id)}#{event_id}"


# -- posters of programs and events (edugc/print) --------------------------------------------------

POSTER_PDF_PREFIX = "gyoyuk-geumcheon-poster-"


def poster_url(subject_id: str, *, event: bool) -> str:
    """A program's or event's A4 poster page: 'programs/<id>/poster/', 'events/<id>/poster/'."""
    return f"{EVENTS_URL if event else DIRECTORY_URL}{subject_id}/poster/"


def poster_pdf(subject_id: str, *, event: bool) -> str:
    """The poster's PDF, inside its page's folder: made again from data on every build and withdrawn
    when the program or event is over, while the page itself stays (publish/ledger.py relies on it).
    An ASCII name: a Korean one turns into a long percent-encoded address."""
    return f"{poster_url(subject_id, event=event)}{POSTER_PDF_PREFIX}{subject_id}.pdf"


# -- print editions --------------------------------------------------------------------------------

PRINT_FONT_DIR = "assets/fonts"


def print_url(issue: str) -> str:
    """The A4 print edition of the issue at `issue` (its URL)."""
    return f"{issue}print/"


def pdf_name(number: int) -> str:
    # ASCII file name: a Korean one turns into a long percent-encoded address.
    return f"gyoyuk-geumcheon-{number}.pdf"


# -- share cards, scripts, stylesheets and the search index ----------------------------------------

ASSETS = "assets/"  # the site's own files (never an editor's picture to process)
THEME_STYLESHEET = "assets/krds.css"
CARD_DIR = "assets/cards"
DEFAULT_CARD = "default.png"
WORKER_DIR = "assets/javascripts"
SEARCH_FOLDER = "search/"                      # Material's search writes here
SEARCH_INDEX = "search/search_index.json"
SEARCH_DIR = "search/edugc/"


def card_name(url: str) -> str:
    """'newsletter/1/credit-basics/' -> 'newsletter-1-credit-basics.png'; the home page -> 'home.png'."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", url.strip("/")).strip("-")
    return f"{stem or 'home'}.png"


def card_url(name: str) -> str:
    return f"{CARD_DIR}/{name}"


def search_worker(digest: str) -> str:
    """The search worker, named by its content so browsers never keep a stale copy."""
    return f"{WORKER_DIR}/edugc-search.{digest}.js"


# -- the web editor (edugc.cms): for staff, never an address readers keep --------------------------

ADMIN = "admin/"                    # the editor's page; its bundle lies beside it
ADMIN_CONFIG = f"{ADMIN}config.yml"  # the form Decap CMS reads, made from the schema
ADMIN_API = f"{ADMIN}api/v1"         # the preview's local back end (edugc.cms.backend)
ADMIN_ICON = f"{ASSETS}favicon.svg"  # the site's own icon (theme.favicon in mkdocs.yml)
# Decap's default picture address (content/assets/ is published as assets/); every collection of
# ours overrides it and keeps pictures beside their page.
EDITOR_MEDIA = "/" + ASSETS.rstrip("/")


def admin_file(name: str) -> str:
    """A file of the editor's bundle, published beside its page."""
    return f"{ADMIN}{name}"


# -- the editor's preview only (never in a published build) ----------------------------------------

PREVIEW_DIR = "_preview/"
PREVIEW_PROBLEMS = PREVIEW_DIR + "problems.json"   # what the last preview build found wrong
PREVIEW_SCRIPT = PREVIEW_DIR + "problems.js"       # shows it over the page, in Korean
