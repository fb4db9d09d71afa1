"""Images: light variants without metadata, a cache that skips unchanged photos, share cards."""
from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT
from edugc.fonts import korean_font
from edugc.images import ImageCache, ImageError, Settings, check_svg
from edugc.images.cards import HEIGHT, MARGIN, TITLE_BOTTOM, TITLE_TOP, WIDTH, Card, CardCache, fit_title
from edugc.images.html import find_images, picture_html, rewrite
from samples import phone_exif, photo
from edugc.model import ContentError

PRIVATE = (b"Exif\x00\x00", b"SERIAL-C39X1234", "홍길동".encode(), b"iPhone 15", b"http://ns.adobe.com/xap")


def jpeg_with_exif(path: Path, size=(1200, 900), orientation=1, seed=0) -> Path:
    photo(*size, seed=seed).save(path, "JPEG", quality=90, exif=phone_exif(orientation))
    return path


def assert_clean(data: bytes, where: str) -> None:
    for marker in PRIVATE:
        assert marker not in data, f"{where}: {marker!r}"
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif(), where
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "photoshop"} & set(image.info), (where, image.info.keys())


# -- the domain: decode, strip, resize, cache ------------------------------------------------------

def test_phone_photo_is_upright_resized_and_stripped(tmp_path):
    src = jpeg_with_exif(tmp_path / "p.jpg", size=(4000, 3000), orientation=6)  # held upright: rotate
    assert b"Exif" in src.read_bytes()
    cache = ImageCache(tmp_path / "cache")
    result = cache.process(src, "content/p.jpg")
    assert (result.width, result.height) == (1600, 2133)  # portrait after EXIF orientation
    assert [v.width for v in result.of_format("webp")] == [480, 960, 1600]
    assert [v.width for v in result.of_format("jpeg")] == [480, 960, 1600]
    for v in result.variants:
        data = (result.folder / v.name).read_bytes()
        assert_clean(data, v.name)
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == (v.width, v.height) and image.mode == "RGB"
    biggest = max(result.of_format("jpeg"), key=lambda v: v.width)
    assert biggest.bytes <= 250_000


def test_small_images_are_never_upscaled_and_alpha_keeps_png(tmp_path):
    src = tmp_path / "logo.png"
    image = Image.new("RGBA", (800, 400), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (100, 100, 300, 300))
    image.save(src)
    result = ImageCache(tmp_path / "c").process(src, "logo.png")
    assert result.fallback == "png"
    assert sorted({v.width for v in result.variants}) == [480, 800]
    with Image.open(result.folder / "800.png") as out:
        assert out.mode == "RGBA" and out.getpixel((0, 0))[3] == 0


def test_cache_skips_unchanged_and_redoes_only_the_changed_image(tmp_path):
    a = jpeg_with_exif(tmp_path / "a.jpg", seed=1)
    b = jpeg_with_exif(tmp_path / "b.jpg", seed=2)
    first = ImageCache(tmp_path / "cache")
    assert first.process_many([(a, "a.jpg"), (b, "b.jpg")]) == []
    assert first.stats.processed == {"a.jpg", "b.jpg"}
    warm = ImageCache(tmp_path / "cache")
    warm.process_many([(a, "a.jpg"), (b, "b.jpg")])
    warm.process(a, "a.jpg")
    assert warm.stats.processed == set() and warm.stats.cached == {"a.jpg", "b.jpg"}
    jpeg_with_exif(b, seed=3)  # the editor replaces one photo
    again = ImageCache(tmp_path / "cache")
    again.process_many([(a, "a.jpg"), (b, "b.jpg")], workers=1)
    assert again.stats.processed == {"b.jpg"} and again.stats.cached == {"a.jpg"}
    other = ImageCache(tmp_path / "cache", Settings(widths=(320, 640)))  # settings are part of the key
    other.process(a, "a.jpg")
    assert other.stats.processed == {"a.jpg"}


def _bomb_png(path: Path, side=20000) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 100))
                     + chunk(b"IEND", b""))
    return path


