"""Which SVG pictures may be published: none that could run script or fetch from elsewhere.

An SVG served from our origin is a document: opened by itself (a link, a download), it runs any
script in it with the site's rights. So every SVG under content/ is read with a real XML parser,
line by line, and refused with the line when it holds script, event handlers, links that run
(`javascript:` however written), animations that rewrite a link, or references to other origins.
"""
from __future__ import annotations

import html
import re
import xml.parsers.expat

# Elements that run script, embed other documents, or listen for events.
ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "audio",
                   "video", "discard"}
ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
_URL_IN_CSS = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_SAFE_DATA = re.compile(r"^data:image/(png|jpe?g|gif|webp);base64,", re.I)
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")

FIX = "그림 편집기에서 스크립트·링크 없이 '일반 SVG'로 다시 저장하거나, PNG로 내보내 넣으세요"


def _reference_ok(value: str) -> bool:
    """Inside the picture itself (#id) or an embedded raster image; nothing that runs or leaves."""
    url = _IGNORED.sub("", html.unescape(value))
    return url.startswith("#") or bool(_SAFE_DATA.match(url)) or url == ""


def _css_problem(text: str) -> str | None:
    lowered = _IGNORED.sub("", text.lower())
    if "@import" in lowered or "expression(" in lowered or "javascript:" in lowered or "-moz-binding" in lowered:
        return "스타일에 외부 파일을 불러오거나 스크립트를 실행하는 부분(@import, javascript:)이 있습니다"
    for match in _URL_IN_CSS.finditer(text):
        if not _reference_ok(match.group(2)):
            return f"스타일이 그림 밖의 파일을 불러옵니다 (url({match.group(2)[:60]}))"
    return None


def svg_problems(data: bytes) -> list[tuple[int, str]]:
    """(line, what is wrong) for everything in an SVG that may not be published; [] when it is safe."""
    problems: list[tuple[int, str]] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    styles: list[int] = []   # lines of open <style> elements
    texts: list[str] = []

    def add(message: str) -> None:
        problems.append((parser.CurrentLineNumber, message))

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = name.rsplit("}", 1)[-1].lower()
        if tag in ACTIVE_ELEMENTS:
            add(f"<{tag}> 요소(스크립트나 다른 문서)가 있습니다")
        if tag == "style":
            styles.append(parser.CurrentLineNumber)
        for attr, value in attrs.items():
            local = attr.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                add(f"{local} 속성(스크립트)이 있습니다")
            elif local in ("href", "src", "action", "formaction") and not _reference_ok(value):
                add(f"<{tag}>의 {local}이(가) 그림 밖을 가리킵니다 ({value[:60]}): 링크·외부 파일은 쓸 수 없습니다")
            elif local == "style" and (found := _css_problem(value)):
                add(found)
            elif tag in ANIMATIONS and local == "attributename" and (
                    value.rsplit(":", 1)[-1].lower() in ("href", "src") or value.lower().startswith("on")):
                add(f"<{tag}>가 {value} 속성을 바꿉니다 (링크를 스크립트로 바꿀 수 있습니다)")
            elif tag in ANIMATIONS and local in ("to", "from", "values", "by") and "script:" in \
                    _IGNORED.sub("", html.unescape(value)).lower():
                add(f"<{tag}>의 {local} 값에 스크립트 링크가 있습니다")
            elif local not in ("d", "points", "transform", "viewbox") and "script:" in \
                    _IGNORED.sub("", html.unescape(value)).lower():
                add(f"{local} 속성에 스크립트 링크가 있습니다")

    def end(name: str) -> None:
        if name.rsplit("}", 1)[-1].lower() == "style" and styles:
            line = styles.pop()
            found = _css_problem("".join(texts))
            if found:
                problems.append((line, found))
        texts.clear()

    def doctype(*_args) -> None:
        add("DOCTYPE 선언이 있습니다 (ENTITY로 스크립트나 외부 파일을 숨길 수 있습니다)")

    def entity(*_args) -> None:
        add("ENTITY 선언이 있습니다")

    def instruction(target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            add("외부 스타일시트(xml-stylesheet)를 불러옵니다")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = texts.append
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = instruction
    parser.ExternalEntityRefHandler = lambda *_a: 0
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as err:
        problems.append((err.lineno, f"SVG 파일을 읽을 수 없습니다 ({xml.parsers.expat.ErrorString(err.code)})"))
    return problems


def svg_text(data: bytes) -> str:
    """The words an SVG draws (<text>, <title>, <desc>): the personal-data scan reads them too."""
    parts: list[str] = []
    parser = xml.parsers.expat.ParserCreate()
    parser.CharacterDataHandler = parts.append
    parser.StartDoctypeDeclHandler = lambda *_a: None
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError:
        pass
    return "".join(parts)
