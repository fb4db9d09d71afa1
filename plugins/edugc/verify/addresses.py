"""No two outputs at one address: editors' pages, their old addresses (aliases), program pages, the
generated lists and pages, and the files the build writes (feeds, calendars, print editions, search
data, stylesheets). Before this check the later one silently replaced the earlier one."""
from __future__ import annotations

from ..model import Problems, SiteModel
from ..urls import poster_url, print_url, program_url, short_issue_url, short_program_url
from . import Outputs
from .project import Project


def _as_dir(url: str) -> str:
    url = url.strip().strip("/")
    return url + "/" if url else ""


def check_addresses(site: SiteModel, project: Project, outputs: Outputs, problems: Problems) -> None:
    content, data = project.content_dir, project.data_dir
    owners: dict[str, str] = {}

    def claim(url: str, owner: str, path: str, line: int | None, what: str) -> None:
        url = _as_dir(url)
        other = owners.get(url)
        if other is not None and other != owner:
            problems.add(path, line, f"{what} /{url}이(가) {other}의 주소와 겹칩니다",
                         "slug나 aliases를 바꿔 주소가 겹치지 않게 하세요 (한 주소에는 한 페이지만 있을 수 있습니다)")
            return
        owners.setdefault(url, owner)

    # What the build makes from data and lists claims first: an editor's page cannot take its place.
    programs = {program_url(p.id): f"{data}/programs.yml의 '{p.id}'" for p in site.programs}
    for src, (url, _md) in sorted(outputs.pages.items()):
        owners.setdefault(_as_dir(url), programs.get(url) or _generated_name(src))
    for issue in site.issues:
        owners.setdefault(_as_dir(print_url(issue.doc.url)), f"제{issue.number}호 인쇄판")
        owners.setdefault(_as_dir(short_issue_url(issue.number)), f"제{issue.number}호의 짧은 주소")
    for program in site.programs:  # short addresses for 문자 and KakaoTalk, posters for notice boards
        owners.setdefault(_as_dir(short_program_url(program.id)), f"{data}/programs.yml의 '{program.id}' 짧은 주소")
        owners.setdefault(_as_dir(poster_url(program.id, event=False)), f"{data}/programs.yml의 '{program.id}' 포스터")
    for event in site.events:
        owners.setdefault(_as_dir(poster_url(event.id, event=True)), f"{data}/events.yml의 '{event.id}' 포스터")
    for doc in sorted(site.docs.values(), key=lambda d: d.src):
        claim(doc.url, f"{content}/{doc.src}", f"{content}/{doc.src}", doc.lines.get("slug") or 1, "이 페이지의 주소")
    for doc in site.docs.values():
        # The engine publishes README.md as its folder's page and drops it when an index.md is there.
        path = doc.src.rsplit("/", 1)
        if path[-1].lower() == "readme.md" and ("/".join(path[:-1] + ["index.md"]).lstrip("/")) in site.docs:
            problems.add(f"{content}/{doc.src}", 1, "같은 폴더에 index.md가 있어 이 README.md는 게시되지 않습니다",
                         "README.md의 이름을 바꾸거나 내용을 index.md로 옮기세요")
    files = outputs.files
    for doc in sorted(site.docs.values(), key=lambda d: d.src):
        line = doc.lines.get("aliases")
        for alias in doc.meta.aliases:
            _alias(alias, f"{content}/{doc.src}", line, claim, files, outputs.folders, problems)
    for program in site.programs:
        line = site.program_lines.get(program.id, {}).get("aliases")
        for alias in program.aliases:
            _alias(alias, f"{data}/programs.yml", line, claim, files, outputs.folders, problems)


def _alias(alias: str, path: str, line: int | None, claim, files: set[str], folders: tuple[str, ...],
           problems: Problems) -> None:
    plain = alias.strip().strip("/")
    parts = plain.split("/")
    taken = next(("/".join(parts[:n]) for n in range(1, len(parts) + 1) if "/".join(parts[:n]) in files), None)
    if taken is not None:
        problems.add(path, line, f"옛 주소(aliases) '{alias}'는 빌드가 만드는 파일 /{taken}의 자리입니다",
                     "aliases에서 이 주소를 지우세요 (피드, 달력, 검색 자료, 스타일 파일은 옮길 수 없습니다)")
        return
    if any((plain + "/").startswith(folder) for folder in folders):
        problems.add(path, line, f"옛 주소(aliases) '{alias}'는 사이트가 쓰는 폴더 안입니다",
                     f"aliases에서 이 주소를 지우세요 ({', '.join('/' + f for f in folders)} 아래는 빌드가 씁니다)")
        return
    claim(plain, f"{path} (aliases)", path, line, "옛 주소(aliases)")


def _generated_name(src: str) -> str:
    return f"빌드가 만드는 페이지({src.removesuffix('index.md').removesuffix('.md') or '첫 화면'})"
