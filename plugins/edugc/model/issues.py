"""Issues and their articles, and what is published today: the links between validated pages."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import PurePosixPath

from .. import urls
from .docs import DRAFT, SCHEDULED, ArticleDoc, Doc, Issue, IssueDoc
from .problems import Problems
from .source import nfc


def link_issues(docs: dict[str, Doc], content_dir: str, problems: Problems) -> list[Issue]:
    """Each issue's articles in the editor's order; an article lives under its issue's address."""
    issues: dict[str, Issue] = {}
    numbers: dict[int, IssueDoc] = {}
    for doc in docs.values():
        if not isinstance(doc, IssueDoc):
            continue
        folder = str(PurePosixPath(doc.src).parent)
        issue = Issue(doc)
        issues[folder] = issue
        doc.issue = issue
        number = doc.meta.number
        if number in numbers:
            problems.add(f"{content_dir}/{doc.src}", doc.lines.get("number"),
                         f"소식지 번호 {number}이(가) {content_dir}/{numbers[number].src}와 겹칩니다",
                         "다음 호 번호로 바꾸세요 (new-issue 명령이 번호를 정해 줍니다)")
        else:
            numbers[number] = doc
    by_folder: dict[str, dict[str, ArticleDoc]] = defaultdict(dict)
    for doc in docs.values():
        if isinstance(doc, ArticleDoc):
            folder = str(PurePosixPath(doc.src).parent)
            by_folder[folder][PurePosixPath(doc.src).stem] = doc
            if doc.meta.slug:
                by_folder[folder][doc.meta.slug] = doc
    for folder, arts in by_folder.items():
        if folder not in issues:
            any_doc = next(iter(arts.values()))
            problems.add(f"{content_dir}/{any_doc.src}", 1, f"{content_dir}/{folder}/에 호 정보(index.md)가 없습니다",
                         "new-issue 명령으로 호를 만들거나, 이 기사를 notices/로 옮기세요")
    for folder, issue in issues.items():
        arts = by_folder.get(folder, {})
        listed: set[int] = set()
        for name in issue.doc.meta.articles:
            article = arts.get(name) or arts.get(nfc(name))
            if article is None:
                problems.add(f"{content_dir}/{issue.doc.src}", issue.doc.lines.get("articles"),
                             f"articles에 적힌 기사 '{name}'의 파일이 {content_dir}/{folder}/에 없습니다",
                             f"{content_dir}/{folder}/{name}.md를 만들거나 목록에서 빼세요")
                continue
            if id(article) in listed:
                problems.add(f"{content_dir}/{issue.doc.src}", issue.doc.lines.get("articles"),
                             f"articles에 기사 '{name}'이(가) 두 번 적혀 있습니다: 같은 기사가 호에 두 번 실립니다",
                             "목록에서 한 번만 남기세요")
                continue
            listed.add(id(article))
            article.issue = issue
            article.url = urls.article_url(issue.doc.url, article.src, article.meta.slug)
            issue.articles.append(article)
        for article in {id(a): a for a in arts.values()}.values():
            if id(article) not in listed:
                problems.add(f"{content_dir}/{article.src}", 1,
                             "이 기사가 호의 articles 목록에 없습니다",
                             f"{content_dir}/{issue.doc.src}의 articles에 '{PurePosixPath(article.src).stem}'을(를) 넣으세요")
    return list(issues.values())


def set_statuses(docs: dict[str, Doc], issues: list[Issue], today: dt.date) -> None:
    """Drafts and pages dated after today are kept out of the build (the preview shows them with a
    banner); an issue not yet out holds back its articles too."""
    for doc in docs.values():
        if doc.meta.draft:
            doc.status = DRAFT
        elif doc.date and doc.date > today:
            doc.status = SCHEDULED
    for issue in issues:
        if not issue.doc.published:
            for article in issue.articles:
                if article.published:
                    article.status = issue.doc.status
