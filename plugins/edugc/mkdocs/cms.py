"""Adapter: the web editor at /admin/ (edugc.cms) in the preview, and in a build once a Git host is set."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..cms.server import EditorApp
from ..cms.site import ConfigProblem, published_files


class CmsConfig(Config):
    enabled = c.Type(bool, default=True)
    data_dir = c.Type(str, default="data")
    # The Git host the published editor commits to (name: github | gitlab | gitea, repo, branch, ...).
    # Empty: /admin/ exists only in the preview, with the local back end.
    backend = c.Type(dict, default={})


class CmsPlugin(BasePlugin[CmsConfig]):
    supports_multiple_instances = False

    # A published /admin/ only with a configured Git host: without one it could only fail to sign in.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled or not self.config.backend:
            return files
        root, content_dir = _dirs(config)
        try:
            made = published_files(root, dict(self.config.backend), config.site_url or "",
                                   content_dir=content_dir, data_dir=self.config.data_dir)
        except ConfigProblem as err:
            raise PluginError(str(err)) from None
        for path, source in made.items():
            if isinstance(source, Path):
                files.append(File.generated(config, path, abs_src_path=str(source)))
            else:
                files.append(File.generated(config, path, content=source))
        return files

    # The preview: /admin/ and its local back end in front of the preview's server; data/ is watched
    # so a program saved in the editor shows in the preview.
    def on_serve(self, server, *, config, builder):
        if not self.config.enabled:
            return server
        root, content_dir = _dirs(config)
        mount = urlsplit(config.site_url or "/").path or "/"
        server.set_app(EditorApp(server.get_app(), root, mount, content_dir=content_dir,
                                 data_dir=self.config.data_dir))
        server.watch(str(root / self.config.data_dir))
        return server


def _dirs(config) -> tuple[Path, str]:
    root = Path(config.config_file_path).parent
    return root, Path(config.docs_dir).relative_to(root).as_posix()
