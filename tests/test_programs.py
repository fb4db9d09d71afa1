"""Programs and events: a page per program, a directory families can filter with or without a
script, events by month with an archive, and a calendar a phone can subscribe to."""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml

from conftest import ROOT, TODAY, data_file
from edugc.model import ContentError
from edugc.pages.status import program_status
from edugc.programs import ProgramPages, event_file, feed
from edugc.programs.calendar import CalendarCache
from edugc.programs.views import AUDIENCE_SLUGS, FAMILY_SLUGS, FILTERS

BASE = "https://gyoyuk.test/edu/"
SEOUL = ZoneInfo("Asia/Seoul")
STATUSES = {"모집중", "마감", "상시", "모집 예정"}


def data(name: str) -> list[dict]:
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))[name.removesuffix(".yml")]


def when(value) -> dt.datetime:
    return dt.datetime.fromisoformat(str(value))


def page(site: Path, url: str) -> str:
    path = site / url / "index.html"
    assert path.exists(), f"/{url} 없음"
    return path.read_text(encoding="utf-8")


def main_text(html: str) -> str:
    """The article only: the theme's navigation repeats links on every page."""
    return html.split('class="md-content__inner', 1)[1].split("</article>", 1)[0]


def visible_cards(html: str) -> list[str]:
    return re.findall(r'<li class="gc-card"(?! hidden)[^>]*><a class="gc-card__title" href="[^"]*">([^<]+)</a>',
                      html)


def today() -> dt.date:
    return dt.date.fromisoformat(TODAY)


def upcoming(event: dict) -> bool:
    return when(event["end"]).date() >= today()


# -- a page per program ----------------------------------------------------------------------

def test_each_program_page_says_what_who_when_where_cost_and_how(site_dir):
    for program in data("programs.yml"):
        html = main_text(page(site_dir, f"programs/{program['id']}/"))
        for fact in ("대상", "일정", "장소", "비용", "신청 방법"):
            assert f'<th scope="row">{fact}</th>' in html, (program["id"], fact)
        assert re.search(r'href="tel:0\d{8,10}"', html), program["id"]
        assert 'href="https://map.kakao.com/?q=' in html, program["id"]
        labels = set(re.findall(r'class="gc-status gc-status--\w+">([^<]+)<', html))  # the program's (rounds: gc-round)
        assert len(labels) == 1 and labels <= STATUSES, (program["id"], labels)
        assert ('class="gc-example"' in html) == bool(program.get("example")), program["id"]


def test_status_is_computed_from_the_dates_of_the_build():
    from edugc.model.schema import Program

    base = dict(id="x", name="가", family="학력향상", audience=["고등"], summary="가", description="가",
                schedule="가", place="가", apply={"how": "전화"}, contact="팀")
    timed = Program(**base, open=dt.date(2026, 3, 2), close=dt.date(2026, 3, 20))
    assert program_status(timed, dt.date(2026, 3, 1))[1] == "모집 예정"
    assert program_status(timed, dt.date(2026, 3, 20))[1] == "모집중"
    assert program_status(timed, dt.date(2026, 3, 21))[1] == "마감"
    assert program_status(Program(**base), dt.date(2030, 1, 1))[1] == "상시"


def _rounds_open(program_id: str) -> list[dict]:
    return [e for e in data("events.yml") if e["program"] == program_id and e.get("registration") and upcoming(e)
            and (not e["registration"].get("deadline") or when(e["registration"]["deadline"]).date() >= today())]


def test_a_closed_program_hides_its_registration_link(site_dir):
    closed = [p for p in data("programs.yml") if p.get("close") and p["close"] < today() and not _rounds_open(p["id"])]
    assert closed, "the real data should have a program whose recruiting ended before the fixed build day"
    for program in closed:
        html = main_text(page(site_dir, f"programs/{program['id']}/"))
        assert 'gc-status--closed">마감<' in html
        assert "모집이 끝났습니다" in html
        assert "신청하기" not in html, program["id"]
        if program["apply"].get("url"):
            assert program["apply"]["url"] not in html


