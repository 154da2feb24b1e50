"""The dashboard of issue 11 in real headless Chromium: links that name one timeline (or say
"not found"), uploads that open from their link in another browser, the zoom in the link and in
the downloads, keyboard use and the axe-core audit, the table's date columns, the date window, the
details panel at 1280x720 and the chart's text alternative."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from benchmarks.generate import generate
from tests.dashboard_support import GOOD
from tests.data import DEFAULT_TIMELINE
from tests.server import BackgroundServer

pytestmark = pytest.mark.browser

GD = "document.querySelector('#gantt .js-plotly-plot')"
X_RANGE = f"() => {GD}._fullLayout.xaxis.range.map(v => new Date(v).getTime())"
MINE = GOOD.replace("Small test timeline", "My uploaded plan")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The real app over the bundled timeline and a small file, keeping uploads in a store."""
    folder = tmp_path_factory.mktemp("served")
    shutil.copy(DEFAULT_TIMELINE, folder / DEFAULT_TIMELINE.name)
    (folder / "small.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "tall.yaml").write_text(generate(150), encoding="utf-8")
    (folder / "large.yaml").write_text(generate(2100), encoding="utf-8")  # chart.lod's overview
    store = tmp_path_factory.mktemp("kept")
    with BackgroundServer([folder], store=store) as server:
        server.folder, server.store = folder, store
        yield server


def open_view(page, site, query: str = "") -> None:
    """Load a view and wait until the chart and the count show it."""
    page.goto(site.url + "/" + query)
    page.wait_for_function("document.querySelector('#item-count')?.textContent.startsWith('Show')")
    page.wait_for_selector("#gantt .js-plotly-plot .main-svg")


def drag_zoom(page, start: float, stop: float) -> None:
    """Zoom the x axis with a level mouse drag across fractions of the plot's width."""
    left, top, width, height = page.evaluate(
        f"() => {{ const r = {GD}.querySelector('.nsewdrag').getBoundingClientRect();"
        " return [r.left, r.top, r.width, r.height]; }"
    )
    y = top + min(height / 2, 120)  # within the window, even for a tall chart
    page.mouse.move(left + start * width, y)
    page.mouse.down()
    page.mouse.move(left + (start + stop) / 2 * width, y + 2, steps=5)
    page.mouse.move(left + stop * width, y + 2, steps=5)
    page.mouse.up()


def test_unknown_keys_say_not_found(page, site):
    page.goto(site.url + "/?t=nonexistent&asof=2017-02-19")
    page.wait_for_selector(".not-found h1")
    assert page.inner_text(".not-found h1") == "Timeline not found"
    assert "nonexistent" in page.inner_text(".not-found")
    assert page.locator("#gantt").count() == 0
    response = page.goto(site.url + "/embed?t=nonexistent")
    assert response.status == 404
    assert page.inner_text("h1") == "Timeline not found"
    assert page.evaluate("document.documentElement.lang") == "en"


def test_an_upload_link_opens_in_another_browser(page, browser, site):
    open_view(page, site, "?t=small")
    assert "Uploading keeps a copy on this server" in page.inner_text(".control-panel")
    page.set_input_files(
        "#upload input[type=file]",
        files=[{"name": "mine.yaml", "mimeType": "application/x-yaml", "buffer": MINE.encode()}],
    )
    page.wait_for_function(
        "document.querySelector('#timeline-title').textContent === 'My uploaded plan'"
    )
    assert "A copy is kept on this server" in page.inner_text("#upload-errors")
    page.wait_for_function("document.querySelector('#share-link').value.includes('t=upload-')")
    link = page.input_value("#share-link")
    other = browser.new_context()  # another browser: no session storage, no cookies
    try:
        there = other.new_page()
        there.goto(link)
        there.wait_for_function(
            "document.querySelector('#timeline-title')?.textContent === 'My uploaded plan'"
        )
        there.wait_for_selector("#gantt .js-plotly-plot .main-svg")
        assert "(uploaded)" in there.inner_text("#timeline-picker")
        embed = link.replace(site.url + "/", site.url + "/embed")
        assert there.goto(embed).status == 200
        there.wait_for_selector("#gantt .js-plotly-plot .main-svg")
    finally:
        other.close()


def test_the_zoom_is_in_the_link_and_in_the_downloads(page, browser, site):
    open_view(page, site, "?t=japan_defense_2017")
    drag_zoom(page, 0.55, 0.8)
    page.wait_for_function("location.search.includes('xfrom=') && location.search.includes('xto=')")
    lo, hi = page.evaluate(X_RANGE)
    search = page.evaluate("location.search")
    x_from = re.search(r"xfrom=([\d-]+)", search).group(1)
    x_to = re.search(r"xto=([\d-]+)", search).group(1)
    assert date.fromisoformat(x_from).year >= 2000  # a real zoom, not the whole span
    assert page.input_value("#share-link").endswith(search)
    with page.expect_download(timeout=60_000) as info:
        page.click("#dl-svg")
    download = info.value
    assert download.suggested_filename == (
        f"japan_defense_2017_as-of-2017-02-19_zoom-{x_from}-to-{x_to}.svg"
    )
    svg = Path(download.path()).read_text(encoding="utf-8")
    ticks = re.findall(r'class="xtick"><text[^>]*>([^<]*)</text>', svg)
    years = {int(re.search(r"\d{4}", t).group()) for t in ticks}
    assert years and min(years) >= date.fromisoformat(x_from).year
    assert max(years) <= date.fromisoformat(x_to).year + 1
    # the link opens at the same range in another browser
    other = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        there = other.new_page()
        open_view(there, site, search)
        there_lo, there_hi = there.evaluate(X_RANGE)
        day = 86_400_000
        assert there_lo <= lo < there_lo + day and there_hi - 2 * day <= hi <= there_hi
    finally:
        other.close()


# ---------- accessibility ----------

AXE_SERIOUS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}"""


def axe_violations(page) -> list[str]:
    """The serious and critical violations axe-core finds on the page as it is."""
    from tests.clients import NODE_MODULES

    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    return page.evaluate(AXE_SERIOUS)


@pytest.mark.parametrize(
    "query", ["/?t=japan_defense_2017", "/?t=small&asof=2022-03-01&item=p1&lane=a&q=period"]
)
def test_axe_finds_nothing_serious_on_the_dashboard(page, site, query):
    open_view(page, site, query.lstrip("/"))
    page.wait_for_selector(".ag-row")
    page.wait_for_timeout(300)  # the names are given on the next animation frame
    assert page.evaluate("document.documentElement.lang") == "en"
    assert axe_violations(page) == []


def test_axe_finds_nothing_serious_on_embed_and_not_found(page, site):
    page.goto(site.url + "/embed?t=small&lane=b")
    page.wait_for_selector("#gantt .js-plotly-plot .main-svg")
    assert axe_violations(page) == []
    page.goto(site.url + "/embed?t=nonexistent")
    assert axe_violations(page) == []


FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.closest('.dash-dropdown-wrapper')?.querySelector('.dash-dropdown') || el;
  const shown = getComputedStyle(box);
  return {id: el.id, tag: el.tagName, role: el.getAttribute('role'),
          name: el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent,
          group: el.closest('[role=radiogroup], [role=group]')?.getAttribute('aria-label'),
          outline: [style.outlineStyle, shown.outlineStyle].includes('solid')};
}"""


