#!/usr/bin/env python3
"""`python3 plugins/edugc/fonts/install.py`: the old name of edugc/npm.py (design kit, fonts, HTML
checker from the npm registry), kept working for error messages and existing checkouts."""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # plugins/, before any venv exists
    from edugc.npm import ensure

    sys.exit(0 if ensure() else 1)
