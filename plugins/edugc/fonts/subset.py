"""Pretendard GOV for the web: subsets cut from the full font by how often the site uses each character.

A whole-Hangul weight is ~263 KB of WOFF2, far past a phone's first-view budget. The site's text
uses well under a thousand syllables, so the font is cut into unicode-range chunks in frequency
order: chunk 0 holds ASCII, punctuation and the most used syllables (nearly every page needs only
it), later chunks the rarer ones, and a browser downloads a chunk only when the page draws one of
its characters. Each chunk is cached in .cache/fonts/subsets/ under a hash of the font and the
characters, so a rebuild with the same text cuts nothing.
"""
from __future__ import annotations

import functools
import hashlib
import html as html_lib
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..cache import Cache
from ..npm import CACHE

SUBSET_CACHE = CACHE / "fonts/subsets"
FAMILY = "Pretendard GOV"
# Static weights, not the variable font: for the same 600 syllables the variable file is ~149 KB
# against ~63 KB per static weight, and the site draws only regular text and bold headings.
WEIGHTS = {400: "PretendardGOV-Regular.otf", 700: "PretendardGOV-Bold.otf"}
FIRST_CHUNK = 300   # most used syllables in chunk 0 (~48 KB per weight with ASCII)
CHUNK = 100         # rarer syllables per later chunk (~12 KB per weight)
RECIPE = "v3"       # bump when subsetting options change, to invalidate the cache
# At most this many syllables per weight get web-font chunks, so that no page, however many rare
# names it lists, pulls more than ~84 KB (regular) + ~60 KB (bold) of font: rarer syllables are drawn
# in the next font of the stack (the phone's own Korean font). Measured on the synthetic 1,000-page
# site, uncapped chunks pushed list pages to 310-430 KB.
MAX_SYLLABLES = {400: 600, 700: 400}


BOLD_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "th", "dt"}
# Elements our stylesheets set in bold; their text decides what the 700 weight must hold.
BOLD_CLASSES = {"md-tabs__link", "md-header__topic", "md-nav__title", "md-nav__link--active", "md-button",
                "gc-status", "gc-example", "gc-util__label", "md-path__item", "admonition-title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP = {"script", "style", "svg", "template"}


# One scan over a page: comments and doctypes, tags (name, attributes), text. Hand-rolled rather than
# html.parser because it runs over every page of every build: html.parser took ~1.7x as long, and
# this gives the same counts on every page of the real and the synthetic 1,000-page sites.
_TOKEN = re.compile(r"<!--.*?-->|<![^>]*>|<\?[^>]*>|<(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|[^<]+|<",
                    re.S)
_ATTR = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_DRAWN_ATTRS = ("alt", "title", "placeholder", "aria-label")
_DRAWN_INSIDE = re.compile(r"""\s(alt|title|placeholder|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SELF_CLOSED = re.compile(r"""(?:^|[\s"'])/\s*$""")  # <br/>, <path d="M0"/>; not href=/x/
# Elements whose content is never drawn as text: jump to their end tag.
_SKIP_TO_END = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in SKIP}


def count_text(page: str) -> tuple[Counter[str], Counter[str]]:
    """(every character drawn, the characters drawn bold) with how often each occurs."""
    drawn: list[str] = []
    drawn_bold: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (tag, bold)
    bold = False
    pos, end = 0, len(page)
    while pos < end:
        token = _TOKEN.match(page, pos)
        pos = token.end()
        name = token.group(2)
        if name is None:  # text, or a comment / doctype / processing instruction
            text = token.group(0)
            if text[:2] in ("<!", "<?"):
                continue
            if "&" in text:
                text = html_lib.unescape(text)
            drawn.append(text)
            if bold:
                drawn_bold.append(text)
            continue
        tag = name.lower()
        if token.group(1):  # an end tag closes the nearest open element of its name
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == tag:
                    del stack[i:]
                    break
            bold = stack[-1][1] if stack else False
            continue
        attrs = token.group(3)
        classes: list[str] = []
        if attrs and any(word in attrs for word in ("class", *_DRAWN_ATTRS)):
            for attr in _ATTR.finditer(attrs):
                key = attr.group(1).lower()
                value = next((v for v in attr.group(2, 3, 4) if v is not None), None)
                if key == "class" and value:
                    classes = value.split()
                elif key in _DRAWN_ATTRS and value:
                    drawn.append(html_lib.unescape(value))  # read aloud or shown as a tooltip
        if tag in _SKIP_TO_END:
            closing = _SKIP_TO_END[tag].search(page, pos)
            skipped, pos = page[pos:closing.start() if closing else end], closing.end() if closing else end
            for attr in _DRAWN_INSIDE.finditer(skipped):  # an icon's aria-label is still read aloud
                value = next((v for v in attr.group(2, 3, 4) if v is not None), "")
                if value:
                    drawn.append(html_lib.unescape(value))
            continue
        if tag not in VOID and not _SELF_CLOSED.search(attrs):
            bold = bold or tag in BOLD_TAGS or any(c in BOLD_CLASSES for c in classes)
            stack.append((tag, bold))
    return Counter("".join(drawn)), Counter("".join(drawn_bold))


Counts = tuple[Counter[str], Counter[str]]


def count_pages(pages: list[tuple[str, str]], per_page: bool) -> dict[str | None, Counts]:
    """Counts of several (url, html) pages: by URL, or summed under None when the caller needs only
    the total."""
    if per_page:
        return {url: count_text(page) for url, page in pages}
    every: Counter[str] = Counter()
    bold: Counter[str] = Counter()
    for _, page in pages:
        a, b = count_text(page)
        every.update(a)
        bold.update(b)
    return {None: (every, bold)}


@dataclass(frozen=True)
class Chunk:
    index: int
    chars: str

    def unicode_range(self) -> str:
        """Compact CSS unicode-range: consecutive code points merged into ranges."""
        points = sorted({ord(c) for c in self.chars})
        ranges: list[tuple[int, int]] = []
        for p in points:
            if ranges and p == ranges[-1][1] + 1:
                ranges[-1] = (ranges[-1][0], p)
            else:
                ranges.append((p, p))
        return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in ranges)


def plan_chunks(counts: Counter[str], covered: set[int], limit: int = 10**6) -> list[Chunk]:
    """Chunk 0: printable ASCII, every non-Hangul character used, the most used syllables; then the rest."""
    used = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if ord(c) in covered and not c.isspace()]
    hangul = [c for c in used if "\uac00" <= c <= "\ud7a3" or "\u3131" <= c <= "\u318e"]
    in_hangul = set(hangul)
    others = [c for c in used if c not in in_hangul]
    ascii_ = [chr(p) for p in range(0x20, 0x7F) if p in covered]
    first = "".join(dict.fromkeys(ascii_ + others + hangul[:FIRST_CHUNK]))
    chunks = [Chunk(0, first)]
    rest = hangul[FIRST_CHUNK:limit]
    for i in range(0, len(rest), CHUNK):
        chunks.append(Chunk(len(chunks), "".join(rest[i:i + CHUNK])))
    return chunks


