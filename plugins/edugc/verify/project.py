"""What the checks need from mkdocs.yml, read without the engine: folders, Markdown extensions, the
list sizes of edugc's plugins and the navigation (with the line of each entry)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


@dataclass
class Project:
    root: Path
    content_dir: str = "content"
    data_dir: str = "data"
    extensions: list[str] = field(default_factory=list)
    extension_configs: dict[str, dict] = field(default_factory=dict)
    newsletter_per_page: int = 20
    programs_per_page: int = 20
    site_url: str = ""
    nav: list[tuple[str, int]] = field(default_factory=list)   # (source path, line in mkdocs.yml)
    cache_dir: str = ".cache"
    stylesheet_fonts: str = ""                                  # where edugc/theme puts OFL.txt

    @property
    def content(self) -> Path:
        return self.root / self.content_dir


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and !!python: not ours to read


def read_project(root: Path, config_file: Path | str | None = None) -> Project:
    """The project as mkdocs.yml (or `config_file`) describes it; defaults where it says nothing."""
    root = Path(root).resolve()
    project = Project(root)
    path = Path(config_file).resolve() if config_file else root / "mkdocs.yml"
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_Loader)
        config = _Loader(text).construct_document(node) if node is not None else {}
    except (OSError, yaml.YAMLError):
        return project
    if not isinstance(config, dict):
        return project
    project.content_dir = str(config.get("docs_dir") or "docs")
    options = _plugin_options(config.get("plugins"))
    project.data_dir = str(options.get("edugc/content", {}).get("data_dir") or "data")
    project.cache_dir = str(options.get("edugc/content", {}).get("cache_dir") or ".cache")
    project.newsletter_per_page = _int(options.get("edugc/newsletter", {}).get("per_page"), 20)
    project.programs_per_page = _int(options.get("edugc/programs", {}).get("per_page"), 20)
    project.site_url = config.get("site_url") or ""
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, str):
            project.extensions.append(item)
        elif isinstance(item, dict):
            for name, conf in item.items():
                project.extensions.append(str(name))
                if isinstance(conf, dict):
                    project.extension_configs[str(name)] = conf
    project.nav = list(_nav_entries(_value_of(node, "nav")))
    return project


def _plugin_options(plugins: Any) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for item in plugins or []:
        if isinstance(item, str):
            found[item] = {}
        elif isinstance(item, dict):
            for name, conf in item.items():
                found[str(name)] = conf if isinstance(conf, dict) else {}
    return found


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _value_of(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _nav_entries(node: yaml.Node | None):
    """Every file the navigation names, with its line: 'x.md', '제목: x.md', nested sections."""
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value).strip()
        if value and "://" not in value and not value.startswith(("mailto:", "#")):
            yield value.lstrip("/"), node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_entries(item)
    elif isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            yield from _nav_entries(value)
