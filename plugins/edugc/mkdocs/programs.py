"""Adapter: puts edugc.programs' pages and iCalendar files into the MkDocs build."""
from __future__ import annotations


from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.structure.files import File, Files

from ..programs import ProgramPages
from ..programs.calendar import CalendarCache
from ..cache import Remembered
from ..pages.preview import templates_state
from ..programs.pages import SCRIPT, SCRIPT_FILE
from ._files import Adapter, add_generated, build_context, project_root, site_model


class ProgramsConfig(Config):
    enabled = c.Type(bool, default=True)
    # Past events per archive page (events/past/, events/past/page/2/, ...).
    per_page = c.Type(int, default=20)
    calendars = c.Type(bool, default=True)
    cache = c.Type(str, default=".cache/calendars.json")


class ProgramsPlugin(Adapter[ProgramsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.made = Remembered()  # the preview makes the pages again only when their inputs changed

    # Program pages, the directory and its views, events, the archive and .ics files, from the model.
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        site = site_model(config)
        pages = ProgramPages(site, config.site_url or "http://localhost/", per_page=self.config.per_page)
        # Made from data/ alone: the preview makes them again only when the data, site facts or date
        # changed (0.3 s of every refresh at 1,000 pages otherwise).
        inputs = repr((site.programs, site.events, site.info, site.today, config.site_url, self.config.per_page,
                       templates_state())) if build_context(config).incremental else None
        for page in self.made.get(inputs, pages.pages):
            add_generated(files, config, page)  # the content plugin keeps in_search=False pages out of search
        # The directory's filter script ships with the package, so any project using the plugin has it.
        files.append(File.generated(config, SCRIPT, abs_src_path=str(SCRIPT_FILE)))
        if self.config.calendars:
            cache = CalendarCache.for_site(project_root(config) / self.config.cache, config.site_url)
            for path, data in pages.calendars(cache).items():
                files.append(File.generated(config, path, content=data))
        return files
