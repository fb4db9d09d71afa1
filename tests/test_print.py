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

from conftest import CHROMIUM, ROOT, TODAY
from edugc.fonts import korean_font
from edugc.model import load_site
from edugc.print import pdf_cache_key, pdf_name
from edugc.print.links import (annotate_external, insert_after_paragraph, mark_wide_tables, move_fragment, short_url,
                               split_last_block)
from edugc.print.poster import posters
from edugc.print.webfont import web_safe_font
from edugc.programs.views import is_upcoming
from edugc.urls import program_url

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

def test_every_edition_has_an_even_number_of_a4_pages_with_the_back_page_last(pdf_site, model):
    from pypdf import PdfReader

    for issue in model.issues:
        reader = PdfReader(pdf_of(pdf_site, issue))
        # Double-sided printing never leaves a blank side; fewer pages than half the articles means text went missing.
        assert len(reader.pages) % 2 == 0, f"제{issue.number}호: {len(reader.pages)}쪽"
        assert len(issue.articles) / 2 + 1 <= len(reader.pages) <= 3 * len(issue.articles) + 2, len(reader.pages)
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(width - 595.28) <= 2 and abs(height - 841.89) <= 2, (width, height)
        first, back = squash(reader.pages[0].extract_text()), squash(reader.pages[-1].extract_text())
        assert f"교육금천소식지제{issue.number}호" in first and squash(issue.doc.title) in first
        assert "금천진로진학지원센터" in first and "금천구교육지원과" in first  # the centre and the district
        assert squash(issue.articles[0].title) in first, "page 1 starts the first article under the lead"
        for heading in ("센터안내", "연락처", "오시는길", "소식지받아보기", "다가오는일정"):
            assert heading in back, heading
        # (Articles may well say 오시는 길; only the back page says 소식지 받아 보기.)
        assert not any("소식지받아보기" in squash(page.extract_text()) for page in reader.pages[:-1]), \
            "the back page is one side, the last"


def test_back_page_tells_how_to_reach_find_and_follow_the_centre(pdf_site, model):
    from pypdf import PdfReader

    info = model.info
    upcoming = [e for e in model.events if is_upcoming(e, model.today)][:5]
    assert upcoming, "the fixed test day has upcoming events"
    for issue in model.issues:
        back = squash(PdfReader(pdf_of(pdf_site, issue)).pages[-1].extract_text())
        for fact in (info.phone.number, info.address, info.hours.text, info.email.address,
                     "gyoyuk.test/edu/feed.xml", "gyoyuk.test/edu/events.ics", "gyoyuk.test/edu/subscribe",
                     *[e.title for e in upcoming], *[p.name for p in model.programs[:3]]):
            assert squash(fact) in back, fact
        assert "예시" in back, "invented contact facts carry the 예시 label on paper too"


def test_the_page_that_evens_an_edition_out_is_one_side_before_the_back_page(pdf_site, model, tmp_path, browser):
    """The edition shows its 프로그램 한눈에 보기 page only when the articles end on an even page: forced
    here, it must add exactly one side and leave the back page last."""
    from pypdf import PdfReader

    from edugc.print import PdfMaker

    issue = model.issues[0]
    source = pdf_site / issue.doc.url / "print/index.html"
    forced = source.with_name("forced.html")
    forced.write_text(source.read_text(encoding="utf-8").replace('class="gc-print"', 'class="gc-print gc-odd"', 1),
                      encoding="utf-8")
    maker = PdfMaker(CHROMIUM, tmp_path / "cache", browser=browser)
    try:
        pages = maker.make(forced, tmp_path / "forced.pdf", title="t", author="a", key="forced")
    finally:
        maker.close()
        forced.unlink()
    before = len(PdfReader(pdf_of(pdf_site, issue)).pages)
    reader = PdfReader(tmp_path / "forced.pdf")
    assert pages == before + 1 == len(reader.pages)
    assert "센터프로그램한눈에보기" in squash(reader.pages[-2].extract_text())
    assert "오시는길" in squash(reader.pages[-1].extract_text())


