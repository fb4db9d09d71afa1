"""Adapter: the web editor at /admin/ (edugc.cms) in the preview, and in a build once a Git host is set."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..cms.server import EditorApp
from ..cms.site import ConfigProblem, published_files
from ._files import Adapter, build_context


class CmsConfig(Config):
    enabled = c.Type(bool, default=True)
    # The Git host the published editor commits to (name: github | gitlab | gitea, repo, branch, ...).
    # Empty: /admin/ exists only in the preview, with the local back end.
    backend = c.Type(dict, default={})


class CmsPlugin(Adapter[CmsConfig]):
    supports_multiple_instances = False

    # A published /admin/ only with a configured Git host: without one it could only fail to sign in.
    # The project's folders come from the build context (edugc/content read them from mkdocs.yml).
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled or not self.config.backend:
            return files
        ctx = build_context(config)
        try:
            made = published_files(ctx.root, dict(self.config.backend), ctx.site_url,
                                   content_dir=ctx.content_dir, data_dir=ctx.data_dir)
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
        ctx = build_context(config)
        mount = urlsplit(ctx.site_url or "/").path or "/"
        server.set_app(EditorApp(server.get_app(), ctx.root, mount, content_dir=ctx.content_dir,
                                 data_dir=ctx.data_dir))
        server.watch(str(ctx.root / ctx.data_dir))
        return server
