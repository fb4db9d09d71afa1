"""A synthetic Korean site of N pages for benchmarks, with words drawn from the real content.

Ten years of monthly issues is about 1,000 pages. The vocabulary matters (font subsets, word caches
and search shards grow with it), so the words come from the project's own content, data and the
seed document: real words, new compounds of real stems, varied particles, and proper nouns (schools,
universities, companies, places) whose syllables are recombined from the real syllables' letters,
as ten years of names would bring. `vocab_counts` measures what a generated site holds.

Used by scripts/bench_site.py and tests/test_bench.py; plain Python, no MkDocs.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HANGUL_WORD = re.compile(r"[가-힣]+")
PARTICLES = ["은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "으로", "로", "와", "과", "도", "만",
             "까지", "부터", "처럼", "보다", "이나", "나", "에는", "에서는", "으로는", "과의", "와의", "마다",
             "조차", "밖에", "이라도", "라도", "께서", "한테", "이며", "이고"]
ENDINGS = ["합니다", "했습니다", "됩니다", "있습니다", "입니다", "해요", "했어요", "됐어요", "하세요", "할까요",
           "하려면", "하면", "하고", "해서", "했던", "하는", "할", "한", "되는", "된", "하기", "함께"]
CATEGORIES = ["고교학점제", "대입 정보", "학습 방법", "진로 체험", "센터 소식"]
LEVELS = ["초등", "중등", "고등", "학부모"]
FAMILIES = ["학력향상", "진로진학 정보", "미래형 인재", "고교학점제"]
SUFFIXES = ["고등학교", "중학교", "초등학교", "대학교", "센터", "연구소", "재단", "공방", "도서관", "동", "길"]

# Hangul syllable arithmetic: 가 + (onset * 21 + vowel) * 28 + coda.
_BASE, _V, _T = 0xAC00, 21, 28


def seed_dir(root: Path = ROOT) -> Path:
    """The seed sits in /work/shared/seed on a developer's machine and ../shared/seed in CI."""
    for candidate in (root.parent / "shared" / "seed", Path("/work/shared/seed")):
        if candidate.is_dir():
            return candidate
    return root / "content"  # no seed: the real content alone


def real_text(root: Path = ROOT) -> str:
    parts = [p.read_text(encoding="utf-8", errors="ignore") for p in sorted((root / "content").rglob("*.md"))]
    parts += [p.read_text(encoding="utf-8", errors="ignore") for p in sorted((root / "data").glob("*.yml"))]
    parts += [p.read_text(encoding="utf-8", errors="ignore") for p in sorted(seed_dir(root).glob("*.txt"))]
    return "\n".join(parts)


