"""Thin MkDocs adapters over the domain packages: typed config, events in lifecycle order.

Moving to another engine (Zensical, a plain Jinja renderer) rewrites this folder only.
"""
