"""/admin/ in a published site: only once a Git host back end is configured.

Without one, the editor could do nothing there but show a sign-in that leads nowhere, so the build
leaves /admin/ out entirely (the preview serves its own, edugc.cms.server). With one, the build carries
the editor's page, its configuration (with that back end) and the editor's bundle.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from ..pages.render import render
from ..urls import ADMIN, ADMIN_CONFIG, ADMIN_ICON, admin_file, relative
from .config import editor_config, to_yaml
from .install import CACHE, DECAP, is_installed

# The API origins of each Git host back end (the editor signs in and commits through them).
DEFAULT_API = {"github": "https://api.github.com", "gitlab": "https://gitlab.com", "gitea": ""}


def admin_page(*, installed: bool, script: str, origins: Iterable[str]) -> str:
    """The editor's page (edugc/cms/templates/admin.html, through the one renderer); its links are
    relative, so it works under any sub-path of the site."""
    return render("admin.html", installed=installed, script=relative(ADMIN, admin_file(script)),
                  config=relative(ADMIN, ADMIN_CONFIG), icon=relative(ADMIN, ADMIN_ICON), origins=list(origins))


def backend_origins(backend: dict[str, Any]) -> list[str]:
    """Origins the published editor must reach: the host's API and its sign-in (auth) service."""
    found = []
    for key in ("api_root", "base_url"):
        if backend.get(key):
            parts = urlsplit(str(backend[key]))
            found.append(f"{parts.scheme}://{parts.netloc}")
    if not backend.get("api_root") and DEFAULT_API.get(backend.get("name", "")):
        found.append(DEFAULT_API[backend["name"]])
    if backend.get("name") == "github" and not backend.get("base_url"):
        found.append("https://github.com")  # GitHub's own OAuth pop-up
    return sorted(set(found))


class ConfigProblem(ValueError):
    pass


def check_backend(backend: dict[str, Any]) -> None:
    """A Git host back end that can work; a Korean reason if not (stops the build)."""
    name = backend.get("name")
    if name not in DEFAULT_API:
        raise ConfigProblem(f"edugc/cms의 backend.name은 github, gitlab, gitea 중 하나여야 합니다 (지금: {name!r})")
    if not backend.get("repo") or "/" not in str(backend["repo"]):
        raise ConfigProblem("edugc/cms의 backend.repo에 저장소를 '소유자/이름'으로 쓰세요 (예: geumcheon/gyoyuk)")
    if name == "gitea" and not (backend.get("api_root") and backend.get("app_id")):
        raise ConfigProblem("Gitea는 backend.api_root(예: https://git.example.org/api/v1)와 app_id(Gitea OAuth 앱의 "
                            "Client ID)를 쓰세요")
    if name == "gitlab" and not backend.get("app_id"):
        raise ConfigProblem("GitLab은 backend.app_id(GitLab 애플리케이션 ID)와 auth_type: pkce를 쓰세요")
    if name == "github" and not backend.get("base_url"):
        # Without it Decap signs in through Netlify's service, which only serves sites hosted there.
        raise ConfigProblem("GitHub는 backend.base_url에 로그인 중계(OAuth) 서버 주소를 쓰세요 (README의 '웹 편집기' 참고)")


def published_files(root: Path, backend: dict[str, Any], site_url: str, *, content_dir: str = "content",
                    data_dir: str = "data", cache: Path = CACHE) -> dict[str, bytes | Path]:
    """The files of a published /admin/: path in the site -> content or a file to copy."""
    check_backend(backend)
    if not is_installed(DECAP, cache):
        raise ConfigProblem("편집기(Decap CMS)가 설치되지 않았습니다: python3 plugins/edugc/cms/install.py를 실행하세요")
    page = admin_page(installed=True, script=DECAP.entry, origins=backend_origins(backend))
    config = to_yaml(editor_config(root, backend=backend, site_url=site_url, content_dir=content_dir,
                                   data_dir=data_dir))
    files: dict[str, bytes | Path] = {admin_file("index.html"): page.encode("utf-8"),
                                      ADMIN_CONFIG: config.encode("utf-8")}
    for asset in sorted((cache / DECAP.folder).iterdir()):
        if asset.is_file() and not asset.name.startswith("."):
            files[admin_file(asset.name)] = asset
    return files
