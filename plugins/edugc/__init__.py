"""교육금천 site generator.

The domain (content model, pages, feeds, print, images, search analysis, checks) lives in plain
Python packages that never import mkdocs; ``edugc.mkdocs`` holds thin MkDocs plugin adapters over
them, so that moving to another engine means rewriting the adapters only.
"""
