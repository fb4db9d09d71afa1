"""What editors write as HTML never runs as script on our site.

Markdown lets an editor paste raw HTML (`<span onclick=...>`), add attributes to any element
(attr_list: `{: onclick=... }`), nest HTML around Markdown (md_in_html) and link anywhere
(`[x](javascript:...)`). Pages, feeds, print editions and the search index are all made from the
one rendered body, so the body is cleaned once, here, as Markdown renders it:

- raw HTML fragments go through nh3 (the maintained Rust `ammonia` allowlist sanitiser);
- single inline tags (Markdown stores `<span ...>` and `</span>` apart) and the element tree
  (attr_list, md_in_html, links) go through the same allowlist in Python.
Markdown's own output (headings, lists, tables, links to pages) passes unchanged.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from xml.etree import ElementTree as etree

import nh3
from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = frozenset({
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite",
    "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "nav", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small",
    "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul", "var", "wbr", "label",
})
# Dropped with everything inside them (the rest of the disallowed tags are unwrapped: their text stays).
DROPPED_WHOLE = frozenset({"script", "style", "iframe", "object", "embed", "applet", "frame", "frameset",
                           "template", "noscript", "svg", "math", "form", "button", "select", "textarea",
                           "base", "link", "meta", "title", "head", "audio", "video", "canvas", "portal"})
GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "rel", "target", "download", "type"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes",
                      "fetchpriority"}),
    "source": frozenset({"srcset", "sizes", "type", "media", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "headers", "align"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr", "align"}),
    "col": frozenset({"span"}), "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}), "li": frozenset({"value"}),
    "time": frozenset({"datetime"}), "details": frozenset({"open"}), "abbr": frozenset({"title"}),
    "blockquote": frozenset({"cite"}), "q": frozenset({"cite"}), "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    # pymdownx.tasklist draws its boxes as disabled checkboxes.
    "input": frozenset({"type", "disabled", "checked"}),
}
PREFIX_ATTRIBUTES = ("aria-", "data-")
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "srcset"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_ALIGN_RE = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")  # browsers skip these inside a scheme ("java\tscript:")


def safe_url(value: str) -> bool:
    """A link or source that cannot run script: relative, or http(s), mailto, tel."""
    url = _IGNORED_IN_URLS.sub("", html.unescape(value)).lower()
    match = _SCHEME_RE.match(url)
    return match is None or match.group(1) in URL_SCHEMES


def _srcset_safe(value: str) -> bool:
    return all(safe_url(part.strip().split(" ")[0]) for part in value.split(",") if part.strip())


def allowed_attribute(tag: str, name: str, value: str | None) -> bool:
    name = name.lower()
    if name.startswith("on") or name in ("formaction", "action", "xmlns", "srcdoc"):
        return False
    allowed = (name in GENERIC_ATTRIBUTES or name.startswith(PREFIX_ATTRIBUTES) or name == "style"
               or name in TAG_ATTRIBUTES.get(tag, frozenset()))
    if not allowed:
        return False
    if tag == "input":
        return name != "type" or (value or "").lower() == "checkbox"
    if name == "style":  # Markdown's tables align columns with it; nothing else is kept
        return tag in ("td", "th") and _ALIGN_RE.match(value or "") is not None
    if name == "srcset":
        return _srcset_safe(value or "")
    if name in URL_ATTRIBUTES:
        return safe_url(value or "")
    return True


_NH3_ATTRIBUTES = {tag: set(names) for tag, names in TAG_ATTRIBUTES.items() if tag != "input"}
_NH3_ATTRIBUTES["td"] |= {"style"}
_NH3_ATTRIBUTES["th"] |= {"style"}
_NH3_ATTRIBUTES["*"] = set(GENERIC_ATTRIBUTES)


def clean_fragment(fragment: str) -> str:
    """A raw HTML block through the allowlist (nh3); what it drops, it drops with its content."""
    return nh3.clean(fragment, tags=set(ALLOWED_TAGS), clean_content_tags=set(DROPPED_WHOLE) - {"svg", "math"},
                     attributes=_NH3_ATTRIBUTES, generic_attribute_prefixes=set(PREFIX_ATTRIBUTES),
                     url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=True,
                     attribute_filter=lambda tag, name, value: value if allowed_attribute(tag, name, value) else None)


_ONE_TAG = re.compile(r"^<(/?)([A-Za-z][\w:-]*)(\s[^<>]*)?/?>$", re.S)


class _StartTag(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: tuple[str, list[tuple[str, str | None]]] | None = None

    def handle_starttag(self, tag, attrs):
        self.found = (tag, attrs)

    handle_startendtag = handle_starttag


def clean_tag(raw: str) -> str | None:
    """One inline tag as Markdown stores it ('<span class="x">' or '</span>'); None if not one tag."""
    match = _ONE_TAG.match(raw.strip())
    if not match:
        return None
    closing, tag = match.group(1), match.group(2).lower()
    if tag not in ALLOWED_TAGS and tag != "input":
        return ""
    if closing:
        return f"</{tag}>"
    parser = _StartTag()
    parser.feed(raw)
    parser.close()
    if parser.found is None:
        return ""
    if tag == "input" and not any(n == "type" and (v or "").lower() == "checkbox" for n, v in parser.found[1]):
        return ""  # only pymdownx.tasklist's disabled checkboxes
    kept = "".join(f' {name}="{html.escape(value or "", quote=True)}"' if value is not None else f" {name}"
                   for name, value in parser.found[1] if allowed_attribute(tag, name, value))
    return f"<{tag}{kept}>"


def clean_tree(root: etree.Element) -> None:
    """The same allowlist over elements (attr_list attributes, md_in_html blocks, link targets)."""
    for parent in list(root.iter()):
        index = 0
        while index < len(parent):
            child = parent[index]
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag not in ALLOWED_TAGS and tag not in TAG_ATTRIBUTES:
                _remove(parent, index, keep_inside=tag not in DROPPED_WHOLE)
                continue
            had_href = "href" in child.attrib
            for name, value in list(child.attrib.items()):
                if not allowed_attribute(tag, name, value):
                    del child.attrib[name]
            # A link whose target was unsafe becomes its text; an image without a source goes
            # (MkDocs' link rewriting, which runs next, expects both to carry one).
            if (tag == "a" and had_href and "href" not in child.attrib) or \
                    (tag == "img" and "src" not in child.attrib):
                _remove(parent, index, keep_inside=tag == "a")
                continue
            index += 1


def _remove(parent: etree.Element, index: int, *, keep_inside: bool) -> None:
    child = parent[index]
    tail = child.tail or ""
    inside = [child.text or ""] if keep_inside else []
    children = list(child) if keep_inside else []
    parent.remove(child)
    if keep_inside:  # unwrap: the element's text and children take its place
        for offset, grandchild in enumerate(children):
            parent.insert(index + offset, grandchild)
    text = "".join(inside)
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
        tail = ""
    _append_text(parent, index, text + tail)


def _append_text(parent: etree.Element, index: int, text: str) -> None:
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text


class _TreeCleaner(Treeprocessor):
    def run(self, root):
        clean_tree(root)


class _RawCleaner(Postprocessor):
    """Runs just before Markdown puts the stored raw HTML back into the page."""

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(blocks):
            if isinstance(block, str):
                if not block.strip():
                    continue
                tag = clean_tag(block)
                if tag is None:
                    blocks[index] = clean_fragment(block)
                else:  # keep the space Markdown stored with the tag ('<input .../> done')
                    stripped = block.strip()
                    start = block.index(stripped)
                    blocks[index] = block[:start] + tag + block[start + len(stripped):] if tag else tag
            elif isinstance(block, etree.Element):
                holder = etree.Element("div")
                holder.append(block)
                clean_tree(holder)
                blocks[index] = holder[0] if len(holder) else ""
        return text


class SanitiseExtension(Extension):
    """Markdown extension: every raw HTML fragment, attribute and link through one allowlist."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_TreeCleaner(md), "edugc_sanitise", 0.5)  # after attr_list (8) and toc (5)
        md.postprocessors.register(_RawCleaner(md), "edugc_sanitise_raw", 31)  # before raw_html (30)


def makeExtension(**kwargs):  # noqa: N802 (Markdown loads extensions by this name)
    return SanitiseExtension(**kwargs)
