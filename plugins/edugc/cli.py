"""Editor commands: `edugc check` validates everything without building; `edugc new-issue`
scaffolds the next newsletter issue. Messages are Korean: editors read them."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .model import ContentError, load_site
from .model.clock import today
from .pages.status import program_status
from .pages.text import korean_date, korean_month
from .verify import verify
from .verify.project import read_project


def project_dirs(root: Path) -> tuple[str, str]:
    """The content and data folders as mkdocs.yml names them (docs_dir; edugc/content's data_dir)."""
    project = read_project(root)
    return project.content_dir, project.data_dir


def check(root: Path) -> int:
    started = time.perf_counter()
    project = read_project(root)
    content, data = project.content_dir, project.data_dir
    try:
        site = load_site(root, today=today(), content_dir=content, data_dir=data)
        report = verify(site, project)  # what the build would refuse beyond the model: the build runs it too
        if report.problems:
            raise ContentError(report.problems)
    except ContentError as err:
        for problem in err.problems:
            print(problem)
        print(f"\n오류 {len(err.problems)}건: 위 파일과 줄을 고치세요. ({time.perf_counter() - started:.2f}초)")
        return 1
    notes = list(report.notes)
    for doc in site.guides:
        if doc.meta.review_by < site.today:
            notes.append(f"{content}/{doc.src}: 다시 확인할 날짜({korean_date(doc.meta.review_by)})가 지났습니다 "
                         f"→ 내용을 확인하고 reviewed와 review_by를 새로 쓰세요 (독자에게는 "
                         f"'{korean_month(doc.meta.reviewed)}에 마지막으로 확인' 안내가 보입니다)")
    for program in site.programs:
        key, label = program_status(program, site.today, site.events_by_program.get(program.id, ()))
        if key == "closed":
            notes.append(f"{data}/programs.yml: '{program.name}' 모집이 끝나 '{label}'으로 보입니다 "
                         "→ 다음 모집이 정해지면 open·close를 새로 쓰세요")
    for src, day in sorted(site.hidden.items()):
        when = f"{korean_date(day)}에 공개됩니다" if day else "초안(draft)이라 공개 사이트에는 아직 나오지 않습니다"
        notes.append(f"{content}/{src}: {when}")
    for note in notes:
        print(f"알림: {note}")
    print(f"문제 없음: 페이지 {len(site.docs)}개, 프로그램 {len(site.programs)}개, 일정 {len(site.events)}개 "
          f"({time.perf_counter() - started:.2f}초)")
    return 0


ISSUE_TEMPLATE = """---
number: {number}
date: {date}
title: 제{number}호 제목을 쓰세요
summary: 이번 호를 한두 문장으로 소개하세요.
articles: [{articles}]
draft: true   # 다 쓰면 이 줄을 지우세요. 지우기 전에는 미리보기에서만 보입니다.
---
여는 글을 두세 문장으로 쓰세요.
"""

ARTICLE_TEMPLATE = """---
title: 기사 {index} 제목을 쓰세요
date: {date}
author: 진로진학지원팀
category: 센터 소식   # 고교학점제, 대입 정보, 학습 방법, 진로 체험, 센터 소식 중 하나
tags: []
summary: 기사를 한 문장으로 요약하세요.
---
본문을 쓰세요. 소제목은 ## 로 시작합니다.
"""


def new_issue(root: Path, articles: int) -> int:
    folder = root / project_dirs(root)[0] / "newsletter"
    numbers = [int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit()] if folder.exists() else []
    number = max(numbers, default=0) + 1
    target = folder / str(number)
    if target.exists():
        print(f"{target}가 이미 있습니다.")
        return 1
    date = today().isoformat()
    names = [f"article-{i}" for i in range(1, articles + 1)]
    target.mkdir(parents=True)
    (target / "index.md").write_text(ISSUE_TEMPLATE.format(number=number, date=date, articles=", ".join(names)),
                                     encoding="utf-8")
    for index, name in enumerate(names, 1):
        (target / f"{name}.md").write_text(ARTICLE_TEMPLATE.format(index=index, date=date), encoding="utf-8")
    print(f"제{number}호를 만들었습니다: {target.relative_to(root)}/ (기사 {articles}편, 날짜 {date})")
    print("기사 파일 이름은 주소가 됩니다: 영문 소문자와 하이픈으로 바꾸고 index.md의 articles도 같이 고치세요.")
    print("다 쓰면 index.md의 'draft: true' 줄을 지우세요.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edugc", description="교육금천 편집 도구")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="프로젝트 폴더 (mkdocs.yml이 있는 곳)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="빌드하지 않고 모든 내용과 데이터를 검사합니다")
    pub = sub.add_parser("publish", help="빌드하고 검사한 뒤에만 공개 폴더를 바꾸거나 rsync로 보냅니다")
    pub.add_argument("--to", required=True, help="공개 폴더 경로 또는 rsync 대상 (user@host:/path/)")
    pub.add_argument("--site-url", help="공개 주소 (기본: 환경변수 SITE_URL)")
    pub.add_argument("--skip-html", action="store_true", help="Java가 없는 곳에서 HTML 검사를 건너뜁니다")
    pub.add_argument("--quiet", action="store_true",
                     help="문제가 없으면 아무것도 쓰지 않습니다 (cron 메일은 실패와 주의할 때만 옵니다)")
    links = sub.add_parser("check-links", help="외부 링크까지 실제로 열어 봅니다 (인터넷 필요)")
    links.add_argument("site", type=Path, help="빌드된 사이트 폴더")
    new = sub.add_parser("new-issue", help="다음 호 소식지의 뼈대를 만듭니다")
    new.add_argument("--articles", type=int, default=3, help="기사 수 (기본 3)")
    ann = sub.add_parser("announce", help="소식지·프로그램·이번 주 마감을 이메일·문자·카카오톡 글로 만듭니다 (빌드 없이)")
    what = ann.add_mutually_exclusive_group()
    what.add_argument("--issue", nargs="?", const="latest", metavar="N", help="소식지 제N호 (번호 없이: 최신 호)")
    what.add_argument("--program", metavar="ID", help="프로그램 (data/programs.yml의 id)")
    what.add_argument("--week", action="store_true", help="오늘부터 7일 안에 마감되는 신청 (기본)")
    ann.add_argument("--out", type=Path, help="만든 파일을 둘 폴더 (기본: announce/, 공개되지 않음)")
    ann.add_argument("--site-url", help="공개 주소 (기본: 환경변수 SITE_URL)")
    ann.add_argument("--send", action="store_true",
                     help="이메일을 동의한 분께 보냅니다 (메일 서버는 EDUGC_SMTP_* 환경변수)")
    ann.add_argument("--recipients", type=Path, help="수신자 명단 CSV (프로젝트 밖; 기본: 환경변수 EDUGC_RECIPIENTS)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.root)
    if args.command == "publish":
        from .publish.command import publish

        return publish(args.root, args.to, site_url=args.site_url, html_check=not args.skip_html, quiet=args.quiet)
    if args.command == "check-links":
        from .checks.links import check_links

        report = check_links(args.site, "/", external=True)
        for url, parent, result in report.broken:
            print(f"깨진 링크: {url} (페이지 {parent}): {result}")
        print(f"링크 {report.checked}개 검사, 외부 링크 {len(report.external)}개, 깨진 링크 {len(report.broken)}개")
        return 1 if report.broken else 0
    if args.command == "announce":
        from .announce import announce

        content, data = project_dirs(args.root)
        return announce(args.root, issue=args.issue, program=args.program, week=args.week, out=args.out,
                        site_url=args.site_url, send=args.send, recipients=args.recipients, content_dir=content,
                        data_dir=data)
    return new_issue(args.root, args.articles)


if __name__ == "__main__":
    sys.exit(main())
