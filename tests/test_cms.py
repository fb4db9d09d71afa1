"""The web editor at /admin/ (issue 22): staff who don't use Git edit the same Markdown and YAML.

The form is checked against the schema through pydantic's own JSON schema (not through the code that
made the form), the local back end is checked for what it refuses and what it keeps, and a real
Chromium creates a notice, a newsletter article and a program through Decap CMS's form while the
preview runs, then reads the files, the preview pages and `edugc check`.
"""
from __future__ import annotations

import base64
import difflib
import hashlib
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
import yaml
from pydantic import ValidationError, TypeAdapter

from conftest import ARTIFACTS, MINI_PROGRAMS, ROOT, data_file

from edugc.cms import install
from edugc.cms.backend import LocalRepo
from edugc.cms.config import editor_config, fields_of, to_yaml
from edugc.cms.roundtrip import merge_markdown, merge_yaml
from edugc.cms.server import EditorApp
from edugc.model import ContentError
from edugc.model import schema
from edugc.model.docs import ArticleDoc, GuideDoc, IssueDoc, NoticeDoc

PREVIEW = {"name": "proxy", "proxy_url": "http://127.0.0.1:8000/admin/api/v1", "branch": "main"}


def config_of(root: Path = ROOT) -> dict:
    return editor_config(root, backend=PREVIEW)


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


# -- the form agrees with the schema, field by field ------------------------------------------

