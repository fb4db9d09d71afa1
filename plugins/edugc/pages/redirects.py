"""Redirect pages for moved addresses: printed QR codes and shared links keep working."""
from __future__ import annotations

import html

from ..urls import relative


def redirect_html(site_url: str, alias: str, target: str) -> str:
    href = html.escape(relative(alias.strip("/") + "/", target))
    canonical = html.escape(site_url.rstrip("/") + "/" + target) if site_url else href
    return (
        '<!doctype html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        f'<title>페이지를 옮겼습니다</title>\n<link rel="canonical" href="{canonical}">\n'
        f'<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url={href}">\n'
        '</head>\n<body>\n'
        f'<p>이 페이지는 새 주소로 옮겼습니다: <a href="{href}">새 주소로 가기</a></p>\n'
        '</body>\n</html>\n'
    )
