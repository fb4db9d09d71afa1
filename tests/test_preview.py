"""The editor's preview as an editor meets it: plain `mkdocs serve` (what `dev.py serve` runs) picks up an
edit to any input of the build, shows a build's problems in the browser until they are fixed, and stops
completely on SIGTERM. Polls with generous limits (the machine is shared): nothing here is a timed test."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from conftest import TODAY

ARTICLE = "newsletter/1/credit-basics/"
ARTICLE_SRC = "content/newsletter/1/credit-basics.md"
BAD_DATE_AT = f"{ARTICLE_SRC}:3"  # the date line of the article's front matter


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8", "replace")
    except OSError:
        return None


def _wait(check, timeout: float = 180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.3)
    return None


class Served:
    def __init__(self, base: str, process: subprocess.Popen, log: Path, port: int):
        self.base, self.process, self.log, self.port = base, process, log, port

    def page(self, url: str = "") -> str:
        return _get(self.base + url) or ""

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def serving(project, *args: str):
    port = _free_port()
    log = project.root.parent / f"serve-{port}.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY=TODAY, PDF="0", CARDS="0")
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen([str(Path(sys.executable).parent / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", *args],
                                   cwd=project.root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    served = Served(f"http://127.0.0.1:{port}/", process, log, port)
    try:
        yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # the group this test started
                process.wait()


def _edit(project, rel: str, old: str, new: str) -> None:
    path = project.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer holds {old!r}: the test's edit would change nothing"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _leave(page) -> None:
    """Close a tab the preview may reload at any moment: first leave for a blank page (bounded by a
    timeout), so the live-reload request is gone before the close; a close that raced a reload once
    hung a CI run with no timeout of its own."""
    try:
        page.goto("about:blank", timeout=30_000)
    finally:
        page.close()


def test_preview_shows_edits_to_data_overrides_and_mkdocs_yml(project):
    from edugc.urls import program_url

    _edit(project, "mkdocs.yml", "  font: false\n", "  font: false\n  custom_dir: overrides\n")
    project.write("overrides/main.html", '{% extends "base.html" %}\n'
                                         '{% block content %}{{ super() }}<p>덮어쓰기 하나</p>{% endblock %}\n')
    program = program_url("always-counselling")
    with serving(project) as served:
        assert _wait(lambda: "덮어쓰기 하나" in served.page()), served.output()
        # The watch list is the plugins' (plain `mkdocs serve`), our package's templates included.
        watching = next(line for line in served.output().splitlines() if "Watching paths" in line)
        for folder in ("'data'", "'overrides'", "mkdocs.yml", "pages/templates", "programs/templates"):
            assert folder in watching

        _edit(project, "data/programs.yml", "언제나 진로진학 상시상담", "언제나 진로진학 새 상담")
        assert _wait(lambda: "언제나 진로진학 새 상담" in served.page(program)), served.output()

        _edit(project, "overrides/main.html", "덮어쓰기 하나", "덮어쓰기 둘")
        assert _wait(lambda: "덮어쓰기 둘" in served.page()), served.output()

        _edit(project, "mkdocs.yml", "site_name: 교육금천 시험", "site_name: 교육금천 새 이름")
        assert _wait(lambda: "교육금천 새 이름" in served.page(ARTICLE)), served.output()

        # A mkdocs.yml MkDocs cannot read: the server goes on, the problem names mkdocs.yml, and it goes.
        _edit(project, "mkdocs.yml", "strict: true", "strict: [true")
        assert _wait(lambda: "mkdocs.yml:" in served.page("_preview/problems.json")), served.output()
        assert "교육금천 새 이름" in served.page(ARTICLE)  # the last good site, not a stalled request
        _edit(project, "mkdocs.yml", "strict: [true", "strict: true")
        assert _wait(lambda: '"problems": []' in served.page("_preview/problems.json")), served.output()
        assert served.process.poll() is None


def test_a_problem_shows_in_the_browser_until_it_is_fixed(project, browser, artifacts):
    with serving(project) as served:
        assert _wait(lambda: "본문입니다" in served.page(ARTICLE)), served.output()
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(served.base + ARTICLE)
        assert page.locator("#gc-preview-problems").count() == 0

        # An impossible date: the build refuses the article; the preview keeps the last good page,
        # and the open tab reloads by itself to show what is wrong, where, and how to fix it.
        _edit(project, ARTICLE_SRC, "date: 2026-03-16", "date: 2026-02-30")
        banner = page.wait_for_selector("#gc-preview-problems", timeout=180_000)
        text = banner.inner_text()
        assert BAD_DATE_AT in text
        assert "올바른 날짜가 아닙니다" in text and "고치는 법" in text
        assert "본문입니다" in page.inner_text("article")  # the last good page under it
        page.screenshot(path=str(artifacts / "preview-problem-375.png"))
        assert BAD_DATE_AT in served.output()  # the terminal says the same

        _edit(project, ARTICLE_SRC, "date: 2026-02-30", "date: 2026-03-16")
        page.wait_for_selector("#gc-preview-problems", state="detached", timeout=180_000)

        # A broken link is a warning that strict mode would abort on: the preview shows the new text
        # and the warning over it, instead of stalling or keeping the old page.
        _edit(project, ARTICLE_SRC, "본문입니다.", "본문을 고쳤습니다. [없는 글](../nowhere.md)")
        banner = page.wait_for_selector("#gc-preview-problems", timeout=180_000)
        assert "credit-basics.md" in banner.inner_text()
        assert _wait(lambda: "본문을 고쳤습니다" in page.inner_text("article"), 60)
        _edit(project, ARTICLE_SRC, " [없는 글](../nowhere.md)", "")
        page.wait_for_selector("#gc-preview-problems", state="detached", timeout=180_000)
        assert served.process.poll() is None
        _leave(page)


def test_serve_starts_on_broken_content_with_a_page_of_problems(project, browser, artifacts):
    _edit(project, ARTICLE_SRC, "date: 2026-03-16", "date: 2026-02-30")
    with serving(project) as served:
        assert _wait(lambda: BAD_DATE_AT in served.page()), served.output()
        assert BAD_DATE_AT in served.page("any/address/")  # every address: wherever the editor was
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(served.base)
        assert "미리보기를 만들지 못했습니다" in page.inner_text("h1")
        page.screenshot(path=str(artifacts / "preview-first-build-problems-1280.png"))
        _leave(page)   # before the fix: no reload of this tab races its closing
        _edit(project, ARTICLE_SRC, "date: 2026-02-30", "date: 2026-03-16")
        assert _wait(lambda: "안녕하세요" in served.page()), served.output()
        assert _wait(lambda: "본문입니다" in served.page(ARTICLE))


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_stops_serve_and_frees_the_port(project):
    # edugc/search keeps an indexing process during the preview: the worker that once kept the port.
    _edit(project, "mkdocs.yml", "  - search\n", "  - edugc/search\n  - search\n")
    with serving(project) as served:
        assert _wait(lambda: "본문입니다" in served.page(ARTICLE)), served.output()
        _edit(project, ARTICLE_SRC, "본문입니다.", "본문을 고쳤습니다.")  # a rebuild: the workers are busy again
        assert _wait(lambda: "본문을 고쳤습니다" in served.page(ARTICLE)), served.output()
        children = _descendants(served.process.pid)
        assert children, "the preview started no worker process: this test would prove nothing"
        served.process.send_signal(signal.SIGTERM)
        served.process.wait(timeout=120)
        assert _wait(lambda: not any(_alive(pid) for pid in children), 60), \
            [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in children if _alive(pid)]
        with socket.socket() as s:  # the next `serve` opens the same port (as it does: with SO_REUSEADDR,
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # closed connections may linger)
            s.bind(("127.0.0.1", served.port))  # fails while any process still listens on it
            s.listen()
        assert "Traceback" not in served.output()
        assert served.process.returncode == 0 and "Shutting down" in served.output()  # as on Ctrl+C


def _socket_inodes() -> set[str]:
    folder = Path("/proc/self/fd")
    found = set()
    for fd in folder.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:"):
            found.add(target)
    return found


def test_build_workers_hold_none_of_the_servers_sockets():
    """A forked worker inherits the preview's listening socket and keeps the port after `serve` ends."""
    from edugc.workers import process_pool

    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        inode = os.readlink(f"/proc/self/fd/{listening.fileno()}")
        with process_pool(1) as pool:
            assert inode not in pool.submit(_socket_inodes).result(timeout=120)


