"""One cache helper: a damaged entry (truncated or garbage) is found by its checksum and made again,
never published; writes are atomic; entries no build uses are pruned."""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from edugc.cache import SUM, Cache, Records
from samples import photo


def damage(path: Path, how: str) -> None:
    """What a full disk, a killed process or a stray tool leaves in a cache."""
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "garbage":
        path.write_bytes(os.urandom(max(16, len(data))))
    elif how == "flip":  # same length, one byte changed: only a checksum sees it
        path.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))
    elif how == "empty":
        path.write_bytes(b"")


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("how", ["truncate", "garbage", "flip", "empty"])
def test_a_damaged_entry_is_not_read_and_is_made_again(tmp_path, how):
    cache = Cache(tmp_path / "c", code="v1")
    name = cache.key("input") + ".bin"
    made = []
    assert cache.get(name, lambda: made.append(1) or b"payload" * 100) == b"payload" * 100
    assert Cache(tmp_path / "c").read(name) == b"payload" * 100
    damage(cache.path(name), how)
    again = Cache(tmp_path / "c")
    assert again.read(name) is None and again.damaged == [name]
    assert not cache.path(name).exists()  # a damaged entry is removed, never left to be published
    assert again.get(name, lambda: made.append(1) or b"payload" * 100) == b"payload" * 100
    assert len(made) == 2 and Cache(tmp_path / "c").read(name) == b"payload" * 100


def test_an_entry_without_its_checksum_is_not_trusted(tmp_path):
    cache = Cache(tmp_path)
    cache.write("a.txt", b"hello")
    (tmp_path / f"a.txt{SUM}").unlink()
    assert Cache(tmp_path).read("a.txt") is None and not (tmp_path / "a.txt").exists()


def test_keys_cover_inputs_and_code_and_writes_leave_no_partial_files(tmp_path):
    assert Cache(tmp_path, "v1").key("a") != Cache(tmp_path, "v2").key("a") != Cache(tmp_path, "v1").key("b")
    cache = Cache(tmp_path)
    for i in range(20):
        cache.write(f"e{i}", os.urandom(1000))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_prune_keeps_what_this_build_or_a_recent_other_build_used(tmp_path):
    old = Cache(tmp_path)
    for name in ("used", "recent", "stale"):
        old.write(name, name.encode())
    long_ago = time.time() - 40 * 86400
    for name in ("used", "stale"):
        os.utime(tmp_path / name, (long_ago, long_ago))
    cache = Cache(tmp_path)
    assert cache.read("used") == b"used"
    cache.prune(older_than_days=30)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["used", "used.sum", "recent", "recent.sum"])


def test_records_keep_only_the_entries_a_build_used_and_survive_damage(tmp_path):
    records = Records(Cache(tmp_path), "r.json")
    for key in ("a", "b"):
        records.get(key, lambda key=key: key.upper())
    records.save()
    again = Records(Cache(tmp_path), "r.json")
    assert again.get("a", lambda: "made again") == "A"
    again.save()
    assert json.loads((tmp_path / "r.json").read_text()) == {"a": "A"}  # b was not used: pruned
    damage(tmp_path / "r.json", "flip")
    assert Records(Cache(tmp_path), "r.json").get("a", lambda: "made again") == "made again"


# -- every kind of entry, in a real build --------------------------------------------------------------

def test_damaged_variants_cards_calendars_and_qr_codes_are_made_again_and_the_site_is_the_same(project, tmp_path):
    photo(1600, 1200, seed=3).save(project.root / "content/newsletter/1/camp.jpg", "JPEG", quality=85)
    article = project.root / "content/newsletter/1/credit-basics.md"
    project.write("content/newsletter/1/credit-basics.md",
                  article.read_text(encoding="utf-8") + "\n![캠프 사진](camp.jpg)\n")
    project.write("data/events.yml", "- id: talk\n  title: 설명회\n  program: always-counselling\n"
                  "  start: 2026-12-10T10:00\n  end: 2026-12-10T12:00\n  place: 센터\n")
    first = project.build(tmp_path / "one", extra_env={"CARDS": "1"})
    assert first.returncode == 0, first.stderr
    published = digests(tmp_path / "one")
    cache = project.root / ".cache"
    entries = {
        "image variant": sorted((cache / "images").rglob("960.webp"))[0],
        "image variant (fallback)": sorted((cache / "images").rglob("960.jpg"))[0],
        "image manifest": sorted((cache / "images").rglob("manifest.json"))[0],
        "share card": sorted((cache / "cards").glob("*.png"))[0],
        "calendar files": sorted(cache.glob("calendars-*.json"))[0],
        "QR codes": cache / "qr.json",
    }
    assert all(path.exists() and path.with_name(path.name + SUM).exists() for path in entries.values()), entries
    for (what, path), how in zip(entries.items(), ["truncate", "garbage", "flip", "garbage", "truncate", "flip"]):
        damage(path, how)
    second = project.build(tmp_path / "two", extra_env={"CARDS": "1"})
    assert second.returncode == 0, second.stderr
    assert digests(tmp_path / "two") == published  # nothing damaged reached the site
    for what, path in entries.items():
        assert Cache(path.parent).has(path.name), f"{what} was not made again"