@functools.lru_cache(maxsize=4)
def _covered(path: Path, mtime_ns: int) -> frozenset[int]:
    # Reading the cmap took 0.13 s of every preview rebuild: once per font file and version.
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True).getBestCmap())


class FontSource:
    """One installed weight, loaded once and copied for each cut (fontTools subsets in place)."""

    def __init__(self, path: Path):
        self.path = path
        self._blob: bytes | None = None
        self.fingerprint = hashlib.sha256(f"{path.name}:{path.stat().st_size}:{RECIPE}".encode()).hexdigest()

    def covered(self) -> frozenset[int]:
        return _covered(self.path, self.path.stat().st_mtime_ns)

    def cut(self, chars: str) -> bytes:
        import pickle

        from fontTools import subset
        from fontTools.ttLib import TTFont

        if self._blob is None:
            font = TTFont(self.path)
            for tag in font.keys():
                font[tag]  # load every table now, so the pickled copy is complete
            self._blob = pickle.dumps(font)
        font = pickle.loads(self._blob)
        options = subset.Options()
        options.flavor = "woff2"
        # Kerning only: Hangul syllables are precomposed, and the other OpenType features (alternates,
        # fractions, case forms) cost ~40% of chunk 0 for nothing the site draws. No vertical metrics either.
        options.layout_features = ["kern"]
        options.drop_tables += ["vhea", "vmtx", "VORG"]
        options.hinting = False
        options.desubroutinize = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in chars])
        subsetter.subset(font)
        font.flavor = "woff2"  # the option only describes the output; the font object must be told too
        font.recalcTimestamp = False  # the same characters always give the same bytes
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()


@dataclass(frozen=True)
class WebFile:
    name: str
    data: bytes


def build_webfont(counts: dict[int, Counter[str]], font_dir: Path, url_prefix: str = "fonts/",
                  cache: Path = SUBSET_CACHE) -> tuple[str, list[WebFile]]:
    """(@font-face CSS, files to publish) from the characters drawn in each weight; ("", []) without fonts.

    The bold weight is cut from the characters drawn bold only (headings, menus, labels): far fewer
    than the whole text, so a page's bold chunks are small. A bold character the count missed is
    drawn from the next font in the stack, never left blank."""
    sources = {w: font_dir / name for w, name in WEIGHTS.items()}
    if not all(p.exists() for p in sources.values()):
        return "", []
    loaded = {w: FontSource(p) for w, p in sources.items()}
    covered = loaded[400].covered()
    store = Cache(cache)
    faces, files = [], []
    for weight, source in loaded.items():
        for chunk in plan_chunks(counts.get(weight, Counter()), covered, MAX_SYLLABLES[weight]):
            # The key is part of the published name: a browser never keeps a stale chunk.
            key = hashlib.sha256(f"{source.fingerprint}:{chunk.chars}".encode()).hexdigest()[:16]
            data = store.get(f"{key}.woff2", lambda source=source, chunk=chunk: source.cut(chunk.chars))
            name = f"{Path(WEIGHTS[weight]).stem}.{chunk.index}.{key[:10]}.woff2"
            files.append(WebFile(name, data))
            faces.append(f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: {weight}; '
                         f'font-display: swap; src: url("{url_prefix}{name}") format("woff2"); '
                         f"unicode-range: {chunk.unicode_range()}; }}")
    store.prune(older_than_days=30)  # chunks of text the site no longer has
    return "\n".join(faces) + "\n", files
