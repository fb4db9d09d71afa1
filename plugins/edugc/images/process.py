"""Photos made safe and light for phones: orientation applied, metadata dropped, resized, cached.

Editors drop phone photos (4000x3000, EXIF with GPS) into content/. Nothing of the original is
published: each image becomes a few resized variants (WebP plus a JPEG, or PNG when it has
transparency), re-encoded from pixels only. Work is cached by a hash of the file's bytes and the
settings, so a rebuild with unchanged images does no image work at all.

Rules for awkward files (each a clear ImageError naming the file, never a half-written output):
- corrupt or not an image, or larger than Settings.max_pixels: refused;
- CMYK (ICC-converted when a profile is present), 16-bit, palette, greyscale: converted to RGB(A)/L;
- animated GIF/WebP: the FIRST FRAME is published as a still (phones on data plans, and no motion
  for readers who dislike it);
- HEIC/HEIF from iPhones: converted when pillow-heif is installed, else refused with how to export;
- SVG: never rasterised; refused if it can run script (see svg.py).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from ..cache import Cache

RASTER_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif", ".tif", ".tiff", ".bmp"}
HEIC_SUFFIXES = {".heic", ".heif"}


class ImageError(Exception):
    """An image that cannot be published: what is wrong and how the editor fixes it."""

    def __init__(self, path: str, message: str, fix: str = ""):
        self.path, self.message, self.fix = path, message, fix
        super().__init__(f"{path}: {message}" + (f" → {fix}" if fix else ""))


@dataclass(frozen=True)
class Settings:
    widths: tuple[int, ...] = (480, 960, 1600)
    webp_quality: int = 76
    jpeg_quality: int = 80
    # The largest variant of a photo is re-encoded at lower quality until it fits this budget.
    max_bytes: int = 250_000
    max_pixels: int = 60_000_000   # a 108 MP phone photo passes; a 20000x20000 bomb does not
    version: int = 2               # bump when the processing itself changes

    def fingerprint(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


@dataclass
class Variant:
    width: int
    height: int
    format: str        # webp | jpeg | png
    name: str          # file name inside the cache entry, e.g. '960.webp'
    bytes: int


@dataclass
class Processed:
    key: str
    width: int         # of the largest variant (what <img width height> describe)
    height: int
    fallback: str      # jpeg | png
    variants: list[Variant]
    folder: Path       # cache entry holding the variant files
    source_bytes: int = 0

    def of_format(self, fmt: str) -> list[Variant]:
        return sorted((v for v in self.variants if v.format == fmt), key=lambda v: v.width)


@dataclass
class Stats:
    processed: set[str] = field(default_factory=set)   # shown paths of images encoded this run
    cached: set[str] = field(default_factory=set)      # found complete in the cache

    def __str__(self) -> str:
        return f"그림 {len(self.processed)}개 처리, {len(self.cached)}개는 캐시에서"


def content_key(data: bytes, settings: Settings) -> str:
    h = hashlib.sha256(data)
    h.update(settings.fingerprint().encode())
    return h.hexdigest()[:24]


class ImageCache:
    """`.cache/images/<key>/` holds the variants and a manifest written last (its presence = complete),
    each with its checksum: a damaged variant makes the whole entry again."""

    def __init__(self, folder: Path, settings: Settings | None = None):
        self.folder = Path(folder)
        self.store = Cache(self.folder)
        self.settings = settings or Settings()
        self.stats = Stats()
        self.checked: dict[str, Processed] = {}  # entries verified in this run (a photo on many pages)

    def cached(self, key: str) -> Processed | None:
        """The entry of `key` if it is there and every file of it is whole."""
        if key in self.checked:
            return self.checked[key]
        raw = self.store.read(f"{key}/manifest.json")
        if raw is None:
            return None
        try:
            result = _from_manifest(json.loads(raw), self.folder / key)
        except (ValueError, KeyError, TypeError):
            return None
        if not all(self.store.has(f"{key}/{v.name}") for v in result.variants):
            return None
        self.checked[key] = result
        return result

    def process(self, path: Path, shown: str) -> Processed:
        data = Path(path).read_bytes()
        key = content_key(data, self.settings)
        found = self.cached(key)
        if found is not None:
            if shown not in self.stats.processed:
                self.stats.cached.add(shown)
            return found
        image = open_clean(data, shown, Path(path).suffix.lower(), self.settings)
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = self.folder / key
        staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=self.folder))
        try:
            store = Cache(staging)
            variants = _encode_all(image, store, self.settings)
            largest = max(variants, key=lambda v: v.width)
            fallback = "png" if image.mode in ("RGBA", "LA") else "jpeg"
            record = {"key": key, "width": largest.width, "height": largest.height, "fallback": fallback,
                      "source_bytes": len(data), "variants": [asdict(v) for v in variants]}
            store.write("manifest.json", json.dumps(record).encode("utf-8"))
            if entry.exists():
                shutil.rmtree(entry)
            os.replace(staging, entry)  # the whole entry appears at once, or not at all
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        self.stats.processed.add(shown)
        self.checked[key] = _from_manifest(record, entry)
        return self.checked[key]

    def process_many(self, jobs: list[tuple[Path, str]], workers: int = 2) -> list[ImageError]:
        """Fill the cache for many images on `workers` processes; returns the refused ones."""
        errors: list[ImageError] = []
        todo = []
        for path, shown in jobs:
            key = content_key(Path(path).read_bytes(), self.settings)
            if self.cached(key) is not None:
                self.stats.cached.add(shown)
            else:
                todo.append((str(self.folder), self.settings, str(path), shown))
        if workers > 1 and len(todo) > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
                outcomes = list(pool.map(_process_one, todo))
        else:
            outcomes = [_process_one(job) for job in todo]
        for (_, _, _, shown), error in zip(todo, outcomes):
            if error is None:
                self.stats.processed.add(shown)
            else:
                errors.append(ImageError(*error))
        return errors


def _process_one(job: tuple[str, Settings, str, str]) -> tuple[str, str, str] | None:
    folder, settings, path, shown = job
    try:
        ImageCache(Path(folder), settings).process(Path(path), shown)
    except ImageError as err:
        return (err.path, err.message, err.fix)
    return None


def _from_manifest(record: dict, entry: Path) -> Processed:
    variants = [Variant(**v) for v in record["variants"]]
    return Processed(key=record["key"], width=record["width"], height=record["height"],
                     fallback=record["fallback"], variants=variants, folder=entry,
                     source_bytes=record.get("source_bytes", 0))


def open_clean(data: bytes, shown: str, suffix: str, settings: Settings) -> Image.Image:
    """Decode to pixels only: upright, 8-bit RGB/RGBA/L, sRGB, first frame, no metadata at all."""
    if suffix in HEIC_SUFFIXES:
        _register_heif(shown)
    Image.MAX_IMAGE_PIXELS = settings.max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(data))
            if getattr(image, "n_frames", 1) > 1:
                image.seek(0)  # animated: the first frame, as a still
            _draft(image, settings)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(shown, f"그림이 너무 큽니다 (픽셀 {settings.max_pixels:,}개 초과)",
                         "가로 4000픽셀 정도로 줄여 다시 저장하세요") from None
    except UnidentifiedImageError:
        raise ImageError(shown, "그림 파일로 읽을 수 없습니다 (손상되었거나 그림이 아닌 파일)",
                         "원본 사진을 JPEG나 PNG로 다시 저장해 넣으세요") from None
    except (OSError, SyntaxError, ValueError) as err:
        raise ImageError(shown, f"그림 파일이 손상되었습니다 ({type(err).__name__})",
                         "원본 사진을 JPEG나 PNG로 다시 저장해 넣으세요") from None
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    image = _to_8bit(image)
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        image = _to_srgb(image, icc)
    if image.mode == "CMYK":
        image = image.convert("RGB")
    image.info = {}  # EXIF, XMP, IPTC, ICC, comments: nothing travels further
    return image


def _register_heif(shown: str) -> None:
    try:
        from pillow_heif import register_heif_opener  # optional: converts iPhone photos when present
    except ImportError:
        raise ImageError(shown, "아이폰 HEIC 사진은 그대로 쓸 수 없습니다",
                         "사진 앱에서 JPEG로 내보내기(공유 → 옵션 → '가장 호환성 높음')를 하거나 "
                         "설정 → 카메라 → 포맷에서 '높은 호환성'을 고른 뒤 .jpg 파일로 넣으세요") from None
    register_heif_opener()


def _draft(image: Image.Image, settings: Settings) -> None:
    """Let the JPEG decoder scale down by 1/2..1/8 while still covering the largest variant."""
    if image.format != "JPEG":
        return
    w, h = image.size
    target = max(settings.widths)
    try:
        rotated = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    except Exception:  # noqa: BLE001 - a broken EXIF block only costs the speed-up
        rotated = False
    if rotated:  # the displayed width is the stored height
        request = (max(1, target * w // h) + 1, target + 1)
    else:
        request = (target + 1, max(1, target * h // w) + 1)
    image.draft(None, request)


def _to_8bit(image: Image.Image) -> Image.Image:
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I") if mode != "I" else image
        high = image.getextrema()[1] or 0
        scale = 1 / 257 if high > 255 else 1
        return image.point(lambda v: v * scale).convert("L")
    if mode == "F":
        return image.convert("L")
    if mode in ("1", "L", "RGB", "RGBA", "CMYK"):
        return image.convert("L") if mode == "1" else image
    if mode == "P" or mode == "PA" or mode == "LA" or mode == "RGBa" or mode == "La":
        converted = image.convert("RGBA")
        return converted if _has_alpha(converted) else converted.convert("RGB")
    return image.convert("RGB")  # YCbCr, LAB, HSV...


def _has_alpha(image: Image.Image) -> bool:
    return image.mode == "RGBA" and image.getchannel("A").getextrema()[0] < 255


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        srgb = ImageCms.createProfile("sRGB")
        out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, srgb, outputMode=out_mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image.convert("RGB") if image.mode == "CMYK" else image


def _widths(original: int, wanted: tuple[int, ...]) -> list[int]:
    """Never upscaled: a 800 px image gives 480 and 800; a 1000 px one 480 and 1000 (960 is too close)."""
    return sorted({w for w in wanted if w * 1.1 < original} | {min(max(wanted), original)})


def _encode_all(image: Image.Image, folder: Cache, settings: Settings) -> list[Variant]:
    if image.mode == "L":
        image = image.convert("RGB")
    alpha = image.mode == "RGBA"
    variants: list[Variant] = []
    for width in reversed(_widths(image.width, settings.widths)):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS, reducing_gap=3.0)
        resized.info = {}
        largest = not variants
        variants.append(_save(resized, folder, f"{width}.webp", "WEBP", settings.webp_quality,
                              settings.max_bytes if largest else None, method=4))
        if alpha:
            variants.append(_save(resized, folder, f"{width}.png", "PNG", None, None, optimize=True))
        else:
            variants.append(_save(resized, folder, f"{width}.jpg", "JPEG", settings.jpeg_quality,
                                  settings.max_bytes if largest else None, optimize=True, progressive=True))
        image = resized  # each smaller variant from the previous one: faster, same quality
    return variants


def _save(image: Image.Image, folder: Cache, name: str, fmt: str, quality: int | None, budget: int | None,
          **options) -> Variant:
    quality_now = quality
    while True:
        buffer = io.BytesIO()
        params = dict(options)
        if quality_now is not None:
            params["quality"] = quality_now
        image.save(buffer, fmt, **params)  # no exif=, icc_profile=, xmp=: pixels only
        data = buffer.getvalue()
        if budget is None or quality_now is None or len(data) <= budget or quality_now <= 40:
            break
        quality_now -= 8
    folder.write(name, data)
    return Variant(width=image.width, height=image.height, format={"WEBP": "webp", "JPEG": "jpeg", "PNG": "png"}[fmt],
                   name=name, bytes=len(data))


def publish_copy(source: Path, target: Path) -> None:
    """Copy into the site so that a reader never sees a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)