def test_a_damaged_font_chunk_is_cut_again(tmp_path):
    from edugc import npm
    from edugc.fonts.subset import build_webfont

    if not (npm.CACHE / "fonts/PretendardGOV-Regular.otf").exists():
        pytest.skip("Pretendard GOV is not installed (python3 plugins/edugc/fonts/install.py)")
    from collections import Counter

    counts = {400: Counter("교육금천 소식지 가나다"), 700: Counter("교육금천")}
    css, files = build_webfont(counts, npm.CACHE / "fonts", cache=tmp_path)
    chunks = sorted(tmp_path.glob("*.woff2"))
    damage(chunks[0], "truncate")
    damage(chunks[-1], "garbage")
    again_css, again = build_webfont(counts, npm.CACHE / "fonts", cache=tmp_path)
    assert again_css == css and [(f.name, f.data) for f in again] == [(f.name, f.data) for f in files]
    assert all(Cache(tmp_path).has(c.name) for c in chunks)


def test_a_damaged_print_font_or_pdf_is_made_again(tmp_path):
    from pypdf import PdfReader, PdfWriter

    from edugc.print.pdf import PdfMaker
    from edugc.print.webfont import copy_web_font, web_safe_font

    source = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
    if source.exists():
        copy_web_font(source, tmp_path / "site/a.ttf", tmp_path / "fonts")
        cached = next(p for p in (tmp_path / "fonts").iterdir() if p.suffix == ".ttf")
        damage(cached, "truncate")
        copy_web_font(source, tmp_path / "site/b.ttf", tmp_path / "fonts")
        assert (tmp_path / "site/b.ttf").read_bytes() == web_safe_font(source.read_bytes())

    class FakeChromium(PdfMaker):  # a real page in a real PDF, without starting a browser
        def _render(self, html_file: Path, out: Path) -> None:
            writer = PdfWriter()
            writer.add_blank_page(595, 842)
            with out.open("wb") as handle:
                writer.write(handle)

    html = tmp_path / "edition.html"
    html.write_text("<p>인쇄판</p>", encoding="utf-8")
    maker = FakeChromium("/usr/bin/chromium", tmp_path / "pdf")
    maker.make(html, tmp_path / "out/one.pdf", title="제1호", author="센터", key="k1")
    damage(tmp_path / "pdf/k1.pdf", "truncate")
    again = FakeChromium("/usr/bin/chromium", tmp_path / "pdf")
    again.make(html, tmp_path / "out/two.pdf", title="제1호", author="센터", key="k1")
    assert len(again.rendered) == 1 and again.cached == 0
    assert PdfReader(tmp_path / "out/two.pdf").metadata.title == "제1호"


def test_damaged_search_files_are_made_again_and_the_index_is_the_same(tmp_path):
    from edugc.search.site_index import index_site

    material = {"config": {"lang": ["ko"]}, "docs": [
        {"location": "a/", "title": "고교학점제 안내", "text": "<p>진로진학상담을 신청하려면 센터에 전화하세요</p>"},
        {"location": "b/", "title": "대입 설명회", "text": "<p>대입설명회에 오세요</p>"},
    ]}
    raw = json.dumps(material, ensure_ascii=False).encode()
    built, stub, whole = index_site(raw, None, tmp_path)
    assert not whole
    for name, how in (("built.json", "garbage"), ("docs.pickle", "truncate"), ("words.json", "flip")):
        assert (tmp_path / name).exists(), name
        damage(tmp_path / name, how)
    again, again_stub, whole = index_site(raw, None, tmp_path)
    assert not whole  # the damaged whole index was not used
    assert again.files == built.files and again_stub == stub
    assert all(Cache(tmp_path).has(name) for name in ("built.json", "docs.pickle", "words.json"))

