"""`edugc announce`: the email edition, 문자 and a KakaoTalk message for an issue, a program or this week.

Made from the sources (no build): the model is loaded and checked as `edugc check` does, the site's
address comes from SITE_URL as for publish. The files go into numbered folders under --out
(announce/ by default: beside site/, ignored by Git, never published); the whole folder is replaced
at once, so it never mixes this run's items with an earlier run's.
"""
from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import smtplib
import sys
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

from ..model import ContentError, SiteModel, load_site
from ..model import clock
from ..model.personal import digits_of
from ..model.privacy import scan_text
from ..model.problems import Problems
from ..pages.text import korean_date
from ..programs.deadlines import REMIND_DAYS, due_between
from ..publish import ledger
from ..publish.command import DEFAULT_HOSTS
from ..publish.swap import swap_in
from . import send as sending
from .email import EmailEdition
from .items import Announcement, Maker
from .messages import texts
from .charset import size

FILES = ("email.html", "email.txt", "sms.txt", "lms.txt", "kakao.txt")
MARKER = ".edugc-announce"   # a folder this command made, so replacing it loses nothing of anyone's


def say(text: str = "") -> None:
    print(f"[announce] {text}" if text else "", flush=True)


def announce(root: Path, *, issue: str | None = None, program: str | None = None, week: bool = False,
             out: Path | None = None, site_url: str | None = None, send: bool = False,
             recipients: Path | None = None, env: Mapping[str, str] | None = None, content_dir: str = "content",
             data_dir: str = "data") -> int:
    env = os.environ if env is None else env
    root = Path(root).resolve()
    site_url = (site_url or env.get("SITE_URL", "")).strip()
    host = urlsplit(site_url).hostname or ""
    if host in DEFAULT_HOSTS or not site_url.startswith(("https://", "http://")):
        say("SITE_URL이 실제 주소가 아닙니다. 메일과 문자의 모든 링크가 이 주소로 가므로 만들지 않습니다. "
            "예: SITE_URL=https://edu.geumcheon.go.kr/ edugc announce --issue")
        return 2
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    out = (Path(out) if out else root / "announce").resolve()
    for folder in (content_dir, "site", data_dir, "overrides", "plugins"):
        if out == root / folder or (root / folder) in out.parents:
            say(f"--out {out}는 {folder}/ 안입니다: 공개되거나 저장소에 섞입니다 → 기본값(announce/)이나 프로젝트 밖 폴더를 쓰세요")
            return 2
    try:
        site = load_site(root, today=clock.today(), content_dir=content_dir, data_dir=data_dir)
    except ContentError as err:
        for problem in err.problems:
            print(problem)
        say(f"내용 오류 {len(err.problems)}건: 고친 뒤 다시 실행하세요 (edugc check와 같은 검사입니다).")
        return 1
    now = clock.now()
    maker = Maker(site, site_url, content_dir=content_dir, now=now)
    chosen = _choose(site, maker, issue, program, week or (issue is None and program is None), now)
    if chosen is None:
        return 1
    if not chosen:
        last = site.today + dt.timedelta(days=REMIND_DAYS - 1)
        say(f"{korean_date(site.today)}부터 {korean_date(last)}까지 마감되는 신청이 없습니다. 만들 글이 없습니다.")
        return 0
    edition = EmailEdition(site.info, site_url)
    made = [(item, edition.html(item), edition.text(item), texts(item, site.info)) for item in chosen]
    leaks, sources = _personal_numbers(made, site.info.official_numbers)
    if leaks:
        for problem in leaks:
            print(problem)
        say(f"개인정보로 보이는 숫자 {len(leaks)}건이 있어 아무 파일도 만들지 않았고 보내지도 않았습니다 "
            f"→ 원본({', '.join(sources)})이나 고친 서식에서 지우세요")
        return 1
    folders = _write(out, made)
    if folders is None:
        return 2
    _report(root, out, made, folders, maker)
    if not send:
        return 0
    return _send(root, site, site_url, made, folders, recipients or _env_path(env), env)


def _env_path(env: Mapping[str, str]) -> Path | None:
    value = env.get("EDUGC_RECIPIENTS", "").strip()
    return Path(value).expanduser() if value else None


