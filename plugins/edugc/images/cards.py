"""Share cards (1200x630 PNG) for KakaoTalk and other link previews, drawn with Pillow.

The Korean title is wrapped by measuring it with the font itself, and the font is made smaller
until every line fits: a title is never clipped. Cards are cached by their text, the font file and
CARD_VERSION; a first build renders the missing ones on two processes and logs its progress.
"""
from __future__ import annotations

import hashlib
import io
import logging
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from PIL import Image, ImageDraw, ImageFont

from ..cache import Cache, code_of

WIDTH, HEIGHT = 1200, 630
CARD_VERSION = 1
MARGIN = 80
BG = (14, 74, 110)          # the site's deep blue
ACCENT = (255, 196, 0)
INK = (255, 255, 255)
MUTED = (199, 221, 235)
TITLE_SIZES = (68, 62, 56, 50, 44, 40, 36, 32, 28, 24, 20)
TITLE_TOP, TITLE_BOTTOM = 190, 520

CODE = code_of(__file__)  # a change to how cards are drawn draws them all again
log = logging.getLogger("edugc.images.cards")


@lru_cache(maxsize=64)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """Loading a TrueType font costs more than drawing a card: each worker keeps its fonts."""
    return ImageFont.truetype(path, size)


@dataclass(frozen=True)
class Card:
    name: str          # published file name, e.g. 'newsletter-1-credit-basics.png'
    title: str
    section: str
    site: str
    footer: str = ""

    def key(self, font: Path, bold: Path) -> str:
        h = hashlib.sha256(f"{CARD_VERSION}\0{self.title}\0{self.section}\0{self.site}\0{self.footer}\0{font}\0{bold}".encode())
        for path in (font, bold):
            h.update(str(path.stat().st_size).encode())
        return h.hexdigest()[:24]


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Break at spaces; a word longer than the line (long Korean compounds) breaks between syllables."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        while font.getlength(word) > width:
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def fit_title(title: str, bold: Path, width: int = WIDTH - 2 * MARGIN,
              height: int = TITLE_BOTTOM - TITLE_TOP) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The largest size at which the wrapped title fits the box; (font, lines, line height)."""
    for size in TITLE_SIZES:
        font = _font(str(bold), size)
        lines = wrap(title, font, width)
        line_height = round(size * 1.3)
        if len(lines) * line_height <= height:
            return font, lines, line_height
    return font, lines, line_height  # 20 px and still too long: a title of hundreds of characters


def draw(card: Card, font: Path, bold: Path) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), BG)
    d = ImageDraw.Draw(image)
    d.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)
    label = _font(str(bold), 34)
    small = _font(str(font), 30)
    d.text((MARGIN, 70), card.site, font=label, fill=INK)
    if card.section:
        section = card.section
        while small.getlength(section) > WIDTH - 2 * MARGIN and len(section) > 1:
            section = section[:-2] + "…"
        d.text((MARGIN, 124), section, font=small, fill=ACCENT)
    title_font, lines, line_height = fit_title(card.title, bold)
    y = TITLE_TOP + ((TITLE_BOTTOM - TITLE_TOP) - len(lines) * line_height) // 2
    for line in lines:
        d.text((MARGIN, y), line, font=title_font, fill=INK)
        y += line_height
    if card.footer:
        d.text((MARGIN, HEIGHT - 70), card.footer, font=small, fill=MUTED)
    return image


def _render_to(args: tuple[Card, str, str, str, str]) -> str:
    card, font, bold, folder, name = args
    out = io.BytesIO()
    draw(card, Path(font), Path(bold)).save(out, "PNG", compress_level=6)
    Cache(Path(folder)).write(name, out.getvalue())
    return name


@dataclass
class CardStats:
    rendered: int = 0
    cached: int = 0
    seconds: float = 0.0


class CardCache:
    """`.cache/cards/<key>.png`; `render_all` fills what is missing and returns name -> cached file."""

    def __init__(self, folder: Path, font: Path, bold: Path, workers: int = 2, progress_every: int = 50):
        self.folder = Path(folder)
        self.store = Cache(self.folder, CODE)
        self.font, self.bold = Path(font), Path(bold)
        self.workers = workers
        self.progress_every = progress_every
        self.stats = CardStats()

    def render_all(self, cards: Iterable[Card], say: Callable[[str], None] = log.info) -> dict[str, Path]:
        import time

        started = time.perf_counter()
        self.folder.mkdir(parents=True, exist_ok=True)
        result: dict[str, Path] = {}
        todo: list[tuple[Card, str, str, str, str]] = []
        for card in cards:
            name = f"{self.store.key(card.key(self.font, self.bold))}.png"
            result[card.name] = self.store.path(name)
            if self.store.has(name):  # whole: a damaged card is drawn again, never published
                self.stats.cached += 1
            else:
                todo.append((card, str(self.font), str(self.bold), str(self.folder), name))
        self.store.prune(older_than_days=30)
        if not todo:
            return result
        say(f"공유 카드 {len(todo)}장을 그립니다 (캐시에 {self.stats.cached}장)")
        # Start-up of a worker costs ~0.1 s: only worth it for more than a handful of cards.
        if self.workers > 1 and len(todo) > 12:
            with ProcessPoolExecutor(max_workers=self.workers) as pool:
                for done, _ in enumerate(pool.map(_render_to, todo, chunksize=8), start=1):
                    self._progress(done, len(todo), say)
        else:
            for done, job in enumerate(todo, start=1):
                _render_to(job)
                self._progress(done, len(todo), say)
        self.stats.rendered += len(todo)
        self.stats.seconds = time.perf_counter() - started
        return result

    def _progress(self, done: int, total: int, say: Callable[[str], None]) -> None:
        if done % self.progress_every == 0 or done == total:
            say(f"공유 카드 {done}/{total}장")
