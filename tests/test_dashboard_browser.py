"""The dashboard in real headless Chromium: drawing, filters, time travel, details, sharing,
downloads, uploads, live reload and hostile text, against the real Dash server on a free port."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from defense_timeline.chart.figure import build_figure
from defense_timeline.timeline.loader import load
from defense_timeline.view.filters import filter_frame
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import Filters, ViewOptions
from playwright.sync_api import expect

from tests.dashboard_support import GOOD
from tests.data import DEFAULT_TIMELINE, PROGRAMS_TIMELINE
from tests.server import BackgroundServer

pytestmark = pytest.mark.browser
WAIT_MS = 30_000  # as long as page.wait_for_function waits

HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
DRAWN_IDS = """() => {
  const gd = document.querySelector('#gantt .js-plotly-plot');
  const ids = new Set();
  const itemOf = c => Array.isArray(c) ? c[0] : c;  // chart.parts.item_customdata
  for (const t of gd.data) if (t.customdata) for (const c of t.customdata) ids.add(itemOf(c));
  return [...ids].sort();
}"""
# The page position of an item's mark: its first hover target (a point, or a bar's middle),
# which comes before the target of its planned date.
POINT_OF = """([id]) => {
  const gd = document.querySelector('#gantt .js-plotly-plot');
  const box = gd.getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const itemOf = c => Array.isArray(c) ? c[0] : c;
  for (let i = 0; i < gd.data.length; i++) {
    const t = gd.data[i];
    if (!t.customdata) continue;
    for (let j = 0; j < t.customdata.length; j++) {
      if (itemOf(t.customdata[j]) !== id) continue;
      const cd = gd.calcdata[i][j];
      const bar = t.type === 'bar', x = bar ? (cd.s0 + cd.s1) / 2 : cd.x, y = bar ? cd.p : cd.y;
      return [box.left + xa._offset + xa.c2p(x), box.top + ya._offset + ya.c2p(y)];
    }
  }
  return null;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real app over a folder of copies of the bundled timelines and a small file."""
    folder = tmp_path_factory.mktemp("served")
    for path in (DEFAULT_TIMELINE, PROGRAMS_TIMELINE):
        shutil.copy(path, folder / path.name)
    (folder / "small.yaml").write_text(GOOD, encoding="utf-8")
    with BackgroundServer([folder]) as server:
        server.folder = folder
        yield server


@pytest.fixture()
def ui(page, site):
    """A page on which any JavaScript dialog (an injected alert) fails the test."""
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"


def open_view(page, site, query: str = "") -> None:
    """Load a view and wait until the chart and the count show it."""
    page.goto(site.url + "/" + query)
    page.wait_for_function("document.querySelector('#item-count')?.textContent.startsWith('Show')")
    page.wait_for_selector("#gantt .js-plotly-plot .main-svg")


def expected(path: Path, as_of: date | None = None, **filters) -> list[str]:
    """Ids the engine itself says a view shows."""
    df = timeline_frame(load(path), as_of=as_of)
    return sorted(filter_frame(df, Filters(**filters))["id"])


def wait_drawn(page, ids: list[str]) -> None:
    """Wait until the chart draws exactly these items."""
    page.wait_for_function(
        f"JSON.stringify(({DRAWN_IDS})()) === JSON.stringify({ids!r})".replace("'", '"')
    )


def pick(page, dropdown: str, option: str) -> None:
    """Choose one option of a Dash dropdown with the mouse, then close it."""
    page.click(f"#{dropdown}")
    page.locator(".dash-dropdown-options [role=option]", has_text=option).first.click()
    page.keyboard.press("Escape")


def type_date(page, input_id: str, day: str) -> None:
    page.fill(f"#{input_id}", day)
    page.keyboard.press("Enter")


def test_default_page_draws_every_item_without_console_errors(ui, site):
    asked = []
    ui.on("request", lambda r: asked.append(r.url))
    open_view(ui, site)
    timeline = load(DEFAULT_TIMELINE)
    # title, meta and table each answer a callback of their own: wait for each
    expect(ui.locator("#timeline-title")).to_have_text(timeline.title, timeout=WAIT_MS)
    expect(ui.locator("#timeline-description")).to_contain_text(timeline.description[:60])
    expect(ui.locator("#timeline-meta")).to_contain_text("Viewed as of 2017-02-19")
    wait_drawn(ui, expected(DEFAULT_TIMELINE))
    ui.click(".sources summary")
    links = ui.locator(".source-list a")
    assert ui.locator(".source-list li").count() == len(timeline.sources)
    assert all(h.startswith("http") for h in links.evaluate_all("a => a.map(x => x.href)"))
    expect(ui.locator(".ag-row")).to_have_count(len(expected(DEFAULT_TIMELINE)), timeout=WAIT_MS)
    x, y = ui.evaluate(POINT_OF, ["jmh-review-report", "markers"])
    ui.mouse.move(x, y)
    ui.wait_for_selector(".hoverlayer .hovertext")
    assert "Mainichi" in ui.locator(".hoverlayer").text_content()
    # drawn by plotly.js's partial bundle (output/plotlyjs.py); dcc.Graph loaded no other
    assert [u for u in asked if "/_plotly-js/" in u and u.endswith("/plotly-basic.min.js")]
    assert not [u for u in asked if u.endswith("/plotly.min.js")]
    traces = ui.evaluate("Object.keys(Plotly.PlotSchema.get().traces).sort()")
    assert traces == ["bar", "pie", "scatter"]
    assert ui.console_errors == []


# The lanes (legend groups) of the shapes drawn on the data axes (bars, date windows, the
# plan's outlines, open ends: chart.parts), one entry a drawn path.
SHAPE_LANES = """() => {
  const gd = document.querySelector('#gantt .js-plotly-plot'), shapes = gd._fullLayout.shapes;
  return Array.from(gd.querySelectorAll('.shapelayer path[data-index]'))
    .map(p => shapes[Number(p.dataset.index)].legendgroup).filter(Boolean);
}"""


def test_a_legend_click_hides_a_lanes_bars(ui, site):
    open_view(ui, site)
    first = ui.locator("#gantt g.legend .traces").first
    lane = first.evaluate("g => g.__data__[0].trace.legendgroup")
    before = ui.evaluate(SHAPE_LANES)
    assert before.count(lane) >= 1 and len(set(before)) >= 3
    first.click()
    ui.wait_for_function(f"!({SHAPE_LANES})().includes({lane!r})".replace("'", '"'))
    after = ui.evaluate(SHAPE_LANES)
    assert after == [g for g in before if g != lane]  # assets/shape_layers.js: none left drawn
    assert ui.console_errors == []


def test_each_filter_changes_what_is_drawn(ui, site):
    path = site.folder / DEFAULT_TIMELINE.name
    open_view(ui, site)
    pick(ui, "filter-lanes", "LDP and politics")
    wait_drawn(ui, expected(path, lanes=("ldp",)))
    assert "lane=ldp" in ui.evaluate("location.search")
    pick(ui, "filter-kinds", "event")
    wait_drawn(ui, expected(path, lanes=("ldp",), kinds=("event",)))
    ui.click("#filter-reset")
    pick(ui, "filter-statuses", "in force")
    wait_drawn(ui, ["mtdp-2014", "ndpg-2013"])
    ui.click("#filter-reset")
    pick(ui, "filter-tags", "amphibious")
    wait_drawn(ui, expected(path, tags=("amphibious",)))
    ui.click("#filter-reset")
    ui.fill("#filter-search", "osprey")
    wait_drawn(ui, expected(path, search="osprey"))
    ui.click("#filter-reset")
    wait_drawn(ui, expected(path))
    type_date(ui, "filter-window-start", "2018-01-01")
    wait_drawn(ui, expected(path, window_start=date(2018, 1, 1)))
    assert ui.console_errors == []


def test_display_options_redraw_in_place(ui, site):
    open_view(ui, site, "?t=japan_defense_2017")
    ui.locator("#color-by label", has_text="Kind").click()
    ui.wait_for_function(
        "document.querySelector('#gantt .legendtitletext')?.textContent === 'Kinds'"
    )
    pick(ui, "axis", "Fiscal years of the timeline")
    ui.wait_for_function(
        "[...document.querySelectorAll('#gantt .xtick text')]"
        ".some(t => t.textContent.startsWith('FY'))"
    )
    # one row per item: as many rows as the engine gives that view (the lanes may already
    # need that many at a narrow width, so the chart need not grow)
    rows = build_figure(
        load(DEFAULT_TIMELINE), ViewOptions(color_by="kind", fiscal_axis=True, layout="rows")
    ).layout.yaxis.range[0]
    ui.locator("#row-layout label", has_text="One per item").click()
    ui.wait_for_function(
        "Math.abs(document.querySelector('#gantt .js-plotly-plot')?.layout?.yaxis?.range?.[0]"
        f" - {rows}) < 1e-6"
    )
    search = ui.evaluate("location.search")
    assert "color=kind" in search and "axis=fiscal" in search and "layout=rows" in search
    assert ui.console_errors == []


def test_view_date_hides_unreported_items_and_applies_updates(ui, site):
    path = site.folder / DEFAULT_TIMELINE.name
    open_view(ui, site)
    type_date(ui, "asof-date", "2017-02-18")
    early = expected(path, as_of=date(2017, 2, 18))
    wait_drawn(ui, early)
    assert "ldp-study" not in early  # reported on 2017-02-19
    type_date(ui, "asof-date", "2019-01-01")
    wait_drawn(ui, expected(path, as_of=date(2019, 1, 1)))
    # the table answers its own callback: it may redraw after the chart
    status = ui.locator(".ag-row[row-id='ndpg-2013'] [col-id='status']")
    expect(status).to_have_text("superseded", timeout=WAIT_MS)
    due = ui.locator(".ag-row[row-id='ndpg-next-due'] [col-id='dates_text']")
    expect(due).to_have_text("2018-H2?", timeout=WAIT_MS)  # text, not a date the grid cannot parse
    # plan against outcome in two clicks: everything known today against the file's plan
    ui.click("#asof-latest")
    ui.click("#baseline-file-date")
    # two round trips that may land in either order: wait for both
    today = date.today().isoformat()
    ui.wait_for_function(
        f"location.search.includes('base=2017-02-19') && location.search.includes('asof={today}')"
    )
    ui.wait_for_function(
        "(document.querySelector('#gantt .js-plotly-plot').layout.shapes || [])"
        ".some(s => s.name === 'planned (baseline)')"
    )
    assert ui.console_errors == []


def test_picking_another_timeline_resets_the_view(ui, site):
    open_view(ui, site, "?t=japan_defense_2017&lane=ldp&asof=2026-01-01")
    pick(ui, "timeline-picker", "japan_defense_programs.yaml")
    programs = load(PROGRAMS_TIMELINE)
    ui.wait_for_function(
        f"document.querySelector('#timeline-title').textContent === {programs.title!r}"
    )
    search = f"?t=japan_defense_programs&asof={programs.as_of.isoformat()}"
    ui.wait_for_function(f"location.search === {search!r}")  # reset after the first redraw
    wait_drawn(ui, expected(site.folder / PROGRAMS_TIMELINE.name))
    assert ui.inner_text("#filter-lanes") == "All lanes"
    assert ui.console_errors == []


def test_a_pick_answered_slowly_still_resets_the_view(page, tmp_path):
    """The server answers the pick's own refresh last: the stamp change that follows every pick
    re-triggers refreshes meanwhile, and the view must still reset to the new file's date."""
    import time

    import flask

    for path in (DEFAULT_TIMELINE, PROGRAMS_TIMELINE):
        shutil.copy(path, tmp_path / path.name)
    server = BackgroundServer([tmp_path])

    @server.app.server.before_request
    def _slow_pick():
        body = flask.request.get_json(silent=True) if flask.request.is_json else None
        changed = body.get("changedPropIds") if isinstance(body, dict) else None
        if changed == ["timeline-picker.value"]:
            time.sleep(0.8)

    programs = load(PROGRAMS_TIMELINE)
    reset = f"?t=japan_defense_programs&asof={programs.as_of.isoformat()}"
    with server:
        open_view(page, server, "?t=japan_defense_2017&lane=ldp&asof=2026-01-01")
        pick(page, "timeline-picker", "japan_defense_programs.yaml")
        page.wait_for_function(f"location.search === {reset!r}", timeout=15_000)
    assert page.console_errors == []


GD = "document.querySelector('#gantt .js-plotly-plot')"
X_RANGE = f"() => {GD}._fullLayout.xaxis.range.map(v => new Date(v).getTime())"


def drag_zoom(page, start: float, stop: float) -> list[float]:
    """Zoom the x axis with a level mouse drag across fractions of the plot's width."""
    before = page.evaluate(X_RANGE)
    left, top, width, height = page.evaluate(
        f"() => {{ const r = {GD}.querySelector('.nsewdrag').getBoundingClientRect();"
        " return [r.left, r.top, r.width, r.height]; }"
    )
    page.mouse.move(left + start * width, top + height / 2)
    page.mouse.down()
    page.mouse.move(left + (start + stop) / 2 * width, top + height / 2 + 2, steps=5)
    page.mouse.move(left + stop * width, top + height / 2 + 2, steps=5)
    page.mouse.up()
    page.wait_for_function(f"({X_RANGE})()[0] > {before[0]}")
    return page.evaluate(X_RANGE)


def test_zoom_survives_view_changes_and_resets_with_the_timeline(ui, site):
    path = site.folder / DEFAULT_TIMELINE.name
    open_view(ui, site, "?t=japan_defense_2017")
    wait_drawn(ui, expected(path))
    full, top = ui.evaluate(X_RANGE), ui.evaluate(f"{GD}._fullLayout.yaxis.range[0]")
    zoomed = drag_zoom(ui, 0.3, 0.5)
    assert zoomed[1] - zoomed[0] < 0.3 * (full[1] - full[0])
    pick(ui, "filter-lanes", "LDP and politics")
    wait_drawn(ui, expected(path, lanes=("ldp",)))
    assert ui.evaluate(X_RANGE) == zoomed
    assert ui.evaluate(f"{GD}._fullLayout.yaxis.range[0]") < top  # rows fit the filtered view
    ui.locator("#color-by label", has_text="Kind").click()
    ui.wait_for_function(f"{GD}._fullLayout.legend.title.text === '<b>Kinds</b>'")
    assert ui.evaluate(X_RANGE) == zoomed
    type_date(ui, "asof-date", "2019-01-01")
    wait_drawn(ui, expected(path, as_of=date(2019, 1, 1), lanes=("ldp",)))
    assert ui.evaluate(X_RANGE) == zoomed
    ui.hover("#gantt .nsewdrag")
    ui.click("#gantt .modebar-btn[data-title='Reset axes']")
    # plotly resets to the first range it drew or autoscales x, depending on its bookkeeping
    ui.wait_for_function(f"(([lo, hi]) => hi - lo > {zoomed[1] - zoomed[0]})(({X_RANGE})())")
    ui.click("#filter-reset")
    wait_drawn(ui, expected(path, as_of=date(2019, 1, 1)))
    # the whole figure of the 2019 view, at its own range (wider than 2017's: more is known)
    own = ui.evaluate(f"{GD}.layout.xaxis.range.map(v => new Date(v).getTime())")
    assert ui.evaluate(X_RANGE) == own and own[0] == full[0] and own[1] >= full[1]
    drag_zoom(ui, 0.3, 0.5)
    pick(ui, "timeline-picker", "japan_defense_programs.yaml")
    wait_drawn(ui, expected(site.folder / PROGRAMS_TIMELINE.name))
    lo, hi = ui.evaluate(X_RANGE)
    assert lo < full[0] and hi - lo > full[1] - full[0]  # the other timeline's whole span
    assert ui.console_errors == []


def test_slider_and_play_step_through_statement_dates(ui, site):
    open_view(ui, site, "?t=small&asof=2020-01-01")
    ui.focus("#asof-slider [role=slider]")
    ui.keyboard.press("End")
    ui.wait_for_function("location.search.includes('asof=2022-03-01')")
    ui.keyboard.press("Home")
    ui.wait_for_function("location.search.includes('asof=2019-05-01')")
    ui.click("#play")
    ui.wait_for_function("location.search.includes('asof=2020-01-01')")
    ui.wait_for_function("location.search.includes('asof=2022-03-01')")
    ui.wait_for_function("document.querySelector('#play').textContent.includes('Play')")


def test_clicking_an_item_shows_its_sources_and_related_items(ui, site):
    open_view(ui, site)
    x, y = ui.evaluate(POINT_OF, ["jmh-review-report", "markers"])
    ui.mouse.click(x, y)
    ui.wait_for_selector("#details .details-title")
    assert "Mainichi" in ui.inner_text("#details .details-title")
    assert "History and sources (1 statement)" in ui.text_content("#details")
    assert ui.locator("#details .citation a").count() >= 1
    assert "item=jmh-review-report" in ui.evaluate("location.search")
    ui.wait_for_function(
        "document.querySelector('#gantt .js-plotly-plot').layout.shapes"
        ".some(s => s.name === 'selected-item')"
    )
    ui.click("#details-close")
    ui.wait_for_function("!document.querySelector('#chart-row').className.includes('has-details')")


def test_table_row_selects_and_highlights_the_item(ui, site):
    open_view(ui, site, "?t=small&asof=2022-03-01")
    ui.locator(".ag-row[row-id='p1'] [col-id='title']").click()
    ui.wait_for_function("document.querySelector('#details')?.textContent.includes('First period')")
    assert "Update of 2022-03-01" in ui.inner_text("#details")
    ui.wait_for_function(
        "document.querySelector('#gantt .js-plotly-plot').layout.shapes"
        ".some(s => s.name === 'selected-item')"
    )
    ui.locator("#details .link-button", has_text="An event").click()
    ui.wait_for_function("location.search.includes('item=e1')")
    ui.wait_for_function(
        "document.querySelector('#details .details-title')?.textContent === 'An event'"
    )


def test_a_link_reopens_the_view(ui, site):
    query = "?t=small&asof=2022-03-01&base=2020-01-01&lane=a&color=status&item=p1"
    open_view(ui, site, query)
    wait_drawn(ui, ["p1"])
    assert ui.input_value("#asof-date") == "2022-03-01"
    assert "Lane A" in ui.inner_text("#filter-lanes")
    assert "First period" in ui.inner_text("#details")
    assert ui.input_value("#share-link").endswith(query)
    assert ui.evaluate("location.search") == query


def test_embed_page_is_the_chart_alone(ui, site):
    ui.goto(site.url + "/embed?t=small&lane=b")
    ui.wait_for_selector("#gantt .js-plotly-plot .main-svg")
    wait_drawn(ui, ["e1"])
    assert ui.locator("#timeline-picker").count() == 0
    drag_zoom(ui, 0.3, 0.6)  # the zoom callback has no chart store here: no error either
    ui.wait_for_timeout(300)
    assert ui.console_errors == []


DOWNLOADS = {
    "dl-html": ("small_as-of-2020-01-01.html", b"<!DOCTYPE html"),
    "dl-png": ("small_as-of-2020-01-01.png", b"\x89PNG"),
    "dl-svg": ("small_as-of-2020-01-01.svg", b"<svg"),
    "dl-csv": ("small_as-of-2020-01-01.csv", b"id,title,kind,lane,lane_label"),
    "dl-pptx": ("small_as-of-2020-01-01.pptx", b"PK"),
    "dl-xlsx": ("small_as-of-2020-01-01.xlsx", b"PK"),
    "dl-md": ("small_as-of-2020-01-01.md", b"# Small test timeline"),
    "dl-mermaid": ("small_as-of-2020-01-01.mmd", b"gantt"),
    "dl-timelinejs": ("small_as-of-2020-01-01.timeline.json", b'"events"'),
    "dl-yaml": ("small.yaml", GOOD.encode()[:40]),
}


def test_every_download(ui, site):
    open_view(ui, site, "?t=small")
    for button, (name, head) in DOWNLOADS.items():
        with ui.expect_download(timeout=60_000) as info:
            ui.click(f"#{button}")
        download = info.value
        assert download.suggested_filename == name
        data = Path(download.path()).read_bytes()
        assert head.lower() in data[:400].lower(), (button, data[:200])
    assert ui.console_errors == []


def upload(page, name: str, text: str) -> None:
    page.set_input_files(
        "#upload input[type=file]",
        files=[{"name": name, "mimeType": "application/x-yaml", "buffer": text.encode()}],
    )


def test_uploads_bad_then_good_and_hostile_text_stays_text(ui, site):
    open_view(ui, site, "?t=small")
    upload(ui, "bad.yaml", GOOD.replace("end: 2021", "end: 2021-H3"))
    ui.wait_for_selector("#upload-errors .problem")
    assert re.search(
        r"bad\.yaml:16:10: items\[p1\]\.end: .*2021-H3", ui.inner_text("#upload-errors")
    )
    expect(ui.locator("#timeline-title")).to_have_text("Small test timeline", timeout=WAIT_MS)
    hostile = GOOD.replace("title: Small test timeline", f'title: "{HOSTILE_TITLE}"').replace(
        "title: An event", "title: \"<script>alert('x')</script>\""
    )
    upload(ui, "mine.yaml", hostile)
    ui.wait_for_function(
        f"document.querySelector('#timeline-title').textContent === {HOSTILE_TITLE!r}"
    )
    assert "Opened mine.yaml" in ui.inner_text("#upload-errors")
    assert "(uploaded)" in ui.inner_text("#timeline-picker")
    assert ui.locator("#timeline-title img").count() == 0
    assert ui.locator("#gantt img, .ag-root img").count() == 0
    x, y = ui.evaluate(POINT_OF, ["e1", "markers"])
    ui.mouse.click(x, y)
    ui.wait_for_function("document.querySelector('#details')?.textContent.includes('<script>')")
    assert ui.locator("#details script").count() == 0
    assert ui.dialogs == []


def test_the_upload_opens_from_the_keyboard(ui, site):
    open_view(ui, site, "?t=small")
    # Record the file input's click instead of letting Playwright intercept the dialog: its
    # interception is switched on without waiting, so a key press can beat it and no chooser
    # event ever comes. A user activation is what lets a browser open a file dialog.
    ui.wait_for_selector("#upload input[type=file]", state="attached")  # a lazily loaded chunk
    ui.evaluate(
        """() => {
          window.fileDialogs = [];
          document.querySelector('#upload input[type=file]').addEventListener('click', e => {
            window.fileDialogs.push(navigator.userActivation.isActive);
            e.preventDefault();
          });
        }"""
    )
    assert ui.evaluate("document.querySelector('#upload button').tabIndex") == 0
    ui.focus("#upload button")
    ui.keyboard.press("Enter")
    ui.wait_for_function("window.fileDialogs.length > 0")
    assert ui.evaluate("window.fileDialogs") == [True]


def test_an_oversized_upload_is_refused_in_the_browser(ui, site):
    open_view(ui, site, "?t=small")
    sent = []
    ui.on("request", lambda r: '"contents"' in (r.post_data or "") and sent.append(r.post_data))
    upload(ui, "huge.yaml", "#" * 2_500_000)
    ui.wait_for_selector("#upload-errors .problems")
    assert ui.inner_text("#upload-errors") == (
        "huge.yaml: the file is 2.5 MB; the limit for an upload is 2 MB"
    )
    expect(ui.locator("#timeline-title")).to_have_text("Small test timeline", timeout=WAIT_MS)
    # a file within the limit is sent next; had the big one gone out, it would have gone first
    upload(ui, "after.yaml", GOOD.replace("Small test timeline", "Sent after"))
    ui.wait_for_function("document.querySelector('#timeline-title').textContent === 'Sent after'")
    assert len(sent) == 1
    assert "after.yaml" in sent[0] and "huge.yaml" not in sent[0]


def test_live_reload_shows_saves_and_keeps_the_last_good_view(ui, site, tmp_path):
    path = site.folder / "small.yaml"
    open_view(ui, site, "?t=small")
    try:
        path.write_text(GOOD.replace("Small test timeline", "Renamed on disk"), encoding="utf-8")
        ui.wait_for_function(
            "document.querySelector('#timeline-title').textContent === 'Renamed on disk'"
        )
        path.write_text(GOOD.replace("status: completed", "status: rumoured"), encoding="utf-8")
        ui.wait_for_selector("#file-errors .problem")
        assert "small.yaml:" in ui.inner_text("#file-errors")
        assert "rumoured" in ui.inner_text("#file-errors")
        assert ui.inner_text("#timeline-title") == "Renamed on disk"
        wait_drawn(ui, ["e1", "p1"])
    finally:
        path.write_text(GOOD, encoding="utf-8")
    ui.wait_for_function("document.querySelector('#file-errors').textContent === ''")


def test_an_upload_kept_in_the_tab_that_cannot_be_used_is_named(ui, site):
    open_view(ui, site, "?t=small")
    forged = {"upload-" + "0" * 64: {"name": "<i>old</i>.yaml", "text": GOOD}}
    ui.evaluate("s => sessionStorage.setItem('uploads', s)", json.dumps(forged))
    ui.reload()
    ui.wait_for_function(
        "document.querySelector('#upload-errors')?.textContent.includes('could not be opened')"
    )
    notice = ui.inner_text("#upload-errors")
    assert "An upload kept in this tab could not be opened and is left out:" in notice
    assert "<i>old</i>.yaml: its key does not match its text" in notice
    assert ui.locator("#upload-errors i").count() == 0
    upload(ui, "mine.yaml", GOOD)
    ui.wait_for_function(
        "document.querySelector('#upload-errors').textContent.includes('Opened mine.yaml')"
    )
