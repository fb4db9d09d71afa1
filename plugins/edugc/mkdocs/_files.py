"""What the adapters share: their base class, the build context, switches, and MkDocs' File objects."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..context import BuildContext
from ..model.source import nfc

if TYPE_CHECKING:
    from ..model import SiteModel
    from ..pages import GeneratedPage


class Adapter(BasePlugin):
    """An edugc plugin. Its state lives on in `mkdocs serve` (MkDocs keeps the plugin objects that
    define on_startup across rebuilds); what kind of build this is, it reads from the build context."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        pass


class Switch(c.BaseConfigOption[bool]):
    """A yes/no option that may come from the environment: `pdf: !ENV [PDF, true]` reads PDF=0, false,
    no or an empty value as off, anything else as on."""

    def __init__(self, default: bool = True) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, str)):
            return str(value).strip().lower() not in ("0", "false", "no", "off", "")
        raise c.ValidationError(f"예(true) 또는 아니오(false)여야 합니다 (지금 값: {value!r})")


def project_root(config) -> Path:
    """The folder of mkdocs.yml, absolute (ProperDocs hands the config path on as it was typed)."""
    return Path(config.config_file_path).resolve().parent


def build_context(config) -> BuildContext:
    """The build's shared context, owned by edugc/content; a site without it (the plain Material
    benchmark) gets a context of its own for this build."""
    plugin = config.plugins.get("edugc/content")
    if plugin is None:
        return BuildContext()
    return plugin.context


def site_model(config) -> "SiteModel":
    """The validated model, loaded once per build by the content plugin (in its on_files)."""
    if config.plugins.get("edugc/content") is None:
        raise PluginError("edugc/content 플러그인이 mkdocs.yml의 plugins에 있어야 합니다 (다른 edugc 플러그인보다 먼저).")
    site = build_context(config).site
    if site is None:
        raise PluginError("내용 모델이 아직 없습니다: edugc/content 플러그인의 on_files가 먼저 실행되어야 합니다.")
    return site


def src_of(file: File) -> str:
    return nfc(file.src_uri)


def set_url(file: File, url: str) -> None:
    """Publish a page at a site-relative directory URL ('' for the home page)."""
    file.dest_uri = f"{url}index.html"
    file.url = url or "./"
    file.__dict__.pop("abs_dest_path", None)


def add_generated(files: Files, config, page: "GeneratedPage") -> File:
    """Add a page made from data; the content plugin gives it its escaped title and description (and
    a finished HTML body its place, with no Markdown pass over it)."""
    existing = files.get_file_from_path(page.src)
    if existing is not None:
        files.remove(existing)
    file = File.generated(config, page.src, content=page.markdown)
    set_url(file, page.url)
    files.append(file)
    build_context(config).generated[page.src] = page
    return file
