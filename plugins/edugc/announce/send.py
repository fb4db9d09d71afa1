"""Sending the email edition: one message per consenting recipient, over the SMTP server staff name.

Consent comes first (개인정보 보호법; 정보통신망법 제50조): the recipient list records, for each
person, when and how they agreed; anyone without that record, or who asked to stop, is skipped and
the staff are told. The list lives outside the repository (never in Git, never in the site). Every
message goes to one person only, so nobody sees another's address, and carries the way to stop
receiving them in its text and in the List-Unsubscribe header. A log beside the list records who
got which message, so running the command again after a failure sends nobody the same news twice.
"""
from __future__ import annotations

import csv
import email.policy
import datetime as dt
import io
import os
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from urllib.parse import urlsplit

from ..model.clock import SEOUL, now
from ..model.problems import Problems

# Column names as staff write them in a spreadsheet (Korean), or in English.
COLUMNS = {
    "email": ("이메일", "전자우편", "email"),
    "name": ("이름", "name"),
    "consented": ("동의일시", "동의일", "동의 일시", "consented_at", "consent_date"),
    "how": ("동의방법", "동의 방법", "consent_method", "consent_how"),
    "withdrawn": ("수신거부일", "수신거부", "철회일", "withdrawn", "unsubscribed_at"),
}
REQUIRED = ("email", "consented", "how")
EMAIL_RE = re.compile(r"^[^@\s,;<>\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
HEADER_EXAMPLE = "이메일,이름,동의일시,동의방법,수신거부일"


@dataclass(frozen=True)
class Recipient:
    line: int
    email: str
    name: str
    consented: dt.datetime | None
    how: str
    withdrawn: dt.date | None

    @property
    def shown(self) -> str:
        """The address as printed in the terminal: enough to recognise, not to copy (h***@naver.com)."""
        local, _, domain = self.email.partition("@")
        return f"{local[:1]}***@{domain}"


@dataclass
class RecipientList:
    path: Path
    sendable: list[Recipient]
    skipped: list[tuple[Recipient, str]]


def _read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp949")  # Excel on Korean Windows saves CSV as CP949 unless told otherwise


def _parse_when(text: str) -> dt.datetime | None:
    text = text.strip().replace("/", "-").replace(".", "-").rstrip("-")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def load_recipients(path: Path, root: Path, problems: Problems, today: dt.date) -> RecipientList:
    """Read the list; every mistake goes to ``problems`` with its line (nothing is sent while any remain)."""
    shown = str(path)
    listing = RecipientList(path, [], [])
    resolved, repo = path.resolve(), root.resolve()
    if resolved == repo or repo in resolved.parents:
        problems.add(shown, None, "수신자 명단이 저장소(프로젝트 폴더) 안에 있습니다: Git에 올라가거나 사이트에 섞일 수 있습니다",
                     "명단을 프로젝트 밖(예: 업무용 드라이브)으로 옮기고 --recipients로 그 경로를 주세요")
        return listing
    if not path.is_file():
        problems.add(shown, None, "수신자 명단 파일이 없습니다",
                     f"--recipients 또는 EDUGC_RECIPIENTS로 CSV 파일 경로를 주세요 (첫 줄: {HEADER_EXAMPLE})")
        return listing
    try:
        text = _read(path)
    except UnicodeDecodeError:
        problems.add(shown, None, "명단 파일을 읽을 수 없습니다 (UTF-8도 CP949도 아닙니다)",
                     "엑셀에서 '다른 이름으로 저장' → 'CSV UTF-8(쉼표로 분리)'로 저장하세요")
        return listing
    reader = csv.reader(io.StringIO(text))
    header: dict[str, int] = {}
    seen: dict[str, int] = {}
    people: list[Recipient] = []
    for row in reader:
        line = reader.line_num
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if not header:
            header = _header(cells, shown, line, problems)
            if not header:
                return listing
            continue
        value = {key: (cells[i] if i < len(cells) else "") for key, i in header.items()}
        email = value.get("email", "").strip()
        if not EMAIL_RE.match(email):
            problems.add(shown, line, f"이메일 주소 '{email}'의 형식이 틀렸습니다", "예: parent@naver.com 처럼 고치세요")
            continue
        consented = _when(value.get("consented", ""), "동의일시", "2026-03-02 또는 2026-03-02 14:30처럼 쓰세요",
                          shown, line, problems)
        withdrawn = _when(value.get("withdrawn", ""), "수신거부일",
                          "2026-03-02처럼 쓰세요 (수신거부하지 않았으면 칸을 비우세요)", shown, line, problems)
        if consented is False or withdrawn is False:
            continue
        if consented and consented.date() > today:
            problems.add(shown, line, f"동의일시 {consented:%Y-%m-%d}가 오늘보다 뒤입니다", "동의를 받은 날을 쓰세요")
            continue
        withdrawn = withdrawn.date() if withdrawn else None
        people.append(Recipient(line, email, value.get("name", ""), consented, value.get("how", ""), withdrawn))
    # A withdrawal on any line of an address stops that address, whatever its other lines say.
    stopped = {p.email.lower(): p.withdrawn for p in people if p.withdrawn}
    for person in people:
        key = person.email.lower()
        if key in seen:
            listing.skipped.append((person, f"{seen[key]}번째 줄과 같은 주소입니다 (한 사람에게 한 번만 보냅니다)"))
        elif key in stopped:
            listing.skipped.append((person, f"{stopped[key]:%Y-%m-%d}에 수신을 거부했습니다"))
        elif person.consented is None or not person.how:
            listing.skipped.append((person, "수신 동의 기록(동의일시와 동의방법)이 없습니다: 동의를 받기 전에는 보내지 않습니다"))
        else:
            listing.sendable.append(person)
            seen[key] = person.line
    if not header:
        problems.add(shown, 1, "명단이 비어 있습니다", f"첫 줄에 {HEADER_EXAMPLE}를 쓰고 한 줄에 한 사람씩 쓰세요")
    return listing


def _when(cell: str, label: str, fix: str, shown: str, line: int, problems: Problems) -> dt.datetime | None | bool:
    """The date in a cell; None when empty; False (and a problem) when it cannot be read."""
    if not cell.strip():
        return None
    when = _parse_when(cell)
    if when is None:
        problems.add(shown, line, f"{label} '{cell}'를 날짜로 읽을 수 없습니다", fix)
        return False
    return when


def _header(cells: list[str], shown: str, line: int, problems: Problems) -> dict[str, int]:
    header: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = cell.replace(" ", "").lower()
        for key, names in COLUMNS.items():
            if name in {n.replace(" ", "").lower() for n in names}:
                header[key] = index
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in header]
    if missing:
        problems.add(shown, line, f"첫 줄(제목 줄)에 {', '.join(missing)} 칸이 없습니다",
                     f"첫 줄을 {HEADER_EXAMPLE}처럼 쓰세요 (순서는 상관없습니다)")
        return {}
    return header


