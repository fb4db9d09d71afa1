"""The editor's preview (`mkdocs serve`, so `dev.py serve` too): what it watches, and how a build with
problems reaches the browser instead of only the terminal.

MkDocs' server stalls every request while a rebuild it started has not finished (it waits for the
build's epoch), so a rebuild that raised left the browser hanging on a blank tab. Its builder is
wrapped here: a failed build still ends, the last good site stays, and the problems are written
beside it (edugc.pages.preview_report) for a preview-only script to show over the page.
"""
from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.structure.files import File, Files
from mkdocs.utils import CountHandler

from ..model.problems import Problem
from ..pages import preview_report
from ..urls import PREVIEW_DIR, PREVIEW_PROBLEMS, PREVIEW_SCRIPT

log = logging.getLogger("mkdocs.plugins.edugc.preview")

PACKAGE = Path(__file__).resolve().parent.parent
KEEP_ON = ("edugc/safe-build", "edugc/content", "edugc/timings")  # on in a problems-only build


class Collector(logging.Handler):
    """Every warning and error logged during one preview build, for the browser."""

    def __init__(self, root: Path, content_dir: str) -> None:
        super().__init__(logging.WARNING)
        self.root, self.content_dir = root, content_dir
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.problems.append(preview_report.from_text(record.getMessage(), self.content_dir, self.root))
        except Exception:  # a handler must never break the build it listens to
            self.handleError(record)


class Preview:
    """Owned by edugc/content for the whole `serve`: the problems of the build in progress, and the
    served folder they are written into."""

    def __init__(self) -> None:
        self.collector: Collector | None = None
        self.collecting = False                # from a build's start (or its on_config) to its end
        self.project: tuple[Path, str] = (Path("."), "content")   # the project folder and its content/
        self.root: Path | None = None          # the folder the server serves (known from on_serve)
        self.watched: set[Path] = set()

    # -- one build ------------------------------------------------------------------------------

    def begin(self, config, root: Path, content_dir: str) -> None:
        """A preview build shows its problems instead of stopping on them (strict mode is for builds
        that publish). MkDocs' own strict counter was attached before any plugin ran: it counts nothing."""
        config.strict = False
        for handler in logging.getLogger("mkdocs").handlers:
            if isinstance(handler, CountHandler):
                handler.addFilter(lambda record: False)
        self.project = (root, content_dir)
        self.collect()

    def collect(self) -> None:
        """Listen from the start of a build (the server's rebuilds: before mkdocs.yml is read, so its
        errors are caught too) to its end."""
        if not self.collecting:
            self.collector = Collector(*self.project)
            logging.getLogger("mkdocs").addHandler(self.collector)
            self.collecting = True

    def add(self, problems: list[Problem]) -> None:
        if self.collector is not None:
            self.collector.problems.extend(problems)

    def end(self) -> None:
        """Stop listening (the server's own request log is not a problem) and show what was found."""
        if self.collector is not None:
            logging.getLogger("mkdocs").removeHandler(self.collector)
        self.collecting = False
        self.write()

    def write(self) -> None:
        if self.root is None or not self.root.is_dir():
            return
        (self.root / PREVIEW_DIR).mkdir(exist_ok=True)
        problems = self.collector.problems if self.collector else []
        (self.root / PREVIEW_PROBLEMS).write_text(preview_report.report_json(problems), encoding="utf-8")
        (self.root / PREVIEW_SCRIPT).write_text(preview_report.script(), encoding="utf-8")

    # -- the server -----------------------------------------------------------------------------

    def serve(self, server, config, inputs: list[Path]) -> None:
        """Watch every input of the build, keep a failed rebuild from stalling the browser, show the
        first build's problems."""
        for path in inputs:
            path = path.resolve()
            if path in self.watched or not path.exists():
                continue
            self.watched.add(path)
            server.watch(str(path))  # the server counts a path watched twice (the CMS may watch data/ too)
        self.root = Path(server.root)
        build = server.builder

        def builder(config=None) -> None:
            self.collect()
            try:
                build(config) if config is not None else build()
            except Exception as err:  # noqa: BLE001 (any failure: the editor sees it, the server goes on)
                log.error(f"미리보기를 다시 만들지 못했습니다: {err} → 위의 파일과 줄을 고쳐 저장하세요. "
                          "그동안 브라우저는 마지막으로 성공한 페이지를 보여 줍니다.")
            self.end()

        server.builder = builder
        interrupt_on_sigterm()
        self.end()

    def script_tag(self, config) -> str:
        mount = urlsplit(config.site_url or "/").path or "/"
        return f'<script src="{mount.rstrip("/")}/{PREVIEW_SCRIPT}" defer></script>'

    def problems_only(self, files: Files, config, site_name: str) -> Files:
        """No good site yet (the first build of `serve` failed): one page listing the problems, at every
        address, so the server starts and the editor reads what to fix in the browser."""
        for name, plugin in config.plugins.items():
            if name.startswith("edugc/") and name not in KEEP_ON:
                plugin.config.enabled = False  # this build only: MkDocs reads the config afresh for the next
        config.nav = None
        config.theme.static_templates.clear()
        for file in list(files):
            if file.is_documentation_page() or file.is_static_page():
                files.remove(file)
        page = preview_report.problems_page(self.collector.problems if self.collector else [], site_name)
        for name in ("index.html", "404.html"):
            files.append(File.generated(config, name, content=page))
        return files


def watched_inputs(root: Path, content_dir: str, data_dir: str, config) -> list[Path]:
    """Everything the build reads: content, data, the theme's overrides, mkdocs.yml, our templates."""
    paths = [root / content_dir, root / data_dir, Path(config.config_file_path)]
    if config.theme.custom_dir:
        paths.append(Path(config.theme.custom_dir))
    paths += sorted(p for p in PACKAGE.rglob("templates") if p.is_dir())
    return paths


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # MkDocs' serve shuts down cleanly on Ctrl+C: SIGTERM takes the same road


def interrupt_on_sigterm() -> None:
    """`serve` stops on SIGTERM as on Ctrl+C: the server closes its port and the worker pools are joined."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