def _resolve(node: dict, defs: dict) -> dict:
    if "$ref" in node:
        return _resolve(defs[node["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in node:  # Optional[X]: the form field is optional, its shape is X's
        inner = [n for n in node["anyOf"] if n.get("type") != "null"]
        assert len(inner) == 1, node
        return _resolve(inner[0], defs)
    return node


def _agree(form_fields: list[dict], model: type, where: str) -> None:
    """Every schema field is in the form with the same name, requiredness and shape, and no other."""
    js = model.model_json_schema()
    defs = js.get("$defs", {})
    props, required = js["properties"], set(js.get("required", []))
    names = [f["name"] for f in form_fields if f["name"] != "body"]
    assert sorted(names) == sorted(props), f"{where}: 양식 {names} / 스키마 {list(props)}"
    for field in form_fields:
        name = field["name"]
        if name == "body":
            continue
        spot = f"{where}.{name}"
        node = _resolve(props[name], defs)
        assert (field.get("required", True) is not False) == (name in required), spot
        assert field["label"] and not re.search(r"[a-z]{3}", field["label"].lower().replace("id", "")), spot
        widget = field["widget"]
        if widget == "relation" and name == "articles":  # an issue's articles, chosen by title
            assert field["value_field"] == "{{slug}}" and field["multiple"] is True, spot  # the file name
            assert field.get("min") == node.get("minItems") == 1, spot
            continue
        if widget == "relation":  # a program chosen by name, stored as its id
            assert field["value_field"] == "programs.*.id", spot
            item = _resolve(node.get("items", node), defs)
            assert item.get("pattern") == schema.SLUG_RE, spot
            assert field.get("multiple", False) == (node.get("type") == "array"), spot
            continue
        if name in ("cover",):
            assert widget == "image", spot
            alt = next(f for f in form_fields if f["name"] == "cover_alt")
            assert alt["widget"] == "string" and "설명" in alt["label"], spot
            continue
        kind = node.get("type")
        if "enum" in node or "const" in node:
            assert widget == "select" and field["options"] == node.get("enum", [node.get("const")]), spot
        elif kind == "array" and ("enum" in _resolve(node["items"], defs)):
            assert widget == "select" and field["multiple"] is True, spot
            assert field["options"] == _resolve(node["items"], defs)["enum"], spot
            assert field.get("min") == node.get("minItems"), spot
        elif kind == "array" and "properties" in _resolve(node["items"], defs):
            assert widget == "list", spot
            sub = _resolve(node["items"], defs)
            _agree(field["fields"], getattr(schema, sub["title"]), spot)
        elif kind == "array":
            assert widget == "list", spot
            assert field.get("min") == node.get("minItems"), spot
            item = _resolve(node["items"], defs)
            if item.get("type") == "integer":
                assert field["field"]["widget"] == "number", spot
                assert (field["field"].get("min"), field["field"].get("max")) == (item.get("minimum"), item.get("maximum"))
        elif "properties" in node:
            assert widget == "object", spot
            _agree(field["fields"], getattr(schema, node["title"]), spot)
        elif kind == "boolean":
            assert widget == "boolean" and field["default"] is bool(node.get("default", False)), spot
        elif kind == "integer":
            assert widget == "number" and field["value_type"] == "int", spot
            assert (field.get("min"), field.get("max")) == (node.get("minimum"), node.get("maximum")), spot
        elif node.get("format") == "date":
            assert widget == "datetime" and field["time_format"] is False and field["format"] == "YYYY-MM-DD", spot
        elif node.get("format") == "date-time":
            assert widget == "datetime" and field["time_format"] and field["format"] == "YYYY-MM-DDTHH:mm", spot
        elif node.get("format") == "uri":
            assert widget == "string" and field["pattern"][0].startswith("^https?://"), spot
        else:
            assert kind == "string" and widget in ("string", "text"), spot
            assert ("pattern" in field) == ("pattern" in node), spot


def test_every_collection_has_the_schema_fields_with_their_widgets_and_requirements():
    config = config_of()
    kinds = {"notices": NoticeDoc.META, "guides": GuideDoc.META}  # what the loader validates each kind with
    for name, model in kinds.items():
        _agree(collection(config, name)["fields"], model, name)
    for number in (1, 2, 3):  # each issue on disk: its articles, and its own page in "issues"
        _agree(collection(config, f"issue-{number}")["fields"], ArticleDoc.META, f"issue-{number}")
    for file in collection(config, "issues")["files"]:
        _agree(file["fields"], IssueDoc.META, file["name"])
    for name, model in (("programs", schema.ProgramsFile), ("events", schema.EventsFile), ("site", schema.SiteInfo)):
        (file,) = collection(config, name)["files"]
        _agree(file["fields"], model, name)


def _all_fields(fields: list[dict]):
    for field in fields:
        yield field
        yield from _all_fields(field.get("fields", []))
        if "field" in field:
            yield field["field"]


def test_fixed_choices_are_the_schema_tuples():
    config = config_of()
    fields = {f["name"]: f for c in config["collections"] for f in _all_fields(c.get("fields", []))}
    fields |= {f["name"]: f for c in config["collections"] for file in c.get("files", [])
               for f in _all_fields(file["fields"])}
    assert fields["category"]["options"] == list(schema.CATEGORIES)
    assert fields["family"]["options"] == list(schema.FAMILIES)
    assert fields["levels"]["options"] == list(schema.LEVELS) and fields["levels"]["multiple"]


def _same_verdict(pattern: list[str], annotation, value: str) -> None:
    # Decap CMS runs the pattern as a JavaScript RegExp; these patterns mean the same in Python's re.
    form_ok = re.search(pattern[0], value) is not None
    try:
        TypeAdapter(annotation).validate_python(value)
        schema_ok = True
    except ValidationError:
        schema_ok = False
    assert form_ok == schema_ok, value


@pytest.mark.parametrize("value", ["winter-camp", "a", "2027-briefing", "a" * 80, "Winter", "winter_camp",
                                   "-camp", "camp-", "겨울", "a" * 81, "two--dashes", ""])
def test_the_form_accepts_exactly_the_addresses_the_schema_accepts(value):
    (slug,) = [f for f in collection(config_of(), "notices")["fields"] if f["name"] == "slug"]
    _same_verdict(slug["pattern"], schema.Slug, value)


@pytest.mark.parametrize("value", ["02-1234-5678", "031-123-4567", "010-1234-5678", "02-12345678", "0212345678",
                                   "2-1234-5678", "02-1234-567", "02 1234 5678"])
def test_the_form_accepts_exactly_the_phone_numbers_the_schema_accepts(value):
    (programs,) = collection(config_of(), "programs")["files"]
    items = next(f for f in programs["fields"] if f["name"] == "programs")
    apply = next(f for f in items["fields"] if f["name"] == "apply")
    phone = next(f for f in apply["fields"] if f["name"] == "phone")
    _same_verdict(phone["pattern"], schema.Phone, value)


def test_a_schema_change_changes_the_form():
    class Extended(schema.ArticleMeta):
        place: schema.Text                # a field with words in labels.py: it appears, required
        capacity: int | None = None

    names = {f["name"]: f for f in fields_of(Extended)}
    assert names["place"]["widget"] == "string" and "required" not in names["place"]
    assert names["capacity"]["widget"] == "number" and names["capacity"]["required"] is False

    class Unlabelled(schema.ArticleMeta):
        subtitle: str

    with pytest.raises(KeyError, match="labels.py"):  # no form without Korean words for every field
        fields_of(Unlabelled)


def test_new_issue_folders_get_their_own_article_collection(project):
    project.write("content/newsletter/7/index.md", "---\nnumber: 7\ndate: 2026-03-16\ntitle: 칠\narticles: [a]\n---\n")
    config = config_of(project.root)
    assert collection(config, "issue-7")["folder"] == "content/newsletter/7"
    (issue,) = [f for f in collection(config, "issues")["files"] if f["name"] == "issue-7-index"]
    articles = next(f for f in issue["fields"] if f["name"] == "articles")
    assert articles["widget"] == "relation" and articles["collection"] == "issue-7"
    assert articles["value_field"] == "{{slug}}"  # the file name, which the loader matches


def test_config_yml_is_yaml_with_a_korean_interface():
    text = to_yaml(config_of())
    config = yaml.safe_load(text)
    assert config["locale"] == "ko" and config["backend"] == PREVIEW
    assert {c["label"] for c in config["collections"]} >= {"공지", "입시 가이드", "프로그램", "일정", "소식지 호 정보"}


# -- data files: the new shape, and check explaining it ---------------------------------------

def test_the_old_bare_list_shape_is_explained_by_check(project):
    project.write("data/programs.yml", MINI_PROGRAMS)
    with pytest.raises(ContentError) as err:
        project.load()
    (problem,) = [str(p) for p in err.value.problems]
    assert problem.startswith("data/programs.yml:1: ") and "'programs:'" in problem and "들여" in problem


def test_an_unknown_top_level_key_is_named_with_a_guess(project):
    project.write("data/programs.yml", "note: 메모\n" + data_file("programs", MINI_PROGRAMS))
    with pytest.raises(ContentError) as err:
        project.load()
    (problem,) = [str(p) for p in err.value.problems]
    assert problem.startswith("data/programs.yml:1: ") and "'notes'" in problem


def test_the_real_data_files_keep_their_source_notes_in_fields():
    for rel, key in (("data/programs.yml", "programs"), ("data/events.yml", "events")):
        data = yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))
        assert "예시" in data["notes"] and isinstance(data[key], list), rel


# -- keeping comments and layout through an edit ----------------------------------------------

def _as_decap_writes(text: str, change) -> str:
    """What a web editor sends: the data re-serialised from scratch, comments gone."""
    data = yaml.safe_load(text)
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_an_edit_keeps_comments_notes_and_untouched_lines():
    old = (ROOT / "data/programs.yml").read_text(encoding="utf-8")

    def change(data):
        data["programs"][1]["capacity"] = 25
        data["programs"].append({"id": "winter-camp", "name": "겨울 캠프", "description": "첫 줄\n\n둘째 문단"})

    new = merge_yaml(old, _as_decap_writes(old, change))
    assert yaml.safe_load(new) == yaml.safe_load(_as_decap_writes(old, change))
    old_lines, new_lines = old.splitlines(), new.splitlines()
    assert [line for line in old_lines if line.lstrip().startswith("#")] == \
           [line for line in new_lines if line.lstrip().startswith("#")]
    diff = list(difflib.ndiff(old_lines, new_lines))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    assert removed == ["    capacity: 30"], removed  # the one value that changed, nothing else rewritten
    assert "    capacity: 25" in [line[2:] for line in diff if line.startswith("+ ")]
    assert "  - id: winter-camp" in new_lines and "      둘째 문단" in new_lines  # block text, as people write


def test_a_save_without_changes_leaves_every_byte():
    for rel in ("data/programs.yml", "data/events.yml", "data/site.yml"):
        old = (ROOT / rel).read_text(encoding="utf-8")
        assert merge_yaml(old, _as_decap_writes(old, lambda d: None)) == old, rel


@pytest.mark.parametrize("word", ["on", "yes", "No", "off", "1:20", "~", "null", "12", "2026-03-02"])
def test_text_that_yaml_1_1_would_misread_stays_text(word):
    old = "tags: [상담]\n"
    new = merge_yaml(old, yaml.safe_dump({"tags": ["상담", word]}, allow_unicode=True))
    assert yaml.safe_load(new)["tags"] == ["상담", word]  # PyYAML, as the loader reads it


def test_markdown_front_matter_is_merged_and_the_body_taken():
    old = "---\ntitle: 옛 제목\ntags: [상담, 학부모]   # 태그\ndraft: true   # 다 쓰면 지우세요\n---\n\n본문\n"
    new = "---\ntitle: 새 제목\ntags:\n  - 상담\n  - 학부모\ndraft: true\n---\n본문\n\n더 쓴 문단\n"
    merged = merge_markdown(old, new)
    assert merged.startswith("---\ntitle: 새 제목\ntags: [상담, 학부모]   # 태그\ndraft: true   # 다 쓰면 지우세요\n---\n")
    assert merged.endswith("본문\n\n더 쓴 문단\n")


# -- the local back end -------------------------------------------------------------------------

@pytest.fixture
def repo(project) -> LocalRepo:
    return LocalRepo(project.root)


def persist(path: str, raw: str) -> dict:
    return {"action": "persistEntry", "params": {"branch": "main", "dataFiles": [{"slug": "x", "path": path, "raw": raw}],
                                                  "assets": [], "options": {"commitMessage": "m", "useWorkflow": False,
                                                                            "status": "draft"}}}


@pytest.mark.parametrize("path", ["../outside.md", "/etc/passwd", "content/../mkdocs.yml", ".git/config",
                                  "mkdocs.yml", "content/.hidden.md", "overrides/main.html", "content\\..\\x.md"])
def test_the_back_end_writes_nothing_outside_content_and_data(repo, project, path):
    before = {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()}
    status, answer = repo.handle(persist(path, "x"))
    assert status in (403, 422) and answer["error"]
    assert {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()} == before
    status, _ = repo.handle({"action": "getEntry", "params": {"branch": "main", "path": path}})
    assert status in (403, 422)


def test_a_symbolic_link_cannot_lead_the_back_end_out_of_the_project(repo, project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (project.root / "content" / "link").symlink_to(outside, target_is_directory=True)
    status, _ = repo.handle(persist("content/link/x.md", "---\ntitle: 가\n---\n"))
    assert status == 403 and not (outside / "x.md").exists()


def test_the_back_end_lists_reads_writes_and_uploads(repo, project):
    status, entries = repo.handle({"action": "entriesByFolder",
                                   "params": {"branch": "main", "folder": "content/newsletter/1", "extension": "md", "depth": 1}})
    assert status == 200 and sorted(e["file"]["path"] for e in entries) == \
        ["content/newsletter/1/credit-basics.md", "content/newsletter/1/index.md"]
    assert all(e["file"]["id"] == hashlib.sha256(e["data"].encode()).hexdigest() for e in entries)
    raw = "---\ntitle: 새 공지\ndate: 2026-03-16\nauthor: 팀\ncategory: 센터 소식\n---\n본문\n"
    assert repo.handle(persist("content/notices/새-공지.md", raw))[0] == 200
    assert (project.root / "content/notices/새-공지.md").read_text(encoding="utf-8") == raw
    picture = base64.b64encode(b"\x89PNG fake").decode()
    status, media = repo.handle({"action": "persistMedia", "params": {"branch": "main", "options": {"commitMessage": "m"},
                                 "asset": {"path": "content/notices/a.png", "content": picture, "encoding": "base64"}}})
    assert status == 200 and (project.root / "content/notices/a.png").read_bytes() == b"\x89PNG fake"
    assert project.load().docs["notices/새-공지.md"].url == "notices/sae-gongji/"  # a Korean name, a readable address
    status, _ = repo.handle({"action": "deleteFile", "params": {"branch": "main", "path": "content/notices/새-공지.md",
                                                                "options": {"commitMessage": "m"}}})
    assert status == 200 and not (project.root / "content/notices/새-공지.md").exists()


def wsgi(app, path: str, *, method="GET", body: bytes = b"", headers: dict | None = None) -> tuple[str, dict, bytes]:
    environ = {"PATH_INFO": path, "REQUEST_METHOD": method, "wsgi.input": io.BytesIO(body),
               "CONTENT_LENGTH": str(len(body)), "HTTP_HOST": "127.0.0.1:8000"}
    for key, value in (headers or {}).items():
        environ[key] = value
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, response_headers):
        seen["status"], seen["headers"] = status, dict(response_headers)

    out = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], out