def test_every_control_is_reached_by_tab_with_a_name_and_a_visible_focus(page, site):
    open_view(page, site, "?t=small")
    page.wait_for_timeout(300)
    page.focus("#share-link")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if info["id"] == "items-table" or "ag-" in (info["id"] or ""):
            break
        seen.append(info)
    names = [s["name"].strip() for s in seen]
    assert all(names), seen
    assert all(s["outline"] for s in seen), [s for s in seen if not s["outline"]]
    tags = [s["tag"] for s in seen]
    assert "Copy link" in names and tags[names.index("Copy link")] == "BUTTON"
    for wanted in ("Timeline file", "Search"):
        assert any(wanted in n for n in names), (wanted, names)
    groups = {s["group"] for s in seen if s["tag"] == "INPUT" and s["group"]}
    assert {"Colour by", "Rows", "Overlays"} <= groups, groups
    assert any(s["name"].strip().startswith("Axis") for s in seen), names  # a named dropdown
    assert any(s["role"] == "slider" for s in seen)
    page.focus("#asof-slider [role=slider]")
    page.keyboard.press("End")
    page.wait_for_function("location.search.includes('asof=2022-03-01')")
    page.wait_for_function(
        "document.querySelector('#asof-slider [role=slider]')"
        ".getAttribute('aria-valuetext') === '2022-03-01'"
    )


