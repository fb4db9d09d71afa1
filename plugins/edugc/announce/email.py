"""The email edition: one HTML document that mail apps render, and its plain-text twin.

Mail apps (Gmail, Naver Mail, Daum/Kakao Mail, Outlook, phones' mail apps) drop scripts, ignore
linked stylesheets and web fonts, and several strip <style>: so the layout is tables at most 600 px
wide, and css-inline (a maintained inliner) writes every rule of the template's stylesheet into the
elements' style attributes and removes the stylesheet. Pictures and links are absolute addresses on
the published site, with no tracking of any kind. The templates (announce/templates/) are rendered by
the site's one environment (edugc.pages.render), with its filters and UI strings.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import css_inline

from ..model.schema import SiteInfo
from ..pages.render import render
from ..urls import page_url
from .items import Announcement
from .markup import absolute
# Nothing is fetched while inlining: the template has no <link>, and a remote stylesheet never loads.
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False, keep_link_tags=False)
UNSUBSCRIBE_SUBJECT = "수신거부"


@dataclass(frozen=True)
class Unsubscribe:
    """How a reader stops the emails: a line in every message and the List-Unsubscribe header."""

    text: str
    mailto_address: str | None

    @property
    def mailto(self) -> str | None:
        if not self.mailto_address:
            return None
        return f"mailto:{self.mailto_address}?subject={quote(UNSUBSCRIBE_SUBJECT)}"


def unsubscribe_of(info: SiteInfo) -> Unsubscribe:
    email = info.channels.email or info.email
    if email is None:
        return Unsubscribe(f"이 메일을 그만 받으려면 {info.centre}({info.phone.number})로 알려 주세요.", None)
    return Unsubscribe(f"이 메일은 {info.name} 이메일 소식을 받겠다고 동의하신 분께 보냅니다. 그만 받으려면 "
                       f"{email.address}로 '{UNSUBSCRIBE_SUBJECT}'라고 답장하시거나 {info.centre}"
                       f"({info.phone.number})로 알려 주세요.", email.address)


class EmailEdition:
    def __init__(self, info: SiteInfo, site_url: str, privacy_path: str = page_url("privacy.md", None)):
        self.info = info
        self.site_url = site_url
        self.unsubscribe = unsubscribe_of(info)
        self.values = dict(info=info, unsubscribe=self.unsubscribe, home=absolute(site_url, ""),
                           privacy=absolute(site_url, privacy_path))

    def html(self, item: Announcement) -> str:
        page = render("email.html", item=item, **self.values)
        return _INLINER.inline(page)

    def text(self, item: Announcement) -> str:
        return render("email.txt", item=item, **self.values).strip() + "\n"
