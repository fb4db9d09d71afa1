"""Real-world input and faults against the build and publish, counted as issue 16 asks.

Each case makes a small site, does one bad thing to it, builds (or publishes) it and sorts the outcome:
  clean     refused with a Korean message naming the file, or built with the bad part made harmless;
  traceback a Python traceback reached the person;
  silent    the build passed and the bad thing is in the output (a leak or bad output);
  lost      the previous site, or files publish did not put there, changed or vanished.

    python3 scripts/adversarial.py                      # this checkout
    python3 scripts/adversarial.py --plugins OTHER/plugins   # an older checkout's package, same venv

The case list is the point: add a case when a new class of fault is found.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

MKDOCS = """site_name: 교육금천 시험
site_url: https://example.org/
docs_dir: content
strict: true
theme: {name: material, language: ko, font: false}
markdown_extensions: [attr_list, md_in_html]
plugins: [edugc/safe-build, edugc/content, edugc/newsletter, edugc/programs, edugc/images, search]
"""
SITE = """name: 교육금천
centre: 금천진로진학지원센터
operator: 금천구 교육지원과 진로진학지원팀
address: 서울특별시 금천구 시흥대로73길 67, 5층
phone: {number: "02-0000-0000", example: true}
hours: {text: "평일 09:00~18:00", example: true}
"""
HEAD = "---\ntitle: 안내\ndate: 2026-11-01\nauthor: 팀\ncategory: 센터 소식\n---\n"
NOTICE = "content/notices/a.md"


def notice(body: str):
    return lambda root: write(root, NOTICE, HEAD + body + "\n")


def write(root: Path, rel: str, text: str | bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def symlink(rel: str, to: str):
    def make(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).symlink_to(to if to.startswith("/") else root / to)
    return make


def svg(markup: str):
    return lambda root: (write(root, "content/notices/map.svg", f'<svg xmlns="http://www.w3.org/2000/svg" '
                                                                f'xmlns:xlink="http://www.w3.org/1999/xlink">{markup}</svg>'),
                         write(root, NOTICE, HEAD + "![약도](map.svg)\n"))


PHONES = ["+82 10-1234-5678", "010.1234.5678", "０１０－１２３４－５６７８", "010-1234-\n5678", "010&#45;1234&#45;5678",
          "010<!-- -->1234<!-- -->5678", "01012345678", "900101 - 1234567"]
# (name, make the fault, what must never be in the output (lowercase), how to run)
CASES: list[tuple[str, object, list[str], str]] = [
    *[(f"개인 번호 {p!r}", notice(f"문의 {p}"), [], "build-leak-digits") for p in PHONES],
    ("SVG 안 번호", svg("<text>010</text><text>1234-5678</text>"), [], "build-leak-digits"),
    ("심볼릭 링크 → /etc/passwd", symlink("content/notices/p.md", "/etc/passwd"), ["root:x:0"], "build"),
    ("심볼릭 링크 → .git/config", lambda r: (write(r, ".git/config", "[core]\nsecret = 1\n"),
                                         symlink("content/notices/g.md", ".git/config")(r)), ["secret = 1"], "build"),
    ("심볼릭 링크 폴더", lambda r: (write(r, "../outside/x.md", "---\ntitle: 밖\n---\n밖의 비밀\n"),
                               symlink("content/outside", "../outside")(r)), ["밖의 비밀"], "build"),
    ("SVG script", svg("<script>alert(1)</script>"), ["alert(1)"], "build"),
    ("SVG onload", svg('<rect onload="alert(1)"/>'), ["alert(1)"], "build"),
    ("SVG javascript: 난독", svg('<a href="jav&#x09;ascript:alert(1)"><text>x</text></a>'), ["alert(1)"], "build"),
    ("SVG animate href", svg('<a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'),
     ["alert(1)"], "build"),
    ("SVG 외부 참조", svg('<image href="https://evil.example/x.png"/>'), ["evil.example"], "build"),
    ("HTML script", notice("<script>alert(1)</script>"), ["alert(1)"], "build"),
    ("HTML onerror", notice('<img src="x.png" onerror="alert(1)">'), ["alert(1)"], "build"),
    ("HTML javascript 링크", notice('<a href="JaVaScRiPt:alert(1)">x</a> [y](javascript:alert(1))'), ["alert(1)"], "build"),
    ("attr_list 핸들러", notice("문단\n{: onclick=\"alert(1)\" }"), ["alert(1)"], "build"),
    ("키 두 번", lambda r: write(r, NOTICE, HEAD.replace("title: 안내", "title: 안내\ntitle: 두번")[:-4] + "---\n본문\n"),
     ["두번"], "build"),
    ("NFD 제목", lambda r: write(r, NOTICE, HEAD.replace("안내", unicodedata.normalize("NFD", "안내문")) + "본문\n"),
     [unicodedata.normalize("NFD", "안내문")], "build-ok"),
    ("빈 페이지", lambda r: write(r, NOTICE, ""), [], "build"),
    ("기사 두 번", lambda r: write(r, "content/newsletter/1/index.md", ISSUE.replace("[a]", "[a, a]")), [], "build"),
    *[(f"aliases → {a}", lambda r, a=a: write(r, NOTICE, HEAD.replace("category: 센터 소식", f"category: 센터 소식\naliases: [{a}]")
                                               + "옛 주소 안내\n"), [], "build")
      for a in ("feed.xml", "newsletter/", "search/search_index.json", "assets/krds.css", "events.ics")],
    ("디스크 가득", None, [], "full-disk"),
    ("출력 경로가 파일", None, [], "out-through-file"),
    ("남의 폴더에 publish", None, [], "publish-foreign"),
]
ISSUE = "---\nnumber: 1\ndate: 2026-03-16\ntitle: 첫 호\nsummary: 첫 호\narticles: [a]\n---\n여는 글\n"


def project(root: Path) -> None:
    write(root, "mkdocs.yml", MKDOCS)
    write(root, "data/site.yml", SITE)
    write(root, "content/index.md", "---\ntitle: 홈\n---\n안녕하세요.\n")
    write(root, "content/newsletter/1/index.md", ISSUE)
    write(root, "content/newsletter/1/a.md", "---\ntitle: 기사\ndate: 2026-03-16\nauthor: 팀\ncategory: 고교학점제\n"
                                              "summary: 요약\n---\n본문입니다.\n")


FULL_DISK = ("import errno, sys, mkdocs.utils as u\nn = [0]\nreal = u.write_file\n"
             "def w(c, p):\n    n[0] += 1\n    if n[0] > 2: raise OSError(errno.ENOSPC, 'No space left on device', p)\n"
             "    real(c, p)\nu.write_file = w\nfrom mkdocs.__main__ import cli\n"
             "sys.argv = ['mkdocs', 'build', '-f', sys.argv[1], '-d', sys.argv[2]]\ncli()\n")


def run(python: str, env: dict, root: Path, *args: str, script: str | None = None) -> subprocess.CompletedProcess:
    command = [python, "-c", script, *args] if script else [python, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=root, timeout=300)


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()} if folder.exists() else {}


def leaked(out: Path, needles: list[str], digits: bool) -> bool:
    from_site = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in out.rglob("*")
                        if p.is_file() and p.suffix in {".html", ".xml", ".json", ".svg", ".txt", ".ics", ".md"})
    text = unicodedata.normalize("NFKC", from_site).lower()
    if digits:
        import re
        flat = re.sub(r"<[^>]+>|&#45;|[\s\-.]", "", text)
        return "12345678" in flat or "9001011234567" in flat
    return any(n.lower() in from_site.lower() for n in needles)


def judge(case, python: str, env: dict, work: Path) -> str:
    name, make, needles, how = case
    root = work / "proj"
    project(root)
    out = work / "out"
    first = run(python, env, root, "-d", str(out))
    if first.returncode != 0:
        return "harness: " + first.stderr[-300:]
    before = snapshot(out)
    if how == "full-disk":
        result = run(python, env, root, str(root / "mkdocs.yml"), str(out), script=FULL_DISK)
    elif how == "out-through-file":
        write(work, "file.txt", "x")
        result = run(python, env, root, "-d", str(work / "file.txt/site"))
    elif how == "publish-foreign":
        target = work / "www"
        write(work, "www/team-photos/2026.jpg", b"photo")
        write(work, "www/index.html", "<p>다른 팀의 사이트</p>")
        theirs = snapshot(target)
        script = "import sys\nfrom edugc.cli import main\nsys.exit(main(sys.argv[1:]))\n"
        result = run(python, dict(env, SITE_URL="https://edu.geumcheon.test/"), root,
                     "--root", str(root), "publish", "--to", str(target), "--skip-html", script=script)
        kept = snapshot(target)
        if any(kept.get(k) != v for k, v in theirs.items()):
            return "lost"
    else:
        make(root)
        result = run(python, env, root, "-d", str(out))
    tb = "Traceback" in result.stderr
    if tb:
        return "traceback"
    if how in {"full-disk", "out-through-file", "publish-foreign"}:
        if snapshot(out) != before:
            return "lost"
        said = result.stderr + result.stdout
        return "clean" if result.returncode != 0 and any("\uac00" <= ch <= "\ud7a3" for ch in said) else "silent"
    if result.returncode == 0:
        if how == "build-ok":
            return "silent" if leaked(out, needles, False) else "clean"
        return "silent" if leaked(out, needles, how == "build-leak-digits") or how == "build" and not needles else "clean"
    if snapshot(out) != before:
        return "lost"
    return "clean" if ("content/" in result.stderr or "data/" in result.stderr) else "silent"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--plugins", help="import edugc from this folder (an older checkout) instead")
    parser.add_argument("-k", help="only cases whose name contains this")
    args = parser.parse_args()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY="2026-12-02", PDF="0", CARDS="0")
    if args.plugins:
        env["PYTHONPATH"] = str(Path(args.plugins).resolve())
    counts: dict[str, int] = {}
    for case in [c for c in CASES if not args.k or args.k in c[0]]:
        with tempfile.TemporaryDirectory() as tmp:
            outcome = judge(case, args.python, env, Path(tmp))
        key = outcome.split(":")[0]
        counts[key] = counts.get(key, 0) + 1
        print(f"{key:10} {case[0]}" + (f"  {outcome}" if key == "harness" else ""), flush=True)
    print("total", sum(counts.values()), " ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