def test_bad_images_are_refused_by_name_and_leave_nothing_half_written(tmp_path):
    cache = ImageCache(tmp_path / "cache")
    corrupt = tmp_path / "broken.jpg"
    corrupt.write_bytes(jpeg_with_exif(tmp_path / "x.jpg").read_bytes()[:2000])
    junk = tmp_path / "notes.png"
    junk.write_bytes(b"this is not a picture")
    heic = tmp_path / "IMG_0001.HEIC"
    heic.write_bytes(b"\0\0\0\x18ftypheic" + b"\0" * 64)
    cases = {corrupt: "손상", junk: "읽을 수 없", _bomb_png(tmp_path / "bomb.png"): "너무 큽니다",
             heic: "JPEG로 내보내기"}
    for path, words in cases.items():
        with pytest.raises(ImageError) as err:
            cache.process(path, f"content/{path.name}")
        assert f"content/{path.name}" in str(err.value) and words in str(err.value), str(err.value)
    errors = cache.process_many([(p, p.name) for p in cases])
    assert sorted(e.path for e in errors) == sorted(p.name for p in cases)
    assert not any((tmp_path / "cache").iterdir()) if (tmp_path / "cache").exists() else True


def test_cmyk_16_bit_and_animated_images_are_converted(tmp_path):
    cache = ImageCache(tmp_path / "cache")
    cmyk = tmp_path / "print.jpg"
    Image.new("CMYK", (600, 400), (0, 255, 255, 0)).save(cmyk, "JPEG")  # printer red
    out = cache.process(cmyk, "print.jpg")
    with Image.open(out.folder / "600.jpg") as image:
        assert image.mode == "RGB"
        r, g, b = image.getpixel((10, 10))
        assert r > 200 and g < 60 and b < 60
    deep = tmp_path / "scan.png"
    Image.new("I;16", (500, 300), 32768).save(deep)  # mid-grey at 16 bits
    out = cache.process(deep, "scan.png")
    with Image.open(out.folder / "500.jpg") as image:
        assert 110 < image.convert("L").getpixel((5, 5)) < 145
    gif = tmp_path / "anim.gif"
    frames = [Image.new("RGB", (500, 300), colour) for colour in ((0, 0, 255), (255, 0, 0))]
    frames[0].save(gif, save_all=True, append_images=frames[1:], duration=200, loop=0)
    out = cache.process(gif, "anim.gif")  # rule: the first frame, published as a still
    with Image.open(out.folder / "500.webp") as image:
        assert getattr(image, "n_frames", 1) == 1
        r, g, b = image.convert("RGB").getpixel((5, 5))
        assert b > 200 and r < 50


