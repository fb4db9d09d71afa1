"""One stylesheet that puts KRDS tokens onto Material's CSS variables, light and dark.

Every colour the theme uses is named here once, as a KRDS semantic role; PAIRS lists every
text/background (and UI border/background) combination the rules in krds-rules.css draw with,
so a test can hold each of them to WCAG AA in both schemes, straight from the tokens.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from .contrast import AA, ratio
from .tokens import Tokens

# Material's 'default' and 'slate' schemes are fed by KRDS's light and high-contrast modes.
SCHEMES = {"light": '[data-md-color-scheme="default"]', "dark": '[data-md-color-scheme="slate"]'}

# CSS variable -> KRDS semantic colour role (same role in both modes; KRDS maps each mode itself).
COLOURS: dict[str, str] = {
    # Material's own variables
    "--md-default-bg-color": "background.white",
    "--md-default-bg-color--light": "surface.gray-subtler",
    "--md-default-bg-color--lighter": "surface.gray-subtle",
    "--md-default-bg-color--lightest": "surface.gray-subtle",
    "--md-default-fg-color": "text.basic",
    "--md-default-fg-color--light": "text.subtle",
    "--md-default-fg-color--lighter": "divider.gray",
    "--md-default-fg-color--lightest": "divider.gray-light",
    "--md-primary-fg-color": "text.primary",
    "--md-primary-fg-color--light": "element.primary",
    "--md-primary-fg-color--dark": "link.pressed",
    "--md-primary-bg-color": "surface.white",
    "--md-primary-bg-color--light": "text.subtle",
    "--md-accent-fg-color": "link.hover",
    "--md-accent-fg-color--transparent": "surface.primary-subtler",
    "--md-accent-bg-color": "surface.white",
    "--md-accent-bg-color--light": "surface.gray-subtler",
    "--md-typeset-color": "text.basic",
    "--md-typeset-a-color": "text.primary",
    "--md-typeset-mark-color": "surface.warning-subtler",
    "--md-typeset-table-color": "divider.gray-light",
    "--md-code-fg-color": "text.basic",
    "--md-code-bg-color": "surface.gray-subtler",
    "--md-admonition-fg-color": "text.basic",
    "--md-admonition-bg-color": "background.white",
    "--md-warning-fg-color": "text.warning",
    "--md-warning-bg-color": "surface.warning-subtler",
    "--md-footer-fg-color": "text.basic",
    "--md-footer-fg-color--light": "text.subtle",
    "--md-footer-fg-color--lighter": "text.subtle",
    "--md-footer-bg-color": "surface.gray-subtler",
    "--md-footer-bg-color--dark": "surface.gray-subtle",
    # Ours, for the KRDS patterns in krds-rules.css
    "--gc-header-bg": "surface.white",
    "--gc-header-fg": "text.bolder",
    "--gc-header-border": "divider.gray-light",
    "--gc-nav-active": "text.primary",
    "--gc-nav-active-bar": "border.primary",
    "--gc-heading": "text.bolder",
    "--gc-link-visited": "link.visited",
    "--gc-footer-link": "text.primary",
    "--gc-button-bg": "button.primary-fill",
    "--gc-button-bg-hover": "button.primary-fill-hover",
    "--gc-button-fg": "text.inverse-static",
    "--gc-control-border": "border.gray-dark",
    "--gc-control-selected-bg": "surface.primary-subtler",
    "--gc-control-selected-fg": "text.primary",
    "--gc-control-selected-border": "border.primary",
    "--gc-focus-ring": "border.primary",
    "--gc-focus-gap": "border.inverse",
    "--gc-skip-bg": "background.inverse",
    "--gc-skip-fg": "text.basic-inverse",
    "--gc-util-bg": "surface.gray-subtler",
    "--gc-util-fg": "text.subtle",
    "--gc-breadcrumb-fg": "text.subtle",
    "--gc-breadcrumb-current": "text.basic",
    # The names content/assets/site.css already draws with, now fed by KRDS in both schemes.
    "--gc-primary": "text.primary",
    "--gc-primary-dark": "link.pressed",
    "--gc-text": "text.basic",
    "--gc-muted": "text.subtle",
    "--gc-border": "border.gray-dark",
    "--gc-surface": "surface.gray-subtler",
    "--gc-example-bg": "surface.warning-subtler",
    "--gc-example-fg": "text.warning",
    "--gc-card-border": "border.gray-light",
    "--gc-status-open-fg": "text.success",
    "--gc-status-open-bg": "surface.success-subtler",
    "--gc-status-closed-fg": "text.subtle",
    "--gc-status-closed-bg": "surface.gray-subtle",
    "--gc-status-always-fg": "text.primary",
    "--gc-status-always-bg": "surface.primary-subtler",
    "--gc-status-soon-fg": "text.warning",
    "--gc-status-soon-bg": "surface.warning-subtler",
    "--gc-danger": "text.danger",
    "--gc-success": "text.success",
    "--gc-information": "text.information",
}


@dataclass(frozen=True)
class Pair:
    fg: str
    bg: str
    kind: str  # "text" (4.5:1), "large" (3:1, >= 24 px or 19 px bold), "ui" (3:1, borders and focus)
    where: str

    def ratio(self, colours: dict[str, str]) -> float:
        return ratio(colours[self.fg], colours[self.bg])

    def passes(self, colours: dict[str, str]) -> bool:
        return self.ratio(colours) >= AA[self.kind]


PAIRS: tuple[Pair, ...] = (
    Pair("--md-typeset-color", "--md-default-bg-color", "text", "본문"),
    Pair("--gc-heading", "--md-default-bg-color", "text", "제목"),
    Pair("--md-default-fg-color--light", "--md-default-bg-color", "text", "보조 글(목차, 날짜)"),
    Pair("--md-typeset-a-color", "--md-default-bg-color", "text", "본문 링크"),
    Pair("--gc-link-visited", "--md-default-bg-color", "text", "방문한 링크"),
    Pair("--md-accent-fg-color", "--md-default-bg-color", "text", "링크에 마우스를 올렸을 때"),
    Pair("--md-primary-fg-color", "--md-default-bg-color", "text", "사이드바의 현재 위치"),
    Pair("--md-typeset-a-color", "--md-accent-fg-color--transparent", "text", "강조 상자 안 링크"),
    Pair("--md-typeset-color", "--md-accent-fg-color--transparent", "text", "강조 상자 안 글"),
    Pair("--md-code-fg-color", "--md-code-bg-color", "text", "코드·표 머리"),
    Pair("--md-typeset-color", "--md-typeset-mark-color", "text", "검색어 강조(mark)"),
    Pair("--md-warning-fg-color", "--md-warning-bg-color", "text", "경고"),
    Pair("--md-typeset-color", "--md-default-bg-color--light", "text", "회색 상자 안 글"),
    Pair("--md-default-fg-color--light", "--md-default-bg-color--light", "text", "회색 상자 안 보조 글"),
    Pair("--gc-header-fg", "--gc-header-bg", "text", "머리글"),
    Pair("--gc-nav-active", "--gc-header-bg", "text", "주 메뉴의 현재 위치"),
    Pair("--gc-nav-active-bar", "--gc-header-bg", "ui", "주 메뉴 현재 위치 밑줄"),
    Pair("--md-footer-fg-color", "--md-footer-bg-color", "text", "바닥글"),
    Pair("--md-footer-fg-color--light", "--md-footer-bg-color", "text", "바닥글 보조 글"),
    Pair("--gc-footer-link", "--md-footer-bg-color", "text", "바닥글 링크"),
    Pair("--md-footer-fg-color", "--md-footer-bg-color--dark", "text", "바닥글 이전/다음"),
    Pair("--gc-button-fg", "--gc-button-bg", "text", "기본 버튼"),
    Pair("--gc-button-fg", "--gc-button-bg-hover", "text", "기본 버튼(마우스)"),
    Pair("--gc-skip-fg", "--gc-skip-bg", "text", "본문 바로가기"),
    Pair("--gc-util-fg", "--gc-util-bg", "text", "글자 크기 막대"),
    Pair("--gc-control-selected-fg", "--gc-control-selected-bg", "text", "글자 크기: 고른 단추"),
    Pair("--gc-control-border", "--gc-util-bg", "ui", "글자 크기 단추 테두리"),
    Pair("--gc-control-border", "--gc-header-bg", "ui", "검색 입력란 테두리"),
    Pair("--gc-control-selected-border", "--gc-control-selected-bg", "ui", "고른 단추 테두리"),
    Pair("--gc-breadcrumb-fg", "--md-default-bg-color", "text", "현재 경로"),
    Pair("--gc-breadcrumb-current", "--md-default-bg-color", "text", "현재 경로의 이 페이지"),
    Pair("--gc-focus-ring", "--md-default-bg-color", "ui", "초점 테두리"),
    Pair("--gc-focus-ring", "--gc-header-bg", "ui", "머리글의 초점 테두리"),
    Pair("--gc-focus-ring", "--md-footer-bg-color", "ui", "바닥글의 초점 테두리"),
    Pair("--gc-focus-ring", "--gc-focus-gap", "ui", "초점 테두리와 안쪽 띠"),
    Pair("--gc-muted", "--gc-surface", "text", "회색 카드의 보조 글"),
    Pair("--gc-primary", "--gc-surface", "text", "회색 카드의 링크"),
    Pair("--gc-border", "--md-default-bg-color", "ui", "입력란·카드 테두리"),
    Pair("--gc-example-fg", "--gc-example-bg", "text", "예시 표시"),
    Pair("--gc-status-open-fg", "--gc-status-open-bg", "text", "상태: 모집 중"),
    Pair("--gc-status-closed-fg", "--gc-status-closed-bg", "text", "상태: 마감"),
    Pair("--gc-status-always-fg", "--gc-status-always-bg", "text", "상태: 상시"),
    Pair("--gc-status-soon-fg", "--gc-status-soon-bg", "text", "상태: 곧 시작"),
    Pair("--md-default-fg-color--light", "--gc-status-closed-bg", "text", "회색 칩 안 보조 글"),
    Pair("--gc-danger", "--md-default-bg-color", "text", "오류·마감"),
    Pair("--gc-success", "--md-default-bg-color", "text", "접수 중"),
    Pair("--gc-information", "--md-default-bg-color", "text", "안내"),
)


def palette(tokens: Tokens, mode: str) -> dict[str, str]:
    """Every theme variable's colour in one mode (alpha-free: KRDS's solid roles only)."""
    return {name: tokens.color(mode, role)[:7] for name, role in COLOURS.items()}


def failing_pairs(tokens: Tokens) -> list[str]:
    failures = []
    for mode in SCHEMES:
        colours = palette(tokens, mode)
        for pair in PAIRS:
            if not pair.passes(colours):
                failures.append(f"{mode}: {pair.where} {pair.fg} on {pair.bg} = {pair.ratio(colours):.2f}:1 "
                                f"< {AA[pair.kind]}:1")
    return failures


def rem(px: float) -> str:
    """Material's rem is 20 px (html at 125%); the text-size control scales it."""
    return f"{px / 20:.4g}rem"


