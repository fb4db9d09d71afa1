"""A pasted snippet never carries script into pages, feeds or print: one allowlist as Markdown renders."""
from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
import pytest
import yaml

from conftest import ROOT
from edugc.pages.sanitise import DROPPED_WHOLE, SanitiseExtension, safe_url


def site_markdown(*extra):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names, settings = [], {}
    for item in config["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        names.append(name)
        if not isinstance(item, str):
            settings[name] = {k: {"false": False, "true": True}.get(v, v) for k, v in item[name].items()}
    return markdown.Markdown(extensions=names + list(extra), extension_configs=settings)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def script_in(rendered: str) -> list[str]:
    parser = Tags()
    parser.feed(rendered)
    bad = []
    for tag, attrs in parser.found:
        if tag in DROPPED_WHOLE:
            bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("formaction", "action", "srcdoc"):
                bad.append(f"{tag}[{name}]")
            if name in ("href", "src", "cite", "xlink:href", "data") and not safe_url(value or ""):
                bad.append(f"{tag}[{name}={value}]")
            if name == "style" and tag not in ("td", "th"):
                bad.append(f"{tag}[style]")
    return bad


def test_every_real_page_renders_exactly_as_before():
    for path in sorted((ROOT / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        assert site_markdown(SanitiseExtension()).convert(body) == site_markdown().convert(body), path


VECTORS = [
    'a <span onclick="alert(1)">b</span> c',
    '<img src="x.jpg" alt="사진" onerror="alert(1)">',
    '<a href="jav&#x09;ascript:alert(1)">링크</a>',
    '<a href="&#106;avascript:alert(1)">링크</a>',
    '<a href="javascript&colon;alert(1)">링크</a>',
    '<a href=" JaVaScRiPt:alert(1)">링크</a>',
    '<a href="vbscript:msgbox(1)">링크</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">링크</a>',
    '[링크](javascript:alert(1))',
    '[링크](<java script:alert(1)>)',
    '[링크](JAVASCRIPT:alert(1) "제목")',
    '![그림](javascript:alert(1))',
    '[링크](https://example.org/){: onclick="alert(1)" }',
    '[링크](a.md){: href="javascript:alert(1)" }',
    '## 제목 {: onmouseover="alert(1)" style="background:url(javascript:alert(1))" }',
    '<div onclick="alert(1)"><script>alert(1)</script><p>글</p></div>',
    '<div markdown="1" onmouseover="alert(1)">\n*강조* [x](javascript:alert(1))\n</div>',
    '<iframe src="https://example.org"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<svg onload="alert(1)"><script>alert(1)</script><text>글</text></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">보내기</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<style>@import "https://evil.example/x.css";</style>',
    '<details open ontoggle="alert(1)"><summary>요약</summary>내용</details>',
    '<input autofocus onfocus="alert(1)">',
    '<video><source onerror="alert(1)"></video>',
    '<a href="#" onmouseover="alert(1)">#</a>',
    '<p style="background:url(javascript:alert(1))">글</p>',
    '<img srcset="javascript:alert(1) 1x, x.jpg 2x" alt="">',
    '<!--<script>alert(1)</script>-->글',
    '<template><script>alert(1)</script></template>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<scr<script>ipt>alert(1)</scr</script>ipt>',
    '<a href="java\nscript:alert(1)">링크</a>',
    '<table><tr><td onclick="alert(1)" style="text-align: left; background:red">칸</td></tr></table>',
]


@pytest.mark.parametrize("snippet", VECTORS)
def test_a_pasted_snippet_cannot_run_script(snippet):
    rendered = site_markdown(SanitiseExtension()).convert(snippet)
    assert not script_in(rendered), rendered


def test_without_the_sanitiser_those_snippets_do_carry_script():
    live = [s for s in VECTORS if script_in(site_markdown().convert(s))]
    assert len(live) >= len(VECTORS) - 6, set(VECTORS) - set(live)


def test_what_is_kept_reads_the_same():
    rendered = site_markdown(SanitiseExtension()).convert(
        '<div class="box"><p>이런 학생에게 권해요</p></div>\n\n<span title="설명">[링크](https://example.org/)</span> '
        '<a href="tel:02-1234-5678">전화</a> <a href="mailto:x@example.org">메일</a>')
    assert '<div class="box"><p>이런 학생에게 권해요</p></div>' in rendered
    assert 'href="tel:02-1234-5678"' in rendered and 'href="mailto:x@example.org"' in rendered
    assert 'title="설명"' in rendered


def test_the_build_cleans_bodies_into_pages_feeds_and_search(project, tmp_path):
    """The sanitiser is the content plugin's, not mkdocs.yml's: a site that forgot to list it is still clean."""
    hostile = ('<img src="x.png" alt="a" onerror="alert(1)">\n\n<script>alert(2)</script>\n\n'
               '<a href="jAvA&#x09;ScRiPt:alert(3)">링크</a> [문서](javascript:alert(4))\n\n'
               '<div style="x" onmouseover="alert(5)">안내 문장입니다.</div>\n')
    article = (project.root / "content/newsletter/1/credit-basics.md").read_text(encoding="utf-8")
    project.write("content/newsletter/1/credit-basics.md", article + "\n" + hostile)
    out = tmp_path / "out"
    result = project.build(out)
    assert result.returncode == 0, result.stderr
    outputs = [p for p in out.rglob("*") if p.suffix in {".html", ".xml", ".json"} and p.is_file()]
    page = (out / "newsletter/1/credit-basics/index.html").read_text(encoding="utf-8")
    assert "안내 문장입니다." in page and "링크" in page  # the text stays
    for path in outputs:
        text = html.unescape(path.read_text(encoding="utf-8")).lower()
        for alert in ("alert(1)", "alert(2)", "alert(3)", "alert(4)", "alert(5)"):
            assert alert not in text, (path.relative_to(out), alert)
