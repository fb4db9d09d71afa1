"""Small helpers over MkDocs' File objects shared by the adapters."""
from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..model.source import nfc

if TYPE_CHECKING:
    from ..model import SiteModel
    from ..pages import GeneratedPage


def src_of(file: File) -> str:
    return nfc(file.src_uri)


def set_url(file: File, url: str) -> None:
    """Publish a page at a site-relative directory URL ('' for the home page)."""
    file.dest_uri = f"{url}index.html"
    file.url = url or "./"
    file.__dict__.pop("abs_dest_path", None)


def content_plugin(config):
    plugin = config.plugins.get("edugc/content")
    if plugin is None:
        raise PluginError("edugc/content 플러그인이 mkdocs.yml의 plugins에 있어야 합니다 (다른 edugc 플러그인보다 먼저).")
    return plugin


def site_model(config) -> "SiteModel":
    """The validated model, loaded once per build by the content plugin (in its on_files)."""
    site = content_plugin(config).site
    if site is None:
        raise PluginError("내용 모델이 아직 없습니다: edugc/content 플러그인의 on_files가 먼저 실행되어야 합니다.")
    return site


def add_generated(files: Files, config, page: "GeneratedPage") -> File:
    """Add a page made from data; the content plugin gives it its escaped title and description."""
    existing = files.get_file_from_path(page.src)
    if existing is not None:
        files.remove(existing)
    file = File.generated(config, page.src, content=page.markdown)
    set_url(file, page.url)
    files.append(file)
    content_plugin(config).generated[page.src] = page
    return file
