"""Adapter: puts edugc.programs' pages and iCalendar files into the MkDocs build."""
from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..programs import ProgramPages
from ..programs.calendar import CalendarCache
from ..pages.preview import templates_state
from ..pages.render import TEMPLATES as SHARED_TEMPLATES
from ..programs.pages import SCRIPT, SCRIPT_FILE, TEMPLATES
from ._files import add_generated, site_model


class ProgramsConfig(Config):
    enabled = c.Type(bool, default=True)
    # Past events per archive page (events/past/, events/past/page/2/, ...).
    per_page = c.Type(int, default=20)
    calendars = c.Type(bool, default=True)
    cache = c.Type(str, default=".cache/calendars.json")


class ProgramsPlugin(BasePlugin[ProgramsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.made: tuple[str, list] | None = None  # (inputs, pages) of the last build

    # Defining on_startup keeps this object across `mkdocs serve` rebuilds (MkDocs 1.4+), and with
    # it the pages made last time.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.made = None

    # Program pages, the directory and its views, events, the archive and .ics files, from the model.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        site = site_model(config)
        pages = ProgramPages(site, config.site_url or "http://localhost/", per_page=self.config.per_page)
        # Made from data/ alone: the preview makes them again only when the data, site facts or date
        # changed (0.3 s of every refresh at 1,000 pages otherwise).
        key = repr((site.programs, site.events, site.info, site.today, config.site_url, self.config.per_page,
                    templates_state([TEMPLATES, SHARED_TEMPLATES])))
        if self.made is None or self.made[0] != key:
            self.made = (key, pages.pages())
        for page in self.made[1]:
            add_generated(files, config, page)  # the content plugin keeps in_search=False pages out of search
        # The directory's filter script ships with the package, so any project using the plugin has it.
        files.append(File.generated(config, SCRIPT, abs_src_path=str(SCRIPT_FILE)))
        if self.config.calendars:
            address = hashlib.sha1((config.site_url or "").encode()).hexdigest()[:8]
            cache_file = Path(config.config_file_path).parent / self.config.cache
            cache = CalendarCache(cache_file.with_name(f"{cache_file.stem}-{address}{cache_file.suffix}"))
            for path, data in pages.calendars(cache).items():
                files.append(File.generated(config, path, content=data))
        return files