class Vocabulary:
    """Words and stems from the real text, and a generator of new compounds and names."""

    def __init__(self, text: str, rng: random.Random):
        self.rng = rng
        words = HANGUL_WORD.findall(text)
        counts = Counter(words)
        self.words = [w for w, _ in counts.most_common()]
        self.cum_weights = list(__import__("itertools").accumulate(c for _, c in counts.most_common()))
        stems = Counter()
        for word in words:
            stems[self._stem(word)] += 1
        self.stems = [s for s, _ in stems.most_common() if len(s) >= 2]
        letters = [ord(ch) - _BASE for ch in text if "가" <= ch <= "힣"]
        self.onsets = [code // (_V * _T) for code in letters]
        self.vowels = [(code // _T) % _V for code in letters]
        self.codas = [code % _T for code in letters]
        self.onset_set, self.vowel_set, self.coda_set = (sorted(set(x)) for x in (self.onsets, self.vowels, self.codas))
        self.names: list[str] = []
        self.compounds: list[str] = []

    @staticmethod
    def _stem(word: str) -> str:
        for particle in sorted(PARTICLES, key=len, reverse=True):
            if word.endswith(particle) and len(word) > len(particle) + 1:
                return word[: -len(particle)]
        return word

    def syllable(self) -> str:
        """A syllable from real letters: mostly as frequent as in the text, else any combination of them."""
        r = self.rng
        if r.random() < 0.6:
            parts = r.choice(self.onsets), r.choice(self.vowels), r.choice(self.codas)
        else:
            parts = r.choice(self.onset_set), r.choice(self.vowel_set), r.choice(self.coda_set)
        return chr(_BASE + (parts[0] * _V + parts[1]) * _T + parts[2])

    def make_names(self, count: int, compounds: int) -> None:
        """Proper nouns (recombined syllables plus a real suffix) and compounds of real stems."""
        r = self.rng
        self.names = ["".join(self.syllable() for _ in range(r.choice((2, 2, 3)))) + r.choice(SUFFIXES)
                      for _ in range(count)]
        self.compounds = [r.choice(self.stems[:600]) + r.choice(self.stems) for _ in range(compounds)]

    def compound(self) -> str:
        r = self.rng
        return r.choice(self.compounds) if self.compounds else r.choice(self.stems[:600]) + r.choice(self.stems)

    def common(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.cum_weights)[0]

    def word(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.60:
            word = r.choices(self.words, cum_weights=self.cum_weights)[0]
        elif roll < 0.82:
            word = self._stem(self.common()) + r.choice(PARTICLES)
        elif roll < 0.95:
            word = self.compound() + (r.choice(PARTICLES) if r.random() < 0.4 else "")
        elif self.names:
            word = r.choice(self.names) + (r.choice(PARTICLES) if r.random() < 0.5 else "")
        else:
            word = self.compound()
        return word

    def sentence(self, low: int = 6, high: int = 14) -> str:
        r = self.rng
        words = [self.word() for _ in range(r.randint(low, high))]
        words.append(self._stem(self.common()) + r.choice(ENDINGS) + ".")
        return " ".join(words)

    def title(self) -> str:
        r = self.rng
        return " ".join(self._stem(self.word()) for _ in range(r.randint(2, 5)))

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _body(v: Vocabulary, sections: int, image: str | None = None) -> str:
    r = v.rng
    out = []
    for index in range(sections):
        out.append(f"## {v.title()}\n")
        out.append(v.paragraph() + "\n")
        if index == 0 and image:
            out.append(f"![{v.title()} 사진]({image})\n")
        roll = r.random()
        if roll < 0.3:
            out.append("\n".join(f"- **{v.title()}**: {v.sentence(3, 8)}" for _ in range(r.randint(3, 5))) + "\n")
        elif roll < 0.45:
            out.append(f'!!! note "{v.title()}"\n    {v.sentence()}\n')
        elif roll < 0.55:
            out.append(f"| {v.title()} | {v.title()} |\n|---|---|\n" +
                       "\n".join(f"| {v.title()} | {v.sentence(3, 6)} |" for _ in range(r.randint(2, 4))) + "\n")
        out.append(v.paragraph() + "\n")
    return "\n".join(out)


def _write_image(path: Path, rng: random.Random) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1600, 1067), tuple(rng.randrange(60, 200) for _ in range(3)))
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randrange(1600), rng.randrange(1067)
        draw.ellipse((x, y, x + rng.randrange(40, 400), y + rng.randrange(40, 400)),
                     fill=tuple(rng.randrange(256) for _ in range(3)))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=85)


def plan(n: int) -> dict[str, int]:
    """How many of each page make n Markdown pages: ~12% issues, 6 articles each, notices, guides."""
    issues = max(2, round(n * 0.12))
    return {"issues": issues, "articles": issues * 6, "notices": max(1, round(n * 0.09)),
            "guides": max(1, round(n * 0.03)), "programs": max(5, n // 20), "events": max(10, n // 4),
            "images": max(2, n // 40)}


def generate(dest: Path, n: int, *, seed: int = 1, root: Path = ROOT, today: dt.date = dt.date(2026, 11, 28)) -> dict:
    """Write a project (mkdocs.yml, overrides, data, content) of about n pages into dest."""
    rng = random.Random(seed)
    counts = plan(n)
    v = Vocabulary(real_text(root), rng)
    v.make_names(max(40, n * 3 // 2), max(400, n * 5))
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "pyproject.toml"):
        if (root / name).exists():
            shutil.copy2(root / name, dest / name)
    for folder in ("overrides",):
        if (root / folder).exists():
            shutil.copytree(root / folder, dest / folder)
    content = dest / "content"
    # Hand-written pages, assets and guides stay; issues and notices are replaced by generated ones.
    shutil.copytree(root / "content", content,
                    ignore=lambda d, names: [x for x in names if Path(d) == root / "content" and x in ("newsletter", "notices")])
    data = dest / "data"
    data.mkdir()
    for extra in sorted((root / "data").iterdir()):
        if extra.name not in ("programs.yml", "events.yml"):
            if extra.is_file():
                shutil.copy2(extra, data / extra.name)
    real_programs = (yaml.safe_load((root / "data" / "programs.yml").read_text(encoding="utf-8")) or {}).get("programs", [])
    programs = list(real_programs)
    for index in range(counts["programs"]):
        programs.append({
            "id": f"synth-program-{index}", "name": v.title(), "family": rng.choice(FAMILIES),
            "audience": sorted(set(rng.sample(LEVELS, rng.randint(1, 3))), key=LEVELS.index),
            "summary": v.sentence(4, 8), "description": "\n\n".join(v.paragraph() for _ in range(2)),
            "schedule": v.title(), "place": rng.choice(v.names), "capacity": rng.randint(10, 60), "fee": 0,
            "apply": {"phone": "02-0000-0000", "how": v.sentence(2, 4)}, "contact": "진로진학지원팀",
            "open": dt.date(2026, 3, 2), "close": dt.date(2026, 12, 18), "example": True})
    (data / "programs.yml").write_text(yaml.safe_dump({"programs": programs}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ids = [p["id"] for p in programs]
    events = []
    for index in range(counts["events"]):
        day = today - dt.timedelta(days=rng.randint(-90, 365 * max(1, counts["issues"] // 12)))
        start = dt.datetime.combine(day, dt.time(rng.choice((10, 14, 19))))
        events.append({"id": f"synth-event-{index}", "title": v.title(), "program": rng.choice(ids),
                       "start": start.strftime("%Y-%m-%dT%H:%M"),
                       "end": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
                       "place": rng.choice(v.names), "example": True})
    (data / "events.yml").write_text(yaml.safe_dump({"events": events}, allow_unicode=True, sort_keys=False), encoding="utf-8")

    # Tags: a few very common ones (a tag with thousands of articles at N=3000) and a long tail.
    common = ["학부모", "고교학점제", "상담", "학생부종합전형"]
    tail = sorted({v._stem(v.word()) for _ in range(max(30, n // 10))} - set(common))
    image_every = max(1, counts["articles"] // counts["images"])
    written = 0
    month = dt.date(today.year, today.month, 1)
    for number in range(counts["issues"], 0, -1):
        issue_date = month
        month = (month - dt.timedelta(days=1)).replace(day=1)
        folder = content / "newsletter" / str(number)
        folder.mkdir(parents=True)
        names = [f"a{number}-{k}" for k in range(6)]
        cover = None
        if number % 6 == 0:
            cover = "cover.jpg"
            _write_image(folder / cover, rng)
        head = [f"number: {number}", f"date: {issue_date.isoformat()}", f"title: {_yaml_str(v.title())}",
                f"summary: {_yaml_str(v.sentence())}", f"articles: [{', '.join(names)}]"]
        if cover:
            head += [f"cover: {cover}", f"cover_alt: {_yaml_str(v.title() + ' 표지')}"]
        (folder / "index.md").write_text("---\n" + "\n".join(head) + "\n---\n\n" + v.paragraph() + "\n", encoding="utf-8")
        written += 1
        for k, name in enumerate(names):
            image = None
            if (number * 6 + k) % image_every == 0:
                image = f"{name}.jpg"
                _write_image(folder / image, rng)
            tags = [rng.choice(common)] + rng.sample(tail, rng.randint(1, 3))
            head = [f"title: {_yaml_str(v.title())}", f"date: {issue_date.isoformat()}", "author: 진로진학지원팀",
                    f"category: {rng.choice(CATEGORIES)}", f"tags: [{', '.join(dict.fromkeys(tags))}]",
                    f"summary: {_yaml_str(v.sentence())}"]
            (folder / f"{name}.md").write_text("---\n" + "\n".join(head) + "\n---\n\n" + _body(v, rng.randint(2, 4), image),
                                              encoding="utf-8")
            written += 1
    notices = content / "notices"
    notices.mkdir()
    for index in range(counts["notices"]):
        date = today - dt.timedelta(days=rng.randint(0, 30 * counts["issues"]))
        tags = [rng.choice(common)] + rng.sample(tail, rng.randint(0, 2))
        head = [f"title: {_yaml_str(v.title())}", f"date: {date.isoformat()}", "author: 진로진학지원팀",
                f"category: {rng.choice(CATEGORIES)}", f"tags: [{', '.join(dict.fromkeys(tags))}]",
                f"summary: {_yaml_str(v.sentence())}"]
        (notices / f"notice-{index}.md").write_text("---\n" + "\n".join(head) + "\n---\n\n" + _body(v, rng.randint(1, 2)),
                                                    encoding="utf-8")
        written += 1
    guides = content / "guides"
    for index in range(counts["guides"]):
        head = [f"title: {_yaml_str(v.title())}", f"summary: {_yaml_str(v.sentence())}", "audience:",
                f"  levels: [{rng.choice(LEVELS[1:])}]", "school_year: 2028", "reviewed: 2026-11-16",
                "review_by: 2027-08-31", f"programs: [{rng.choice(ids)}]"]
        (guides / f"guide-{index}.md").write_text("---\n" + "\n".join(head) + "\n---\n\n" + _body(v, rng.randint(4, 7)),
                                                  encoding="utf-8")
        written += 1
    return {"pages": written + len(list((root / "content").glob("*.md"))), **counts}


def vocab_counts(project: Path) -> dict[str, int]:
    """Distinct Hangul syllables and Hangul words in a generated project's content and data."""
    syllables: set[str] = set()
    words: set[str] = set()
    for path in list((project / "content").rglob("*.md")) + list((project / "data").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        found = HANGUL_WORD.findall(text)
        words.update(found)
        for word in found:
            syllables.update(word)
    return {"syllables": len(syllables), "words": len(words)}


PLAIN_KEYS = ("title", "description")


def plain_copy(project: Path, dest: Path) -> None:
    """The same Markdown for plain mkdocs-material: front matter cut to title/description, no plugins."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(project / "content", dest / "content")
    front = re.compile(r"\A---\n(.*?\n)---\n", re.S)
    for path in (dest / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        match = front.match(text)
        if not match:
            continue
        meta = yaml.safe_load(match.group(1)) or {}
        kept = {"title": meta.get("title")} if meta.get("title") else {}
        if meta.get("summary"):
            kept["description"] = meta["summary"]
        body = text[match.end():]
        # Our plugins publish data-made pages; in plain Material those links would be dead.
        body = re.sub(r"\]\((?:\.\./)*programs/[^)]*\)", "](index.md)", body)
        path.write_text("---\n" + yaml.safe_dump(kept, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    for index in ("newsletter/index.md", "notices/index.md"):
        target = dest / "content" / index
        if not target.exists():
            target.write_text("# 소식지\n", encoding="utf-8")
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyLoader)
    theme = dict(ours.get("theme", {}))
    theme.pop("custom_dir", None)
    config = {
        "site_name": ours.get("site_name", "교육금천"), "site_url": "http://127.0.0.1:8000/",
        "docs_dir": "content", "use_directory_urls": True, "theme": theme,
        "extra_css": ["assets/site.css"] if (dest / "content/assets/site.css").exists() else [],
        "plugins": [{"search": {"lang": "ko"}}] if _material_knows_ko() else ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": [{"홈": "index.md"}, {"센터 소개": "about.md"}, {"입시 가이드": "guides/index.md"},
                {"소식지": "newsletter/index.md"}, {"문의·오시는 길": "contact.md"}],
        "validation": {"nav": {"omitted_files": "info"}, "links": {"not_found": "info", "unrecognized_links": "info",
                                                                   "anchors": "info"}},
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


BLOG_DIR = "blog"


def blog_copy(project: Path, dest: Path) -> None:
    """The same articles as the stack a team would assemble instead: Material's blog, tags, search, RSS.

    Every dated page (issue, article, notice) becomes a post in content/blog/posts/ with date,
    categories and tags front matter and an excerpt break after its first paragraph, as a blog's
    author would write; issues become posts that link their articles. Guides and hand-written pages
    stay pages. Plugins: Material's blog (posts, archive, categories, pagination) and tags, its
    search, and mkdocs-rss-plugin (`pip install -e '.[bench]'`)."""
    if dest.exists():
        shutil.rmtree(dest)
    plain_copy(project, dest)  # the hand-written pages and guides, front matter as Material reads it
    content = dest / "content"
    for folder in ("newsletter", "notices"):
        shutil.rmtree(content / folder, ignore_errors=True)
    posts = content / BLOG_DIR / "posts"
    posts.mkdir(parents=True)
    front = re.compile(r"\A---\n(.*?\n)---\n", re.S)

    def parts(path: Path) -> tuple[dict, str]:
        text = path.read_text(encoding="utf-8")
        match = front.match(text)
        return yaml.safe_load(match.group(1)) or {}, text[match.end():]

    def write(name: str, meta: dict, body: str, categories: list[str], tags: list[str]) -> None:
        paragraphs = body.strip().split("\n\n")
        cut = next((i for i, para in enumerate(paragraphs) if not para.startswith("#")), 0) + 1
        body = "\n\n".join(paragraphs[:cut] + ["<!-- more -->"] + paragraphs[cut:])
        body = re.sub(r"\]\((?:\.\./)*programs/[^)]*\)", "](../../index.md)", body)
        head = {"title": str(meta.get("title", name)), "date": meta["date"], "categories": categories}
        if tags:
            head["tags"] = tags
        if meta.get("summary"):
            head["description"] = meta["summary"]
        (posts / f"{name}.md").write_text("---\n" + yaml.safe_dump(head, allow_unicode=True, sort_keys=False) +
                                         "---\n\n" + body + "\n", encoding="utf-8")

    for folder in sorted((project / "content" / "newsletter").iterdir()):
        if not (folder / "index.md").exists():
            continue
        meta, body = parts(folder / "index.md")
        links = []
        for name in meta.get("articles", []):
            article = folder / f"{name}.md"
            if not article.exists():
                continue
            ameta, abody = parts(article)
            links.append(f"- [{ameta.get('title', name)}]({name}.md)")
            for image in re.findall(r"!\[[^\]]*\]\(([^)/]+\.jpg)\)", abody):
                shutil.copy2(folder / image, posts / image)
            write(name, ameta, abody, [str(ameta.get("category", "소식"))], [str(t) for t in ameta.get("tags", [])])
        write(f"issue-{meta['number']}", meta, body + "\n\n" + "\n".join(links), ["소식지"], [])
    for notice in sorted((project / "content" / "notices").glob("notice-*.md")):
        meta, body = parts(notice)
        write(notice.stem, meta, body, [str(meta.get("category", "공지"))], [str(t) for t in meta.get("tags", [])])
    (content / BLOG_DIR / "index.md").write_text("# 소식\n", encoding="utf-8")
    (content / "tags.md").write_text("# 태그\n\n<!-- material/tags -->\n", encoding="utf-8")
    config = yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))
    search = config["plugins"][0]
    config["site_description"] = "금천진로진학지원센터 소식"
    config["plugins"] = [
        {"blog": {"blog_dir": BLOG_DIR, "blog_toc": True, "post_date_format": "long", "pagination_per_page": 10,
                  "archive_date_format": "yyyy년 M월", "authors": False}},
        {"tags": {}},
        search,
        {"rss": {"match_path": f"{BLOG_DIR}/posts/.*", "use_git": False,
                 "date_from_meta": {"as_creation": "date", "as_update": "date", "default_timezone": "Asia/Seoul"},
                 "categories": ["categories", "tags"]}},
    ]
    config["nav"] = [entry if "소식지" not in entry else {"소식지": f"{BLOG_DIR}/index.md"} for entry in config["nav"]]
    config["nav"].append({"태그": "tags.md"})
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _material_knows_ko() -> bool:
    try:
        import material

        return (Path(material.__file__).parent / "templates/assets/javascripts/lunr/min/lunr.ko.min.js").exists()
    except ImportError:
        return False


class _AnyLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's !ENV and !relative tags as plain values."""


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if values else None
    return loader.construct_scalar(node)


_AnyLoader.add_multi_constructor("!", _any_tag)
