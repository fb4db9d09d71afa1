"""Pages from the model: HTML fragments and generated pages, rendered with autoescaping Jinja.

No mkdocs import: an adapter decides where these fragments go in its engine's pages.
"""
from .render import GeneratedPage, Renderer
__all__ = ["GeneratedPage", "Renderer"]
