"""The site's look from KRDS, the Korea Design System: tokens read from the installed krds-uiux
package, one stylesheet mapped onto Material's CSS variables, and the contrast of every pair it uses."""
from .contrast import AA, ratio
from .stylesheet import COLOURS, PAIRS, SCHEMES, failing_pairs, palette, stylesheet
from .tokens import TokenError, Tokens

__all__ = ["AA", "COLOURS", "PAIRS", "SCHEMES", "TokenError", "Tokens", "failing_pairs", "palette", "ratio",
           "stylesheet"]
