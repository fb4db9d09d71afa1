"""The newsletter: archive, tag and category pages, and RSS/Atom feeds (plain Python, no mkdocs).

Kept import-light on purpose: edugc.pages imports `urls` from here for tag links.
"""
