"""Serve a built site on loopback under a sub-path, as a static host would (for checks and tests)."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def serve_folder(site: Path, sub_path: str = "/") -> Iterator[str]:
    prefix = "/" + sub_path.strip("/") + "/" if sub_path.strip("/") else "/"

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(Path(site) / "__outside_the_sub_path__")
            return super().translate_path("/" + path[len(prefix):])

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
