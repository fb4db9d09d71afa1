"""The newsletter: archive, tag and category pages, and RSS/Atom feeds (plain Python, no mkdocs).
"""
