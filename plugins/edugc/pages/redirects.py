"""Redirect pages for moved addresses (printed QR codes and shared links keep working) and for the
short addresses that 문자 and KakaoTalk messages carry."""
from __future__ import annotations

import html
from collections.abc import Iterator

from ..model import SiteModel
from ..urls import program_url, relative, short_issue_url, short_program_url


def redirects(site: SiteModel) -> Iterator[tuple[str, str]]:
    """(target, alias) for every address that leads to another page: old addresses in aliases, then
    /n/<N>/ for each issue and /p/<id>/ for each program (edugc.urls)."""
    for doc in site.docs.values():
        for alias in doc.meta.aliases:
            yield doc.url, alias
    for program in site.programs:
        for alias in program.aliases:
            yield program_url(program.id), alias
    for issue in site.issues:
        yield issue.doc.url, short_issue_url(issue.number)
    for program in site.programs:
        yield program_url(program.id), short_program_url(program.id)


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