def test_the_preview_answers_only_this_computer(project):
    app = EditorApp(lambda e, s: [s("200 OK", []) or b"site"], project.root)
    info = json.dumps({"action": "info"}).encode()
    json_type = {"CONTENT_TYPE": "application/json"}
    assert wsgi(app, "/admin/api/v1", method="POST", body=info, headers=json_type)[0].startswith("200")
    # another site open in the browser, a page reached by DNS rebinding, a plain HTML form
    assert wsgi(app, "/admin/api/v1", method="POST", body=info,
                headers=json_type | {"HTTP_ORIGIN": "https://evil.example"})[0].startswith("403")
    assert wsgi(app, "/admin/api/v1", method="POST", body=info,
                headers=json_type | {"HTTP_HOST": "evil.example:8000"})[0].startswith("403")
    assert wsgi(app, "/admin/api/v1", method="POST", body=info,
                headers={"CONTENT_TYPE": "text/plain"})[0].startswith("415")
    assert wsgi(app, "/about/")[2] == b"site"  # everything else is the preview's


def test_the_preview_page_allows_no_other_origin_and_the_config_is_made_per_request(project):
    app = EditorApp(lambda e, s: [b""], project.root, "/edu/")
    status, headers, html = wsgi(app, "/edu/admin/")
    assert status.startswith("200") and headers["Cache-Control"] == "no-store"
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html.decode()).group(1)
    assert "connect-src 'self' blob: data:;" in csp and "http" not in csp.replace("http-equiv", "")
    config = yaml.safe_load(wsgi(app, "/edu/admin/config.yml")[2])
    assert config["backend"]["proxy_url"] == "http://127.0.0.1:8000/edu/admin/api/v1"
    project.write("content/newsletter/2/index.md", "---\nnumber: 2\ndate: 2026-06-01\ntitle: 둘\narticles: [a]\n---\n")
    config = yaml.safe_load(wsgi(app, "/edu/admin/config.yml")[2])
    assert any(c["name"] == "issue-2" for c in config["collections"])
    assert wsgi(app, "/edu/admin/../../etc/passwd")[0].startswith("404")


