"""`edugc publish`: build into a temporary folder, check it, and only then replace the live copy.

A broken build is never published: links, HTML, personal data, and addresses that would vanish are
checked first. The target is a local folder (swapped in atomically) or an rsync destination; in both,
files that publish did not put there are kept (edugc.publish.target). Run unattended (cron, CI), a
failure ends with one summary line and a non-zero exit, so the mail or notice says what went wrong.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from . import ledger
from .faults import explain, is_machine_fault
from .swap import clean_stale, staging_dir, swap_in
from .target import (MARKER, Plan, TargetRefused, local_files, marker_text, plan_local, plan_rsync)

DEFAULT_HOSTS = {"127.0.0.1", "localhost", "example.org", "example.com", ""}
TEMP_PREFIX = "edugc-publish-"


class Report:
    """What staff read: progress (unless quiet), warnings always, and one summary line at the end."""

    def __init__(self, quiet: bool, site_url: str, target: str):
        self.quiet = quiet
        self.site_url = site_url
        self.target = target
        self.details: list[str] = []

    def say(self, text: str) -> None:
        if not self.quiet:
            print(f"[publish] {text}", flush=True)

    def warn(self, text: str) -> None:
        print(f"[publish] 주의: {text}", flush=True)

    def detail(self, text: str) -> None:
        self.details.append(text)
        print(f"[publish] {text}", flush=True)

    def fail(self, cause: str, code: int = 1) -> int:
        when = dt.datetime.now(dt.timezone(dt.timedelta(hours=9))).strftime("%Y-%m-%d %H:%M")
        line = (f"[publish] 공개 실패 ({when} KST, {self.site_url or 'SITE_URL 없음'} → {self.target}): "
                f"{cause.rstrip('.')}. "
                "공개된 사이트는 그대로입니다.")
        print(line, flush=True)
        self._step_summary("공개 실패", [cause, *self.details[:20]])
        return code

    def done(self, text: str) -> int:
        self.say(text)
        self._step_summary("공개함", [text])
        return 0

    def _step_summary(self, title: str, lines: list[str]) -> None:
        # GitHub Actions shows this file on the run's page and in its notification.
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        if not path:
            return
        try:
            with open(path, "a", encoding="utf-8") as out:
                out.write(f"### 교육금천 {title}\n\n" + "".join(f"- {line}\n" for line in lines) + "\n")
        except OSError:
            pass


def is_remote(target: str) -> bool:
    return ":" in target and not target.startswith(("/", "./", "../")) and not Path(target).exists()


def publish(root: Path, target: str, *, site_url: str | None, html_check: bool = True,
            ledger_path: Path | None = None, quiet: bool = False, via_rsync: bool | None = None) -> int:
    site_url = site_url or os.environ.get("SITE_URL", "")
    report = Report(quiet, site_url, target)
    host = urlsplit(site_url).hostname or ""
    if host in DEFAULT_HOSTS or not site_url.startswith(("https://", "http://")):
        return report.fail("SITE_URL이 실제 주소가 아닙니다. 피드, QR 코드, PDF에 이 주소가 찍히므로 공개하지 않습니다 "
                           "→ 예: SITE_URL=https://edu.geumcheon.go.kr/ edugc publish --to ...", code=2)
    ledger_path = ledger_path or root / "data" / "published-urls.txt"
    published = ledger.read(ledger_path)
    remote = is_remote(target) if via_rsync is None else via_rsync
    if remote and shutil.which("rsync") is None:
        return report.fail("rsync가 없어 보낼 수 없습니다 → sudo apt-get install rsync", code=2)

    code, official = _site_facts(root, report)
    if code:
        return code
    try:
        plan = plan_rsync(target, published, lambda: _fetch_marker(target)) if remote else \
            plan_local(Path(target).expanduser(), root, published)
    except TargetRefused as err:
        return report.fail(str(err), code=2)
    if plan.adopted:
        report.warn(f"{plan.where}에 이미 이 사이트가 공개되어 있어(주소 목록과 일치) 이번부터 publish가 관리합니다. "
                    f"publish가 올리지 않은 파일은 그대로 둡니다.")
    if not remote:
        for stale in clean_stale(Path(plan.where)):
            report.say(f"지난번에 멈춘 공개가 남긴 폴더를 지웠습니다: {stale}")
    _clean_stale_temp()

    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-") as tmp:
        out = Path(tmp) / "site"
        report.say(f"빌드합니다: {site_url}")
        failure = _build(root, out, site_url, report)
        if failure:
            return report.fail(failure)
        problems = check_built(out, urlsplit(site_url).path or "/", ledger_path, html_check=html_check,
                               official_numbers=official)
        for problem in problems:
            report.detail(problem)
        if problems:
            return report.fail(f"검사에서 문제 {len(problems)}건 (위 목록)")
        built = local_files(out)
        clashes = plan.collisions(built)
        if clashes:
            return report.fail(f"{plan.where}에 publish가 올리지 않은 파일을 새 사이트가 덮어쓰게 됩니다: "
                               f"{', '.join(sorted(clashes)[:5])} → 그 파일을 옮기거나 지운 뒤 다시 하세요", code=2)
        kept = plan.kept(built)
        (out / MARKER).write_text(marker_text(built), encoding="utf-8")
        try:
            deploy(out, plan, kept, remote=remote)
        except subprocess.CalledProcessError as err:
            return report.fail(f"rsync가 실패했습니다 (코드 {err.returncode}) → 주소·접속·디스크 공간을 확인하세요")
        except OSError as err:
            if not is_machine_fault(err):
                raise
            return report.fail(explain(err, "공개 폴더에 쓰다가"))
        if kept:
            report.say(f"publish가 올리지 않은 파일 {len(kept)}개는 그대로 두었습니다: {', '.join(sorted(kept)[:5])}")
        ledger.write(ledger_path, published | ledger.published_urls(out))
    where = ledger_path.relative_to(root) if ledger_path.is_relative_to(root) else ledger_path
    return report.done(f"공개했습니다: {target}  ({where}를 커밋하세요)")


def _site_facts(root: Path, report: Report) -> tuple[int, list[str]]:
    """Example (예시) contact facts: a warning while the site is not live, a refusal once it is.
    Also the official numbers that the last gate allows."""
    from ..model import ContentError, load_site

    try:
        site = load_site(root)
    except ContentError:
        return 0, []  # the build reports every problem, with its line
    examples = example_facts(root, site.info)
    if examples and site.info.live:
        for line in examples:
            report.detail(line)
        return report.fail(f"data/site.yml에 'live: true'인데 예시 연락처 {len(examples)}건이 남아 있습니다 "
                           "(위 목록): 가짜 번호가 전화 걸기 버튼이 되지 않도록 공개하지 않습니다", code=2), []
    for line in examples:
        report.warn(line)
    return 0, list(site.info.official_numbers)


def example_facts(root: Path, info) -> list[str]:
    """'data/site.yml:5: 전화번호 02-0000-0000은(는) 예시입니다 → ...' for every fact still marked example."""
    path = root / "data" / "site.yml"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    found = []
    for name in type(info).model_fields:
        value = getattr(info, name)
        if getattr(value, "example", False):
            shown = next((str(v) for k, v in value if k != "example"), "")
            line = next((i for i, text in enumerate(lines, 1) if text.startswith(f"{name}:")), None)
            found.append(f"data/site.yml{f':{line}' if line else ''}: {name} '{shown}'은(는) 아직 예시(example: true)입니다 "
                         "→ 실제 값으로 바꾸고 example: true를 지우세요")
    return found


def _build(root: Path, out: Path, site_url: str, report: Report) -> str | None:
    """Build into ``out``; on failure, the cause in one line (the errors are printed above it)."""
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"),
                                "-d", str(out)], env=env, cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
    errors: list[str] = []
    last = ""
    assert process.stdout is not None
    for line in process.stdout:
        line = line.rstrip("\n")
        if line.startswith("ERROR"):
            errors.append(line.split("-", 1)[-1].strip())
            report.detail(errors[-1])
        elif not report.quiet:
            print(line, flush=True)
        if line.strip():
            last = line.strip()
    if process.wait() == 0:
        return None
    if errors:  # the first is the root cause; the build's own closing line comes last
        more = f" (그 밖에 {len(errors) - 1}줄, 위 목록)" if len(errors) > 1 else ""
        return f"빌드가 멈췄습니다: {errors[0]}{more}"
    return f"빌드가 멈췄습니다: {last}"


def _fetch_marker(target: str) -> str:
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-") as tmp:
        subprocess.run(["rsync", f"{target.rstrip('/')}/{MARKER}", f"{tmp}/{MARKER}"], check=True,
                       capture_output=True)
        return (Path(tmp) / MARKER).read_text(encoding="utf-8")


def _clean_stale_temp() -> None:
    """Temporary builds of publishes that were killed (their pid is in the folder's name)."""
    from .swap import alive

    base = Path(tempfile.gettempdir())
    for path in base.glob(f"{TEMP_PREFIX}*"):
        pid = path.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def check_built(site: Path, sub_path: str, ledger_path: Path, *, html_check: bool = True,
                official_numbers: list[str] | None = None) -> list[str]:
    from ..checks.links import check_links
    from ..checks.personal_data import scan_site

    problems: list[str] = scan_site(site, official_numbers or [])
    gone = ledger.vanished(ledger.read(ledger_path), ledger.published_urls(site))
    for url in gone:
        problems.append(f"/{url}: 예전에 공개한 주소가 사라집니다 → 옮긴 페이지의 aliases에 '{url}'를 쓰세요")
    report = check_links(site, sub_path)
    for url, parent, result in report.broken:
        problems.append(f"깨진 링크 {url} (페이지 {parent}): {result}")
    if html_check:
        from ..checks.html import validate

        for error in validate([site]):
            problems.append(f"HTML 오류 {error.file}:{error.line}: {error.message}")
    return problems


def deploy(site: Path, plan: Plan, kept: set[str], *, remote: bool) -> None:
    if remote:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix=TEMP_PREFIX, suffix=".filter",
                                         delete=False) as rules:
            # rsync --delete removes what the source lacks: every file publish did not put there is protected.
            rules.write("".join(f"P /{_rsync_escape(name)}\n" for name in sorted(kept)))
        try:
            subprocess.run(["rsync", "-a", "--delete", "--delay-updates", f"--filter=merge {rules.name}",
                            f"{site}/", plan.where.rstrip("/") + "/"], check=True)
        finally:
            os.unlink(rules.name)
        return
    destination = Path(plan.where)
    staging = staging_dir(destination, "incoming")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        # Not readable by a web server while half-copied; opened up just before the swap.
        staging.mkdir(mode=0o700)
        shutil.copytree(site, staging, dirs_exist_ok=True)
        for name in kept:
            source, copy = destination / name, staging / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy, follow_symlinks=False)
        mode = destination.stat().st_mode & 0o7777 if destination.exists() else 0o755
        os.chmod(staging, mode)
        swap_in(staging, destination)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _rsync_escape(name: str) -> str:
    return "".join("\\" + ch if ch in "*?[\\" else ch for ch in name)
