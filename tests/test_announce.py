"""Reaching families where they are: staff run `edugc announce` from the sources and get an email edition,
문자 and a KakaoTalk message for an issue, a program or this week's deadlines; `--send` mails the edition
to those who agreed, one message each."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import mimetypes
import re
import socket
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, TODAY
from edugc.announce import Maker, announce
from edugc.announce import charset
from edugc.announce.messages import texts
from edugc.model import ContentError, load_site
from edugc.programs.deadlines import deadlines
from edugc.publish import ledger
from sitefiles import resolve

BASE = "https://gyoyuk.test/edu/"
FILES = ("email.html", "email.txt", "sms.txt", "lms.txt", "kakao.txt")


@pytest.fixture
def pinned(monkeypatch):
    monkeypatch.setenv("EDUGC_TODAY", TODAY)
    monkeypatch.delenv("EDUGC_SMTP_HOST", raising=False)
    monkeypatch.delenv("EDUGC_RECIPIENTS", raising=False)
    monkeypatch.delenv("EDUGC_MAIL_FROM", raising=False)


@pytest.fixture(scope="module")
def real_outputs(tmp_path_factory) -> dict[str, Path]:
    """The newest issue, a program that is recruiting and this week's deadlines of the real content."""
    import os

    old = os.environ.get("EDUGC_TODAY")
    os.environ["EDUGC_TODAY"] = TODAY
    try:
        out = {}
        for name, kwargs in (("issue", {"issue": "latest"}), ("program", {"program": "admission-academy"}),
                             ("week", {"week": True})):
            folder = tmp_path_factory.mktemp("announce") / name
            assert announce(ROOT, out=folder, env={"SITE_URL": BASE}, **kwargs) == 0
            out[name] = folder
        return out
    finally:
        if old is None:
            os.environ.pop("EDUGC_TODAY", None)
        else:
            os.environ["EDUGC_TODAY"] = old


def item_folders(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.is_dir())


# -- files from the sources ------------------------------------------------------------------

def test_each_item_gets_its_five_files_in_a_numbered_folder_without_a_build(real_outputs):
    issue = item_folders(real_outputs["issue"])
    assert [p.name for p in issue] == ["1-newsletter-3"]
    week = item_folders(real_outputs["week"])
    # 2026-11-28 + 6 days: 진로 전문가 체험 closes 11/30, the after-CSAT lecture 12/3, the winter camp 12/4
    assert [p.name.split("-", 1)[0] for p in week] == ["1", "2", "3"]
    assert [p.name.split("-", 1)[1] for p in week] == [
        "deadline-program-career-specialists", "deadline-event-2026-after-csat-lecture",
        "deadline-event-2027-university-winter-camp"]
    for folder in issue + week + item_folders(real_outputs["program"]):
        assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    text = (issue[0] / "email.txt").read_text(encoding="utf-8")
    model = load_site(ROOT, today=dt.date.fromisoformat(TODAY))
    for article in model.issues[0].articles:  # the articles in the issue's order, each with its address
        assert f"{article.title}" in text and BASE + article.url in text
    positions = [text.index(a.title) for a in model.issues[0].articles]
    assert positions == sorted(positions)


def test_the_command_refuses_the_default_address_and_a_published_folder(project, pinned, capsys):
    assert announce(project.root, issue="latest", env={}) == 2
    assert "SITE_URL" in capsys.readouterr().out
    assert announce(project.root, issue="latest", env={"SITE_URL": "http://127.0.0.1:8000/"}) == 2
    assert announce(project.root, issue="latest", out=project.root / "content/x", env={"SITE_URL": BASE}) == 2
    assert "content/" in capsys.readouterr().out
    assert not (project.root / "content/x").exists()