def test_controls_work_from_the_keyboard(page, site):
    open_view(page, site, "?t=small&asof=2022-03-01")
    page.wait_for_timeout(300)
    # a dropdown: Tab to it, open it with the arrow key, choose with Enter
    page.focus("#filter-search")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-lanes"
    page.keyboard.press("ArrowDown")
    page.wait_for_selector(".dash-dropdown-options [role=option]")
    page.wait_for_function("document.activeElement.classList.contains('dash-dropdown-search')")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("document.activeElement.value === 'a'")  # the first lane's box
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("location.search.includes('lane=a')")
    # a radio group: arrow keys move the choice
    page.locator("#color-by input[type=radio]").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("location.search.includes('color=kind')")
    # the copy button copies the link and says so
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.focus("#copy-link")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#copy-link-status').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == page.input_value("#share-link")


# ---------- dates, table, details, text alternative ----------


def test_a_typed_date_commits_on_leaving_the_field_and_enter_closes_the_calendar(page, site):
    open_view(page, site, "?t=japan_defense_2017")
    page.fill("#filter-window-start", "2018-01-01")
    page.click("#timeline-title")  # leave the field with the mouse: no Enter, no Tab
    page.wait_for_function("location.search.includes('from=2018-01-01')")
    page.fill("#asof-date", "2017-02-18")
    page.keyboard.press("Enter")
    page.wait_for_function("location.search.includes('asof=2017-02-18')")
    page.wait_for_timeout(300)
    assert page.locator(".dash-datepicker-content").count() == 0  # the calendar is closed
    box = page.locator("#asof-latest").bounding_box()
    top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('button')?.id",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert top == "asof-latest"


