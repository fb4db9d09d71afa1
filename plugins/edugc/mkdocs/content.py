"""The content loader: validates content/ and data/ into the model and shapes pages from it."""
from __future__ import annotations

import html
import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..context import BuildContext
from ..model import ContentError, GuideDoc, IssueDoc, SiteModel, StoryDoc, load_site
from ..model.clock import today as build_today
from ..pages import Renderer
from ..pages import staff
from ..pages.page_info import page_info
from ..pages.render import after_heading
from ..pages.tables import wrap_tables
from ..pages.preview import NOT_FOUND, first_step, fingerprints, own_fingerprints, templates_state
from ..pages.redirects import redirect_html, redirects
from ..pages.sanitise import SanitiseExtension
from ..pages.theme_fixes import repair
from . import check_order
from ..verify import Report, soon_note, verify
from ..verify.extract import PageLinks, is_local, target_src
from ..verify.project import read_project
from ._files import KOREAN_BUILD_LOG, Adapter, project_root, quiet_engine_checks, set_url, src_of, without_pages
from ._preview import Preview, interrupt_on_sigterm, watched_inputs

log = logging.getLogger("mkdocs.plugins.edugc.content")


class ContentConfig(Config):
    enabled = c.Type(bool, default=True)
    data_dir = c.Type(str, default="data")
    # Drafts and scheduled pages appear in `mkdocs serve` with a banner, never in a build.
    drafts_in_preview = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache")  # relative to mkdocs.yml, like every edugc cache