def test_a_round_open_for_registration_keeps_its_program_open(site_dir):
    # 학부모아카데미: its own window closed in September, a winter round takes registrations until January.
    reopened = [p for p in data("programs.yml") if p.get("close") and p["close"] < today() and _rounds_open(p["id"])]
    assert reopened, "the real data should have a closed window with an open round"
    for program in reopened:
        html = main_text(page(site_dir, f"programs/{program['id']}/"))
        assert 'gc-status--open">모집중<' in html and 'gc-status--closed">마감<' not in html, program["id"]
        assert "모집이 끝났습니다" not in html
        for event in _rounds_open(program["id"]):
            item = html.split(f'id="{event["id"]}"', 1)[1].split("</li>", 1)[0]
            assert "gc-status--open gc-round" in item and "마감" in item  # its deadline, never a 마감 status
            if event["registration"].get("url"):
                assert re.search(rf'<a class="md-button md-button--primary gc-button" href="{re.escape(event["registration"]["url"])}">신청하기', item)


def test_status_is_per_round_with_deadlines_and_days_left():
    from edugc.model.schema import Event, Program
    from edugc.pages.status import directory_order, round_status

    base = dict(id="x", name="가", family="학력향상", audience=["고등"], summary="가", description="가",
                schedule="가", place="가", apply={"how": "전화"}, contact="팀")
    closed = Program(**base, open=dt.date(2026, 3, 2), close=dt.date(2026, 3, 20))
    winter = Event(id="w", title="겨울", program="x", start=dt.datetime(2026, 12, 19, 10), end=dt.datetime(2026, 12, 19, 12),
                   place="센터", registration={"deadline": dt.datetime(2026, 12, 10, 18)})
    day = dt.date(2026, 12, 3)
    st = program_status(closed, day, [winter])
    assert (st.key, st.label, st.deadline, st.days_left, st.dday, st.urgent, st.by_round) == (
        "open", "모집중", dt.date(2026, 12, 10), 7, "D-7", True, True)
    assert program_status(closed, dt.date(2026, 12, 10), [winter]).dday == "오늘 마감"
    assert not program_status(closed, dt.date(2026, 12, 2), [winter]).urgent  # D-8
    assert program_status(closed, dt.date(2026, 12, 11), [winter]).key == "closed"   # the round's deadline passed
    assert round_status(winter, dt.date(2026, 12, 11)).label == "마감"
    assert round_status(winter, dt.date(2026, 12, 20)) is None                      # over: no status at all
    # The nearest deadline a family can still meet wins; the window's own close when it is nearer.
    window = Program(**base, open=dt.date(2026, 12, 1), close=dt.date(2026, 12, 5))
    nearest = program_status(window, day, [winter])
    assert (nearest.key, nearest.deadline, nearest.by_round) == ("open", dt.date(2026, 12, 5), False)
    key, label = nearest  # still the (key, label) pair older callers unpack
    assert (key, label) == ("open", "모집중")
    soon = Program(**base, open=dt.date(2027, 1, 4), close=dt.date(2027, 1, 20))
    assert program_status(soon, day).opens == dt.date(2027, 1, 4)
    always = Program(**base)
    order = sorted([("closed", program_status(closed, dt.date(2027, 1, 1))), ("soon", program_status(soon, day)),
                    ("always", program_status(always, day)), ("late", program_status(window, dt.date(2026, 12, 1))),
                    ("near", program_status(closed, day, [winter]))], key=lambda kv: directory_order(kv[1]))
    assert [k for k, _ in order] == ["late", "near", "always", "soon", "closed"]


def test_directory_sorts_open_by_nearest_deadline_then_upcoming_then_closed(site_dir):
    html = main_text(page(site_dir, "programs/"))
    cards = re.findall(r'<li class="gc-card"[^>]*data-status="(\w+)"><a class="gc-card__title"[^>]*>([^<]+)</a>(.*?)</li>', html, re.S)
    assert len(cards) == len(data("programs.yml"))
    rank = {"open": 0, "always": 0, "soon": 1, "closed": 2}
    assert [rank[k] for k, _, _ in cards] == sorted(rank[k] for k, _, _ in cards)
    deadlines = [dt.date.fromisoformat(d) for k, _, body in cards if k == "open"
                 for d in re.findall(r'<time datetime="([\d-]+)">', body)[:1]]
    assert deadlines and deadlines == sorted(deadlines)
    assert any("마감 임박" in body for _, _, body in cards)
    for _, name, body in cards:  # each card: its application period and its schedule
        assert "<dt>신청 기간</dt>" in body and "<dt>일정</dt>" in body, name


# -- the directory ---------------------------------------------------------------------------