def test_pdf_maker_gives_pages_the_number_of_sides_they_ask_for(tmp_path, browser):
    """The contract the edition and the posters rely on: data-even-pages gets class gc-odd when the
    first rendering is odd; data-one-page gets gc-tight (then gc-tighter) when it runs onto a second side."""
    from pypdf import PdfReader

    from edugc.print import PdfMaker

    side = '<div style="break-before: page">면</div>'
    even = tmp_path / "even.html"
    even.write_text(f'<html data-even-pages><style>.f {{ display: none }} .gc-odd .f {{ display: block }}</style>'
                    f'<body>{side * 3}<div class="f" style="break-before: page">채움</div></body></html>', encoding="utf-8")
    one = tmp_path / "one.html"
    one.write_text('<html data-one-page><style>p { height: 200mm; margin: 0 } .gc-tight p { height: 100mm }</style>'
                   '<body><p>가</p><p>나</p></body></html>', encoding="utf-8")
    plain = tmp_path / "plain.html"
    plain.write_text(f"<html><body>{side * 3}</body></html>", encoding="utf-8")
    maker = PdfMaker(CHROMIUM, tmp_path / "cache", browser=browser)
    try:
        counts = [maker.make(page, tmp_path / f"{page.stem}.pdf", title="t", author="a", key=page.stem)
                  for page in (even, one, plain)]
    finally:
        maker.close()
    assert counts == [4, 1, 3]
    assert "채움" in PdfReader(tmp_path / "even.pdf").pages[-1].extract_text()


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


def qr_codes(pdf: Path, tmp_path: Path) -> list[tuple[int, str, float, list[str]]]:
    """(page, decoded text, top in mm, texts printed above it in its column below the running head)
    of every QR code, read from the page rasterised at 150 dpi as a phone sees a printout."""
    import zxingcpp
    from PIL import Image
    from pypdf import PdfReader

    found = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        if "QR" not in page.extract_text():
            continue
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        texts: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                texts.append((x, (height - y) * 25.4 / 72, text.strip()))

        page.extract_text(visitor_text=visit)
        prefix = tmp_path / f"{pdf.stem}-p{number}"
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", "-f", str(number), "-l", str(number),
                        str(pdf), str(prefix)], check=True)
        for code in zxingcpp.read_barcodes(Image.open(f"{prefix}.pgm")):
            if code.format != zxingcpp.BarcodeFormat.QRCode:
                continue
            corners = (code.position.top_left, code.position.top_right, code.position.bottom_left)
            top = min(c.y for c in corners) * 25.4 / 150
            middle = sum(c.x for c in corners[:2]) / 2 * 72 / 150
            column = (0, width / 2) if middle < width / 2 else (width / 2, width)
            # 16 mm: the running head sits in the page margin above it.
            above = [t for x, y, t in texts if column[0] <= x < column[1] and 16 < y < top]
            found.append((number, code.text, top, above))
    return found


def test_every_qr_code_decodes_to_its_articles_address_and_the_back_page_to_the_site(pdf_site, model, tmp_path):
    for issue in model.issues:
        found = qr_codes(pdf_of(pdf_site, issue), tmp_path)
        assert [text for _, text, _, _ in found] == [BASE + article.url for article in issue.articles] + [BASE]


def test_a_qr_code_is_never_alone_at_the_top_of_a_page_or_column(pdf_site, model, tmp_path):
    for issue in model.issues:
        for page, text, top, above in qr_codes(pdf_of(pdf_site, issue), tmp_path):
            # At least two lines of its article (orphans and widows are 2) above it, in its own column.
            assert len(above) >= 2, f"제{issue.number}호 {page}쪽: {text}의 QR 코드가 단의 맨 위에 홀로 있습니다"


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

