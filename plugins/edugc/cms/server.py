"""/admin/ in the preview: the editor's page, its generated configuration and its local back end.

A WSGI layer in front of the preview's own server (MkDocs' `serve` hands it over in the adapter), so
nothing of the editor is ever written into a build: /admin/ exists while the preview runs, and in a
published site only when a Git host back end is configured (edugc.cms.site).

The local back end writes files in the project and has no sign-in, so it answers only requests that
come from this computer to this computer: the Host must be a loopback name (a page elsewhere cannot
reach it through DNS rebinding), any Origin must be that same host (another site open in the browser
cannot post to it) and the body must be JSON (which a plain HTML form cannot send).
"""
from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from ..urls import ADMIN, ADMIN_API, ADMIN_CONFIG, admin_file
from .backend import LocalRepo
from .config import editor_config, to_yaml
from .install import CACHE, DECAP, is_installed
from .site import admin_page

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_BODY = 64 * 1024 * 1024  # photos arrive base64-encoded inside JSON

mimetypes.add_type("application/wasm", ".wasm")


class EditorApp:
    """WSGI app: /<mount>admin/... handled here, everything else passed to the preview's app."""

    def __init__(self, inner: Callable, root: Path, mount: str = "/", *, content_dir: str = "content",
                 data_dir: str = "data", cache: Path = CACHE, site_url: str = ""):
        self.inner = inner
        self.root = Path(root)
        self.base = mount.rstrip("/") + "/"   # the site's path: the preview may serve it under /edu/
        self.prefix = self.base + ADMIN
        self.repo = LocalRepo(self.root, (content_dir, data_dir))
        self.content_dir, self.data_dir = content_dir, data_dir
        self.assets = cache / DECAP.folder
        self.cache = cache
        self.site_url = site_url

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == self.prefix[:-1]:
            start_response("302 Found", [("Location", self.prefix)])
            return [b""]
        if not path.startswith(self.prefix):
            return self.inner(environ, start_response)
        here = path[len(self.base):]
        if not _local(environ):
            return _answer(start_response, 403, "text/plain; charset=utf-8",
                           "편집기는 이 컴퓨터에서만 열 수 있습니다 (http://127.0.0.1:8000/admin/).".encode())
        if here == ADMIN_API:
            return self._api(environ, start_response)
        if here in (ADMIN, admin_file("index.html")):
            html = admin_page(installed=is_installed(DECAP, self.cache), script=DECAP.entry, origins=())
            return _answer(start_response, 200, "text/html; charset=utf-8", html.encode("utf-8"))
        if here == ADMIN_CONFIG:
            return _answer(start_response, 200, "text/yaml; charset=utf-8", self.config(environ).encode("utf-8"))
        name = here[len(ADMIN):]
        asset = self.assets / name
        if "/" not in name and not name.startswith(".") and asset.is_file():
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return _answer(start_response, 200, kind, asset.read_bytes(), cache=True)
        return _answer(start_response, 404, "text/plain; charset=utf-8", "없는 파일입니다".encode())

    def config(self, environ: dict) -> str:
        """Made on every request: a schema change or a new issue shows up without restarting."""
        host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
        backend = {"name": "proxy", "proxy_url": f"http://{host}{self.base}{ADMIN_API}", "branch": "main"}
        return to_yaml(editor_config(self.root, backend=backend, site_url=self.site_url or f"http://{host}/",
                                     content_dir=self.content_dir, data_dir=self.data_dir))

    def _api(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return _json(start_response, 405, {"error": "POST만 받습니다"})
        if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
            return _json(start_response, 415, {"error": "JSON 요청만 받습니다"})
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            return _json(start_response, 413, {"error": "요청이 너무 크거나 비었습니다"})
        try:
            body = json.loads(environ["wsgi.input"].read(length))
        except (ValueError, UnicodeDecodeError):
            return _json(start_response, 422, {"error": "JSON을 읽을 수 없습니다"})
        status, answer = self.repo.handle(body)
        return _json(start_response, status, answer)


def _local(environ: dict) -> bool:
    host = urlsplit("//" + (environ.get("HTTP_HOST") or "")).hostname or ""
    if host not in LOOPBACK:
        return False
    origin = environ.get("HTTP_ORIGIN")
    if origin is None:
        return True
    return urlsplit(origin).netloc == environ.get("HTTP_HOST")


_REASONS = {200: "OK", 302: "Found", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            413: "Payload Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Entity",
            500: "Internal Server Error"}


def _answer(start_response: Callable, status: int, kind: str, body: bytes, cache: bool = False) -> list[bytes]:
    headers = [("Content-Type", kind), ("Content-Length", str(len(body))),
               ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"),
               ("Cache-Control", "max-age=3600" if cache else "no-store")]
    start_response(f"{status} {_REASONS.get(status, '')}", headers)
    return [body]


def _json(start_response: Callable, status: int, answer: object) -> list[bytes]:
    return _answer(start_response, status, "application/json; charset=utf-8",
                   json.dumps(answer, ensure_ascii=False).encode("utf-8"))