def test_an_earlier_run_is_replaced_whole_and_a_foreign_folder_is_left_alone(project, pinned, tmp_path, capsys):
    out = tmp_path / "out"
    assert announce(project.root, issue="latest", out=out, env={"SITE_URL": BASE}) == 0
    (out / "1-newsletter-1" / "stale.txt").write_text("x", encoding="utf-8")
    assert announce(project.root, program="always-counselling", out=out, env={"SITE_URL": BASE}) == 0
    assert [p.name for p in item_folders(out)] == ["1-program-always-counselling"]
    assert not (project.root / "site").exists()  # made from the sources: nothing was built
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "letter.hwp").write_text("소중한 문서", encoding="utf-8")
    assert announce(project.root, issue="latest", out=mine, env={"SITE_URL": BASE}) == 2
    assert (mine / "letter.hwp").read_text(encoding="utf-8") == "소중한 문서"
    assert "덮어쓰지 않았습니다" in capsys.readouterr().out


def test_unknown_issue_or_program_says_what_exists(project, pinned, capsys):
    assert announce(project.root, issue="9", env={"SITE_URL": BASE}) == 1
    assert "공개된 호: 1" in capsys.readouterr().out
    assert announce(project.root, program="always-counseling", env={"SITE_URL": BASE}) == 1
    assert "always-counselling" in capsys.readouterr().out


def test_the_cli_and_dev_script_know_the_command():
    from edugc.cli import main

    with pytest.raises(SystemExit):
        main(["announce", "--help"])
    dev = (ROOT / "scripts/dev.py").read_text(encoding="utf-8")
    assert '"announce")' in dev
    assert "/announce/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


# -- the email edition -----------------------------------------------------------------------

class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.comments.append(data)


def _px(style: str, prop: str) -> int | None:
    match = re.search(rf"(?:^|;)\s*{prop}\s*:\s*(\d+)px", style)
    return int(match.group(1)) if match else None


def test_email_html_is_what_mail_apps_render(real_outputs):
    for out in real_outputs.values():
        for folder in item_folders(out):
            page = (folder / "email.html").read_text(encoding="utf-8")
            parser = Tags()
            parser.feed(page)
            names = [t for t, _ in parser.tags]
            assert "script" not in names and "link" not in names and "style" not in names, folder
            assert "@import" not in page and "@font-face" not in page and "<style" not in page
            assert not any(k.startswith("on") for _, a in parser.tags for k in a), "no event handlers"
            for tag, attrs in parser.tags:
                style = attrs.get("style", "")
                if tag == "table":
                    width = attrs.get("width", "100%")
                    assert width == "100%" or int(width) <= 600, (folder, attrs)
                    assert (_px(style, "width") or 0) <= 600 and (_px(style, "max-width") or 0) <= 600
                if tag == "img":
                    assert attrs.get("alt", "").strip(), attrs
                    assert attrs["src"].startswith(BASE), attrs
                    assert int(attrs["width"]) <= 600
                if tag == "a":
                    href = attrs["href"]
                    assert href.startswith(("https://", "http://", "mailto:")), href
                    assert not re.search(r"[?&](utm_|fbclid|gclid|mc_)", href), href
                    if href.startswith(BASE):
                        assert "?" not in href, href  # no tracking parameters on our own links
            # The stylesheet was written once and inlined by css-inline, element by element.
            assert sum(1 for _, a in parser.tags if a.get("style")) > 20
            for comment in parser.comments:  # only Outlook's conditional table, nothing else hidden
                assert comment.startswith("[if mso]") or comment.startswith("[endif]"), comment


def test_email_text_part_carries_the_same_content(real_outputs):
    for out in real_outputs.values():
        for folder in item_folders(out):
            page = (folder / "email.html").read_text(encoding="utf-8")
            text = (folder / "email.txt").read_text(encoding="utf-8")
            heading = re.search(r"<h1[^>]*>(.*?)</h1>", page).group(1)
            assert heading in text
            for href in set(re.findall(r'href="(https://gyoyuk\.test/[^"]+)"', page)):
                assert href.replace("&amp;", "&") in text, (folder, href)
            assert "수신거부" in text and "수신거부" in page