# -- the published site ------------------------------------------------------------------------

def test_the_published_site_has_no_admin_without_a_git_host(site_dir):
    assert not (site_dir / "admin").exists()
    assert not any("decap" in p.name for p in site_dir.rglob("*.js"))


def test_with_a_git_host_the_build_carries_the_editor_for_it(project, tmp_path):
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", text + "  - edugc/cms:\n      backend: {name: github, repo: geumcheon/gyoyuk, branch: main,"
                  " base_url: 'https://cms-auth.gyoyuk.test'}\n")
    out = tmp_path / "site"
    result = project.build(out)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((out / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "geumcheon/gyoyuk", "branch": "main",
                                 "base_url": "https://cms-auth.gyoyuk.test"}
    assert "local_backend" not in config and (out / "admin" / install.DECAP.entry).exists()
    html = (out / "admin/index.html").read_text(encoding="utf-8")
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    connect = re.search(r"connect-src ([^;]+)", csp).group(1).split()
    assert {"https://api.github.com", "https://cms-auth.gyoyuk.test"} <= set(connect) and 'lang="ko"' in html
    assert all(o in ("'self'", "blob:", "data:") or o.startswith("https://") for o in connect)
    from edugc.publish.ledger import published_urls

    assert not any(url.startswith("admin") for url in published_urls(out))  # staff's, not an address readers keep


def test_a_git_host_without_a_repository_stops_the_build_in_korean(project, tmp_path):
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", text + "  - edugc/cms:\n      backend: {name: github}\n")
    result = project.build(tmp_path / "site")
    assert result.returncode != 0 and "backend.repo" in result.stderr and "소유자/이름" in result.stderr


# -- the npm fetch --------------------------------------------------------------------------------

def _tarball(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _registry(tgz: bytes, integrity: str | None = None):
    digest = integrity or "sha512-" + base64.b64encode(hashlib.sha512(tgz).digest()).decode()

    def get(url: str) -> bytes:
        if url.endswith(".tgz"):
            return tgz
        return json.dumps({"version": install.DECAP.version,
                           "dist": {"tarball": "https://registry.test/decap.tgz", "integrity": digest}}).encode()
    return get


def test_the_editor_is_installed_pinned_verified_and_only_its_bundle(tmp_path):
    tgz = _tarball({"dist/decap-cms.js": b"cms", "dist/103.decap-cms.js": b"chunk", "dist/a.wasm": b"w",
                    "dist/decap-cms.js.map": b"x" * 100, "dist/cms.js": b"dup", "README.md": b"r",
                    "dist/decap-cms.js.LICENSE.txt": b"MIT"})
    assert install.ensure(tmp_path, _registry(tgz))
    kept = sorted(p.name for p in (tmp_path / install.DECAP.folder).iterdir())
    assert kept == [".installed", "103.decap-cms.js", "a.wasm", "decap-cms.js", "decap-cms.js.LICENSE.txt"]
    assert install.is_installed(install.DECAP, tmp_path)


def test_a_tampered_tarball_is_refused_before_anything_is_unpacked(tmp_path, capsys):
    tgz = _tarball({"dist/decap-cms.js": b"evil"})
    assert not install.ensure(tmp_path, _registry(tgz, "sha512-" + base64.b64encode(b"0" * 64).decode()))
    assert not (tmp_path / install.DECAP.folder / "decap-cms.js").exists()
    assert "sha512" in capsys.readouterr().out


# -- in a real browser: the editor's form writes the files, the preview shows them ----------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return 0, ""


def _wait_for(url: str, text: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        status, body = _get(url)
        if status == 200 and text in body:
            return body
        time.sleep(1)
    raise AssertionError(f"{url}에 '{text}'이(가) 보이지 않습니다 (마지막 응답 {len(body)}자)")


@pytest.fixture(scope="module")
def editing_project(tmp_path_factory):
    """A copy of the real project served by `mkdocs serve`, as an editor runs it (scripts/dev.py serve)."""
    if not install.ensure():
        pytest.fail("편집기(Decap CMS)를 설치하지 못했습니다: python3 plugins/edugc/cms/install.py")
    root = tmp_path_factory.mktemp("editing") / "project"
    root.mkdir()
    for name in ("content", "data", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY="2026-12-02", PDF="0", CARDS="0")
    log = (root.parent / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
                                "-a", f"127.0.0.1:{port}", "--dirty"], cwd=root, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/", "교육금천", seconds=240)
        yield root, base
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the preview and the workers it forked, nothing else
        process.wait(timeout=30)
        log.close()


def _last(page, name: str):
    """The last field called `name` on the page (Decap numbers its fields: title-field-3)."""
    return page.locator(f'[id^="{name}-field-"]').last


def _choose(page, name: str, option: str) -> None:
    """Pick from a choice list as a keyboard user does: type, then Enter on the first match."""
    _last(page, name).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).wait_for()
    page.keyboard.press("Enter")


def _pick_related(page, label: str, typed: str) -> None:
    """A program chosen by name in a relation field (Decap's has no element with its label's id)."""
    page.locator('[aria-label="relation field"]').filter(has_text=label).locator("input").last.click()
    page.keyboard.type(typed)
    page.get_by_role("option").filter(has_text=typed).first.wait_for()
    page.keyboard.press("Enter")


def _open(page, url: str, collection_label: str) -> None:
    """Load a form afresh, as a bookmark does (a hash change alone can show the last form's values)."""
    page.goto("about:blank")
    page.goto(url)
    # Decap's Korean header reads "<컬렉션> 컬랙션에 작성하는 중" (sic in its 3.16 translation)
    page.get_by_text(re.compile(rf"^{re.escape(collection_label)} 컬.션에 작성하는 중")).first.wait_for()
    if "/entries/" in url:  # an existing file: wait until its values are in the form
        first = "notes" if "programs" in url else "title"
        page.wait_for_function(f"() => [...document.querySelectorAll('[id^=\"{first}-field-\"]')].some(e => e.value)")
    page.wait_for_timeout(300)


def _publish(page) -> None:
    page.get_by_role("button", name="게시", exact=True).first.click()
    page.get_by_text("지금 게시", exact=True).click()
    try:
        page.get_by_text("변경사항 저장됨").wait_for(timeout=30_000)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "cms" / "failed-publish.png"), full_page=True)
        print("PAGE TEXT:", page.locator("body").inner_text()[:3000])
        raise
    page.wait_for_timeout(500)


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def test_staff_create_every_kind_of_content_in_the_browser(browser, editing_project):
    root, base = editing_project
    programs_before = (root / "data/programs.yml").read_text(encoding="utf-8")
    shots = ARTIFACTS / "cms"
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/admin/")
    page.get_by_role("button", name="로그인").click()
    page.get_by_text("컬렉션").first.wait_for()

    # 1. a notice
    _open(page, base + "/admin/#/collections/notices/new", "공지")
    _last(page, "title").fill("겨울방학 진로 캠프 안내")
    _last(page, "date").fill("2026-12-01")
    _last(page, "author").fill("진로진학지원팀")
    _choose(page, "category", "센터 소식")
    _last(page, "tags").fill("캠프, 학부모")
    page.locator(".cms-editor-visual [contenteditable=true]").last.click()
    page.keyboard.type("캠프는 12월 26일 금천진로진학지원센터에서 열립니다.")
    page.screenshot(path=str(shots / "notice-1280.png"), full_page=True)
    _publish(page)
    notice = root / "content/notices/겨울방학-진로-캠프-안내.md"
    meta = _front(notice)
    assert meta["title"] == "겨울방학 진로 캠프 안내" and str(meta["date"]) == "2026-12-01"
    assert meta["category"] == "센터 소식" and meta["tags"] == ["캠프", "학부모"] and "slug" not in meta
    assert "12월 26일" in notice.read_text(encoding="utf-8")

    # 2. an article in issue 3, then put into the issue's order (chosen by its title)
    _open(page, base + "/admin/#/collections/issue-3/new", "소식지 제3호 기사")
    _last(page, "title").fill("겨울방학 학습 계획 세우기")
    _last(page, "date").fill("2026-09-14")
    _last(page, "author").fill("진로진학지원팀")
    _choose(page, "category", "학습 방법")
    page.locator(".cms-editor-visual [contenteditable=true]").last.click()
    page.keyboard.type("방학 계획은 작게 시작합니다.")
    _publish(page)
    article = root / "content/newsletter/3/겨울방학-학습-계획-세우기.md"
    assert _front(article)["category"] == "학습 방법"
    _open(page, base + "/admin/#/collections/issues/entries/issue-3-index", "소식지 호 정보")
    _pick_related(page, "기사 순서", "겨울방학 학습")
    page.screenshot(path=str(shots / "issue-1280.png"), full_page=True)
    _publish(page)
    order = _front(root / "content/newsletter/3/index.md")["articles"]
    assert order[-1] == "겨울방학-학습-계획-세우기" and len(order) == 5

    # 3. a program, added to the list in data/programs.yml
    _open(page, base + "/admin/#/collections/programs/entries/programs", "프로그램")
    page.get_by_text("학습심리 상담").first.wait_for()
    page.get_by_role("button", name="프로그램 추가").click()
    _last(page, "id").fill("winter-camp")
    _last(page, "name").fill("겨울방학 진로 캠프")
    _choose(page, "family", "진로진학 정보")
    _choose(page, "audience", "중등")
    _choose(page, "audience", "학부모")
    _last(page, "summary").fill("방학 동안 진로를 함께 탐색하는 캠프입니다.")
    _last(page, "description").fill("첫째 날에는 직업 탐색을 합니다.\n\n둘째 날에는 전공 체험을 합니다.")
    _last(page, "schedule").fill("겨울방학 중 2일")
    _last(page, "place").fill("금천진로진학지원센터")
    _last(page, "capacity").fill("30")
    _last(page, "phone").fill("02-1234-567")   # a wrong number first: the form says so and will not save
    _last(page, "how").fill("전화 신청")
    _last(page, "contact").fill("진로진학지원팀")
    page.get_by_role("button", name="게시", exact=True).first.click()
    page.get_by_text("지금 게시", exact=True).click()
    page.get_by_text("02-1234-5678처럼").first.wait_for()
    assert "winter-camp" not in (root / "data/programs.yml").read_text(encoding="utf-8")
    _last(page, "phone").click()
    page.keyboard.press("Control+A")  # retyped as a person would (fill() here appended to the old value)
    page.keyboard.type("02-1234-5678")
    page.screenshot(path=str(shots / "program-1280.png"))
    _publish(page)
    programs_after = (root / "data/programs.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(programs_after)
    added = data["programs"][-1]
    assert added["id"] == "winter-camp" and added["audience"] == ["중등", "학부모"] and added["capacity"] == 30
    assert added["apply"] == {"phone": "02-1234-5678", "how": "전화 신청"}
    assert added["description"].startswith("첫째 날") and "\n\n둘째 날" in added["description"]
    before_lines = programs_before.splitlines()
    assert programs_after.splitlines()[:len(before_lines)] == before_lines  # comments and every old line kept

    # 4. an event of the new program, chosen by the program's name
    events_before = (root / "data/events.yml").read_text(encoding="utf-8")
    _open(page, base + "/admin/#/collections/events/entries/events", "일정")
    page.get_by_role("button", name="일정 추가").click()
    _last(page, "id").fill("2027-winter-camp")
    _last(page, "title").fill("겨울방학 진로 캠프 첫째 날")
    _pick_related(page, "프로그램", "겨울방학 진로")
    _last(page, "start").fill("2027-01-10T14:00")
    _last(page, "end").fill("2027-01-10T16:00")
    _last(page, "place").fill("금천진로진학지원센터")
    _publish(page)
    events = yaml.safe_load((root / "data/events.yml").read_text(encoding="utf-8"))
    added = events["events"][-1]
    assert added.pop("example", False) is False  # the switch's default, written or not
    assert added == {"id": "2027-winter-camp", "title": "겨울방학 진로 캠프 첫째 날", "program": "winter-camp",
                     "start": "2027-01-10T14:00", "end": "2027-01-10T16:00", "place": "금천진로진학지원센터"}
    assert (root / "data/events.yml").read_text(encoding="utf-8").startswith(events_before.rstrip("\n"))

    # 5. an admission guide that points to the program
    _open(page, base + "/admin/#/collections/guides/new", "입시 가이드")
    _last(page, "title").fill("겨울방학 진로 탐색 가이드")
    _choose(page, "levels", "중등")
    _last(page, "school_year").fill("2030")
    _last(page, "reviewed").fill("2026-12-01")
    _last(page, "review_by").fill("2027-06-30")
    _pick_related(page, "관련 프로그램", "겨울방학 진로")
    page.locator(".cms-editor-visual [contenteditable=true]").last.click()
    page.keyboard.type("방학은 진로를 탐색하기 좋은 때입니다.")
    _publish(page)
    guide = _front(root / "content/guides/겨울방학-진로-탐색-가이드.md")
    assert guide["audience"] == {"levels": ["중등"]} and guide["school_year"] == 2030
    assert guide["programs"] == ["winter-camp"] and str(guide["review_by"]) == "2027-06-30"

    # The preview shows all of it, and `check` passes on what the editor wrote.
    _wait_for(base + "/notices/gyeoulbanghak-jinro-kaempeu-annae/", "12월 26일")
    _wait_for(base + "/newsletter/3/gyeoulbanghak-hakseup-gyehoek-seugi/", "방학 계획은 작게")
    _wait_for(base + "/programs/winter-camp/", "겨울방학 진로 캠프")
    _wait_for(base + "/newsletter/3/", "겨울방학 학습 계획 세우기")
    _wait_for(base + "/guides/gyeoulbanghak-jinro-tamsaek-gaideu/", "방학은 진로를 탐색하기")
    _wait_for(base + "/programs/winter-camp/", "겨울방학 진로 캠프 첫째 날")
    check = subprocess.run([sys.executable, "-m", "edugc.cli", "--root", str(root), "check"], capture_output=True,
                           text=True, env=dict(os.environ, EDUGC_TODAY="2026-12-02"))
    assert check.returncode == 0, check.stdout + check.stderr

    # The editor talked to nobody but this computer.
    assert requests and all(u.startswith(base) or u.startswith(("data:", "blob:")) for u in requests), \
        [u for u in requests if not u.startswith(base)]

    # The same form on a phone: it fits the screen.
    phone = browser.new_context(viewport={"width": 375, "height": 812}, locale="ko-KR", is_mobile=True,
                                has_touch=True)
    small = phone.new_page()
    small.goto(base + "/admin/")
    small.get_by_role("button", name="로그인").click()
    small.get_by_text("컬렉션").first.wait_for()
    small.screenshot(path=str(shots / "collections-375.png"))
    _open(small, base + "/admin/#/collections/notices/entries/겨울방학-진로-캠프-안내", "공지")
    assert small.evaluate("document.documentElement.scrollWidth") <= 375
    small.screenshot(path=str(shots / "notice-375.png"))
    _open(small, base + "/admin/#/collections/programs/entries/programs", "프로그램")
    small.get_by_text("학습심리 상담").first.wait_for()
    small.screenshot(path=str(shots / "programs-375.png"))
    phone.close()
    context.close()