def _choose(site: SiteModel, maker: Maker, issue: str | None, program: str | None, week: bool,
            now: dt.datetime) -> list[Announcement] | None:
    if issue is not None:
        if not site.issues:
            say("공개된 소식지가 없습니다.")
            return None
        if issue == "latest":
            return [maker.issue(site.issues[0])]
        if not issue.isdigit():
            say(f"--issue 뒤에는 호 번호를 쓰세요 (예: --issue 3). 받은 값: {issue}")
            return None
        found = [i for i in site.issues if i.number == int(issue)]
        if not found:
            hidden = [src for src in site.hidden if src == f"newsletter/{issue}/index.md"]
            numbers = ", ".join(str(i.number) for i in site.issues)
            if hidden:
                say(f"제{issue}호는 아직 초안이거나 예약 글이라 공개되지 않았습니다 → 공개된 뒤에 알리세요 "
                    f"(content/{hidden[0]}의 draft·date 확인)")
            else:
                say(f"제{issue}호가 없습니다. 공개된 호: {numbers}")
            return None
        return [maker.issue(found[0])]
    if program is not None:
        chosen = site.program_by_id.get(program)
        if chosen is None:
            guess = difflib.get_close_matches(program, list(site.program_by_id), n=1)
            hint = f"'{guess[0]}'을(를) 쓰려던 것인가요?" if guess else "data/programs.yml의 id를 쓰세요"
            say(f"프로그램 id '{program}'을(를) 찾을 수 없습니다 → {hint}")
            return None
        return [maker.program(chosen)]
    return [maker.deadline(d) for d in due_between(site, now)]


def _contents(html: str, text: str, msgs) -> dict[str, str]:
    return {"email.html": html, "email.txt": text, "sms.txt": msgs.sms + "\n", "lms.txt": msgs.lms + "\n",
            "kakao.txt": msgs.kakao + "\n"}


def _personal_numbers(made, official_numbers: list[str]) -> tuple[list, list[str]]:
    """The model's scan of every message as written: the sources were scanned when they loaded, but a
    number could still come from elsewhere (a template, a UI string, fields run together), and a
    message goes out by every channel at once. Official numbers (data/site.yml) are allowed."""
    allowed = {digits_of(n) for n in official_numbers}
    problems = Problems()
    sources: list[str] = []
    for number, (item, html, text, msgs) in enumerate(made, start=1):
        before = len(problems)
        for name, body in _contents(html, text, msgs).items():
            scan_text(body, f"{number}-{item.slug}/{name}", allowed, problems)
        if len(problems) > before:
            sources += item.sources
    return problems.sorted(), list(dict.fromkeys(sources))