def test_every_filtered_view_is_a_real_page_with_all_the_filter_links(site_dir):
    programs = data("programs.yml")
    assert {f.url for f in FILTERS} >= {"programs/", "programs/for/high/", "programs/family/credit/"}
    for view in FILTERS:
        html = main_text(page(site_dir, view.url))
        expected = [p["name"] for p in programs if view.kind == "all"
                    or (view.kind == "audience" and view.value in p["audience"])
                    or (view.kind == "family" and p["family"] == view.value)]
        # the directory's own order (open by deadline first) is another test's
        assert sorted(name.replace("&#34;", '"') for name in visible_cards(html)) == sorted(expected), view.url
        links = re.findall(r'<a class="gc-filter" href="([^"]+)"[^>]*>', html)
        assert len(links) == 1 + len(AUDIENCE_SLUGS) + len(FAMILY_SLUGS), view.url
        current = re.findall(r'<a class="gc-filter" href="([^"]+)"[^>]*aria-current="page"', html)
        assert current == ["./"], (view.url, current)
        for href in links:  # every filter link leads to a page that exists, from every view
            target = (site_dir / view.url / href).resolve() / "index.html"
            assert target.exists(), (view.url, href)
        assert "gc-programs.js" in html


def test_directory_marks_invented_programs(site_dir):
    html = main_text(page(site_dir, "programs/"))
    examples = [p for p in data("programs.yml") if p.get("example")]
    assert html.count('<span class="gc-example"') == len(examples)


def test_the_script_filters_in_place_and_keeps_the_links_working(served_site, browser):
    url = served_site + "programs/"
    programs = data("programs.yml")
    high = sum(1 for p in programs if "고등" in p["audience"])
    tab = browser.new_page()
    try:
        tab.goto(url)
        tab.click('a.gc-filter[data-slug="high"]')
        assert tab.url == url + "#audience-high"  # same page: no reload
        assert tab.locator("li.gc-card:visible").count() == high < len(programs)
        assert tab.get_attribute('a.gc-filter[data-slug="high"]', "aria-current") == "page"
        assert tab.get_attribute('a.gc-filter[data-kind="all"]', "aria-current") is None
        assert tab.inner_text("[data-gc-count]") == str(high)
        tab.go_back()
        assert tab.locator("li.gc-card:visible").count() == len(programs)
    finally:
        tab.close()
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(url)
        tab.click('a.gc-filter[data-slug="credit"]')
        assert tab.url == url + "family/credit/"
        assert tab.locator("li.gc-card:visible").count() == sum(1 for p in programs if p["family"] == "고교학점제")
    finally:
        context.close()


# -- events ----------------------------------------------------------------------------------

def test_events_page_lists_upcoming_events_by_month_with_program_and_calendar_links(site_dir):
    events = data("events.yml")
    html = main_text(page(site_dir, "events/"))
    coming = sorted((e for e in events if upcoming(e)), key=lambda e: (when(e["start"]), e["id"]))
    assert coming
    assert re.findall(r'<li class="gc-event" id="([^"]+)"', html) == [e["id"] for e in coming]
    months = [f"{when(e['start']).year}년 {when(e['start']).month}월" for e in coming]
    assert re.findall(r"<h2 id=\"m[\d-]+\">([^<]+)</h2>", html) == list(dict.fromkeys(months))
    for event in coming:
        item = html.split(f'id="{event["id"]}"', 1)[1].split("</li>", 1)[0]
        assert f'href="../programs/{event["program"]}/"' in item
        assert f'href="../events/{event["id"]}.ics"' in item or f'href="{event["id"]}.ics"' in item
        assert "캘린더에 추가" in item
        assert ('class="gc-example"' in item) == bool(event.get("example"))
        assert (site_dir / "events" / f"{event['id']}.ics").exists()


def test_past_events_are_archived_twenty_a_page(site_dir):
    past = sorted((e for e in data("events.yml") if not upcoming(e)), key=lambda e: (when(e["start"]), e["id"]),
                  reverse=True)
    assert len(past) > 20, "the real data has more than one archive page of past events"
    first = main_text(page(site_dir, "events/past/"))
    second = main_text(page(site_dir, "events/past/page/2/"))
    ids = re.findall(r'<li class="gc-event" id="([^"]+)"', first), re.findall(r'<li class="gc-event" id="([^"]+)"', second)
    assert ids[0] == [e["id"] for e in past[:20]]
    assert ids[1] == [e["id"] for e in past[20:40]]
    assert 'rel="next" href="page/2/"' in first
    assert 'rel="prev" href="../../"' in second
    assert 'aria-current="page" href="./">2<' in second
    assert "캘린더에 추가" not in first  # nothing to add for an event that is over


