"""Reaching families where they are: the email edition, 문자 (SMS, LMS) and KakaoTalk messages for
an issue, a program or this week's deadlines, and sending the email to those who agreed to it.
Plain Python made from the validated model: no mkdocs import, no build needed."""
from .command import announce
from .items import Announcement, Maker

__all__ = ["Announcement", "Maker", "announce"]