def _write(out: Path, made) -> list[str] | None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        say(f"{out}에 이 명령이 만들지 않은 파일이 있어 덮어쓰지 않았습니다 → 빈 폴더나 새 폴더를 --out으로 주세요")
        return None
    staging = out.with_name(f".{out.name}.writing-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / MARKER).write_text("edugc announce가 만든 폴더입니다. 다음 실행 때 통째로 바뀝니다.\n", encoding="utf-8")
    folders = []
    for number, (item, html, text, msgs) in enumerate(made, start=1):
        name = f"{number}-{item.slug}"
        folder = staging / name
        folder.mkdir()
        contents = _contents(html, text, msgs)
        for file_name in FILES:
            (folder / file_name).write_text(contents[file_name], encoding="utf-8", newline="\n")
        folders.append(name)
    swap_in(staging, out)
    return folders


def _report(root: Path, out: Path, made, folders: list[str], maker: Maker) -> None:
    published = ledger.read(root / "data" / "published-urls.txt")
    shown_out = out.relative_to(root) if root in out.parents else out
    for (item, _html, _text, msgs), folder in zip(made, folders):
        say(f"{shown_out}/{folder}/  {item.subject}")
        say(f"    문자 {size(msgs.sms)}/90바이트 · 장문 {size(msgs.lms)}/2000바이트 · 카카오톡 {len(msgs.kakao)}자 "
            f"· 짧은 주소 {item.short}")
        if item.example:
            say("    알림: 예시 정보(example: true)가 들어 있습니다. 담당 부서가 확인하기 전에는 보내지 마세요 "
                f"({', '.join(item.sources)})")
        if msgs.dropped:
            chars = " ".join(f"'{c}'" for c in msgs.dropped)
            say(f"    알림: 문자에는 EUC-KR에 없는 글자 {chars}를 뺐습니다 → sms.txt·lms.txt를 확인하고, 필요하면 "
                f"원문({', '.join(item.sources[:1])})의 글자를 바꾸세요")
        if msgs.sms_without_link:
            say("    알림: 주소가 길어 문자(SMS)에 링크를 넣지 못했습니다 → lms.txt(장문)를 보내세요")
        for path in (item.page_path, item.short_path):
            if published and path not in published:
                say(f"    알림: /{path} 주소는 아직 공개되지 않았습니다 (data/published-urls.txt에 없음) → "
                    "사이트를 공개(publish)한 뒤에 보내세요")
    for problem in dict.fromkeys(maker.image_problems):
        say(f"알림: 그림을 메일에 넣지 못했습니다: {problem}")
    say(f"{len(made)}건을 만들었습니다: {shown_out}/ (email.html, email.txt, sms.txt, lms.txt, kakao.txt)")


def _send(root: Path, site: SiteModel, site_url: str, made, folders: list[str], recipients: Path | None,
          env: Mapping[str, str]) -> int:
    info = site.info
    mailbox = info.channels.email or info.email
    errors: list[str] = []
    for item, *_ in made:
        if item.example:
            errors.append(f"'{item.title}'에 예시 정보(example: true)가 있어 보내지 않습니다 → 담당 부서가 확인한 뒤 "
                          f"{', '.join(item.sources)}의 example 줄을 지우세요")
    if mailbox is None or mailbox.example:
        errors.append("수신거부를 받을 주소(data/site.yml의 channels.email)가 없거나 예시입니다 → 실제 주소를 쓰고 "
                      "example: true를 지우세요 (받는 분이 언제든 그만 받을 수 있어야 합니다)")
    settings, smtp_errors = sending.smtp_from_env(dict(env), mailbox.address if mailbox else None)
    errors += smtp_errors
    problems = Problems()
    listing = None
    if recipients is None:
        errors.append("수신자 명단이 없습니다 → --recipients 경로 또는 EDUGC_RECIPIENTS 환경변수로 프로젝트 밖의 "
                      f"CSV 파일을 주세요 (첫 줄: {sending.HEADER_EXAMPLE})")
    else:
        listing = sending.load_recipients(Path(recipients).expanduser(), root, problems, site.today)
    if errors or problems:
        for error in errors:
            say(f"보낼 수 없습니다: {error}")
        for problem in problems.items:
            say(f"명단 오류 {problem}")
        say("아무에게도 보내지 않았습니다. 위를 고친 뒤 다시 실행하세요 (만든 파일은 그대로 있습니다).")
        return 1
    assert listing is not None and settings is not None
    for person, reason in listing.skipped:
        say(f"건너뜀 {listing.path.name}:{person.line} {person.shown}: {reason}")
    log = sending.SendLog(listing.path)
    unsubscribe = EmailEdition(info, site_url).unsubscribe.mailto
    sent = failed = again = 0
    client = None
    try:
        for (item, html, text, _msgs) in made:
            for person in listing.sendable:
                when = log.when(item.send_key, person.email)
                if when:
                    again += 1
                    continue
                msg = sending.message(subject=item.subject, text=text, html=html, sender=settings.sender,
                                      sender_name=info.name, to=person, reply_to=mailbox.address if mailbox else None,
                                      unsubscribe_mailto=unsubscribe,
                                      site_url=site_url)
                for attempt in (1, 2):
                    try:
                        client = client or sending.connect(settings)
                        client.send_message(msg, from_addr=settings.sender, to_addrs=[person.email])
                        log.record(item.send_key, person.email)
                        sent += 1
                        break
                    except smtplib.SMTPServerDisconnected:
                        client = None  # the server closed the connection: open a new one once
                        if attempt == 2:
                            raise
                    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as err:
                        failed += 1
                        say(f"실패 {listing.path.name}:{person.line} {person.shown}: 메일 서버가 받지 않았습니다 ({_reason(err)})")
                        break
    except (OSError, smtplib.SMTPException) as err:
        say(f"메일 서버({settings.host}:{settings.port})에 보내지 못했습니다: {err} → 서버 주소·포트·보안 방식"
            f"(EDUGC_SMTP_SECURITY)·계정을 확인하세요. 보낸 {sent}통은 {log.path}에 기록했으니 다시 실행하면 "
            "나머지 분께만 보냅니다.")
        return 1
    finally:
        if client is not None:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                pass
    say(f"보냄 {sent}통 · 건너뜀 {len(listing.skipped)}명 · 이미 보낸 {again}통 · 실패 {failed}통 "
        f"(기록: {log.path})")
    return 1 if failed else 0


def _reason(err: smtplib.SMTPException) -> str:
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
                         for code, msg in err.recipients.values())
    code = getattr(err, "smtp_code", "")
    text = getattr(err, "smtp_error", b"")
    return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}".strip()


if __name__ == "__main__":  # pragma: no cover - `edugc announce` is the entry point
    sys.exit(announce(Path.cwd()))