# Element -> KRDS type role; pc values above 1024 px, mobile values below (KRDS's own breakpoint).
TYPE_SCALE = {
    ".md-typeset": "body.medium",
    ".md-typeset h1": "heading.large",
    ".md-typeset h2": "heading.medium",
    ".md-typeset h3": "heading.small",
    ".md-typeset h4": "heading.xsmall",
    ".md-typeset small, .md-typeset .gc-meta": "body.small",
    ".md-tabs__link": "navigation.depth-medium",
    ".md-nav": "navigation.depth-small",
    ".md-footer-meta": "body.small",
    ".md-header__title": "navigation.title-small",
    ".gc-size, .md-path": "label.small",
    ".md-typeset .md-button": "label.medium",
}


def variables(tokens: Tokens) -> str:
    lines = [f"/* KRDS {tokens.version} 토큰에서 빌드할 때 만든 파일입니다. 손으로 고치지 마세요. */"]
    for mode, selector in SCHEMES.items():
        roots = f":root, {selector}" if mode == "light" else selector
        body = "".join(f"  {name}: {colour};\n" for name, colour in palette(tokens, mode).items())
        lines.append(f"{roots} {{\n{body}  color-scheme: {'light' if mode == 'light' else 'dark'};\n}}")
    sizes = {f"--gc-gap-{k}": v for k, v in tokens.group("semantic.gap").items()}
    sizes |= {f"--gc-padding-{k}": v for k, v in tokens.group("semantic.padding").items()}
    sizes |= {f"--gc-radius-{k}": v for k, v in tokens.group("semantic.radius").items()}
    sizes |= {f"--gc-height-{k}": v for k, v in tokens.group("semantic.size-height").items()}
    border = tokens.px("mode-light.border-width.static-medium")
    body = "".join(f"  {name}: {rem(px)};\n" for name, px in sizes.items())
    lines.append(f":root {{\n{body}  --gc-border-medium: {border:g}px;\n}}")
    return "\n".join(lines) + "\n"


