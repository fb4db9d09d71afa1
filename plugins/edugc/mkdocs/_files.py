"""Small helpers over MkDocs' File objects shared by the adapters."""
from __future__ import annotations

from mkdocs.structure.files import File

from ..model.source import nfc


def src_of(file: File) -> str:
    return nfc(file.src_uri)


def set_url(file: File, url: str) -> None:
    """Publish a page at a site-relative directory URL ('' for the home page)."""
    file.dest_uri = f"{url}index.html"
    file.url = url or "./"
    file.__dict__.pop("abs_dest_path", None)