def test_print_pages_draw_with_their_own_font_in_colours_that_survive_a_grey_printer(browser, pdf_site, model):
    from edugc.print.style import TEXT_PAIRS, failing_pairs, palette
    from edugc.theme import Tokens

    tokens = Tokens.load()
    assert not failing_pairs(tokens)  # every text colour keeps 4.5:1 on its ground: luminance is what grey keeps
    colours = palette(tokens)
    allowed = {colours[p.fg] for p in TEXT_PAIRS} | {"#000000"}  # the page margins' running heads are black

    def rgb(hex_colour: str) -> str:
        return "rgb({}, {}, {})".format(*(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)))

    poster = next(p for p in posters(model, model.today) if p.current)
    for rel in (model.issues[0].doc.url + "print/index.html", poster.url + "index.html"):
        page = browser.new_page()
        outside = []
        page.on("request", lambda r: None if r.url.startswith("file:") else outside.append(r.url))
        page.goto((pdf_site / rel).as_uri())
        page.emulate_media(media="print")
        statuses = page.evaluate("document.fonts.ready.then(() => [...document.fonts].map(f => f.status))")
        assert statuses and set(statuses) == {"loaded"}, "Chromium이 사이트의 글꼴을 받아들이지 않았습니다"
        used = page.evaluate("""[...document.querySelectorAll('body *')]
            .filter(e => e.getClientRects().length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => getComputedStyle(e).color)""")
        page.close()
        assert not outside, outside
        assert used and set(used) <= {rgb(c) for c in allowed}, set(used) - {rgb(c) for c in allowed}
        assert len(set(used)) >= 3, "KRDS colours mark the nameplate, headings and labels"


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


# -- posters --------------------------------------------------------------------------------------

def test_every_running_or_upcoming_program_and_event_has_a_one_page_poster(pdf_site, model):
    from pypdf import PdfReader

    made = [p for p in posters(model, model.today) if p.current]
    assert any(p.is_event for p in made) and any(not p.is_event for p in made)
    for poster in made:
        reader = PdfReader(pdf_site / poster.pdf)
        assert len(reader.pages) == 1, poster.pdf
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - 595.28) <= 2 and abs(float(box.height) - 841.89) <= 2
        assert reader.metadata.title == poster.title
        text = squash(reader.pages[0].extract_text())
        program, subject = poster.program, poster.subject
        facts = [poster.name, "대상", subject.place, "신청방법", program.apply.how if not poster.is_event else "",
                 "예시" if subject.example or program.example else ""]
        if poster.is_event:
            facts.append(f"{subject.start.month}월{subject.start.day}일")
            if subject.registration and subject.registration.deadline:
                facts += ["신청마감", f"{subject.registration.deadline.month}월{subject.registration.deadline.day}일"]
        elif program.close:
            facts += ["신청마감", f"{program.close.month}월{program.close.day}일"]
        for fact in facts:
            assert squash(fact) in text, (poster.pdf, fact)


def test_posters_are_published_beside_their_page_and_linked_from_it(pdf_site, model):
    events = (pdf_site / "events/index.html").read_text(encoding="utf-8")
    for poster in posters(model, model.today):
        page = (pdf_site / poster.url / "index.html").read_text(encoding="utf-8")
        owner = (pdf_site / program_url(poster.program.id) / "index.html").read_text(encoding="utf-8")
        # From the program page: 'poster/'; from it to an event's: '../../events/<id>/poster/'.
        from_owner = f'href="../../events/{poster.subject.id}/poster/"' if poster.is_event else 'href="poster/"'
        if poster.current:
            assert (pdf_site / poster.pdf).exists()
            assert f'href="{Path(poster.pdf).name}" type="application/pdf"' in page
            assert 'class="sheet"' in page and "<script" not in page
            assert from_owner in owner, poster.url
            if poster.is_event:
                assert f'href="{poster.subject.id}/poster/"' in events
        else:  # over: the address stays, says so and points on; no PDF and no link to it
            assert not (pdf_site / poster.pdf).exists()
            assert "끝났습니다" in page and 'class="sheet"' not in page
            assert from_owner not in owner


def test_a_posters_qr_code_opens_its_program_page_at_the_event(pdf_site, model, tmp_path):
    made = [p for p in posters(model, model.today) if p.current]
    for poster in (next(p for p in made if p.is_event), next(p for p in made if not p.is_event)):
        found = qr_codes(pdf_site / poster.pdf, tmp_path)
        target = BASE + program_url(poster.program.id) + (f"#{poster.subject.id}" if poster.is_event else "")
        assert [text for _, text, _, _ in found] == [target]
        assert found[0][2] > 150, "the QR code sits in the lower half, under the facts"


