"""Paper: an A4 print edition of every newsletter issue, an A4 poster of every running or upcoming
program and event, and their PDFs (no mkdocs import).

The print edition is made from the HTML the engine already rendered for each article, and the posters
from data/programs.yml and data/events.yml, so paper and screen never disagree.
"""
from .edition import PrintEdition, edition_html, pdf_name, print_url
from .pdf import PdfMaker, pdf_cache_key
from .poster import Poster, poster_html, posters

__all__ = ["PrintEdition", "edition_html", "pdf_name", "print_url", "PdfMaker", "pdf_cache_key", "Poster",
           "poster_html", "posters"]