# -- the SMTP server ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    security: str          # starttls | ssl | none
    user: str | None
    password: str | None
    sender: str


ENV_HELP = ("EDUGC_SMTP_HOST(필수), EDUGC_SMTP_PORT(기본 587), EDUGC_SMTP_SECURITY(starttls·ssl·none), "
            "EDUGC_SMTP_USER, EDUGC_SMTP_PASSWORD, EDUGC_MAIL_FROM(보내는 주소)")


def smtp_from_env(env: dict[str, str], default_sender: str | None) -> tuple[Smtp | None, list[str]]:
    errors = []
    host = env.get("EDUGC_SMTP_HOST", "").strip()
    if not host:
        errors.append(f"메일 서버가 정해지지 않았습니다 → 환경변수로 알려 주세요: {ENV_HELP}")
    port_text = env.get("EDUGC_SMTP_PORT", "587").strip()
    port = int(port_text) if port_text.isdigit() else 0
    if not 0 < port < 65536:
        errors.append(f"EDUGC_SMTP_PORT '{port_text}'는 포트 번호가 아닙니다 → 587(STARTTLS)이나 465(SSL)처럼 쓰세요")
    security = env.get("EDUGC_SMTP_SECURITY", "ssl" if port == 465 else "starttls").strip().lower()
    if security not in ("starttls", "ssl", "none"):
        errors.append(f"EDUGC_SMTP_SECURITY '{security}'를 알 수 없습니다 → starttls, ssl, none 중 하나를 쓰세요")
    user, password = env.get("EDUGC_SMTP_USER") or None, env.get("EDUGC_SMTP_PASSWORD") or None
    if bool(user) != bool(password):
        errors.append("EDUGC_SMTP_USER와 EDUGC_SMTP_PASSWORD는 함께 쓰거나 둘 다 비워야 합니다")
    sender = (env.get("EDUGC_MAIL_FROM") or default_sender or "").strip()
    if not EMAIL_RE.match(sender):
        errors.append("보내는 주소가 없습니다 → EDUGC_MAIL_FROM을 쓰거나 data/site.yml의 channels.email을 쓰세요")
    if errors:
        return None, errors
    return Smtp(host, port, security, user, password, sender), []


