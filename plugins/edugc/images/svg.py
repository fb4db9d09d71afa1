"""SVG pictures are published as written, unless they could run script in a reader's browser."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from .process import ImageError

_ACTIVE_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "handler"}


def check_svg(path: Path, shown: str) -> None:
    """Refuse (ImageError) an SVG with script, event handlers, javascript: links or external entities."""
    data = Path(path).read_bytes()
    if b"<!ENTITY" in data or b"<!DOCTYPE" in data.upper():
        raise ImageError(shown, "SVG에 DOCTYPE/ENTITY 선언이 있어 쓸 수 없습니다",
                         "그림 편집기에서 '일반 SVG'로 다시 저장하거나 PNG로 내보내 넣으세요")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise ImageError(shown, f"SVG 파일을 읽을 수 없습니다 ({err})", "PNG로 내보내 넣으세요") from None
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in _ACTIVE_TAGS:
            raise ImageError(shown, f"SVG 안에 <{tag}> 요소(스크립트)가 있어 쓸 수 없습니다",
                             "스크립트를 뺀 SVG로 다시 저장하거나 PNG로 내보내 넣으세요")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise ImageError(shown, f"SVG 안에 {local} 속성(스크립트)이 있어 쓸 수 없습니다",
                                 "스크립트를 뺀 SVG로 다시 저장하거나 PNG로 내보내 넣으세요")
            if local == "href" and value.strip().lower().startswith(("javascript:", "data:text/html")):
                raise ImageError(shown, "SVG 안에 javascript: 링크가 있어 쓸 수 없습니다",
                                 "링크를 뺀 SVG로 다시 저장하거나 PNG로 내보내 넣으세요")
