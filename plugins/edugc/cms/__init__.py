"""The web editor: Decap CMS at /admin/, its form made from the schema, its local back end.

- config: the editor's configuration, walked from edugc.model.schema (labels: its Korean words)
- backend: Decap's local back-end API in Python, for the preview; roundtrip: edits that keep a file's
  comments and layout
- server: /admin/ in front of the preview's server; site: /admin/ in a published build (only with a
  Git host back end); install: the pinned, verified npm fetch of the editor

Kept free of imports here: install.py runs as a script before the project is installed.
"""
