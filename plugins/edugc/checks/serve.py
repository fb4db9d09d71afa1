"""Serve a built site on loopback under a sub-path, as a static host would (checks, tests, benchmarks).

Like a real host it answers a missing address with the site's 404.html, and with `gzip=True` it
compresses text as most hosts do, so the bytes a browser reports are the bytes families download.
"""
from __future__ import annotations

import contextlib
import functools
import gzip as gzip_module
import http.server
import io
import re
import threading
from pathlib import Path
from typing import Iterator

COMPRESSIBLE = re.compile(r"text/|javascript|json|xml|svg")


@contextlib.contextmanager
def serve_folder(site: Path, sub_path: str = "/", *, gzip: bool = False) -> Iterator[str]:
    prefix = "/" + sub_path.strip("/") + "/" if sub_path.strip("/") else "/"
    site = Path(site)
    compressed: dict[Path, bytes] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(site / "__outside_the_sub_path__")
            return super().translate_path("/" + path[len(prefix):])

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            if path.is_dir() or (path.is_file() and not gzip):
                return super().send_head()  # directory redirects and plain files as the library does them
            status = 200
            if not path.is_file():
                path, status = site / "404.html", 404
                if not path.is_file():
                    return super().send_head()
            ctype = self.guess_type(str(path))
            body = path.read_bytes()
            encoded = gzip and COMPRESSIBLE.search(ctype) and "gzip" in self.headers.get("Accept-Encoding", "")
            if encoded:
                if path not in compressed:
                    compressed[path] = gzip_module.compress(body, 6)
                body = compressed[path]
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if encoded:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            return io.BytesIO(body)

        def log_message(self, *args) -> None:
            pass

        def end_headers(self) -> None:
            # LinkChecker only goes faster than 10 requests a second to servers that ask for it.
            self.send_header("LinkChecker", "local")
            super().end_headers()

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass  # a checker that stops reading early is not an error

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
