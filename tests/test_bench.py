"""The benchmark's synthetic site: realistic vocabulary, valid content, a plain twin for Material."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import synth_site  # noqa: E402


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("synth") / "site200"
    synth_site.generate(dest, 200)
    return dest


def test_vocabulary_grows_past_the_real_content(synthetic):
    counts = synth_site.vocab_counts(synthetic)
    real = synth_site.Vocabulary(synth_site.real_text(ROOT), __import__("random").Random(0))
    real_syllables = {ch for w in real.words for ch in w}
    # At 200 pages already well past the real content's syllables; 1,000 pages reach >= 1,500 / 20,000.
    assert counts["syllables"] > len(real_syllables) + 200
    assert counts["syllables"] >= 900
    assert counts["words"] >= 6000


def test_plan_at_ten_years_reaches_the_issue_targets():
    made = synth_site.plan(1000)
    assert made["issues"] == 120 and made["articles"] == 720  # ten years of monthly issues


def test_generated_site_loads_without_problems(synthetic):
    from edugc.model import load_site

    site = load_site(synthetic, today=__import__("datetime").date(2026, 11, 28))
    assert len(site.issues) == synth_site.plan(200)["issues"]
    assert max(len(docs) for docs in site.tags.values()) >= 20  # a few very common tags, as in real life
    assert len(site.events) >= 50


def test_plain_twin_keeps_only_what_material_reads(synthetic, tmp_path):
    synth_site.plain_copy(synthetic, tmp_path / "plain")
    article = next((tmp_path / "plain/content/newsletter").rglob("a*-0.md"))
    meta = yaml.safe_load(article.read_text(encoding="utf-8").split("---")[1])
    assert set(meta) <= {"title", "description"} and meta["title"]
    config = yaml.safe_load((tmp_path / "plain/mkdocs.yml").read_text(encoding="utf-8"))
    assert not any("edugc" in str(p) for p in config["plugins"])
    assert "custom_dir" not in config["theme"]


def test_blog_twin_turns_every_dated_page_into_a_post(synthetic, tmp_path):
    # Issue 21's baseline: the same articles as Material blog posts, with the plugins a team would add.
    blog = tmp_path / "blog"
    synth_site.blog_copy(synthetic, blog)
    posts = blog / "content" / synth_site.BLOG_DIR / "posts"
    made = synth_site.plan(200)
    assert len(list(posts.glob("*.md"))) == made["issues"] + made["articles"] + made["notices"]
    assert not (blog / "content/newsletter").exists() and not (blog / "content/notices").exists()
    source = next((synthetic / "content/newsletter").rglob("a*-1.md"))
    original = yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])
    text = (posts / source.name).read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    assert meta["title"] == original["title"] and meta["categories"] == [original["category"]]
    assert meta["tags"] == original["tags"] and str(meta["date"]) == str(original["date"])
    assert "<!-- more -->" in text and text.index("<!-- more -->") < len(text) // 2
    # Pictures travel with their posts; issues link their articles.
    for image in __import__("re").findall(r"!\[[^\]]*\]\(([^)]+)\)", "".join(p.read_text(encoding="utf-8") for p in posts.glob("a*.md"))):
        assert (posts / image).exists()
    issue = (posts / "issue-1.md").read_text(encoding="utf-8")
    assert "(a1-0.md)" in issue
    config = yaml.safe_load((blog / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names == ["blog", "tags", "search", "rss"]
    assert not any("edugc" in str(p) for p in config["plugins"])
    assert (blog / "content/tags.md").read_text(encoding="utf-8").count("<!-- material/tags -->") == 1


def test_bench_edit_changes_one_article_the_same_way_in_every_stack(synthetic, tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_site

    synth_site.plain_copy(synthetic, tmp_path / "plain")
    synth_site.blog_copy(synthetic, tmp_path / "blog")
    for project in (tmp_path / "plain", tmp_path / "blog"):
        before = {p: p.read_text(encoding="utf-8") for p in (project / "content").rglob("*.md")}
        edited = bench_site.edit_article(project, 1)
        again = bench_site.edit_article(project, 2)
        assert edited == again and edited.name == bench_site.EDITED
        after = {p: p.read_text(encoding="utf-8") for p in (project / "content").rglob("*.md")}
        assert [p for p in before if before[p] != after[p]] == [edited]
        assert after[edited].count("회차에 덧붙인 문장") == 1 and "편집 2회차" in after[edited]
