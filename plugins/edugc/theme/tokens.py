"""KRDS design tokens, read from the installed krds-uiux package (never retyped by hand).

The package's `tokens/transformed_tokens.json` is a Style Dictionary tree whose leaves are
`{"value": ..., "type": ...}`; a value may reference another leaf as `{primitive.color.light.gray.90}`.
KRDS sizes are rem of a 10 px root (its own CSS sets `html { font-size: 62.5% }`), so they are read
here as pixels and the stylesheet decides how to express them for Material.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..npm import CACHE, KRDS

TOKENS_FILE = CACHE / "krds/tokens/transformed_tokens.json"
REFERENCE = re.compile(r"^\{([^{}]+)\}$")
# KRDS's two colour modes: its "선명한 화면" (high contrast) mode is the dark one.
MODES = {"light": "mode-light", "dark": "mode-high-contrast"}


class TokenError(Exception):
    pass


@dataclass(frozen=True)
class Tokens:
    tree: dict
    version: str

    @classmethod
    def load(cls, path: Path = TOKENS_FILE) -> "Tokens":
        if not path.exists():
            raise TokenError(f"{path}: KRDS 토큰 파일이 없습니다 → python3 plugins/edugc/fonts/install.py 를 실행하세요 "
                             "(python3 scripts/dev.py serve/test가 자동으로 실행합니다)")
        package = path.parent.parent / "package.json"
        version = json.loads(package.read_text())["version"] if package.exists() else KRDS.version
        return cls(json.loads(path.read_text(encoding="utf-8")), version)

    def raw(self, dotted: str) -> str:
        node = self.tree
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise TokenError(f"KRDS {self.version}에 토큰 '{dotted}'가 없습니다")
            node = node[part]
        if not isinstance(node, dict) or "value" not in node:
            raise TokenError(f"KRDS 토큰 '{dotted}'는 값이 아닙니다")
        return str(node["value"])

    def value(self, dotted: str) -> str:
        """A leaf's value with references followed (at most a few hops in KRDS)."""
        seen = set()
        value = self.raw(dotted)
        while (match := REFERENCE.match(value)):
            if match[1] in seen:
                raise TokenError(f"KRDS 토큰 '{dotted}'가 자기 자신을 가리킵니다")
            seen.add(match[1])
            value = self.raw(match[1])
        return value

    def color(self, mode: str, role: str) -> str:
        """Semantic colour, e.g. color("light", "text.basic") -> '#1e2124'."""
        value = self.value(f"{MODES[mode]}.color.{role}").lower()
        if not re.fullmatch(r"#[0-9a-f]{6}([0-9a-f]{2})?", value):
            raise TokenError(f"KRDS 색 토큰 '{role}'의 값 '{value}'를 읽을 수 없습니다")
        return value

    def px(self, dotted: str) -> float:
        """A dimension token in CSS pixels (KRDS rem are of a 10 px root)."""
        value = self.value(dotted)
        if value.endswith("rem"):
            return round(float(value[:-3]) * 10, 3)
        if value.endswith("px"):
            return float(value[:-2])
        raise TokenError(f"KRDS 크기 토큰 '{dotted}'의 값 '{value}'를 읽을 수 없습니다")

    def font_size(self, device: str, role: str) -> float:
        """Type scale in px: font_size("pc", "heading.large")."""
        return self.px(f"responsive-{device}.font-size.{role}")

    def group(self, dotted: str) -> dict[str, float]:
        """Every dimension under a semantic group (gap, padding, radius) in px."""
        node = self.tree
        for part in dotted.split("."):
            node = node[part]
        return {name: self.px(f"{dotted}.{name}") for name in node}