def test_a_published_build_has_nothing_of_the_preview(project, site_dir):
    out = project.root / "built"
    result = project.build(out)
    assert result.returncode == 0, result.stderr
    for folder in (out, site_dir):
        assert not (folder / "_preview").exists()
        for path in folder.rglob("*"):
            if path.suffix in (".html", ".js", ".json", ".xml"):
                text = path.read_text(encoding="utf-8", errors="replace")
                assert "_preview/" not in text and "gc-preview-problems" not in text, path


def test_logged_lines_become_problems_with_file_and_line():
    from edugc.pages.preview_report import from_text, report_json

    ours = from_text("content/a.md:12: 날짜가 틀렸습니다 → 2026-03-16 형식으로 쓰세요")
    assert (ours.path, ours.line, ours.message, ours.fix) == ("content/a.md", 12, "날짜가 틀렸습니다",
                                                              "2026-03-16 형식으로 쓰세요")
    other = from_text("Doc file 'notices/x.md' could not be read.")
    assert other.path == "content/notices/x.md" and other.line is None
    assert report_json([ours, ours]).count("content/a.md:12") == 1  # one line, however often logged
    config = from_text("미리보기를 다시 만들지 못했습니다: MkDocs encountered an error parsing the configuration file: "
                       'while parsing a flow sequence\n  in "/p/mkdocs.yml", line 4, column 9\nexpected \',\'\n'
                       '  in "/p/mkdocs.yml", line 5, column 6 → 고쳐 저장하세요')
    assert (config.path, config.line) == ("mkdocs.yml", 5)
    assert from_text("Config value 'strict': Expected type: <class 'bool'>").path == "mkdocs.yml"


