"""The web editor's local back end: Decap CMS's proxy API, served by our own preview.

Decap CMS's `local_backend` talks to a small JSON API (POST {action, params}); the npm package
decap-server implements it with node. This is the same API in Python, so the preview needs no node,
with three differences that matter to us:
- only the folders editors write (content/ and data/) can be read or written, never .git, .cache or
  any file outside the project, even through a symbolic link;
- a file that already exists is updated through edugc.cms.roundtrip, so its comments, quoting and
  layout survive an edit made in the browser;
- files are replaced atomically, so the preview (which watches them) never reads half a file.
"""
from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..model.source import nfc
from .roundtrip import merge_markdown, merge_yaml

EDITABLE = ("content", "data")


class Refused(Exception):
    """A request the local back end will not carry out (HTTP 403/422)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class LocalRepo:
    root: Path
    editable: tuple[str, ...] = EDITABLE

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()

    # One request of the editor: (HTTP status, JSON-able answer).
    def handle(self, body: Any) -> tuple[int, Any]:
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            return 422, {"error": "요청 형식이 올바르지 않습니다"}
        params = body.get("params") or {}
        action = getattr(self, f"_do_{body['action']}", None)
        if action is None:
            return 422, {"error": f"Unknown action {body['action']}"}
        try:
            return 200, action(params)
        except Refused as err:
            return err.status, {"error": str(err)}
        except (KeyError, TypeError, ValueError) as err:
            return 422, {"error": f"요청 값이 올바르지 않습니다: {err}"}

    # -- paths --------------------------------------------------------------------------------
    def path(self, rel: Any) -> Path:
        """An editable path inside the project, or Refused. Works for files that do not exist yet."""
        if not isinstance(rel, str) or not rel or "\x00" in rel or "\\" in rel:
            raise Refused(422, "파일 경로가 올바르지 않습니다")
        parts = PurePosixPath(nfc(rel)).parts
        if (rel.startswith("/") or any(p in ("..", ".") or p.startswith(".") for p in parts)
                or parts[0] not in self.editable):
            raise Refused(403, f"편집기는 {', '.join(self.editable)} 폴더의 파일만 다룹니다: {rel}")
        target = self.root.joinpath(*parts)
        # A symbolic link must not lead out of the project: resolve what exists of the path.
        existing = target
        while not existing.exists() and existing != self.root:
            existing = existing.parent
        real = existing.resolve()
        if not any(real == self.root / top or (self.root / top) in real.parents for top in self.editable):
            raise Refused(403, f"프로젝트 밖을 가리키는 경로입니다: {rel}")
        return target

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    # -- reading ------------------------------------------------------------------------------
    def _entry(self, rel: str, label: str | None = None) -> dict:
        path = self.path(rel)
        try:
            raw = path.read_bytes()
        except OSError:
            return {"data": None, "file": {"path": rel, "label": label, "id": None}}
        return {"data": raw.decode("utf-8", "replace"), "file": {"path": rel, "label": label, "id": _sha(raw)}}

    def _files(self, folder: str, extension: str, depth: int) -> list[str]:
        base = self.path(folder)
        if not base.is_dir():
            return []
        found = []
        for dirpath, dirnames, filenames in os.walk(base):
            here = Path(dirpath)
            level = len(here.relative_to(base).parts) + 1
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and level < depth)
            for name in sorted(filenames):
                if not name.startswith(".") and name.endswith(extension):
                    found.append(self.rel(here / name))
        return found

    def _do_info(self, params: dict) -> dict:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _do_entriesByFolder(self, params: dict) -> list:
        files = self._files(params["folder"], params.get("extension") or "", int(params.get("depth") or 1))
        return [self._entry(f) for f in files]

    def _do_entriesByFiles(self, params: dict) -> list:
        return [self._entry(f["path"], f.get("label")) for f in params["files"]]

    def _do_getEntry(self, params: dict) -> dict:
        return self._entry(params["path"])

    def _media(self, rel: str) -> dict:
        raw = self.path(rel).read_bytes()
        return {"id": _sha(raw), "content": base64.b64encode(raw).decode(), "encoding": "base64",
                "path": rel, "name": PurePosixPath(rel).name}

    def _do_getMedia(self, params: dict) -> list:
        files = self._files(params["mediaFolder"], "", 1)
        return [self._media(f) for f in files if not f.endswith((".md", ".yml", ".yaml"))]

    def _do_getMediaFile(self, params: dict) -> dict:
        return self._media(params["path"])

    def _do_getDeployPreview(self, params: dict) -> None:
        return None

    # -- writing ------------------------------------------------------------------------------
    def _do_persistEntry(self, params: dict) -> dict:
        files = params.get("dataFiles") or [params["entry"]]
        writes = [(self.path(f["path"]), f["raw"], f.get("newPath")) for f in files]
        assets = [(self.path(a["path"]), a) for a in params.get("assets") or []]
        for path, asset in assets:
            _write(path, _decode(asset))
        for path, raw, new_path in writes:
            _write(path, self._keep_layout(path, raw))
            if new_path:
                target = self.path(new_path)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
        return {"message": "entry persisted"}

    def _keep_layout(self, path: Path, raw: str) -> str:
        if not path.exists():
            return raw
        old = path.read_text(encoding="utf-8")
        try:
            if path.suffix in (".yml", ".yaml"):
                return merge_yaml(old, raw)
            if path.suffix == ".md":
                return merge_markdown(old, raw)
        except Exception:  # noqa: BLE001 - an unreadable old file: the editor's version wins, whole
            return raw
        return raw

    def _do_persistMedia(self, params: dict) -> dict:
        asset = params["asset"]
        path = self.path(asset["path"])
        _write(path, _decode(asset))
        return self._media(self.rel(path))

    def _do_deleteFile(self, params: dict) -> dict:
        self.path(params["path"]).unlink(missing_ok=True)
        return {"message": f"deleted file {params['path']}"}

    def _do_deleteFiles(self, params: dict) -> dict:
        paths = [self.path(p) for p in params["paths"]]
        for path in paths:
            path.unlink(missing_ok=True)
        return {"message": "deleted files"}


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _decode(asset: dict) -> bytes:
    if asset.get("encoding") != "base64":
        raise Refused(422, "첨부 파일은 base64로 보내야 합니다")
    return base64.b64decode(asset["content"], validate=True)


def _write(path: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".edit-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
