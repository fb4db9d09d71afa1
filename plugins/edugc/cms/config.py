"""The web editor's configuration (the config.yml that Decap CMS reads), made from the schema.

Nothing here is written by hand per field: every collection's fields are walked from the pydantic
models in edugc.model.schema, so the form asks for what the loader will accept. From each field's type
and constraints come its widget (dates, lists, choices, numbers, nested groups), whether it is
required, and the pattern the form enforces (addresses, phone numbers, web addresses). Labels and hints
are the Korean words of edugc.cms.labels. A schema change changes the form.

The only facts that are not in the schema's types are said once, in labels.py: which texts are long,
which field is an image and which describes it, which fields hold a program's id.
"""
from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import AnyHttpUrl, BaseModel
from pydantic.fields import FieldInfo

from ..model.docs import ArticleDoc, GuideDoc, IssueDoc, NoticeDoc
from ..model.schema import PHONE_RE, SLUG_RE, EventsFile, ProgramsFile, SiteInfo
from ..urls import EDITOR_MEDIA
from . import labels

URL_RE = r"^https?://[^\s/$.?#][^\s]*$"
_PAGE_LAST = ("draft", "slug", "aliases", "hide")  # rarely touched: after the fields every page needs
_ORDERED = {"articles"}                          # lists whose order readers see: one row per item, movable


# -- reading the schema -------------------------------------------------------------------------

def _constraints(items: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in items:
        if isinstance(item, FieldInfo):
            found.update(_constraints(item.metadata))
            continue
        for attr in ("pattern", "ge", "le", "gt", "lt", "min_length", "max_length"):
            value = getattr(item, attr, None)
            if value is not None:
                found[attr] = value
    return found


def describe(annotation: Any, metadata: list[Any] | None = None) -> tuple[Any, dict[str, Any], bool]:
    """(bare type, constraints, optional) of an annotation: Optional and Annotated unwrapped."""
    constraints = _constraints(list(metadata or []))
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            constraints.update(_constraints(extra))
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) != 1:
                raise TypeError(f"편집기 양식으로 옮길 수 없는 타입: {annotation}")
            annotation = args[0]
        else:
            return annotation, constraints, optional


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def pattern_of(name: str, constraints: dict[str, Any]) -> list[str] | None:
    """The form's [regex, message] for a text field; the schema's own regex, with its length limit."""
    regex = constraints.get("pattern")
    if regex is None:
        return None
    if regex == SLUG_RE:
        message = labels.PATTERN_MESSAGES["slug"]
    elif regex == PHONE_RE:
        message = labels.PATTERN_MESSAGES["phone"]
    elif "@" in regex:
        message = labels.PATTERN_MESSAGES["email"]
    else:
        message = labels.PATTERN_MESSAGES["url"]
    if "max_length" in constraints and regex.startswith("^"):
        regex = f"^(?=.{{0,{constraints['max_length']}}}$)" + regex[1:]
    return [regex, message]


# -- fields ---------------------------------------------------------------------------------------

def fields_of(model: type[BaseModel], *, body: bool = False) -> list[dict[str, Any]]:
    names = list(model.model_fields)
    if "title" in names:  # pages: title first, the fields of the kind, then the rarely touched ones
        names = ["title"] + [n for n in names if n not in ("title",) + _PAGE_LAST] + [n for n in _PAGE_LAST if n in names]
    out = [field_of(model, name, model.model_fields[name]) for name in names]
    if body:
        label, hint = labels.label(model.__name__, "body")
        out.append({"name": "body", "label": label, "hint": hint, "widget": "markdown",
                    # Rich text first (what staff expect); the Markdown view is one click away for tables and the like.
                    "modes": ["rich_text", "raw"], "required": False})
    return out


def field_of(model: type[BaseModel], name: str, info: FieldInfo) -> dict[str, Any]:
    owner = model.__name__
    label, hint = labels.label(owner, name)
    annotation, constraints, optional = describe(info.annotation, info.metadata)
    out: dict[str, Any] = {"name": name, "label": label}
    if hint:
        out["hint"] = hint
    required = info.is_required() and not optional
    if not required:
        out["required"] = False
    out.update(_widget(owner, name, annotation, constraints, info))
    return out