def test_mkdocs_link_warnings_become_korean_problems_at_the_links_line(tmp_path):
    from edugc.pages.preview_report import from_text

    (tmp_path / "content/notices").mkdir(parents=True)
    (tmp_path / "content/notices/x.md").write_text("---\ntitle: 공지\n---\n첫 줄\n[자료](../y.md)를 보세요\n",
                                                    encoding="utf-8")
    link = from_text("Doc file 'notices/x.md' contains a link '../y.md', but the target 'y.md' is not found "
                     "among documentation files.", "content", tmp_path)
    assert (link.path, link.line) == ("content/notices/x.md", 5)
    assert "../y.md" in link.message and "없습니다" in link.message and link.fix


def test_every_process_pool_comes_from_the_one_helper():
    package = Path(__file__).resolve().parent.parent / "plugins/edugc"
    for path in package.rglob("*.py"):
        if path.name == "workers.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "ProcessPoolExecutor(" not in text and "multiprocessing.Pool" not in text \
            and "get_context(" not in text, f"{path}: use edugc.workers.process_pool"


def test_staff_pages_build_but_the_public_is_not_led_to_them(site_dir):
    """The editing guide (staff: true): its address works, but no menu, search hit or sitemap line."""
    import json

    guide = site_dir / "help/editing/index.html"
    html = guide.read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html and "직원용 안내" in html
    assert "help/editing/" not in (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "/about/" in (site_dir / "sitemap.xml").read_text(encoding="utf-8")  # the rest stays
    index = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith("help/") for doc in index.get("docs", []))
    for page in ("index.html", "about/index.html", "newsletter/index.html"):
        assert "help/editing/" not in (site_dir / page).read_text(encoding="utf-8"), page
    searchable = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                           for p in (site_dir / "search").rglob("*.json"))
    assert "수시 한눈에 보기" in searchable  # public pages' titles are there to be found
    assert "편집 안내" not in searchable  # the staff page's is not (our own index under search/edugc/ too)