def test_program_page_lists_its_upcoming_events(site_dir):
    events = [e for e in data("events.yml") if upcoming(e)]
    for program in data("programs.yml"):
        html = main_text(page(site_dir, f"programs/{program['id']}/"))
        listed = re.findall(r'<li class="gc-event" id="([^"]+)"', html)
        assert listed == [e["id"] for e in sorted(events, key=lambda e: (when(e["start"]), e["id"]))
                          if e["program"] == program["id"]], program["id"]
        for event_id in listed:
            assert f'href="../../events/{event_id}.ics"' in html


def test_home_page_still_shows_the_next_events(site_dir):
    html = main_text(page(site_dir, ""))
    assert "다가오는 일정" in html
    first = min((e for e in data("events.yml") if upcoming(e)), key=lambda e: when(e["start"]))
    assert first["title"] in html


# -- iCalendar -------------------------------------------------------------------------------

def _check_vevent(component, event: dict) -> None:
    assert str(component["UID"]) == f"{event['id']}@gyoyuk.test"
    start, end = component.decoded("DTSTART"), component.decoded("DTEND")
    assert start == when(event["start"]).replace(tzinfo=SEOUL) and start.utcoffset() == dt.timedelta(hours=9)
    assert end == when(event["end"]).replace(tzinfo=SEOUL)
    assert str(component["SUMMARY"]) == event["title"]
    assert str(component["LOCATION"]) == event["place"]
    assert str(component["URL"]) == f"{BASE}programs/{event['program']}/"
    assert component.decoded("DTSTAMP").tzinfo is not None
    assert ("예시" in str(component["DESCRIPTION"])) == bool(event.get("example"))


def test_calendar_feed_has_every_event_as_in_the_data(site_dir):
    cal = icalendar.Calendar.from_ical((site_dir / "events.ics").read_bytes())
    assert str(cal["VERSION"]) == "2.0" and cal.get("PRODID")
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Seoul"]
    vevents = {str(c["UID"]): c for c in cal.walk("VEVENT")}
    events = data("events.yml")
    assert len(vevents) == len(events)
    for event in events:
        _check_vevent(vevents[f"{event['id']}@gyoyuk.test"], event)


def test_each_event_has_its_own_calendar_file_with_the_same_uid(site_dir):
    for event in data("events.yml"):
        cal = icalendar.Calendar.from_ical((site_dir / "events" / f"{event['id']}.ics").read_bytes())
        (only,) = cal.walk("VEVENT")
        _check_vevent(only, event)
        assert cal.walk("VTIMEZONE")


def test_calendar_is_plain_python_from_the_model(project):
    project.write("data/events.yml", data_file("events", EVENT))
    site = project.load()
    text = feed(site, "https://example.org/sub/").decode()
    assert "UID:talk@example.org" in text and "DTSTART;TZID=Asia/Seoul:20270110T140000" in text
    assert event_file(site, site.events[0], "https://example.org/sub/").count(b"BEGIN:VEVENT") == 1


def test_calendar_files_are_kept_by_their_inputs_between_builds(project, tmp_path, monkeypatch):
    import edugc.programs.calendar as calendar

    encoded = []
    real = calendar.event_file
    monkeypatch.setattr(calendar, "event_file", lambda site, event, url: encoded.append(event.id) or real(site, event, url))
    project.write("data/events.yml", data_file("events", EVENT + EVENT.replace("id: talk", "id: talk2").replace("01-10", "01-17")))
    cache_file = tmp_path / "calendars.json"
    first = ProgramPages(project.load(), "https://example.org/").calendars(CalendarCache(cache_file))
    assert sorted(encoded) == ["talk", "talk2"]
    again = ProgramPages(project.load(), "https://example.org/").calendars(CalendarCache(cache_file))
    assert again == first and sorted(encoded) == ["talk", "talk2"]  # nothing changed, nothing encoded again
    project.write("data/events.yml", data_file("events", EVENT.replace("겨울 특강", "겨울 특강 (장소 변경)")
                  + EVENT.replace("id: talk", "id: talk2").replace("01-10", "01-17")))
    changed = ProgramPages(project.load(), "https://example.org/").calendars(CalendarCache(cache_file))
    assert sorted(encoded) == ["talk", "talk", "talk2"]
    assert b"(" in changed["events/talk.ics"] and changed["events/talk.ics"] != first["events/talk.ics"]
    assert changed["events/talk2.ics"] == first["events/talk2.ics"]
    assert changed["events.ics"] != first["events.ics"]  # the feed holds every event
    other_site = ProgramPages(project.load(), "https://other.example/").calendars(CalendarCache(cache_file))
    assert b"UID:talk@other.example" in other_site["events/talk.ics"]