def type_scale(tokens: Tokens) -> str:
    out = []
    for device, media in (("pc", "(min-width: 1024px)"), ("mobile", "(max-width: 1023.98px)")):
        rules = "".join(f"  {selector} {{ font-size: {rem(tokens.font_size(device, role))}; }}\n"
                        for selector, role in TYPE_SCALE.items())
        out.append(f"@media screen and {media} {{\n{rules}}}")
    return "\n".join(out) + "\n"


def stylesheet(tokens: Tokens, font_faces: str = "", font_family: str | None = None) -> str:
    """The whole theme stylesheet: variables, type scale, the hand-written KRDS pattern rules, fonts."""
    rules = resources.files(__package__).joinpath("krds-rules.css").read_text(encoding="utf-8")
    family = f'"{font_family}", ' if font_family else ""
    stack = (f'{family}-apple-system, BlinkMacSystemFont, "Apple SD Gothic Neo", "Malgun Gothic", '
             '"Noto Sans KR", "Nanum Gothic", system-ui, sans-serif')
    # On the scheme element too: Material and site.css set the family there, on <body>.
    fonts = f":root, [data-md-color-scheme] {{ --gc-font: {stack}; --md-text-font-family: var(--gc-font); }}\n"
    return "\n".join([variables(tokens), font_faces, fonts, type_scale(tokens), rules])