def test_the_table_sorts_real_dates_chronologically(page, site):
    open_view(page, site, "?t=japan_defense_2017")
    page.wait_for_selector(".ag-header-cell[col-id='start']")
    assert page.inner_text(".ag-header-cell[col-id='dates_text']").strip() == "Dates as written"
    page.click(".ag-header-cell[col-id='start'] .ag-header-cell-label")
    page.wait_for_selector(".ag-header-cell[col-id='start'][aria-sort='ascending']")
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.ag-center-cols-container .ag-row')]
             .sort((a, b) => a.getAttribute('row-index') - b.getAttribute('row-index'))
             .map(r => [r.querySelector("[col-id='start']").textContent,
                        r.querySelector("[col-id='dates_text']").textContent])"""
    )
    starts = [s for s, _ in rows]
    assert starts == sorted(starts) and len(starts) > 10
    written = [w for _, w in rows]
    assert written.index("FY2014 – FY2018") < written.index("2017-02-03")  # 2014-04-01 first


def test_at_1280x720_the_details_never_hide_the_chart_or_its_view_date_line(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        open_view(page, site, "?t=japan_defense_2017&item=ndpg-2013")
        page.wait_for_selector("#details .details-title")
        page.wait_for_timeout(500)  # the chart resizes to its narrower column
        details = page.locator(".details-card").bounding_box()
        plot = page.locator("#gantt .nsewdrag").bounding_box()
        assert (
            plot["x"] + plot["width"] <= details["x"] or plot["y"] + plot["height"] <= details["y"]
        )
        line = page.evaluate(
            f"""() => {{ const gd = {GD}; const xa = gd._fullLayout.xaxis;
                const s = gd._fullLayout.shapes.find(s => s.name === 'view date');
                return gd.getBoundingClientRect().left + xa._offset + xa.d2p(s.x0); }}"""
        )
        assert plot["x"] <= line <= plot["x"] + plot["width"] and line < details["x"]
    finally:
        context.close()


def test_the_chart_has_a_text_alternative(page, site):
    open_view(page, site, "?t=small&asof=2022-03-01")
    page.wait_for_function("document.querySelector('#chart-summary').textContent.length > 0")
    summary = page.inner_text("#chart-summary")
    assert summary.startswith("Small test timeline, as known on 2022-03-01: 3 items")
    assert "items table below" in summary
    described = page.get_attribute(".chart-card", "aria-describedby")
    assert described == "chart-summary"


def test_axe_finds_nothing_serious_on_the_html_export(page, static_site):
    from defense_timeline.output.render import export
    from defense_timeline.timeline.loader import load
    from defense_timeline.view.options import Filters, ViewOptions

    view = ViewOptions(filters=Filters(lanes=("ldp",)))
    export(load(DEFAULT_TIMELINE), static_site.folder / "export.html", view=view)
    page.goto(static_site.url + "/export.html")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert axe_violations(page) == []


def test_a_tall_chart_has_its_time_axis_at_the_top_too_and_keeps_the_zoom_on_both(page, site):
    open_view(page, site, "?t=tall")
    page.wait_for_function(f"!!{GD}._fullLayout.xaxis2")
    chart = page.locator("#gantt").bounding_box()
    top_ticks = page.evaluate(
        "() => [...document.querySelectorAll('#gantt .x2tick text')]"
        ".map(t => t.getBoundingClientRect().top)"
    )
    assert top_ticks and max(top_ticks) < chart["y"] + 200  # readable without scrolling down
    drag_zoom(page, 0.55, 0.8)
    page.wait_for_function("location.search.includes('xfrom=')")
    zoomed = page.evaluate(X_RANGE)
    page.locator("#color-by label", has_text="Kind").click()
    page.wait_for_function(f"{GD}._fullLayout.legend.title.text === '<b>Kinds</b>'")
    assert page.evaluate(X_RANGE) == zoomed
    top = f"() => {GD}._fullLayout.xaxis2.range.map(v => new Date(v).getTime())"
    assert page.evaluate(top) == zoomed


def test_embed_lays_the_chart_out_for_the_iframes_width(browser, site):
    from defense_timeline.chart.figure import build_chart
    from defense_timeline.timeline.loader import load
    from defense_timeline.view.options import ViewOptions

    texts = "() => [].concat(...{GD}.data.map(t => Array.isArray(t.text) ? t.text : []))"
    expected = build_chart(load(DEFAULT_TIMELINE), ViewOptions(show_title=False), 640).figure
    wanted = sorted(
        str(x)
        for t in expected.data
        if t.text is not None and not isinstance(t.text, str)
        for x in t.text
    )
    context = browser.new_context(viewport={"width": 700, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.url + "/embed?t=japan_defense_2017")
        page.wait_for_selector("#gantt .js-plotly-plot .main-svg")
        script = texts.replace("{GD}", GD)
        for _ in range(60):  # the chart is laid out again once the width is measured
            if sorted(map(str, page.evaluate(script))) == wanted:
                break
            page.wait_for_timeout(500)
        assert sorted(map(str, page.evaluate(script))) == wanted
    finally:
        context.close()


# The chart's path layer (assets/path_layer.js): the inked pixels of its canvas, how many shapes
# on the x axis plotly.js still draws, the axis range and the canvas's transform.
CANVAS = f"""() => {{
  const gd = {GD}, c = gd.querySelector('.path-layer canvas');
  if (!c || gd.dataset.paths !== 'drawn') return null;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let inked = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) inked++;
  return {{inked, plotly: gd._fullLayout.shapes.filter(s => s.xref === 'x').length,
    range: gd._fullLayout.xaxis.range.slice(), transform: c.style.transform}};
}}"""


def test_a_large_chart_pans_and_hides_lanes_on_its_canvas(page, site):
    open_view(page, site, "?t=large")
    page.wait_for_function(f"() => ({CANVAS})() !== null")
    page.wait_for_load_state("networkidle")  # the chart laid out for the width it is drawn at
    before = page.evaluate(CANVAS)
    assert before["inked"] > 10_000 and before["plotly"] == 0  # the canvas draws every mark
    box = page.locator("#gantt .nsewdrag").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + 100
    page.mouse.move(x, y)  # and the drag at once (assets/resize_guard.js)
    page.keyboard.down("Shift")  # the drag mode is zoom: shift pans
    page.mouse.down()
    page.mouse.move(x + 150, y, steps=6)
    moving = page.evaluate(CANVAS)
    page.mouse.up()
    page.keyboard.up("Shift")
    assert moving["transform"].startswith("translate(")  # moved, not redrawn, while dragging
    page.wait_for_function("location.search.includes('xfrom=')")  # the server kept the pan
    moved = f"s.transform === '' && s.range[0] !== {before['range'][0]!r}"
    page.wait_for_function(f"() => {{ const s = ({CANVAS})(); return !!s && {moved}; }}")
    page.wait_for_timeout(500)  # the server's answer to the pan has been drawn too
    assert page.evaluate(CANVAS)["range"] != before["range"]
    inked = page.evaluate(CANVAS)["inked"]
    page.locator("#gantt g.legend .traces").first.click()
    page.wait_for_function(f"() => (({CANVAS})() || {{}}).inked < {inked}")
    # a small chart after it: plotly.js draws its shapes again, the canvas is left empty
    page.click("#timeline-picker")
    page.locator(".dash-dropdown-options [role=option]", has_text="Japan").first.click()
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => (({CANVAS})() || {{}}).inked === 0")
    assert page.evaluate(f"() => {GD}.querySelectorAll('.shapelayer path').length") > 10
    assert page.console_errors == []


@pytest.mark.parametrize("name", ["japan_defense_2017", "large"])
def test_a_drag_begun_as_the_chart_is_resized_still_pans(page, site, name):
    """dcc.Graph resizes its chart after each figure; plotly.js lays it out 100 ms later. Falling
    between the press and the first move, that dropped the drag (assets/resize_guard.js)."""
    open_view(page, site, f"?t={name}")
    page.wait_for_load_state("networkidle")
    before = page.evaluate(X_RANGE)
    box = page.locator("#gantt .nsewdrag").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + 100
    page.mouse.move(x, y)
    page.evaluate(f"() => {{ Plotly.Plots.resize({GD}); }}")  # as dcc.Graph does
    page.wait_for_timeout(60)
    page.keyboard.down("Shift")  # the drag mode is zoom: shift pans
    page.mouse.down()
    page.wait_for_timeout(150)  # the resize's moment: after the press, before the first move
    page.mouse.move(x + 150, y, steps=6)
    page.mouse.up()
    page.keyboard.up("Shift")
    page.wait_for_function("location.search.includes('xfrom=')")
    after = page.evaluate(X_RANGE)
    shift = (before[1] - before[0]) * 150 / box["width"]  # 150 px of the plot's width
    assert after[0] == pytest.approx(before[0] - shift, rel=0, abs=shift * 0.1)
    assert after[1] - after[0] == pytest.approx(before[1] - before[0], rel=1e-6)
    page.wait_for_function(f"() => !{GD}._resolveResize")  # the resize put off, then done
    assert page.evaluate(X_RANGE) == after
    assert page.console_errors == []
