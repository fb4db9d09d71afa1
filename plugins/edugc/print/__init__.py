"""The printed newsletter: an A4 print edition of every issue and its PDF (no mkdocs import).

The print edition is made from the HTML the engine already rendered for each article, so paper
and screen never disagree about what an article says.
"""
from .edition import PrintEdition, edition_html, pdf_name, print_url
from .pdf import PdfMaker, pdf_cache_key

__all__ = ["PrintEdition", "edition_html", "pdf_name", "print_url", "PdfMaker", "pdf_cache_key"]