def test_a_poster_ends_with_its_event_and_the_publish_ledger_keeps_only_its_page(model, tmp_path):
    from edugc.print.poster import poster_html
    from edugc.publish import ledger

    event = next(e for e in model.events if is_upcoming(e, model.today))
    before, after = (next(p for p in posters(model, day) if p.subject is event)
                     for day in (model.today, event.end.date() + dt.timedelta(days=1)))
    assert before.current and not after.current
    ended = poster_html(model, after, site_url=BASE, fonts={})
    assert "이 행사는 끝났습니다" in ended and "<svg" not in ended.split("</head>")[1].replace('class="mark"', "")
    site = tmp_path / "site"
    for rel in (after.url + "index.html", after.pdf, "newsletter/1/gyoyuk-geumcheon-1.pdf"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("x", encoding="utf-8")
    # A printed poster's PDF is withdrawn with its event: publishing must not stop for it, since its
    # page (in the ledger) stays. A PDF of that name that is no poster's keeps its address.
    assert ledger.published_urls(site) == {after.url, "newsletter/1/gyoyuk-geumcheon-1.pdf"}
    assert after.pdf.startswith(after.url)
    stray = site / "notices" / Path(after.pdf).name
    stray.parent.mkdir(parents=True)
    stray.write_text("x", encoding="utf-8")
    assert f"notices/{stray.name}" in ledger.published_urls(site)


def test_every_print_page_has_its_share_card(site_dir, model):
    pages = [site_dir / issue.doc.url / "print/index.html" for issue in model.issues]
    pages += [site_dir / p.url / "index.html" for p in posters(model, model.today)]
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for prop in ("og:title", "og:description", "og:image", "og:url"):
            assert f'<meta property="{prop}" content="' in text, (path, prop)
        image = re.search(r'<meta property="og:image" content="([^"]+)"', text).group(1)
        assert image.startswith(BASE + "assets/cards/"), image
        url = re.search(r'<meta property="og:url" content="([^"]+)"', text).group(1)
        assert BASE + path.parent.relative_to(site_dir).as_posix() + "/" == url


def test_print_pages_get_cards_of_their_own(project):
    result = project.build(extra_env={"CARDS": "1"})
    assert result.returncode == 0, result.stderr
    site = project.root / "site"
    edition = (site / "newsletter/1/print/index.html").read_text(encoding="utf-8")
    poster = (site / "programs/always-counselling/poster/index.html").read_text(encoding="utf-8")
    assert 'content="https://example.org/assets/cards/newsletter-1-print.png"' in edition
    assert 'content="https://example.org/assets/cards/programs-always-counselling-poster.png"' in poster
    assert (site / "assets/cards/newsletter-1-print.png").stat().st_size > 5_000
    assert (site / "assets/cards/programs-always-counselling-poster.png").stat().st_size > 5_000


def test_a_warm_build_makes_no_pdf(project, tmp_path, artifacts):
    """PDFs are kept by everything that shapes them: building again with nothing changed renders none."""
    env = {"PDF": "1"}
    first = project.build(tmp_path / "one", extra_env=env)
    assert first.returncode == 0, first.stderr
    assert "인쇄용 PDF 2개 (소식지 1, 포스터 1" in first.stderr and "새로 만듦 2개" in first.stderr, first.stderr
    second = project.build(tmp_path / "two", extra_env=env)
    assert second.returncode == 0, second.stderr
    assert "새로 만듦 0개, 캐시 2개" in second.stderr, second.stderr
    for name in ("newsletter/1/gyoyuk-geumcheon-1.pdf", "programs/always-counselling/poster/gyoyuk-geumcheon-poster-always-counselling.pdf"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


# -- what editors write --------------------------------------------------------------------------

def test_a_pull_quote_must_be_the_articles_own_words(project):
    from edugc.model import ContentError

    article = project.root / "content/newsletter/1/credit-basics.md"
    text = article.read_text(encoding="utf-8")
    project.write("content/newsletter/1/credit-basics.md", text.replace("summary: 요약\n", "summary: 요약\npull_quote: 본문에 없는 말\n"))
    with pytest.raises(ContentError) as err:
        project.load()
    problem = next(str(p) for p in err.value.problems if "pull_quote" in str(p))
    assert "content/newsletter/1/credit-basics.md:8" in problem and "본문에 있는 문장" in problem
    project.write("content/newsletter/1/credit-basics.md", text.replace("summary: 요약\n", "summary: 요약\npull_quote: 본문입니다\n"))
    assert project.load().docs["newsletter/1/credit-basics.md"].meta.pull_quote == "본문입니다"


def test_the_edition_prints_pull_quotes_boxes_and_wide_tables(pdf_site, model):
    quoted = [a for issue in model.issues for a in issue.articles if a.meta.pull_quote]
    assert quoted
    for article in quoted:
        edition = (pdf_site / article.issue.doc.url / "print/index.html").read_text(encoding="utf-8")
        assert f'<aside class="pull-quote" aria-hidden="true"><p>{article.meta.pull_quote}</p></aside>' in edition
    edition = (pdf_site / "newsletter/1/print/index.html").read_text(encoding="utf-8")
    assert 'class="admonition tip"' in edition and "이런 학생에게 권해요" in edition
    assert '<table class="wide">' in edition


def test_paper_layout_helpers():
    body = '<p>a</p>\n<div class="admonition"><p>b</p></div>\n<p>c<br>d</p>\n<table><tr><td>x</td></tr></table>\n'
    before, last = split_last_block(body)
    assert last.startswith("<table>") and before.endswith("</p>\n") and before + last == body
    assert insert_after_paragraph(body, "<Q>").index("<Q>") == body.index("<table>")  # after the 2nd top-level <p>
    assert insert_after_paragraph("<ul><li>x</li></ul>", "<Q>").startswith("<Q>")
    wide = mark_wide_tables("<table><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead></table>"
                            "<table><tr><td>a</td><td>b</td></tr></table>")
    assert wide.count('<table class="wide">') == 1


def test_keep_test_artifacts_of_page_one_and_the_back_page(pdf_site, model, artifacts):
    """PNGs to look at: the first page and the back page of the newest issue, and one poster."""
    from pypdf import PdfReader

    issue = model.issues[0]
    pdf = pdf_of(pdf_site, issue)
    count = len(PdfReader(pdf).pages)
    for number, name, colour in ((1, "page-1", []), (count, "back", []), (1, "page-1-grey", ["-gray"])):
        out = artifacts / f"print-issue-{issue.number}-{name}"  # grey: as an office printer prints it
        subprocess.run(["pdftoppm", "-r", "100", "-png", *colour, "-singlefile", "-f", str(number), "-l", str(number),
                        str(pdf), str(out)], check=True)
        assert out.with_suffix(".png").stat().st_size > 50_000
    poster = next(p for p in posters(model, model.today) if p.current and p.is_event)
    out = artifacts / "print-poster"
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf_site / poster.pdf), str(out)], check=True)
    assert out.with_suffix(".png").stat().st_size > 30_000


def test_an_issue_cover_leads_page_one_as_the_sites_own_light_picture(project):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (1200, 700), (40, 90, 160)).save(buffer, "JPEG")
    project.write("content/newsletter/1/cover.jpg", buffer.getvalue())
    issue = (project.root / "content/newsletter/1/index.md").read_text(encoding="utf-8")
    project.write("content/newsletter/1/index.md", issue.replace("summary: 첫 호\n", "summary: 첫 호\ncover: cover.jpg\n"
                                                                 "cover_alt: 센터 상담실에서 과목 지도를 그리는 모습\n"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    edition = (project.root / "site/newsletter/1/print/index.html").read_text(encoding="utf-8")
    picture = re.search(r'<div class="cover__picture">(.*?)</div>', edition, re.S).group(1)
    assert "<picture>" in picture and 'alt="센터 상담실에서 과목 지도를 그리는 모습"' in picture
    source = re.search(r' src="([^"]+)"', picture).group(1)
    assert source.startswith("../cover-") and (project.root / "site/newsletter/1/print" / source).resolve().exists()
    assert not (project.root / "site/newsletter/1/cover.jpg").exists(), "the original (and its metadata) stays out"