class ContentPlugin(Adapter[ContentConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.context = BuildContext()  # the one every edugc plugin reads (see edugc.context)
        self.site: SiteModel | None = None  # the last good model: the preview keeps showing it
        self.renderer: Renderer | None = None
        self.rendered_fps: dict[str, str] = {}
        self.pending_fps: dict[str, str] = {}
        self.rendered_own: dict[str, str] = {}   # each page's own source, as last rendered
        self.pending_own: dict[str, str] = {}
        self.deferred: set[str] = set()          # pages left for the next build (see first_step)
        self.again: Path | None = None           # touching this file makes the preview build again
        self.preview = Preview()                 # problems shown in the browser, inputs watched
        self.report = Report()                   # what edugc.verify found beyond the model (notes)
        self.links: PageLinks | None = None
        self.current: str | None = None          # the page being rendered (links to unpublished pages)

    # Decide once, for every edugc plugin, whether this is the editor's preview and whether it renders
    # only changed pages (`serve --dirty`).
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.context.preview = command == "serve"
        self.context.incremental = self.context.preview and dirty
        if self.context.preview:
            interrupt_on_sigterm()
        if self.context.incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty_warning)

    # Where this project keeps its content, data and caches: from mkdocs.yml, for every plugin.
    @event_priority(100)
    def on_config(self, config):
        try:
            check_order(list(config.plugins))
        except ValueError as err:
            raise PluginError(str(err)) from None
        ctx = self.context
        ctx.root = project_root(config)
        # `mkdocs build -f mkdocs.yml` hands docs_dir on relative to the working folder.
        ctx.content_dir = Path(config.docs_dir).resolve().relative_to(ctx.root).as_posix()
        # Links, anchors and the navigation are checked by edugc.verify (the same check as `edugc
        # check`, in Korean with file and line): the engine's English warnings would say it twice, and
        # it lists every page left out of the navigation and every original photo it does not copy.
        quiet_engine_checks(config)
        logging.getLogger("mkdocs.commands.build").addFilter(KOREAN_BUILD_LOG)
        self.links = PageLinks(soon=self._soon)
        config.markdown_extensions.append(self.links)
        ctx.data_dir, ctx.cache_dir = self.config.data_dir, self.config.cache_dir
        ctx.site_url = config.site_url or ""
        ctx.new_build()
        # Every body is cleaned as it renders, whatever mkdocs.yml lists: pages, feeds, print and
        # search are all made from that one rendered body.
        if not any(isinstance(ext, SanitiseExtension) for ext in config.markdown_extensions):
            config.markdown_extensions.append(SanitiseExtension())
        if ctx.preview:
            self.preview.begin(config, ctx.root, ctx.content_dir)
        return config

    # Validate everything before MkDocs touches a page: all problems at once, or no build.
    @event_priority(100)
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        ctx = self.context
        try:
            site = self._load(config)
        except ContentError as err:
            if ctx.preview and config.plugins.get("edugc/safe-build") is not None:
                # The preview shows the problems in the browser over the last good site (a page of them
                # when there is none yet) and goes on serving: MkDocs' server would stop on an exception.
                for problem in err.problems:
                    print(f"ERROR   -  {problem}", file=sys.stderr)
                print(f"ERROR   -  내용 오류 {len(err.problems)}건: 고칠 때까지 미리보기는 마지막으로 성공한 사이트를 "
                      "보여 줍니다.", file=sys.stderr, flush=True)
                self.preview.add(err.problems)
                if self.site is None:  # nothing good to keep: the page of problems is this build's site
                    return self.preview.problems_only(files, config, config.site_name)
                ctx.keep_previous = True
                return self._files_for(self.site, files, config)
            for problem in err.problems:
                log.error(str(problem))
            raise PluginError(f"내용 오류 {len(err.problems)}건이 있어 빌드를 멈췄습니다. 위의 파일과 줄을 고치세요 "
                              "(이전에 만든 사이트는 그대로 있습니다).") from None
        self.site = site
        self._notes(self.report)
        config.nav = without_pages(config.nav, set(site.hidden))
        return self._files_for(site, files, config)

    def _load(self, config) -> SiteModel:
        """The model, then everything else the build would stop on (edugc.verify), as one ContentError."""
        ctx = self.context
        site = load_site(ctx.root, today=build_today(), preview=ctx.preview and self.config.drafts_in_preview,
                         content_dir=ctx.content_dir, data_dir=ctx.data_dir)
        project = read_project(ctx.root, config.config_file_path)
        project.content_dir, project.data_dir, project.site_url = ctx.content_dir, ctx.data_dir, ctx.site_url
        project.extensions = [e for e in config.markdown_extensions if isinstance(e, str)]
        project.extension_configs = dict(config.mdx_configs or {})
        self.report = verify(site, project)
        if self.context.preview and self.report.problems == self.report.renders_through:
            for problem in self.report.problems:  # the edited pages, with these over them in the browser
                print(f"ERROR   -  {problem}", file=sys.stderr, flush=True)
            self.preview.add(self.report.problems)
        elif self.report.problems:
            raise ContentError(self.report.problems)
        return site

    def _notes(self, report: Report) -> None:
        for note in report.notes:  # info, not warning: a note never stops a strict build
            log.info(f"알림: {note}")

    def _soon(self, href: str) -> str | None:
        """A link to a page that is not public yet, from the page being rendered: its note, or None."""
        if self.site is None or not self.site.hidden or self.current is None or not is_local(href):
            return None
        path = urlsplit(href).path
        return soon_note(self.site, target_src(self.current, path)) if path else None

    def _files_for(self, site: SiteModel, files: Files, config) -> Files:
        self.renderer = Renderer(site)
        self.context.site = site
        docs_by_src = self.context.docs_by_src = {}
        for file in list(files):
            if not file.is_documentation_page():
                continue
            src = src_of(file)
            if src in site.hidden:
                files.remove(file)
                continue
            doc = site.docs.get(src)
            if doc is not None:
                docs_by_src[src] = doc
                if file.src_uri != src:  # an NFD name from macOS: publish under its NFC form
                    abs_src = file.abs_src_path
                    files.remove(file)  # Files indexes by src_uri: re-add under the new name
                    file.src_uri = src
                    file.abs_src_path = abs_src
                    files.append(file)
                set_url(file, doc.url)
        for target, alias in redirects(site):
            files.append(File.generated(config, f"{alias.strip('/')}/index.html",
                                        content=redirect_html(config.site_url or "", alias, target)))
        files.append(File.generated(config, "robots.txt", content=_robots(config.site_url or "")))
        return files

    # Incremental preview: a page is rendered again only when its source or a page it shows changed
    # (an issue lists its articles, an article its neighbours and related ones, generated lists).
    def on_nav(self, nav, *, config, files: Files):
        if not self.config.enabled or not self.context.incremental or self.renderer is None or self.site is None:
            return nav
        generated = {src: (p.markdown + p.html, p.title, p.summary) for src, p in self.context.generated.items()}
        custom = [config.theme.custom_dir] if config.theme.custom_dir else []
        self.pending_fps = fingerprints(self.site, self.renderer.related, generated, theme=templates_state(custom))
        # The theme's 404 page (0.3 s at 1,000 pages) only when the navigation or site facts changed.
        if (self.rendered_fps.get(NOT_FOUND) == self.pending_fps[NOT_FOUND]
                and os.path.isfile(os.path.join(config.site_dir, NOT_FOUND))):
            config.theme.static_templates.discard(NOT_FOUND)
        changed: set[str] = set()
        pages = files.documentation_pages()
        for file in pages:
            src = src_of(file)
            fp = self.pending_fps.get(src)
            if fp is None or self.rendered_fps.get(src) != fp or not os.path.isfile(file.abs_dest_path):
                changed.add(src)
        self.pending_own = own_fingerprints(self.site)
        edited = {src for src, fp in self.pending_own.items() if self.rendered_own.get(src) != fp}
        now = first_step(self.site, changed, edited) if self.again is not None else changed
        self.deferred = changed - now
        for file in pages:
            modified = src_of(file) in now
            file.is_modified = (lambda modified=modified: modified)  # type: ignore[method-assign]
        return nav

    # The preview's server watches everything the build reads (so plain `mkdocs serve` does too), shows
    # a build's problems in the browser, and a file it watches is touched when pages were left for later.
    def on_serve(self, server, *, config, builder):
        ctx = self.context
        self.preview.serve(server, config, watched_inputs(ctx.root, ctx.content_dir, ctx.data_dir, config))
        if self.context.incremental:
            folder = self.context.cache("preview")
            folder.mkdir(parents=True, exist_ok=True)
            self.again = folder / "again"
            server.watch(str(folder), recursive=False)
        return server

    # What this build rendered is the base the next preview build compares with.
    @event_priority(-90)
    def on_post_build(self, *, config) -> None:
        if not self.context.incremental:
            return
        self.rendered_fps = {src: (self.rendered_fps.get(src, "") if src in self.deferred else fp)
                             for src, fp in self.pending_fps.items()}
        self.rendered_own = self.pending_own
        if self.deferred and self.again is not None:
            log.info(f"고친 글을 먼저 보여 줍니다. 그 글이 보이는 다른 페이지 {len(self.deferred)}개를 이어서 만듭니다.")
            self.again.write_text(str(len(self.deferred)), encoding="utf-8")

    def on_build_error(self, *, error: Exception) -> None:
        self.rendered_fps = {}  # render everything next time
        self.rendered_own = {}

    # Every template (404 included) can read the site facts and the build date. The theme's templates
    # are compiled once and kept in .cache/jinja/ (by their source's checksum): compiling them again
    # cost 0.5-0.8 s of every build and every preview refresh at 1,000 pages (profile).
    def on_env(self, env, *, config, files):
        if env.bytecode_cache is None:
            compiled = self.context.cache("jinja")
            compiled.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
        if self.site is not None:
            from ..pages.text import korean_date

            env.globals["gc_site"] = self.site
            env.globals["gc_build_date"] = korean_date(self.site.today)
        return env

    # Titles and descriptions from the validated model, escaped: the theme prints them raw.
    def on_page_markdown(self, markdown: str, *, page: Page, config, files: Files) -> str:
        if not self.config.enabled or self.site is None:
            return markdown
        src = src_of(page.file)
        self.current = src  # the page the engine renders next: links from it are resolved against it
        doc = self.context.docs_by_src.get(src)
        generated = self.context.generated.get(src)
        source = doc.meta if doc else generated
        if source is None:
            return markdown
        title = source.title
        summary = source.summary or ""
        page.meta = {"title": html.escape(title), "description": html.escape(summary)}
        if generated is not None and not generated.in_search:
            page.meta["search"] = {"exclude": True}  # lists that repeat other pages: one hit per page is enough
        if doc and doc.meta.staff:
            page.meta["search"] = {"exclude": True}  # staff pages: nothing leads the public to them (pages.staff)
        if doc and doc.meta.hide:
            page.meta["hide"] = list(doc.meta.hide)
        if isinstance(doc, (IssueDoc, StoryDoc)):
            page.meta["date"] = doc.date.isoformat()
        return markdown

    # Keep the page's own HTML once for the feeds and print (after edugc/images put its pictures in,
    # priority 60), then put headers, banners and lists around what the editor wrote.
    def on_page_content(self, html_text: str, *, page: Page, config, files: Files) -> str:
        if not self.config.enabled or self.renderer is None:
            return html_text
        ctx = self.context
        src = src_of(page.file)
        generated = ctx.generated.get(src)
        if generated is not None and generated.html:  # a finished body: no Markdown went over it
            return wrap_tables(generated.html)
        doc = ctx.docs_by_src.get(src)
        if doc is None:
            return wrap_tables(html_text)
        if isinstance(doc, (IssueDoc, StoryDoc)):
            ctx.bodies[doc.url] = html_text
        html_text = ctx.before_body.get(src, "") + html_text + ctx.after_body.get(src, "")
        r = self.renderer
        before = r.banners(doc)
        after = ""
        if isinstance(doc, IssueDoc):
            before += r.issue_header(doc, ctx.covers.get(src))
            after = r.issue_articles(doc)
        elif isinstance(doc, StoryDoc):
            before += r.article_header(doc, ctx.covers.get(src))
            after = r.article_footer(doc)
        elif isinstance(doc, GuideDoc):
            after = r.guide_programs(doc)
        elif doc.url == "":
            html_text = after_heading(html_text, r.home_top(doc))
            after = r.home(doc)
        elif doc.url == "contact/":
            after = r.contact(doc)
        return wrap_tables(before + html_text + after)

    # Templates read the model (site facts for the footer, the page's doc) rather than front matter.
    def on_page_context(self, context, *, page: Page, config, nav):
        if self.site is not None:
            doc = context["gc_doc"] = self.context.docs_by_src.get(src_of(page.file))
            context["gc_page_info"] = page_info(self.site, doc)
        return context

    # Repairs to the theme's own markup so every page passes the Nu HTML checker.
    # In the preview only, the script that shows the last build's problems over the page.
    def on_post_page(self, output: str, *, page: Page, config) -> str:
        if not self.config.enabled:
            return output
        output = repair(output)
        doc = self.context.docs_by_src.get(src_of(page.file))
        if doc is not None and doc.meta.staff:
            output = staff.noindex(output)
        if self.context.preview:
            output = output.replace("</body>", self.preview.script_tag(config) + "</body>", 1)
        return output

    # The same repairs for static templates such as 404.html; staff pages out of the sitemap.
    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        if not self.config.enabled:
            return output_content
        if template_name == "sitemap.xml":
            return staff.without_pages(output_content, {d.url for d in self.context.docs_by_src.values() if d.meta.staff})
        return repair(output_content)


def _quiet_dirty_warning(record: logging.LogRecord) -> bool:
    # MkDocs warns on every dirty build; in strict mode that warning would stop the preview.
    return "'dirty' build" not in record.getMessage()


def _robots(site_url: str) -> str:
    sitemap = site_url.rstrip("/") + "/sitemap.xml" if site_url else "sitemap.xml"
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"