def _widget(owner: str, name: str, annotation: Any, constraints: dict[str, Any], info: FieldInfo) -> dict[str, Any]:
    default = info.get_default(call_default_factory=True) if not info.is_required() else None
    if (owner, name) in labels.PROGRAM_REFERENCES:
        many = typing.get_origin(annotation) is list
        widget = {"widget": "relation", "collection": "programs", "file": "programs",
                  "value_field": "programs.*.id", "search_fields": ["programs.*.name", "programs.*.id"],
                  "display_fields": ["programs.*.name"], "options_length": 100}
        if many:
            widget["multiple"] = True
        return widget
    if name in labels.IMAGES:
        # Beside the page (the loader resolves a cover relative to its Markdown file).
        return {"widget": "image", "choose_url": False, "media_folder": "", "public_folder": ""}
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return {"widget": "select", "options": list(typing.get_args(annotation))}
    if origin is list:
        (item,) = typing.get_args(annotation)
        item, item_constraints, _ = describe(item)
        out: dict[str, Any] = {}
        if "min_length" in constraints:
            out["min"] = constraints["min_length"]
        if typing.get_origin(item) is Literal:
            return {"widget": "select", "multiple": True, "options": list(typing.get_args(item))} | out
        if _is_model(item):
            fields = fields_of(item)
            names = [f["name"] for f in fields]
            first = next((n for n in ("name", "title", "id") if n in names), names[0])
            return {"widget": "list", "collapsed": True, "summary": "{{fields.%s}}" % first,
                    "label_singular": labels.label(owner, name)[0], "fields": fields} | out
        if item is int:
            return {"widget": "list", "field": {"name": name[:-1] or name, "label": labels.label(owner, name)[0],
                                                 "widget": "number", "value_type": "int"} | _bounds(item_constraints)} | out
        if name in _ORDERED:
            inner = {"name": "name", "label": labels.label(owner, name)[0], "widget": "string"}
            pattern = pattern_of(name, item_constraints)
            if pattern:
                inner["pattern"] = pattern
            return {"widget": "list", "field": inner} | out
        return {"widget": "list", "allow_add": True} | out  # one line, items separated by commas
    if _is_model(annotation):
        return {"widget": "object", "collapsed": default is None and not info.is_required(),
                "fields": fields_of(annotation)}
    if annotation is bool:
        return {"widget": "boolean", "default": bool(default)}
    if annotation is int:
        out = {"widget": "number", "value_type": "int"} | _bounds(constraints)
        if isinstance(default, int):
            out["default"] = default
        return out
    if annotation is dt.datetime:
        return {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm", "date_format": "YYYY-MM-DD",
                "time_format": "HH:mm", "picker_utc": False}
    if annotation is dt.date:
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                "time_format": False, "picker_utc": False}
    if annotation is AnyHttpUrl:
        return {"widget": "string", "pattern": [URL_RE, labels.PATTERN_MESSAGES["url"]]}
    if annotation is str:
        out = {"widget": "text" if (owner, name) in labels.LONG_TEXT else "string"}
        pattern = pattern_of(name, constraints)
        if pattern:
            out["pattern"] = pattern
        return out
    raise TypeError(f"편집기 양식으로 옮길 수 없는 타입: {owner}.{name}: {annotation}")


def _bounds(constraints: dict[str, Any]) -> dict[str, Any]:
    out = {}
    if "ge" in constraints:
        out["min"] = constraints["ge"]
    if "le" in constraints:
        out["max"] = constraints["le"]
    return out


# -- collections ----------------------------------------------------------------------------------

def issue_numbers(root: Path, content_dir: str = "content") -> list[int]:
    """Issues on disk, newest first: each gets its own collection of articles."""
    folder = root / content_dir / "newsletter"
    if not folder.is_dir():
        return []
    return sorted((int(p.name) for p in folder.iterdir() if p.name.isdigit() and (p / "index.md").exists()),
                  reverse=True)


def _issue_title(root: Path, content_dir: str, number: int) -> str:
    try:
        text = (root / content_dir / "newsletter" / str(number) / "index.md").read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        return str(meta.get("title") or "")
    except (OSError, IndexError, yaml.YAMLError, AttributeError):
        return ""


