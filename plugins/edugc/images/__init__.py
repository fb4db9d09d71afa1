"""Images: phone photos made light and private, share cards for link previews. No mkdocs import."""
from .process import (RASTER_SUFFIXES, ImageCache, ImageError, Processed, Settings, Stats, open_clean,
                      publish_copy, variant_path)
from .svg import check_svg

__all__ = ["RASTER_SUFFIXES", "ImageCache", "ImageError", "Processed", "Settings", "Stats", "check_svg",
           "open_clean", "publish_copy", "variant_path"]