def connect(settings: Smtp) -> smtplib.SMTP:
    if settings.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=60,
                                               context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=60)
        if settings.security == "starttls":
            client.starttls(context=ssl.create_default_context())
    if settings.user:
        client.login(settings.user, settings.password or "")
    return client


# -- messages and the send log -----------------------------------------------------------------

def message(*, subject: str, text: str, html: str, sender: str, sender_name: str, to: Recipient,
            reply_to: str | None, unsubscribe_mailto: str | None, site_url: str) -> EmailMessage:
    # Headers unfolded up to SMTP's 998 characters: a folded List-Unsubscribe trips some mail apps.
    msg = EmailMessage(policy=email.policy.SMTP.clone(max_line_length=998))
    msg["Subject"] = subject
    msg["From"] = formataddr((sender_name, sender))
    msg["To"] = formataddr((to.name, to.email)) if to.name else to.email  # one person: nobody sees another
    if reply_to:
        msg["Reply-To"] = reply_to
    msg["Date"] = format_datetime(now())
    host = urlsplit(site_url).hostname or "localhost"
    msg["Message-ID"] = make_msgid(domain=host)
    msg["List-Id"] = f"{sender_name} <announce.{host}>"
    if unsubscribe_mailto:
        msg["List-Unsubscribe"] = f"<{unsubscribe_mailto}>"
    # base64: safe through any relay, 8BITMIME or not (Korean in quoted-printable triples in size).
    msg.set_content(text, charset="utf-8", cte="base64")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="base64")
    msg["Content-Language"] = "ko"  # after set_content, which clears every Content-* header
    return msg


class SendLog:
    """Who got which news, kept beside the recipient list (never in the repository)."""

    def __init__(self, recipients: Path):
        self.path = recipients.with_name(recipients.stem + ".sent.csv")
        self.sent: dict[tuple[str, str], str] = {}
        if self.path.exists():
            for row in csv.reader(io.StringIO(self.path.read_text(encoding="utf-8"))):
                if len(row) >= 3 and row[0] != "item":
                    self.sent[(row[0], row[1].lower())] = row[2]

    def when(self, key: str, email: str) -> str | None:
        return self.sent.get((key, email.lower()))

    def record(self, key: str, email: str) -> None:
        new = not self.path.exists()
        stamp = now().astimezone(SEOUL).strftime("%Y-%m-%d %H:%M")
        with self.path.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            if new:
                writer.writerow(["item", "email", "sent_at"])
            writer.writerow([key, email, stamp])
            handle.flush()
            os.fsync(handle.fileno())
        self.sent[(key, email.lower())] = stamp
