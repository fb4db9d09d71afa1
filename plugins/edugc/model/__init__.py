"""The content model: schema of every content type, loading, and author-facing errors."""
from .problems import ContentError, Problem, Problems
from .site import Doc, Issue, SiteModel, load_site

__all__ = ["ContentError", "Doc", "Issue", "Problem", "Problems", "SiteModel", "load_site"]
