"""Sample photos like an editor's phone makes (big, EXIF with GPS): for tests and the image benchmark."""
from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

def phone_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Apple"                  # Make
    exif[0x0110] = "iPhone 15"              # Model
    exif[0x013B] = "홍길동 학부모"            # Artist: an owner name that must not travel
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (37.0, 27.0, 22.0)
    gps[3], gps[4] = "E", (126.0, 53.0, 41.0)
    exif.get_ifd(0x8769)[0xA431] = "SERIAL-C39X1234"   # BodySerialNumber
    return exif


def photo(width: int = 4000, height: int = 3000, seed: int = 0) -> Image.Image:
    """A photo-like picture: sky and ground gradients, soft shapes, sensor noise (so JPEG works hard)."""
    rng = random.Random(seed)
    small = Image.new("RGB", (width // 8, height // 8))
    d = ImageDraw.Draw(small)
    top = (rng.randint(60, 140), rng.randint(120, 190), rng.randint(180, 250))
    bottom = (rng.randint(60, 120), rng.randint(90, 150), rng.randint(40, 90))
    h = small.height
    for y in range(h):
        t = y / h
        d.line([(0, y), (small.width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(14):
        x, y, r = rng.randrange(small.width), rng.randrange(h), rng.randint(10, h // 3)
        d.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    image = small.filter(ImageFilter.GaussianBlur(6)).resize((width, height), Image.BICUBIC)
    noise = Image.effect_noise((width, height), 18).convert("RGB")
    return Image.blend(image, noise, 0.08)


def poster(title: str, subtitle: str, font: Path, size=(3000, 2000), colours=((16, 82, 124), (240, 170, 60))) -> Image.Image:
    """A tasteful event poster photo: a diagonal gradient with the event's Korean title."""
    w, h = size
    small = Image.new("RGB", (w // 10, h // 10))
    px = small.load()
    (r1, g1, b1), (r2, g2, b2) = colours
    for y in range(small.height):
        for x in range(small.width):
            t = (x / small.width + y / small.height) / 2
            px[x, y] = (int(r1 + (r2 - r1) * t), int(g1 + (g2 - g1) * t), int(b1 + (b2 - b1) * t))
    image = small.resize(size, Image.BICUBIC)
    d = ImageDraw.Draw(image)
    big = ImageFont.truetype(str(font), 190)
    mid = ImageFont.truetype(str(font), 96)
    d.rounded_rectangle((180, 520, w - 180, h - 520), radius=60, fill=(255, 255, 255))
    d.text((w // 2, h // 2 - 110), title, font=big, fill=(16, 50, 80), anchor="mm")
    d.text((w // 2, h // 2 + 150), subtitle, font=mid, fill=(90, 90, 90), anchor="mm")
    return Image.blend(image, Image.effect_noise(size, 20).convert("RGB"), 0.05)
