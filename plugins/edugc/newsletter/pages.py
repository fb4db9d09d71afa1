"""The newsletter's list pages: the archive by year, and paginated tag and category pages."""
from __future__ import annotations

import hashlib

from ..model import ContentError, Doc, Problems, SiteModel
from ..model.schema import CATEGORIES
from ..pages import GeneratedPage, Renderer
from ..pages.pagination import paginate
from .. import urls
from ..urls import FEED_FILES, slugify

PER_PAGE = 20


def check_slugs(site: SiteModel, content_dir: str = "content") -> None:
    """Two tags (or categories) sharing one address would silently merge their pages: refuse."""
    problems = Problems()
    for kind, names in (("태그", list(site.tags)), ("분류", list(site.categories))):
        owners: dict[str, str] = {}
        for name in names:
            slug = slugify(name)
            other = owners.setdefault(slug, name)
            if other == name:
                continue
            doc = (site.tags.get(name) or site.categories.get(name) or [None])[0]
            path = f"{content_dir}/{doc.src}" if doc else content_dir
            line = doc.lines.get("tags" if kind == "태그" else "category") if doc else None
            problems.add(path, line, f"{kind} '{name}'과(와) '{other}'의 주소가 똑같이 /{slug}/ 가 됩니다",
                         f"둘 중 하나로 {kind} 이름을 맞추거나, 읽었을 때 다른 이름으로 바꾸세요")
    if problems:
        raise ContentError(problems.sorted())


def list_inputs(site: SiteModel, per_page: int, templates: str) -> str:
    """What the archive, tag and category pages are made from: every listed page's facts."""
    from ..pages.preview import page_facts

    h = hashlib.sha1(f"{per_page}\0{site.today}\0{templates}\0{site.info!r}".encode())
    for doc in [*site.articles, *(issue.doc for issue in site.issues)]:
        h.update(page_facts(doc).encode())
        h.update(str(doc.issue.number if doc.issue else "").encode())
    return h.hexdigest()


class NewsletterPages:
    """The list pages, each a finished HTML body (no Markdown in them)."""

    def __init__(self, site: SiteModel, per_page: int = PER_PAGE):
        self.site = site
        self.per_page = per_page
        self.renderer = Renderer(site)

    def all(self) -> list[GeneratedPage]:
        pages = [self.archive(), self.tags_index(), self.categories_index()]
        for tag, docs in self.site.tags.items():
            pages += self._paginated("tag", tag, [d for d in docs if d.published])
        for category in self.categories():
            pages += self._paginated("category", category, self._published(self.site.categories.get(category, [])))
        return pages

    def categories(self) -> list[str]:
        return [c for c in CATEGORIES if c in self.site.categories]

    def _published(self, docs: list[Doc]) -> list[Doc]:
        return [d for d in docs if d.published]

    def archive(self) -> GeneratedPage:
        url = urls.ARCHIVE
        years: dict[int, list] = {}
        for issue in self.site.issues:
            years.setdefault(issue.date.year, []).append(issue)
        body = self.renderer.render("archive.html", url, years=sorted(years.items(), reverse=True),
                                     categories=self.categories(), category_url=urls.category_url,
                                     tags_url=urls.TAGS)
        return GeneratedPage("newsletter/index.md", url, "교육금천 소식지", html=body,
                             summary="교육금천 소식지 지난 호 모음")

    def tags_index(self) -> GeneratedPage:
        url = urls.TAGS
        tags = [(tag, urls.tag_url(tag), len(self._published(docs))) for tag, docs in self.site.tags.items()]
        body = self.renderer.render("tags_index.html", url, tags=[t for t in tags if t[2]])
        return GeneratedPage("newsletter/tags/index.md", url, "태그 모음", html=body,
                             summary="소식지 기사와 공지를 태그별로 모았습니다", in_search=False)

    def categories_index(self) -> GeneratedPage:
        url = urls.CATEGORIES
        rows = [(c, urls.category_url(c), len(self._published(self.site.categories[c]))) for c in self.categories()]
        body = self.renderer.render("categories_index.html", url, categories=rows, feeds=FEED_FILES)
        return GeneratedPage("newsletter/category/index.md", url, "분류 모음", html=body,
                             summary="소식지 기사와 공지를 분류별로 모았습니다", in_search=False)

    def _paginated(self, kind: str, name: str, docs: list[Doc]) -> list[GeneratedPage]:
        make_url = urls.tag_url if kind == "tag" else urls.category_url
        chunks = paginate(docs, self.per_page)
        total = len(chunks)
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            url = make_url(name, number)
            body = self.renderer.render(
                "list.html", url, kind=kind, label=name, docs=chunk, number=number, total=total,
                nth=lambda n: make_url(name, n), count=len(docs),
                feeds=FEED_FILES if kind == "category" else None, base=make_url(name))
            title = f"#{name}" if kind == "tag" else f"분류: {name}"
            if number > 1:
                title += f" ({number}쪽)"
            summary = (f"'{name}' 태그가 붙은 글" if kind == "tag" else f"'{name}' 분류의 글") + f" {len(docs)}편"
            pages.append(GeneratedPage(url.rstrip("/") + ".md" if number > 1 else f"{url}index.md", url, title,
                                       html=body, summary=summary, in_search=False))
        return pages

    def subscribe_links(self, page_url: str, categories: list[str]) -> str:
        """The 구독 안내 page's list of real feed addresses (links relative to that page)."""
        rows = [(c, urls.category_url(c)) for c in categories]
        return self.renderer.render("subscribe.html", page_url, files=FEED_FILES, categories=rows)
