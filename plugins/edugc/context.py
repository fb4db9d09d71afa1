"""What the steps of one build share, decided once and read by all of them (no engine import).

The content step fills it (paths, the kind of build, the validated model); every other step reads it
and adds only what it owns: generated pages, the HTML it places around a page's body. A page's own
HTML is captured here once, after its pictures are in place, for the feeds and the print editions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import Doc, SiteModel
from .pages import GeneratedPage


@dataclass
class BuildContext:
    root: Path = Path(".")            # the project folder (where mkdocs.yml is)
    content_dir: str = "content"      # relative to root, from the engine's config
    data_dir: str = "data"
    cache_dir: str = ".cache"
    site_url: str = ""
    preview: bool = False             # the editor's preview (`serve`)
    incremental: bool = False         # `serve --dirty`: only pages whose inputs changed are rendered
    site: SiteModel | None = None
    docs_by_src: dict[str, Doc] = field(default_factory=dict)       # the pages of this build
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    # A page's own rendered HTML by its URL (pictures in place, before headers and footers). The
    # incremental preview keeps the bodies of pages it did not render again.
    bodies: dict[str, str] = field(default_factory=dict)
    # HTML that a step places just before or after a page's own body, by source path.
    before_body: dict[str, str] = field(default_factory=dict)
    after_body: dict[str, str] = field(default_factory=dict)
    # The build must not replace the last good site (the preview shows it while content has errors).
    keep_previous: bool = False

    def cache(self, name: str) -> Path:
        """A cache folder or file under the project's cache directory."""
        return self.root / self.cache_dir / name

    def new_build(self) -> None:
        """Forget what the previous build (the preview rebuilds with the same objects) added."""
        self.generated = {}
        self.before_body, self.after_body = {}, {}
        self.keep_previous = False
        if not self.incremental:
            self.bodies = {}