def test_the_preview_keeps_its_calendar_cache_apart_from_the_published_sites(project):
    # mkdocs serve builds with a 127.0.0.1 address: it must not prune the published site's entries.
    import subprocess

    env = dict(__import__("os").environ, NO_MKDOCS_2_WARNING="1", EDUGC_TODAY=TODAY, PDF="0", CARDS="0")
    project.write("data/events.yml", data_file("events", EVENT))
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    for url in ("https://example.org/", "http://127.0.0.1:8000/"):
        project.write("mkdocs.yml", config.replace("https://example.org/", url))
        subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", "site"], cwd=project.root,
                       env=env, check=True)
    caches = sorted((project.root / ".cache").glob("calendars-*.json"))
    assert len(caches) == 2 and all("talk@" in c.read_text(encoding="utf-8") for c in caches)


# -- bad data and the passing of time --------------------------------------------------------

EVENT = """\
- id: talk
  title: 겨울 특강
  program: always-counselling
  start: 2027-01-10T14:00
  end: 2027-01-10T16:00
  place: 금천진로진학지원센터
"""


def problems_of(project) -> list[str]:
    with pytest.raises(ContentError) as err:
        project.load()
    return [str(p) for p in err.value.problems]


def test_event_for_an_unknown_program_names_file_and_line(project):
    project.write("data/events.yml", data_file("events", EVENT.replace("program: always-counselling", "program: always-counseling")))
    (problem,) = problems_of(project)
    assert problem.startswith("data/events.yml:4: ") and "always-counseling" in problem
    assert "always-counselling" in problem.split("→", 1)[1]  # did-you-mean


def test_event_ending_before_it_starts_names_file_and_line(project):
    project.write("data/events.yml", "# 일정\n" + data_file("events", EVENT.replace("end: 2027-01-10T16:00", "end: 2027-01-10T13:00")))
    (problem,) = problems_of(project)
    assert problem.startswith("data/events.yml:3: ") and "end(끝나는 시각)" in problem


def test_registration_deadline_after_the_start_names_file_and_line(project):
    project.write("data/events.yml", data_file("events", EVENT + EVENT.replace("id: talk", "id: late")
                  + "  registration: {deadline: 2027-01-11T18:00}\n"))
    (problem,) = problems_of(project)
    assert problem.startswith("data/events.yml:8: ") and "신청 마감" in problem


CLOSING = """\
- id: winter-camp
  name: 겨울 진학 캠프
  family: 진로진학 정보
  audience: [고등]
  summary: 겨울방학 캠프
  description: 캠프 안내
  schedule: 1월 중
  place: 금천진로진학지원센터
  apply: {phone: "02-0000-0000", url: "https://example.org/apply/winter-camp", how: 온라인 신청}
  contact: 진로진학지원팀
  open: 2026-11-01
  close: 2026-12-15
  example: true
"""


def test_a_program_past_its_close_date_never_fails_a_build(project, tmp_path):
    project.write("data/programs.yml", data_file("programs", (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")
                  .split('MINI_PROGRAMS = """\\\n', 1)[1].split('"""', 1)[0] + CLOSING))
    project.write("data/events.yml", data_file("events", EVENT.replace("always-counselling", "winter-camp")))
    for day, label in (("2026-11-28", "모집중"), ("2030-01-01", "마감")):
        out = tmp_path / day
        result = project.build(out, today=day)
        assert result.returncode == 0, result.stderr
        html = main_text((out / "programs" / "winter-camp" / "index.html").read_text(encoding="utf-8"))
        assert f">{label}</span>" in html
        assert ("https://example.org/apply/winter-camp" in html) == (label == "모집중")
        assert 'class="gc-example"' in html
    archive = (tmp_path / "2030-01-01" / "events" / "past" / "index.html").read_text(encoding="utf-8")
    assert 'id="talk"' in archive