def test_svg_with_script_is_refused(tmp_path):
    good = tmp_path / "map.svg"
    good.write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>')
    check_svg(good, "map.svg")
    for i, body in enumerate(['<script>alert(1)</script>', '<circle r="5" onclick="alert(1)"/>',
                              '<a href="javascript:alert(1)"><circle r="5"/></a>']):
        bad = tmp_path / f"bad{i}.svg"
        bad.write_text(f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>')
        with pytest.raises(ImageError, match=f"bad{i}.svg.*스크립트|bad{i}.svg.*javascript"):
            check_svg(bad, f"bad{i}.svg")


def test_img_becomes_picture_first_eager_then_lazy(tmp_path):
    src = jpeg_with_exif(tmp_path / "a.jpg", size=(1000, 500))
    processed = ImageCache(tmp_path / "c").process(src, "a.jpg")
    fragment = ('<p>가<img alt="첫 &quot;사진&quot;" src="a.jpg"></p>\n<p><img src="a.jpg" alt="둘째" class="x"/></p>'
                '<picture><img src="keep.jpg" alt="그대로"></picture>')
    out = rewrite(fragment, lambda tag, first: picture_html(tag, processed, lambda n: f"v/{n}", first=first)
                  if tag.attrs["src"] == "a.jpg" else None)
    assert find_images(out) == []  # every <img> now sits in a <picture>
    tags = _all_imgs(out)
    assert len(tags) == 3 and out.count("<picture>") == 3
    first, second, kept = tags
    assert first["alt"] == '첫 "사진"' and "loading" not in first and first["decoding"] == "async"
    assert second["loading"] == "lazy" and second["class"] == "x"
    assert (first["width"], first["height"]) == ("1000", "500")
    assert first["srcset"] == "v/480.jpg 480w, v/1000.jpg 1000w" and first["sizes"]
    assert 'type="image/webp" srcset="v/480.webp 480w, v/1000.webp 1000w"' in out
    assert kept == {"src": "keep.jpg", "alt": "그대로"}


def _all_imgs(text: str) -> list[dict]:
    from html.parser import HTMLParser

    found = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                found.append({k: v or "" for k, v in attrs})
        handle_startendtag = handle_starttag

    P().feed(text)
    return found


# -- share cards -------------------------------------------------------------------------------------

FONT, BOLD = korean_font("regular"), korean_font("bold")


def test_long_korean_title_wraps_and_shrinks_but_is_never_clipped():
    title = "금천구 초·중·고 학생과 학부모를 위한 2027학년도 대학입학전형 기본사항과 수시모집 학생부종합전형 준비 안내 설명회 개최 결과 보고"
    font, lines, line_height = fit_title(title, BOLD)
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert len(lines) > 1 and font.size < 68
    for line in lines:
        assert font.getlength(line) <= WIDTH - 2 * MARGIN
    assert len(lines) * line_height <= TITLE_BOTTOM - TITLE_TOP
    short_font, short_lines, _ = fit_title("공지", BOLD)
    assert short_font.size == 68 and short_lines == ["공지"]


def test_cards_are_drawn_once_and_cached(tmp_path):
    cards = [Card(f"c{i}.png", f"교육금천 소식 {i}호", "공지", "교육금천", "금천진로진학지원센터") for i in range(3)]
    said: list[str] = []
    cache = CardCache(tmp_path, FONT, BOLD, workers=1, progress_every=2)
    files = cache.render_all(cards, say=said.append)
    assert cache.stats.rendered == 3 and any("2/3" in s for s in said)
    with Image.open(files["c0.png"]) as image:
        assert image.size == (WIDTH, HEIGHT) and image.format == "PNG"
    again = CardCache(tmp_path, FONT, BOLD)
    again.render_all(cards)
    assert again.stats.rendered == 0 and again.stats.cached == 3


# -- consent and alt text in the model -------------------------------------------------------------

def test_people_without_consent_are_refused_and_missing_alt_names_file_and_line(project, tmp_path):
    jpeg_with_exif(project.root / "content/newsletter/1/camp.jpg")
    article = (project.root / "content/newsletter/1/credit-basics.md").read_text(encoding="utf-8")
    project.write("content/newsletter/1/credit-basics.md", article + "\n![캠프에서 공부하는 학생들](camp.jpg)\n\n![](camp.jpg)\n")
    project.write("content/newsletter/1/camp.jpg.yml", "people: true\nconsent: false\n")
    with pytest.raises(ContentError) as err:
        project.load()
    text = str(err.value)
    assert "content/newsletter/1/credit-basics.md:11: 그림 'content/newsletter/1/camp.jpg'에 사람이 나오지만" in text
    assert "content/newsletter/1/credit-basics.md:13: 그림 'camp.jpg'에 대체 텍스트(alt)가 없습니다" in text
    project.write("content/newsletter/1/camp.jpg.yml", "people: true\nconsent: true\nconsent_note: 2026-06 동의서, 센터 문서함\n")
    project.write("content/newsletter/1/credit-basics.md", article + "\n![캠프에서 공부하는 학생들](camp.jpg)\n")
    project.load()
    project.write("content/newsletter/1/camp.jpg.yml", "people: yes please\nconsnet: true\n")
    with pytest.raises(ContentError, match=r"camp.jpg.yml:\d"):
        project.load()


# -- a whole build ---------------------------------------------------------------------------------

def test_project_build_publishes_variants_cards_and_meta_never_the_original(project, tmp_path):
    _with_images_plugin(project)
    original = jpeg_with_exif(project.root / "content/newsletter/1/camp.jpg", size=(2000, 1500))
    article = (project.root / "content/newsletter/1/credit-basics.md").read_text(encoding="utf-8")
    project.write("content/newsletter/1/credit-basics.md",
                  article + "\n![캠프 사진](camp.jpg)\n\n![캠프 사진 둘째](camp.jpg)\n")
    project.write("content/newsletter/1/camp.jpg.yml", "people: true\nconsent: true\nconsent_note: 동의서 보관\n")
    out = tmp_path / "site"
    result = project.build(out, extra_env={"CARDS": "1"})
    assert result.returncode == 0, result.stderr
    page = (out / "newsletter/1/credit-basics/index.html").read_text(encoding="utf-8")
    assert page.count("<picture>") == 2 and page.count('loading="lazy"') == 1
    assert '<meta property="og:image" content="https://example.org/assets/cards/newsletter-1-credit-basics.png">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="article:published_time" content="2026-03-16T09:00:00+09:00">' in page
    assert (out / "assets/cards/newsletter-1-credit-basics.png").exists()
    assert not list(out.rglob("camp.jpg")) and not list(out.rglob("*.yml"))
    srcs = re.findall(r'src="([^"]+)"', page)
    assert all((out / "newsletter/1/credit-basics" / s).resolve().exists() for s in srcs if "camp" in s)
    _assert_site_is_clean(out, original)
    manifests = {p: p.stat().st_mtime_ns for p in (project.root / ".cache/images").rglob("manifest.json")}
    assert len(manifests) == 1
    again = project.build(tmp_path / "site2", extra_env={"CARDS": "0"})  # warm: no image work at all
    assert again.returncode == 0, again.stderr
    assert {p: p.stat().st_mtime_ns for p in (project.root / ".cache/images").rglob("manifest.json")} == manifests
    page2 = (tmp_path / "site2/newsletter/1/credit-basics/index.html").read_text(encoding="utf-8")
    assert "https://example.org/assets/cards/default.png" in page2


def test_project_build_refuses_a_corrupt_photo_and_keeps_the_old_site(project, tmp_path):
    _with_images_plugin(project)
    project.write("content/newsletter/1/broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg")
    article = (project.root / "content/newsletter/1/credit-basics.md").read_text(encoding="utf-8")
    jpeg_with_exif(project.root / "content/newsletter/1/ok.jpg")
    project.write("content/newsletter/1/credit-basics.md", article + "\n![깨진 사진](broken.jpg)\n\n"
                  '<p markdown><img src="ok.jpg"></p>\n')
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.html").write_text("이전 사이트")
    result = project.build(out)
    assert result.returncode != 0
    assert "content/newsletter/1/broken.jpg: 그림 파일이 손상되었습니다" in result.stderr
    assert "content/newsletter/1/credit-basics.md:13: 그림 'ok.jpg'에 대체 텍스트(alt)가 없습니다" in result.stderr
    assert (out / "old.html").exists()


def _with_images_plugin(project) -> None:
    text = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  name: material\n", f"  name: material\n  custom_dir: {ROOT / 'overrides'}\n")
    project.write("mkdocs.yml", text)


def _assert_site_is_clean(site: Path, *originals: Path) -> None:
    heads = [o.read_bytes()[:4096] for o in originals]
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for head in heads:
            assert head not in data, path
        for marker in PRIVATE:
            assert marker not in data, (path, marker)
        if path.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif"):
            assert_clean(data, str(path))


def test_real_site_share_meta_and_no_photo_metadata_anywhere(site_dir):
    pages = [p for p in site_dir.rglob("*.html") if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")
             and p.name != "404.html" and p.parent.name != "print"]  # print editions: paper, not links
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for prop in ("og:title", "og:description", "og:image", "og:url"):
            assert f'<meta property="{prop}" content="' in text, (path, prop)
        assert '<meta property="og:locale" content="ko_KR">' in text
        assert '<meta name="twitter:card" content="summary_large_image">' in text
        image = re.search(r'<meta property="og:image" content="([^"]+)"', text).group(1)
        assert image.startswith("https://gyoyuk.test/edu/assets/cards/")
    article = (site_dir / "newsletter/2/susi-fair-preview/index.html").read_text(encoding="utf-8")
    assert "<picture>" in article and 'alt="2026 수시박람회' in article
    originals = sorted((ROOT / "content").rglob("*.jpg"))
    assert originals, "content/ should have photos so this check means something"
    for original in originals:
        assert b"Exif" in original.read_bytes()  # the posters carry fake GPS: proves stripping
        assert not list(site_dir.rglob(original.name))
    _assert_site_is_clean(site_dir, *originals)  # pages, feeds, search index, PDFs, cards


def test_print_editions_keep_the_variants_srcset_resolvable():
    from edugc.print.links import move_fragment

    fragment = '<img src="../a-1-960.jpg" srcset="../a-1-480.jpg 480w, ../a-1-960.jpg 960w" alt="사진">'
    moved = move_fragment(fragment, "newsletter/2/susi/", "newsletter/2/print/", "s1-")
    assert 'srcset="../a-1-480.jpg 480w, ../a-1-960.jpg 960w"' in moved
    moved = move_fragment(fragment, "newsletter/2/susi/", "newsletter/print/2/", "s1-")
    assert 'srcset="../../2/a-1-480.jpg 480w, ../../2/a-1-960.jpg 960w"' in moved


def test_print_pdfs_embed_no_original_photo_or_its_metadata(pdf_site):
    from pypdf import PdfReader

    originals = sorted((ROOT / "content").rglob("*.jpg"))
    heads = [o.read_bytes()[:4096] for o in originals]
    pdfs = sorted(pdf_site.rglob("*.pdf"))
    assert len(pdfs) >= 3
    embedded = 0
    for pdf in pdfs:
        data = pdf.read_bytes()  # JPEGs are embedded as they are (DCTDecode): their segments would show here
        for marker in PRIVATE:
            assert marker not in data, (pdf.name, marker)
        for head in heads:
            assert head not in data, pdf.name
        for page in PdfReader(pdf).pages:
            for image in page.images:
                embedded += 1
                assert "exif" not in image.image.info and not image.image.getexif(), (pdf.name, image.name)
    assert embedded >= 2, "the issues with photos should embed them (stripped variants)"


SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">\n'
UNSAFE_SVG = [
    '<script>alert(1)</script>',
    '<script xlink:href="https://evil.example/x.js"/>',
    '<circle r="5" onclick="alert(1)"/>',
    '<circle r="5" ONMOUSEOVER="alert(1)"/>',
    '<a href="javascript:alert(1)"><circle r="5"/></a>',
    '<a xlink:href="jav&#x09;ascript:alert(1)"><circle r="5"/></a>',
    '<a xlink:href="&#106;avascript:alert(1)"><circle r="5"/></a>',
    '<a href=" JAVASCRIPT:alert(1)"><text>x</text></a>',
    '<a href="https://evil.example/"><circle r="5"/></a>',
    '<a><set attributeName="href" to="javascript:alert(1)"/><circle r="5"/></a>',
    '<a><animate attributeName="xlink:href" values="javascript:alert(1)"/><circle r="5"/></a>',
    '<animate attributeName="onbegin" to="alert(1)"/>',
    '<image href="https://tracker.example/pixel.png" width="1" height="1"/>',
    '<image xlink:href="//tracker.example/pixel.png"/>',
    '<use href="https://evil.example/sprite.svg#icon"/>',
    '<image href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"/>',
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
    '<iframe src="https://example.org"/>',
    '<style>@import url(https://evil.example/x.css);</style>',
    '<style>circle { fill: url(https://evil.example/x.svg#p) }</style>',
    '<rect width="5" height="5" style="fill: url(&quot;https://evil.example/p.svg#x&quot;)"/>',
    '<handler type="text/ecmascript">alert(1)</handler>',
]


@pytest.mark.parametrize("body", UNSAFE_SVG)
def test_an_svg_that_could_run_script_or_fetch_elsewhere_is_refused_with_its_line(tmp_path, body):
    bad = tmp_path / "bad.svg"
    bad.write_text(f'<?xml version="1.0"?>\n{SVG_HEAD}<g>\n{body}\n</g>\n</svg>\n', encoding="utf-8")
    with pytest.raises(ImageError) as err:
        check_svg(bad, "content/x/bad.svg")
    assert str(err.value).startswith("content/x/bad.svg:4:"), str(err.value)
    assert "→" in str(err.value)


def test_an_svg_with_a_doctype_or_entities_is_refused(tmp_path):
    bad = tmp_path / "bad.svg"
    bad.write_text('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]>\n'
                   f'{SVG_HEAD}<a href="&x;"><circle r="5"/></a></svg>', encoding="utf-8")
    with pytest.raises(ImageError, match="DOCTYPE"):
        check_svg(bad, "bad.svg")


def test_ordinary_svgs_are_published_as_drawn(tmp_path):
    for path in (ROOT / "content").rglob("*.svg"):
        check_svg(path, path.name)
    good = tmp_path / "chart.svg"
    good.write_text(f'{SVG_HEAD}<defs><linearGradient id="g"><stop offset="0"/></linearGradient>'
                    '<style>.a { fill: url(#g); stroke: #000 }</style></defs>'
                    '<title>모집 인원</title><rect class="a" width="5" height="5" style="fill:url(\'#g\')"/>'
                    '<use href="#g"/><a href="#top"><text>금천</text></a>'
                    '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>',
                    encoding="utf-8")
    check_svg(good, "chart.svg")
