"""The printed newsletter: an A4 print edition and a PDF of every issue, for readers who are not online."""
from __future__ import annotations

import datetime as dt
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY
from edugc.fonts import korean_font
from edugc.model import load_site
from edugc.print import pdf_cache_key, pdf_name
from edugc.print.links import annotate_external, move_fragment, short_url
from edugc.print.webfont import web_safe_font

BASE = "https://gyoyuk.test/edu/"


@pytest.fixture(scope="module")
def model():
    return load_site(ROOT, today=dt.date.fromisoformat(TODAY))


def squash(text: str) -> str:
    """PDF text comes back with line breaks wherever a line wrapped."""
    return re.sub(r"\s+", "", text)


def pdf_of(site: Path, issue) -> Path:
    return site / issue.doc.url / pdf_name(issue)


# -- the print edition and the links to it --------------------------------------------------------

def test_every_issue_page_links_its_print_edition_and_pdf(pdf_site, model):
    assert len(model.issues) >= 3
    for issue in model.issues:
        page = (pdf_site / issue.doc.url / "index.html").read_text(encoding="utf-8")
        assert '<a href="print/">인쇄판 보기</a>' in page
        assert f'<a href="{pdf_name(issue)}" type="application/pdf">인쇄용 PDF</a>' in page
        assert pdf_of(pdf_site, issue).stat().st_size > 10_000
        edition = (pdf_site / issue.doc.url / "print/index.html").read_text(encoding="utf-8")
        assert f"제{issue.number}호" in edition and "md-header" not in edition and "<script" not in edition
        positions = [edition.index(f'id="story-{i}-title">') for i in range(1, len(issue.articles) + 1)]
        assert positions == sorted(positions), "기사는 편집자가 정한 순서대로"
        assert edition.count("기사 주소 QR 코드") >= len(issue.articles)


def test_a_quick_preview_has_print_editions_but_no_pdf_links(site_dir, model):
    # site_dir is built with PDF=0: nothing may link to a PDF that was not made.
    for issue in model.issues:
        assert (site_dir / issue.doc.url / "print/index.html").exists()
        assert not pdf_of(site_dir, issue).exists()
        assert "인쇄용 PDF" not in (site_dir / issue.doc.url / "index.html").read_text(encoding="utf-8")


# -- the PDFs ----------------------------------------------------------------------------------

def test_every_pdf_is_a4_with_a_sensible_number_of_pages(pdf_site, model):
    from pypdf import PdfReader

    for issue in model.issues:
        reader = PdfReader(pdf_of(pdf_site, issue))
        # One to three pages an article, plus the masthead: fewer means content went missing.
        assert len(issue.articles) <= len(reader.pages) <= 3 * len(issue.articles) + 1, len(reader.pages)
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(width - 595.28) <= 2 and abs(height - 841.89) <= 2, (width, height)


def test_pdf_text_has_the_masthead_and_every_article_title(pdf_site, model):
    from pypdf import PdfReader

    for issue in model.issues:
        reader = PdfReader(pdf_of(pdf_site, issue))
        text = "".join(page.extract_text() for page in reader.pages)
        assert "\ufffd" not in text
        flat = squash(text)
        for expected in [issue.doc.title, f"교육금천소식지제{issue.number}호", "금천진로진학지원센터",
                         issue.date.strftime("%Y년").lstrip("0"), *[a.title for a in issue.articles]]:
            assert squash(expected) in flat, expected
        # Page numbers and the issue number sit in every page's footer.
        last = squash(reader.pages[-1].extract_text())
        assert f"{len(reader.pages)}/{len(reader.pages)}쪽" in last and f"제{issue.number}호" in last


def test_pdf_fonts_are_the_projects_korean_font_and_embedded(pdf_site, model):
    from pypdf import PdfReader

    ours = {korean_font("regular").stem, korean_font("bold").stem}
    for issue in model.issues:
        seen = set()
        for page in PdfReader(pdf_of(pdf_site, issue)).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                name = str(font["/BaseFont"]).split("+")[-1]
                assert font["/Subtype"] == "/Type0", f"{name}: {font['/Subtype']} (Type 3 = 그림으로 된 글자)"
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, f"{name} 글꼴이 PDF에 없음"
                seen.add(name)
        # No glyph fell back to whatever font the building machine happened to have.
        assert seen and seen <= ours, seen


def test_pdf_metadata_has_its_korean_title_and_language(pdf_site, model):
    from pypdf import PdfReader

    for issue in model.issues:
        reader = PdfReader(pdf_of(pdf_site, issue))
        assert reader.metadata.title == f"교육금천 소식지 제{issue.number}호 · {issue.doc.title}"
        assert reader.trailer["/Root"]["/Lang"] == "ko"


def test_every_qr_code_decodes_to_its_articles_address(pdf_site, model, tmp_path):
    import zxingcpp
    from PIL import Image
    from pypdf import PdfReader

    for issue in model.issues:
        pdf = pdf_of(pdf_site, issue)
        # Only pages that carry a QR caption are rasterised (150 dpi, as a phone sees a printout).
        pages = [n for n, page in enumerate(PdfReader(pdf).pages, start=1) if "QR" in page.extract_text()]
        found = []
        for number in pages:
            prefix = tmp_path / f"issue-{issue.number}-p{number}"
            subprocess.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", "-f", str(number), "-l", str(number),
                            str(pdf), str(prefix)], check=True)
            found += [code.text for code in zxingcpp.read_barcodes(Image.open(f"{prefix}.pgm"))
                      if code.format == zxingcpp.BarcodeFormat.QRCode]
        assert found == [BASE + article.url for article in issue.articles]