def test_every_address_in_every_message_exists_in_the_built_site(real_outputs, site_dir):
    checked = 0
    for out in real_outputs.values():
        for folder in item_folders(out):
            for name in FILES:
                body = (folder / name).read_text(encoding="utf-8").replace("&amp;", "&")
                for url in set(re.findall(r"https://gyoyuk\.test/edu/[^\s\"'<>)]*", body)):
                    target = resolve(site_dir, BASE, url.split("#")[0])
                    assert target is not None and target.is_file(), (folder.name, name, url)
                    checked += 1
    assert checked > 30


def test_email_in_chromium_at_375_and_600_px(real_outputs, site_dir, browser, artifacts):
    shown = {"issue": item_folders(real_outputs["issue"])[0], "program": item_folders(real_outputs["program"])[0],
             "deadline": item_folders(real_outputs["week"])[1]}
    for name, folder in shown.items():
        for width in (375, 600):
            page = browser.new_page(viewport={"width": width, "height": 800})
            elsewhere: list[str] = []

            def route(request_route, _elsewhere=elsewhere):
                url = request_route.request.url
                if url.startswith(BASE):
                    target = resolve(site_dir, BASE, url)
                    if target and target.is_file():
                        return request_route.fulfill(path=str(target), content_type=mimetypes.guess_type(str(target))[0])
                    return request_route.fulfill(status=404)
                if url.startswith("file:"):
                    return request_route.continue_()
                _elsewhere.append(url)
                return request_route.abort()

            page.route("**/*", route)
            page.goto((folder / "email.html").as_uri())
            page.wait_for_load_state("networkidle")
            assert not elsewhere, elsewhere
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            sheet = page.evaluate("document.querySelector('table table').getBoundingClientRect().width")
            assert sheet <= 600
            broken = page.evaluate("[...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.src)")
            assert not broken, broken
            assert page.evaluate("[...document.images].every(i => i.getBoundingClientRect().right <= innerWidth)")
            page.screenshot(path=str(artifacts / f"announce-{name}-{width}.png"), full_page=True)
            page.close()
    issue = (shown["issue"] / "email.html").read_text(encoding="utf-8")
    assert re.search(r'<img src="https://gyoyuk\.test/edu/newsletter/3/major-booth-[0-9a-f]{10}-960\.jpg" alt="[^"]+"', issue)


# -- 문자 and KakaoTalk -----------------------------------------------------------------------

def _every_item(site_url: str):
    model = load_site(ROOT, today=dt.date.fromisoformat(TODAY))
    maker = Maker(model, site_url)
    items = [maker.issue(i) for i in model.issues] + [maker.program(p) for p in model.programs]
    items += [maker.deadline(d) for d in deadlines(model)]
    return model, items


@pytest.mark.parametrize("site_url", [BASE, "https://www.geumcheon.go.kr/jinro-jinhak-center/education/"])
def test_sms_fits_90_and_lms_2000_bytes_of_euc_kr_for_every_item(site_url):
    model, items = _every_item(site_url)
    assert len(items) > 40
    for item in items:
        msgs = texts(item, model.info)
        sms, lms = msgs.sms.encode("euc-kr"), msgs.lms.encode("euc-kr")
        assert len(sms) <= 90, (item.slug, msgs.sms, len(sms))
        assert len(lms) <= 2000, (item.slug, len(lms))
        for message in (msgs.sms, msgs.lms):
            for char in message:  # every character a real EUC-KR one (no 8-byte make-up sequences)
                assert len(char.encode("euc-kr")) <= 2, (item.slug, char)
        short = item.short.split("://", 1)[-1]
        assert short in msgs.sms or msgs.sms_without_link, (item.slug, msgs.sms)
        assert item.short in msgs.lms
        assert len(msgs.kakao) <= 1000 and item.page_url in msgs.kakao  # the page whose share card shows


