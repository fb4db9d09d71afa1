"""Writing what the web editor saved without losing what the file already said.

The editor sends whole files, rewritten from its form: YAML comments (source notes, section headings),
quoting, flow lists such as `[고등, 학부모]` and the block style of long texts would all be lost, and every
save would show as a rewrite of the whole file in Git. Here the editor's values are laid onto the file
as it is, with a round-trip YAML library: only what the editor changed is written anew.

Our loader reads YAML 1.1 (PyYAML) while round-trip dumping follows YAML 1.2, where `yes`, `on` or
`no` are plain text: such strings are quoted so that a tag or a place called "on" stays text.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.width = 4096                # never fold a long Korean sentence onto two lines
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load(text: str) -> Any:
    return _yaml().load(text)


def dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def merge_yaml(old_text: str, new_text: str) -> str:
    """The file `old_text` holding the values of `new_text`, with its comments and styles kept."""
    old, new = load(old_text), load(new_text)
    if old is None or not isinstance(new, (CommentedMap, CommentedSeq)):
        return _quoted_dump(new)
    merged = _merge(old, new)
    return _quoted_dump(merged)


def merge_markdown(old_text: str, new_text: str) -> str:
    """Front matter merged as YAML; the body as the editor wrote it (unless only spacing changed)."""
    old_match, new_match = _FRONT.match(old_text), _FRONT.match(new_text)
    if not old_match or not new_match:
        return new_text
    front = merge_yaml(old_match.group(1) or "", new_match.group(1) or "")
    old_body, new_body = old_text[old_match.end():], new_text[new_match.end():]
    body = old_body if old_body.strip() == new_body.strip() else new_body
    if body and not body.endswith("\n"):
        body += "\n"
    return f"---\n{front}---\n{body}"


def _merge(old: Any, new: Any) -> Any:
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        for position, (key, value) in enumerate(new.items()):
            if key in old:
                old[key] = _merge(old[key], value)
            else:
                old.insert(min(position, len(old)), key, _fresh(value))
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        if _keyed(old) and _keyed(new) and [i["id"] for i in old] != [i["id"] for i in new]:
            # Items added, removed or moved: each kept item carries its own comments along.
            by_id = {item["id"]: item for item in old}
            items = [_merge(by_id[i["id"]], i) if i["id"] in by_id else _fresh(i) for i in new]
            del old[:]
            old.extend(items)
            return old
        for index, value in enumerate(new):
            if index < len(old):
                old[index] = _merge(old[index], value)
            else:
                old.append(_fresh(value))
        del old[len(new):]
        return old
    if _same(old, new):
        return old
    return _fresh(new)


def _keyed(items: list) -> bool:
    ids = [i.get("id") for i in items if isinstance(i, dict)]
    return len(ids) == len(items) and all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return old.rstrip() == new.rstrip()  # a text box drops the final newline of a block text
    return type(old) is type(new) and old == new or (
        isinstance(old, (dt.date, str)) and isinstance(new, (dt.date, str)) and str(old) == str(new))


def _fresh(value: Any) -> Any:
    """A new value in the files' style: long texts as blocks (`|`), everything else as given."""
    if isinstance(value, dict):
        for key in value:
            value[key] = _fresh(value[key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _fresh(item)
    elif isinstance(value, str) and "\n" in value and not isinstance(value, LiteralScalarString):
        return LiteralScalarString(value)  # "|" or "|-": exactly the text the editor typed
    return value


def _quoted_dump(data: Any) -> str:
    _quote_ambiguous(data)
    return dump(data)


def _quote_ambiguous(node: Any) -> None:
    """Quote plain strings that YAML 1.1 (our loader) would read as something other than text."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, (dict, list)):
            _quote_ambiguous(value)
        elif isinstance(value, str) and not isinstance(value, ScalarString) and "\n" not in value:
            try:
                reread = pyyaml.safe_load(value)
            except pyyaml.YAMLError:
                reread = None
            if reread != value:
                node[key] = DoubleQuotedScalarString(value)
