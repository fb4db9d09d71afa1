"""The content model: schema of every content type, loading, and author-facing errors."""
from .docs import (ArticleDoc, Doc, GuideDoc, Issue, IssueDoc, NoticeDoc, PageDoc, SiteModel, StoryDoc,
                   doc_type)
from .loader import load_site
from .problems import ContentError, Problem, Problems

__all__ = ["ArticleDoc", "ContentError", "Doc", "GuideDoc", "Issue", "IssueDoc", "NoticeDoc", "PageDoc",
           "Problem", "Problems", "SiteModel", "StoryDoc", "doc_type", "load_site"]
