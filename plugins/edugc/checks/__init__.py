"""Checks on content and on the built site: privacy, links, HTML, accessibility, published URLs.

Plain Python (no mkdocs): the build, the test suite and the publish command all call these.
"""