def _issue_fields(number: int) -> list[dict[str, Any]]:
    """An issue's form; its article order is chosen from the articles in its own folder, by title.

    The value kept is the article's file name (what the loader matches), so nobody types a file name.
    """
    fields = fields_of(IssueDoc.META, body=True)
    for field in fields:
        if field["name"] == "articles":
            for key in ("field", "allow_add"):
                field.pop(key, None)
            field.update({"widget": "relation", "collection": f"issue-{number}", "value_field": "{{slug}}",
                          "search_fields": ["title"], "display_fields": ["title"], "multiple": True,
                          "options_length": 200})
    return fields


def _markdown_folder(name: str, label: str, singular: str, folder: str, model: type[BaseModel],
                     summary: str) -> dict[str, Any]:
    return {
        "name": name, "label": label, "label_singular": singular, "folder": folder,
        "create": True, "extension": "md", "format": "frontmatter",
        # The file name comes from the title; a Korean name becomes a romanised address (edugc.urls.slugify),
        # or the editor gives an English one in 'slug'.
        "slug": "{{slug}}", "identifier_field": "title", "summary": summary,
        "media_folder": "", "public_folder": "",
        "fields": fields_of(model, body=True),
    }


def collections(root: Path, content_dir: str = "content", data_dir: str = "data") -> list[dict[str, Any]]:
    c = labels.COLLECTIONS
    # Each kind's form is the schema its page type is validated with (edugc.model.docs).
    out = [_markdown_folder("notices", c["notices"][0], c["notices"][1], f"{content_dir}/notices", NoticeDoc.META,
                            "{{fields.date}} · {{title}}")]
    numbers = issue_numbers(root, content_dir)
    for number in numbers:
        # The issue's own index.md lies in the same folder, and Decap CMS can only filter entries by a
        # field's exact value: its line in the list says where it is edited instead.
        articles = _markdown_folder(f"issue-{number}", c["issue"][0].format(number=number), c["issue"][1],
                                    f"{content_dir}/newsletter/{number}", ArticleDoc.META,
                                    "{{title}}{{author | ternary('', '%s')}}" % labels.NOT_AN_ARTICLE)
        articles["description"] = labels.ISSUE_HELP.format(number=number)
        out.append(articles)
    if numbers:
        out.append({"name": "issues", "label": c["issues"][0], "label_singular": c["issues"][1], "files": [
            {"name": f"issue-{n}-index", "label": f"제{n}호 · {_issue_title(root, content_dir, n)}".rstrip(" ·"),
             "file": f"{content_dir}/newsletter/{n}/index.md", "format": "frontmatter",
             "media_folder": "", "public_folder": "", "fields": _issue_fields(n)}
            for n in numbers]})
    out.append(_markdown_folder("guides", c["guides"][0], c["guides"][1], f"{content_dir}/guides", GuideDoc.META,
                                "{{title}}{{school_year | ternary('', '%s')}}" % labels.NOT_A_GUIDE))
    for name, model, rel in (("programs", ProgramsFile, "programs.yml"), ("events", EventsFile, "events.yml"),
                             ("site", SiteInfo, "site.yml")):
        out.append({"name": name, "label": c[name][0], "files": [
            {"name": name, "label": c[name][1], "file": f"{data_dir}/{rel}", "format": "yml",
             "fields": fields_of(model)}]})
    return out


def editor_config(root: Path, *, backend: dict[str, Any], site_url: str = "", content_dir: str = "content",
                  data_dir: str = "data") -> dict[str, Any]:
    config: dict[str, Any] = {
        "backend": backend,
        "locale": "ko",
        "publish_mode": "simple",
        "media_folder": f"{content_dir}/assets",
        "public_folder": EDITOR_MEDIA,
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        # Decap's side preview renders Markdown its own way; the real preview is the site itself.
        "editor": {"preview": False},
        "show_preview_links": False,  # no deploy previews here: the preview is the site at /
        "collections": collections(Path(root), content_dir, data_dir),
    }
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    return config


def to_yaml(config: dict[str, Any]) -> str:
    head = "# 교육금천 웹 편집기 설정: edugc.cms가 스키마(edugc/model/schema.py)에서 만듭니다. 손으로 고치지 마세요.\n"
    return head + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=4096)
