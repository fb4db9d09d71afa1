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


# -- one house: each thing in one place (issue 17) --------------------------------------------------

PACKAGE = ROOT / "plugins/edugc"


def _sources():
    return {path: path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))}


def test_modules_stay_small_and_typed():
    sources = _sources()
    ignores = [f"{p.relative_to(ROOT)}:{n}" for p, text in sources.items()
               for n, line in enumerate(text.splitlines(), 1) if "type: ignore" in line]
    assert len(ignores) <= 2, ignores
    large = {p.relative_to(ROOT).as_posix(): n for p, text in sources.items() if (n := len(text.splitlines())) > 400}
    assert not large, large


def test_content_kinds_are_types_not_strings():
    import re

    kind_test = re.compile(r"""kind\s*(?:==|!=|\bin\b|\bnot in\b)\s*\(?\s*["'](?:page|issue|article|notice|guide)["']""")
    found = [f"{p.relative_to(ROOT)}:{n}" for p, text in _sources().items()
             for n, line in enumerate(text.splitlines(), 1) if kind_test.search(line)]
    assert not found, found


def test_every_address_comes_from_the_addressing_module():
    import re

    # A site address of a section written by hand, outside edugc/urls.py (virtual sources *.md aside).
    address = re.compile(r"""["'](?:newsletter|notices|guides|programs|events|assets|search)/[^"'\s]*["']""")
    found = []
    for path, text in _sources().items():
        if path == PACKAGE / "urls.py":
            continue
        for n, line in enumerate(text.splitlines(), 1):
            line = line.split("  #", 1)[0]  # an example in a comment is not an address made
            if line.lstrip().startswith("#"):
                continue
            found += [f"{path.relative_to(ROOT)}:{n}: {m.group(0)}" for m in address.finditer(line)
                      if not m.group(0).rstrip("\"'").endswith(".md")]
    assert not found, found


def test_one_renderer_over_every_template_folder():
    from edugc.pages.render import TEMPLATE_FOLDERS, environment

    constructions = [p.relative_to(ROOT).as_posix() for p, text in _sources().items() if "Environment(" in text]
    assert constructions == ["plugins/edugc/pages/render.py"], constructions
    names = [t.relative_to(folder).as_posix() for folder in TEMPLATE_FOLDERS for t in folder.rglob("*") if t.is_file()]
    assert len(names) == len(set(names)), "a template name in two folders would hide one of them"
    assert {p.parent.name for p in TEMPLATE_FOLDERS} >= {"pages", "newsletter", "programs", "print"}
    for name in names:
        if name.endswith(".html"):
            assert environment().get_template(name)
    private = []
    for path, text in _sources().items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom):
                private += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names
                            if a.name.startswith("_") and not a.name.startswith("__")]
    assert not private, private


def test_list_pages_carry_html_without_a_markdown_round_trip():
    from edugc.model import load_site
    from edugc.newsletter.pages import NewsletterPages
    from edugc.programs import ProgramPages

    site = load_site(ROOT)
    program_pages = {f"programs/{p.id}.md" for p in site.programs}
    pages = NewsletterPages(site).all() + ProgramPages(site, "https://gyoyuk.test/").pages()
    lists = [p for p in pages if p.src not in program_pages]
    assert lists and all(p.html and not p.markdown for p in lists)
    # A program page keeps Markdown: its description is what an editor wrote in data/programs.yml.
    assert all(p.markdown and not p.html for p in pages if p.src in program_pages)


def test_adapters_share_one_build_context_and_read_no_environment():
    import re

    reach = re.compile(r"""plugins(?:\.get\(|\[)["']edugc/[^"']+["']\)?\]?\.""")
    for path in (PACKAGE / "mkdocs").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "os.environ" not in text, f"{path.name}: switches are plugin options in mkdocs.yml (!ENV)"
        if path.name != "_files.py":
            assert not reach.search(text), f"{path.name} reaches into another plugin's fields"
        if path.name not in ("_files.py", "__init__.py", "content.py"):
            assert "command == \"serve\"" not in text, f"{path.name}: the kind of build is decided once (edugc/content)"


def test_plugins_are_listed_in_the_documented_order():
    import yaml

    from edugc.mkdocs import ORDER, check_order

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    check_order(names)
    assert [n for n in names if n.startswith("edugc/")] == [n for n in ORDER if n in names]


def test_chromium_is_started_with_one_set_of_arguments():
    places = [p for p in [*PACKAGE.rglob("*.py"), *(ROOT / "tests").glob("*.py"), *(ROOT / "scripts").glob("*.py")]
              if "--disable-background-networking" in p.read_text(encoding="utf-8") and p.name != "test_architecture.py"]
    assert [p.relative_to(ROOT).as_posix() for p in places] == ["plugins/edugc/print/pdf.py"]
