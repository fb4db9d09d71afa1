"""The product outlives MkDocs: only the adapters in edugc/mkdocs/ may import it."""
from __future__ import annotations

import ast

from conftest import ROOT


def test_domain_never_imports_mkdocs():
    package = ROOT / "plugins/edugc"
    offenders = []
    for path in package.rglob("*.py"):
        if "mkdocs" in path.relative_to(package).parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
            if any(n == "mkdocs" or n.startswith(("mkdocs.", "material")) for n in names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_every_plugin_is_registered_and_used():
    import tomllib

    import yaml

    entry = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["mkdocs.plugins"]
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    used = {p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]}
    assert set(entry) <= used, set(entry) - used
    for target in entry.values():
        module, _, cls = target.partition(":")
        assert module.startswith("edugc.mkdocs."), target
        assert getattr(__import__(module, fromlist=[cls]), cls)


def test_shipped_code_imports_only_runtime_dependencies():
    """A fresh install has no extras: a shipped import that only the test extra provides breaks publishing."""
    import re
    import tomllib
    from importlib.metadata import packages_distributions

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    norm = lambda name: re.sub(r"[-_.]+", "-", re.split(r"[<>=!~;\[ ]", name, maxsplit=1)[0]).lower()  # noqa: E731
    runtime = {norm(d) for d in meta["dependencies"]}
    extra = {norm(d) for deps in meta.get("optional-dependencies", {}).values() for d in deps} - runtime
    providers = packages_distributions()
    offenders = []
    for path in (ROOT / "plugins/edugc").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            for name in names:
                if any(norm(dist) in extra for dist in providers.get(name.split(".")[0], [])):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert not offenders, offenders