def test_pdfs_come_from_the_cache_until_something_that_shapes_them_changes(tmp_path):
    font = tmp_path / "font.ttf"
    font.write_bytes(b"one")
    html = '<style>@font-face { src: url("font.ttf"); }</style><p>가</p>'
    key = pdf_cache_key(html, tmp_path, BASE, "제목")
    assert key == pdf_cache_key(html, tmp_path, BASE, "제목")
    assert key != pdf_cache_key(html, tmp_path, "https://other.test/", "제목")
    assert key != pdf_cache_key(html.replace("가", "나"), tmp_path, BASE, "제목")
    font.write_bytes(b"two")
    assert key != pdf_cache_key(html, tmp_path, BASE, "제목")


# -- paper-friendly HTML --------------------------------------------------------------------------

def test_links_survive_paper():
    assert short_url("https://www.adiga.kr/man/inf/mainView.do") == "adiga.kr/man/inf/mainView.do"
    html = '<p><a href="https://www.adiga.kr/">대입정보포털</a> <a href="https://gyoyuk.test/edu/x/">여기</a></p>'
    out = annotate_external(html, BASE)
    assert '대입정보포털</a><span class="gc-url"> (adiga.kr)</span>' in out
    assert out.count("gc-url") == 1, "사이트 안 링크에는 주소를 덧붙이지 않습니다"


def test_an_articles_links_and_anchors_still_work_on_the_shared_page():
    html = ('<h2 id="why">왜</h2><a href="#why">위로</a><img src="../photo.jpg" alt="사진">'
            '<a href="../../../guides/susi/">수시</a><a href="https://example.org/">밖</a>')
    out = move_fragment(html, "newsletter/1/credit-basics/", "newsletter/1/print/", "s1-")
    assert 'id="s1-why"' in out and 'href="#s1-why"' in out
    assert 'src="../photo.jpg"' in out  # newsletter/1/photo.jpg, seen from newsletter/1/print/
    assert 'href="../../../guides/susi/"' in out and 'href="https://example.org/"' in out
    out = move_fragment('<img src="photo.jpg" alt="">', "newsletter/1/credit-basics/", "newsletter/1/print/", "")
    assert 'src="../credit-basics/photo.jpg"' in out


def test_the_font_copy_drops_only_the_tables_chromium_refuses():
    source = korean_font("regular").read_bytes()

    def tags(data: bytes) -> set[bytes]:
        count = struct.unpack(">H", data[4:6])[0]
        return {data[12 + 16 * i: 16 + 16 * i] for i in range(count)}

    cleaned = web_safe_font(source)
    assert not any(t.startswith(b"TSI") for t in tags(cleaned))
    assert {t for t in tags(source) if not t.startswith(b"TSI")} == tags(cleaned)
    assert web_safe_font(cleaned) == cleaned


# -- in a real browser -------------------------------------------------------------------------------

def test_print_edition_draws_with_its_own_font_in_black(browser, pdf_site, model):
    issue = model.issues[0]
    page = browser.new_page()
    outside = []
    page.on("request", lambda r: None if r.url.startswith("file:") else outside.append(r.url))
    page.goto((pdf_site / issue.doc.url / "print/index.html").as_uri())
    page.emulate_media(media="print")
    statuses = page.evaluate("document.fonts.ready.then(() => [...document.fonts].map(f => f.status))")
    assert statuses and set(statuses) == {"loaded"}, "Chromium이 사이트의 글꼴을 받아들이지 않았습니다"
    colours = page.evaluate("""[...document.querySelectorAll('body *')]
        .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => getComputedStyle(e).color)""")
    page.close()
    assert not outside
    # Black on white only: a black-and-white printer loses nothing, no grey below AA.
    assert colours and set(colours) == {"rgb(0, 0, 0)"}, set(colours)


def test_any_page_printed_from_the_browser_is_clean(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + "programs/susi-fair/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".gc-footer__links"):
        if page.locator(chrome).count():
            assert page.locator(chrome).first.evaluate("e => getComputedStyle(e).display") == "none", chrome
    link = page.locator('.md-content a[href^="http"]').first
    after = link.evaluate("e => getComputedStyle(e, '::after').content")
    assert link.get_attribute("href") in after
    colour = page.locator(".md-typeset p").first.evaluate("e => getComputedStyle(e).color")
    page.close()
    assert colour == "rgb(0, 0, 0)"


def test_without_chromium_the_build_says_so_and_still_succeeds(project):
    project.write("mkdocs.yml", (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - edugc/print:\n", "  - edugc/print:\n      chromium: /nonexistent/chromium\n"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY=TODAY, PDF="1", CARDS="0")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(project.root / "site")],
                            capture_output=True, text=True, env=env, cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Chromium이 없어 인쇄용 PDF를 건너뜁니다") == 1
    assert (project.root / "site/newsletter/1/print/index.html").exists()
    assert not list((project.root / "site").rglob("*.pdf"))


def test_the_pdf_cache_forgets_what_no_build_used_for_a_month(tmp_path):
    from edugc.print import PdfMaker

    old, fresh = tmp_path / "old.pdf", tmp_path / "fresh.pdf"
    old.write_bytes(b"%PDF")
    fresh.write_bytes(b"%PDF")
    os.utime(old, (0, 0))
    PdfMaker("/usr/bin/chromium", tmp_path).prune()
    assert not old.exists() and fresh.exists()