def test_sms_says_title_key_date_and_short_link(real_outputs):
    sms = (item_folders(real_outputs["issue"])[0] / "sms.txt").read_text(encoding="utf-8")
    assert sms == "[교육금천] 소식지 제3호(9/14): 진로 체험과 학습\nhttps://gyoyuk.test/edu/n/3/\n"
    deadline = (item_folders(real_outputs["week"])[1] / "sms.txt").read_text(encoding="utf-8")
    assert "12/3(목) 18시 마감" in deadline and "/p/expert-lectures/" in deadline
    kakao = (item_folders(real_outputs["issue"])[0] / "kakao.txt").read_text(encoding="utf-8")
    assert "https://gyoyuk.test/edu/newsletter/3/" in kakao and "/n/3/" not in kakao


def test_characters_outside_euc_kr_never_reach_a_text_message(project, pinned, tmp_path, capsys):
    issue = (project.root / "content/newsletter/1/index.md").read_text(encoding="utf-8")
    project.write("content/newsletter/1/index.md", issue.replace(
        "title: 고교학점제, 이렇게 준비해요", "title: 🎉 똠양꿍 먹으며 고교학점제 — 이렇게 준비해요"))
    out = tmp_path / "out"
    assert announce(project.root, issue="1", out=out, env={"SITE_URL": BASE}) == 0
    folder = item_folders(out)[0]
    for name in ("sms.txt", "lms.txt"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "🎉" not in text and "똠" not in text and "—" not in text
        assert all(len(c.encode("euc-kr")) <= 2 for c in text)
    sms = (folder / "sms.txt").read_text(encoding="utf-8")
    assert "(3/16): 양꿍 먹으며" in sms and "  " not in sms  # no gap where the emoji was
    lms = (folder / "lms.txt").read_text(encoding="utf-8")
    assert "양꿍 먹으며 고교학점제 - 이렇게 준비해요" in lms  # a dash becomes '-', the rest stays
    assert "🎉" in (folder / "email.html").read_text(encoding="utf-8")  # email and KakaoTalk are UTF-8
    said = capsys.readouterr().out
    assert "'🎉'" in said and "'똠'" in said


def test_byte_counting_and_cutting():
    assert charset.size("가나다abc") == 9
    assert charset.clean("a—b•c😀똠")[0] == "a-b·c"
    assert charset.size(charset.cut("가" * 100, 90)) <= 90 and charset.cut("가" * 100, 90).endswith("…")


# -- short addresses ------------------------------------------------------------------------

def test_short_addresses_are_redirects_kept_in_the_ledger(site_dir):
    page = (site_dir / "n/3/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../../newsletter/3/"' in page
    assert '<link rel="canonical" href="https://gyoyuk.test/edu/newsletter/3/">' in page
    program = (site_dir / "p/admission-academy/index.html").read_text(encoding="utf-8")
    assert "url=../../programs/admission-academy/" in program
    urls = ledger.published_urls(site_dir)
    model = load_site(ROOT, today=dt.date.fromisoformat(TODAY))
    assert {f"n/{i.number}/" for i in model.issues} <= urls
    assert {f"p/{p.id}/" for p in model.programs} <= urls
    assert {"deadlines.xml", "deadlines.ics"} <= urls


def _address_problems(project) -> list[str]:
    from edugc.verify import verify
    from edugc.verify.project import read_project

    return [str(p) for p in verify(project.load(), read_project(project.root)).problems]


def test_a_page_taking_a_short_address_is_an_error_with_file(project):
    project.write("content/p/always-counselling.md", "---\ntitle: 겹치는 주소\n---\n본문\n")
    found = _address_problems(project)
    assert any("content/p/always-counselling.md" in p and "/p/always-counselling/" in p for p in found), found


def test_a_program_alias_on_another_programs_short_address_is_an_error(project):
    programs = (project.root / "data/programs.yml").read_text(encoding="utf-8")
    project.write("data/programs.yml", programs.rstrip("\n") + "\n    aliases: [p/always-counselling/]\n")
    found = _address_problems(project)
    assert any("data/programs.yml" in p and "/p/always-counselling/" in p for p in found), found


def test_example_channels_count_as_example_facts_for_a_live_site():
    from edugc.publish.command import example_facts

    model = load_site(ROOT, today=dt.date.fromisoformat(TODAY))
    found = [line for line in example_facts(ROOT, model.info) if "channels." in line]
    lines = (ROOT / "data/site.yml").read_text(encoding="utf-8").splitlines()
    kakao = next(i for i, text in enumerate(lines, 1) if text.startswith("  kakao:"))
    assert any(line.startswith(f"data/site.yml:{kakao}: channels.kakao") for line in found), found
    assert len(found) == 3  # kakao, sms and email are all still examples


# -- nothing leaks by any channel ------------------------------------------------------------

@pytest.mark.parametrize("channel", ["kakao", "sms", "email.html"])
def test_a_personal_number_in_any_message_stops_the_run_before_anything_is_written_or_sent(
        channel, sending_project, pinned, smtp_server, tmp_path, monkeypatch, capsys):
    """The sources are scanned when they load; a number that reaches a message another way (a template,
    a UI string) is found in the message itself, however it is written, and nothing goes out."""
    import edugc.announce.command as command

    inbox, port = smtp_server
    outside = tmp_path / "recipients.csv"
    outside.write_text(RECIPIENTS, encoding="utf-8")
    out = tmp_path / "out"
    assert announce(sending_project.root, program="always-counselling", out=out, env={"SITE_URL": BASE}) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    number = "０１０ 2345<b>-6789</b>"  # full-width digits, markup between the groups

    if channel == "email.html":
        real_html = command.EmailEdition.html
        monkeypatch.setattr(command.EmailEdition, "html", lambda self, item: real_html(self, item).replace(
            "</h1>", f" {number}</h1>", 1))
    else:
        real_texts = command.texts

        def leaky(item, info):
            made = real_texts(item, info)
            setattr(made, channel, getattr(made, channel)[:20] + f" {number}")
            return made
        monkeypatch.setattr(command, "texts", leaky)
    code = announce(sending_project.root, issue="latest", out=out, send=True, env=_env(port, outside))
    said = capsys.readouterr().out
    assert code == 1
    assert "1-newsletter-1/" in said and "개인 휴대전화 번호로 보이는" in said
    assert "아무 파일도 만들지 않았고 보내지도 않았습니다" in said and "content/newsletter/1/index.md" in said
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # the last run's files stay
    time.sleep(0.2)
    assert inbox.envelopes == []


def test_the_centres_official_number_may_be_in_a_message(project, pinned, tmp_path):
    site_yml = (project.root / "data/site.yml").read_text(encoding="utf-8")
    project.write("data/site.yml", site_yml.replace('phone: {number: "02-0000-0000", example: true}',
                                                    'phone: {number: "010-2627-0000"}')
                  + "official_numbers: ['010-2627-0000']\n")
    out = tmp_path / "out"
    assert announce(project.root, issue="latest", out=out, env={"SITE_URL": BASE}) == 0
    assert "010-2627-0000" in (item_folders(out)[0] / "email.txt").read_text(encoding="utf-8")


# -- sending ---------------------------------------------------------------------------------

CHANNELS = """\
channels:
  email: {address: "news@gyoyuk.test", example: false}
  sms: {number: "02-2627-0000"}
"""


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def sending_project(project):
    project.write("data/site.yml", (project.root / "data/site.yml").read_text(encoding="utf-8") + CHANNELS)
    return project


def _env(port: int, recipients: Path) -> dict[str, str]:
    return {"SITE_URL": BASE, "EDUGC_SMTP_HOST": "127.0.0.1", "EDUGC_SMTP_PORT": str(port),
            "EDUGC_SMTP_SECURITY": "none", "EDUGC_RECIPIENTS": str(recipients)}


RECIPIENTS = """\
이메일,이름,동의일시,동의방법,수신거부일
first@parents.test,김하나,2026-03-02 10:00,이메일 회신
second@parents.test,,2026-04-01,센터 신청서
nobody@parents.test,박셋,,,
gone@parents.test,이넷,2026-03-05,이메일 회신,2026-10-01
FIRST@parents.test,김하나,2026-05-01,전화
"""


def test_send_mails_each_consenting_person_alone_and_skips_the_rest(sending_project, pinned, smtp_server, tmp_path,
                                                                    capsys):
    inbox, port = smtp_server
    private = tmp_path / "private"
    private.mkdir()
    (private / "recipients.csv").write_text(RECIPIENTS, encoding="utf-8-sig")  # as Excel saves 'CSV UTF-8'
    out = tmp_path / "out"
    code = announce(sending_project.root, issue="latest", out=out, send=True,
                    env=_env(port, private / "recipients.csv"))
    said = capsys.readouterr().out
    assert code == 0, said
    _wait_for(lambda: len(inbox.envelopes) >= 2)
    time.sleep(0.2)
    assert len(inbox.envelopes) == 2
    assert sorted(e.rcpt_tos[0] for e in inbox.envelopes) == ["first@parents.test", "second@parents.test"]
    folder = item_folders(out)[0]
    for envelope in inbox.envelopes:
        assert len(envelope.rcpt_tos) == 1  # nobody sees another's address
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert msg["To"].addresses[0].addr_spec == envelope.rcpt_tos[0] and len(msg["To"].addresses) == 1
        assert msg["Cc"] is None and msg["Bcc"] is None
        assert msg.get_content_type() == "multipart/alternative" and msg["Content-Language"] == "ko"
        assert all(part["Content-Transfer-Encoding"] == "base64" for part in msg.iter_parts())
        assert msg["Subject"] == "[교육금천] 소식지 제1호: 고교학점제, 이렇게 준비해요"
        assert msg["List-Unsubscribe"] == "<mailto:news@gyoyuk.test?subject=%EC%88%98%EC%8B%A0%EA%B1%B0%EB%B6%80>"
        text = msg.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")  # SMTP's line ends
        html = msg.get_body(preferencelist=("html",)).get_content().replace("\r\n", "\n")
        assert text.strip() == (folder / "email.txt").read_text(encoding="utf-8").strip()
        assert html.strip() == (folder / "email.html").read_text(encoding="utf-8").strip()
        assert "수신거부" in text and "수신거부" in html
    assert "recipients.csv:4 n***@parents.test: 수신 동의 기록" in said
    assert "recipients.csv:5 g***@parents.test: 2026-10-01에 수신을 거부했습니다" in said
    assert "recipients.csv:6" in said and "같은 주소" in said
    assert "nobody@" not in said and "first@" not in said  # addresses are shown masked
    log = private / "recipients.sent.csv"
    assert log.read_text(encoding="utf-8").count("newsletter-1") == 2
    # Run again (say, after a failure): nobody gets the same issue twice.
    assert announce(sending_project.root, issue="latest", out=out, send=True,
                    env=_env(port, private / "recipients.csv")) == 0
    time.sleep(0.2)
    assert len(inbox.envelopes) == 2
    assert "이미 보낸 2통" in capsys.readouterr().out


def test_a_bad_recipient_list_names_file_and_line_and_sends_nothing(sending_project, pinned, smtp_server, tmp_path,
                                                                    capsys):
    inbox, port = smtp_server
    private = tmp_path / "private"
    private.mkdir()
    (private / "list.csv").write_bytes("이메일,동의일시,동의방법\nok@parents.test,2026-03-02,신청서\n"
                                       "bad-address,2026-03-02,신청서\nthird@parents.test,어제쯤,전화\n"
                                       "later@parents.test,2030-01-01,신청서\n".encode("cp949"))  # Excel's default
    code = announce(sending_project.root, issue="latest", out=tmp_path / "out", send=True,
                    env=_env(port, private / "list.csv"))
    said = capsys.readouterr().out
    assert code == 1
    assert "list.csv:3: 이메일 주소 'bad-address'" in said
    assert "list.csv:4: 동의일시 '어제쯤'" in said
    assert "list.csv:5: 동의일시 2030-01-01" in said
    assert "아무에게도 보내지 않았습니다" in said
    time.sleep(0.2)
    assert inbox.envelopes == []
    (private / "list.csv").write_text("주소,동의\nx@parents.test,2026-01-01\n", encoding="utf-8")
    assert announce(sending_project.root, issue="latest", out=tmp_path / "out", send=True,
                    env=_env(port, private / "list.csv")) == 1
    assert "list.csv:1: 첫 줄(제목 줄)에 이메일, 동의일시, 동의방법 칸이 없습니다" in capsys.readouterr().out


def test_a_list_inside_the_repository_or_example_news_is_never_sent(sending_project, pinned, smtp_server, tmp_path,
                                                                    capsys):
    inbox, port = smtp_server
    inside = sending_project.write("recipients.csv", RECIPIENTS)
    assert announce(sending_project.root, issue="latest", out=tmp_path / "out", send=True, env=_env(port, inside)) == 1
    assert "저장소(프로젝트 폴더) 안에" in capsys.readouterr().out
    outside = tmp_path / "recipients.csv"
    outside.write_text(RECIPIENTS, encoding="utf-8")
    programs = (sending_project.root / "data/programs.yml").read_text(encoding="utf-8")
    sending_project.write("data/programs.yml", programs.rstrip("\n") + "\n    example: true\n")
    assert announce(sending_project.root, program="always-counselling", out=tmp_path / "out", send=True,
                    env=_env(port, outside)) == 1
    assert "예시 정보(example: true)가 있어 보내지 않습니다" in capsys.readouterr().out
    time.sleep(0.2)
    assert inbox.envelopes == []


def test_send_without_a_server_says_which_variables(sending_project, pinned, tmp_path, capsys):
    outside = tmp_path / "recipients.csv"
    outside.write_text(RECIPIENTS, encoding="utf-8")
    assert announce(sending_project.root, issue="latest", out=tmp_path / "out", send=True,
                    env={"SITE_URL": BASE, "EDUGC_RECIPIENTS": str(outside)}) == 1
    said = capsys.readouterr().out
    assert "EDUGC_SMTP_HOST" in said and "아무에게도 보내지 않았습니다" in said
    assert (tmp_path / "out/1-newsletter-1/email.html").exists()  # the files are made all the same


def _wait_for(condition, seconds: float = 5.0) -> None:
    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:
        time.sleep(0.05)


# -- the 구독 안내 and 개인정보처리방침 pages ---------------------------------------------------------

def test_subscribe_page_explains_every_channel_with_the_addresses_from_site_yml(site_dir):
    page = (site_dir / "subscribe/index.html").read_text(encoding="utf-8")
    for words in ("이메일 소식", "문자", "카카오톡 채널", "RSS", "달력 구독"):
        assert words in page, words
    model = load_site(ROOT, today=dt.date.fromisoformat(TODAY))
    channels = model.info.channels
    assert channels.email.address in page and channels.sms.number in page and channels.kakao.name in page
    block = page[page.index('id="channels"'):page.index('id="feed-addresses"')]
    assert block.count('class="gc-example"') == 3  # every address still an example is labelled
    assert channels.kakao.url.unicode_string() not in block  # an invented channel is never linked
    assert 'href="../deadlines.xml"' in page and 'href="../deadlines.ics"' in page and 'href="../events.ics"' in page


def test_privacy_page_covers_the_recipient_list(site_dir):
    page = (site_dir / "privacy/index.html").read_text(encoding="utf-8")
    section = page[page.index("이메일 소식과 문자 받는 분 명단"):]
    for words in ("쓰는 곳", "동의", "그만 받기", "보관 기간", "수신거부"):
        assert words in section, words
