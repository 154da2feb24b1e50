"""Server-side dashboard logic: URL state, callbacks' computations, uploads, reload, downloads."""

from __future__ import annotations

import base64
import json
import shutil
import time
from datetime import date

import pytest
from conftest import DEFAULT_TIMELINE, PROGRAMS_TIMELINE
from dash import html

from app.dashboard import callbacks, control_callbacks, create_app, ids, io_callbacks
from app.dashboard.controls import FIRST_PLANNED, slider_index, slider_marks
from app.dashboard.details import describe_slip, details_panel, spec_text
from app.dashboard.served import UPLOAD_LIMIT, ServedFiles, decode_upload, resolve
from app.dashboard.state import PageState, from_query, to_query, with_item, without_item
from app.dates import parse_date
from app.errors import InvalidTimeline
from app.options import Filters, ViewOptions

GOOD = """\
title: Small test timeline
as_of: 2020-01-01
sources:
  - {id: s1, title: A report, url: "https://example.org/r", date: 2019-05-01}
  - {id: s2, title: Local note}
lanes:
  - {id: a, label: Lane A}
  - {id: b, label: Lane B}
items:
  - id: p1
    title: First period
    kind: period
    lane: a
    status: planned
    start: 2019-06
    end: 2021
    tags: [alpha]
    sources: [{id: s1, quote: "It will run to 2021."}]
    updates:
      - {as_of: 2022-03-01, end: 2023-06, status: approved, sources: [s2]}
  - id: e1
    title: An event
    kind: event
    lane: b
    status: completed
    date: 2019-09-15
    depends_on: [p1]
    sources: [s1]
  - id: late
    title: Reported later
    kind: milestone
    lane: b
    status: planned
    date: 2024-01
    reported: 2022-03-01
    sources: [s2]
"""


def _walk(component):
    """Every component in a layout tree."""
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            yield from _walk(child)
    elif children is not None and hasattr(children, "to_plotly_json"):
        yield from _walk(children)


def find(tree, cid):
    """The component with this id in a layout tree."""
    for c in _walk(tree):
        if getattr(c, "id", None) == cid:
            return c
    raise KeyError(cid)


def texts(tree) -> str:
    """All text of a layout tree, joined."""
    out = []
    for c in _walk(tree):
        if isinstance(c, str):
            out.append(c)
        kids = getattr(c, "children", None)
        if isinstance(kids, str):
            out.append(kids)
        elif isinstance(kids, list | tuple):
            out += [k for k in kids if isinstance(k, str)]
    return " ".join(out)


@pytest.fixture()
def folder(tmp_path):
    """A served folder with the bundled timeline and a small one."""
    shutil.copy(DEFAULT_TIMELINE, tmp_path / DEFAULT_TIMELINE.name)
    (tmp_path / "small.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.fixture()
def served(folder):
    return ServedFiles([folder], first=folder / DEFAULT_TIMELINE.name)


def query(**kw) -> str:
    return to_query(PageState(timeline=kw.pop("t", "small"), view=ViewOptions(**kw)))


# ---------- URL state ----------

STATES = [
    PageState(),
    PageState(timeline="japan_defense_2017"),
    PageState(
        timeline="small",
        item="p1",
        view=ViewOptions(
            as_of=date(2026, 1, 1),
            baseline=date(2017, 2, 19),
            color_by="status",
            fiscal_axis=True,
            layout="rows",
            show_baseline=False,
            show_links=False,
            filters=Filters(
                lanes=("a", "b&c"),
                kinds=("event", "period"),
                statuses=("in force", "planned"),
                tags=("x,y", "ünï"),
                window_start=date(2015, 1, 1),
                window_end=date(2030, 12, 31),
                search="5 years & more? #",
            ),
        ),
    ),
]


@pytest.mark.parametrize("state", STATES)
def test_query_round_trips(state):
    assert from_query(to_query(state)) == state


def test_query_leaves_defaults_out_and_ignores_garbage():
    assert to_query(PageState()) == ""
    assert to_query(PageState(timeline="t", view=ViewOptions(as_of=date(2020, 1, 2)))) == (
        "?t=t&asof=2020-01-02"
    )
    junk = from_query("?asof=2020-13-40&kind=bogus&kind=event&color=pink&layout=x&axis=no&zzz=1")
    assert junk.view.as_of is None
    assert junk.view.filters.kinds == ("event",)
    assert junk.view.color_by == "lane" and junk.view.layout == "packed"
    assert junk.view.fiscal_axis is False
    assert from_query("?q=" + "x" * 5000).view.filters.search == "x" * 200


def test_item_is_kept_out_of_the_view_query():
    q = query(as_of=date(2020, 1, 1))
    assert with_item(q, "p1") == q + "&item=p1"
    assert without_item(with_item(q, "p1")) == q


def test_controls_collect_into_the_url():
    state = control_callbacks.collect_state(
        "small",
        "2021-05-05",
        "2020-01-01",
        ["a"],
        ["period"],
        ["planned"],
        ["alpha"],
        " run ",
        "2019-01-01",
        None,
        "kind",
        "fiscal",
        "rows",
        ["links"],
        "p1",
    )
    assert to_query(state) == (
        "?t=small&asof=2021-05-05&base=2020-01-01&lane=a&kind=period&status=planned&tag=alpha"
        "&q=run&from=2019-01-01&color=kind&axis=fiscal&layout=rows&ghosts=0&item=p1"
    )
    first = control_callbacks.collect_state(
        "small",
        None,
        FIRST_PLANNED,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    )
    assert first.view.baseline is None and first.view.show_baseline is False
    assert control_callbacks.share_link("http://h:1/?old=1#x", "?t=a") == "http://h:1/?t=a"


# ---------- time travel controls ----------


def test_slider_marks_and_index():
    days = [date(2013, 12, 17), date(2017, 2, 18), date(2017, 2, 19), date(2018, 12, 18)]
    assert slider_marks(days) == {0: {"label": "2013"}, 1: {"label": "2017"}, 3: {"label": "2018"}}
    assert slider_index(days, date(2017, 2, 19)) == 2
    assert slider_index(days, date(2017, 3, 1)) == 2
    assert slider_index(days, date(2000, 1, 1)) == 0
    many = [date(y, 1, 1) for y in range(2000, 2030)]
    assert len(slider_marks(many)) <= 8


def test_time_controls_step_through_statement_dates(served):
    timeline = served.load("small").timeline
    days = list(timeline.statement_dates())
    assert days == [date(2019, 5, 1), date(2020, 1, 1), date(2022, 3, 1)]
    step = control_callbacks.step_as_of
    assert step(days, date(2020, 1, 1), ids.AS_OF_SLIDER, 2, timeline) == (
        2,
        date(2022, 3, 1),
        True,
    )
    assert step(days, date(2019, 6, 1), ids.AS_OF, None, timeline) == (0, date(2019, 6, 1), True)
    assert step(days, date(2019, 6, 1), ids.FILE_DATE, None, timeline)[1] == date(2020, 1, 1)
    assert step(days, date(2019, 5, 1), ids.PLAY_TIMER, 0, timeline) == (1, date(2020, 1, 1), True)
    assert step(days, date(2020, 1, 1), ids.PLAY_TIMER, 1, timeline) == (2, date(2022, 3, 1), False)
    assert control_callbacks.latest_day(days, today=date(2026, 11, 25)) == date(2026, 11, 25)
    assert control_callbacks.latest_day(days, today=date(2021, 1, 1)) == date(2022, 3, 1)


# ---------- pages and the main view ----------


def test_page_sets_every_control_from_the_url(served):
    q = query(
        as_of=date(2022, 6, 1),
        baseline=date(2020, 1, 1),
        color_by="status",
        layout="rows",
        show_links=False,
        filters=Filters(
            lanes=("b",),
            kinds=("event",),
            tags=("alpha",),
            search="ev",
            window_start=date(2019, 1, 1),
        ),
    )
    page = callbacks.render_page(served, "/", with_item(q, "e1"), None)
    assert find(page, ids.TIMELINE).value == "small"
    assert [o["value"] for o in find(page, ids.TIMELINE).options] == ["japan_defense_2017", "small"]
    assert find(page, ids.AS_OF).date == "2022-06-01"
    assert find(page, ids.AS_OF_SLIDER).value == 2
    assert find(page, ids.BASELINE).value == "2020-01-01"
    assert find(page, ids.LANES).value == ["b"]
    assert [o["value"] for o in find(page, ids.LANES).options] == ["a", "b"]
    assert find(page, ids.KINDS).value == ["event"]
    assert find(page, ids.TAGS).value == ["alpha"]
    assert find(page, ids.SEARCH).value == "ev"
    assert find(page, ids.WINDOW).start_date == "2019-01-01"
    assert find(page, ids.COLOR_BY).value == "status"
    assert find(page, ids.LAYOUT).value == "rows"
    assert find(page, ids.OVERLAYS).value == ["ghosts"]
    assert find(page, ids.SELECTED).data == "e1"
    assert "has-details" in find(page, ids.CHART_ROW).className


def test_unknown_timeline_falls_back_to_the_first_served_file(served):
    page = callbacks.render_page(served, "/", "?t=nope", None)
    assert find(page, ids.TIMELINE).value == "japan_defense_2017"


def view_outputs(served, q, uploads=None, selected=None) -> tuple:
    """Everything the chart and the table callbacks return for a view."""
    fig, title, desc, meta, sources, errors = callbacks.chart_outputs(served, q, uploads, selected)
    rows, count = callbacks.table_outputs(served, q, uploads)
    return fig, rows, title, desc, meta, sources, errors, count


def test_view_draws_filters_and_travels_in_time(served):
    fig, rows, title, desc, meta, sources, errors, count = view_outputs(served, query())
    assert title == "Small test timeline"
    assert [r["id"] for r in rows] == ["p1", "e1"]  # "late" is not reported on 2020-01-01
    drawn = {c[0] for t in fig.data if t.customdata is not None for c in t.customdata}
    assert {"p1", "e1"} <= drawn and "late" not in drawn
    assert count == "Showing 2 of 2 items known on 2020-01-01 (1 reported later)"
    assert errors == ""
    rows = view_outputs(served, query(filters=Filters(lanes=("b",))))[1]
    assert [r["id"] for r in rows] == ["e1"]
    rows = view_outputs(served, query(filters=Filters(search="FIRST")))[1]
    assert [r["id"] for r in rows] == ["p1"]
    later = view_outputs(served, query(as_of=date(2022, 3, 1)))[1]
    assert {r["id"]: r["status"] for r in later} == {
        "p1": "approved",
        "e1": "completed",
        "late": "planned",
    }
    assert {r["id"]: r["revised"] for r in later}["p1"] == "yes"


def test_selected_item_is_outlined_in_the_chart(served):
    fig = view_outputs(served, query(), selected="e1")[0]
    (shape,) = [s for s in fig["layout"]["shapes"] if s.get("name") == "selected-item"]
    assert shape["xanchor"].startswith("2019-09-15") and shape["x1"] - shape["x0"] == 22
    bar = view_outputs(served, query(), selected="p1")[0]
    (shape,) = [s for s in bar["layout"]["shapes"] if s.get("name") == "selected-item"]
    assert shape["x0"].startswith("2019-06-01") and shape["x1"].startswith("2022-01-01")
    assert callbacks.chart_outputs(served, query(), None, "nope")[0].layout.shapes == (
        callbacks.chart_outputs(served, query(), None, None)[0].layout.shapes
    )


def test_sources_list_links_only_web_urls(served):
    sources = view_outputs(served, query())[5]
    links = [c for c in _walk(sources) if isinstance(c, html.A)]
    assert [a.href for a in links] == ["https://example.org/r"]
    assert "Local note" in texts(sources)


def test_selection_comes_from_chart_table_and_related_buttons():
    sel = callbacks.selection_from
    assert sel(ids.GRAPH, {"points": [{"customdata": ["p1", "x"]}]}, None) == "p1"
    assert sel(ids.TABLE, None, [{"id": "e1", "title": "t"}]) == "e1"
    assert sel({"type": ids.GOTO, "item": "late"}, None, None) == "late"
    assert sel(ids.GRAPH, {"points": [{"x": 1}]}, None) is None


def test_details_show_plan_against_outcome_history_and_sources(served):
    timeline = served.load("small").timeline
    view = ViewOptions(as_of=date(2022, 3, 1))
    panel = html.Div(details_panel(timeline, "p1", view))
    text = texts(panel)
    assert "First period" in text
    assert "2019-06 (2019-06-01 – 2019-06-30) → 2023-06 (2023-06-01 – 2023-06-30)" in text
    assert "1.5 years later" in text
    assert "It will run to 2021." in text
    assert "Update of 2022-03-01" in text
    assert [a.href for a in _walk(panel) if isinstance(a, html.A)] == ["https://example.org/r"]
    related = [b for b in _walk(panel) if isinstance(b, html.Button)]
    assert [b.id for b in related] == [{"type": ids.GOTO, "item": "e1"}]
    early = texts(html.Div(details_panel(timeline, "p1", ViewOptions(as_of=date(2020, 1, 1)))))
    assert "after the view date" in early and "on plan" in early


def test_date_and_slip_wording():
    assert spec_text(parse_date("2018-H2?")) == "2018-H2? (2018-07-01 – 2018-12-31)"
    assert spec_text(parse_date("2018-12-18")) == "2018-12-18"
    assert spec_text(None) == "open-ended"
    assert describe_slip(0) == "on plan"
    assert describe_slip(-3) == "3 days earlier"
    assert describe_slip(92) == "3 months later"
    assert describe_slip(800) == "2.2 years later"


def test_embed_page_is_the_chart_alone(served):
    page = callbacks.render_page(served, "/embed", query(), None)
    graph = find(page, ids.GRAPH)
    assert len(graph.figure.data) > 0
    with pytest.raises(KeyError):
        find(page, ids.TIMELINE)


# ---------- uploads ----------


def data_url(text: str | bytes) -> str:
    raw = text.encode() if isinstance(text, str) else text
    return "data:application/x-yaml;base64," + base64.b64encode(raw).decode()


def test_valid_upload_is_added_to_this_browsers_picker(served):
    store, message, options, key = io_callbacks.receive_upload(
        served, data_url(GOOD), "mine.yaml", None
    )
    assert key.startswith("upload-") and store[key] == {"name": "mine.yaml", "text": GOOD}
    assert "Opened mine.yaml" in texts(message)
    assert options[-1] == {"value": key, "label": "Small test timeline — mine.yaml (uploaded)"}
    loaded = resolve(served, key, store)
    assert loaded.timeline.title == "Small test timeline" and loaded.text == GOOD
    assert resolve(served, key, None).key == "japan_defense_2017"  # another browser


def test_invalid_upload_shows_located_errors_and_changes_nothing(served):
    bad = GOOD.replace("end: 2021", "end: 2021-H3")
    store, message, options, key = io_callbacks.receive_upload(
        served, data_url(bad), "bad.yaml", {"x": 1}
    )
    assert store is io_callbacks.no_update and key is io_callbacks.no_update
    text = texts(message)
    assert "bad.yaml was not opened" in text
    assert "bad.yaml:16:10: items[p1].end" in text and "2021-H3" in text


def test_upload_size_limit_and_garbage():
    big = "#" * (UPLOAD_LIMIT + 10)
    with pytest.raises(InvalidTimeline, match="the limit for an upload is 2 MB"):
        decode_upload(data_url(big), "big.yaml")
    with pytest.raises(InvalidTimeline, match="could not be read"):
        decode_upload("data:x;base64,@@@", "x.yaml")


def test_upload_store_drops_oldest_past_budget(monkeypatch):
    monkeypatch.setattr(io_callbacks, "UPLOAD_STORE_CHARS", 10)
    store, _ = io_callbacks.add_upload(None, "a", "aaaaaaa")
    store, key = io_callbacks.add_upload(store, "b", "bbbbbbb")
    assert list(store) == [key]


# ---------- live reload ----------


def test_saved_errors_keep_the_last_good_version(folder, served):
    path = folder / "small.yaml"
    first = served.load("small")
    assert first.problems == () and first.stamp == served.stamp("small")
    time.sleep(0.01)
    path.write_text(GOOD.replace("status: completed", "status: finished"), encoding="utf-8")
    broken = served.load("small")
    assert broken.stamp != first.stamp
    assert broken.timeline is first.timeline
    assert any("finished" in str(p) and ":" in str(p) for p in broken.problems)
    errors = view_outputs(served, query())[6]
    assert "showing its last good version" in texts(errors)
    path.write_text(GOOD.replace("An event", "A renamed event"), encoding="utf-8")
    fixed = served.load("small")
    assert fixed.problems == () and fixed.timeline.item("e1").base.title == "A renamed event"


# ---------- downloads ----------


def test_csv_and_yaml_downloads(served):
    q = query(filters=Filters(kinds=("period",)))
    csv = io_callbacks.download(served, ids.DL_CSV, q, None)
    assert csv["filename"] == "small-as-of-2020-01-01.csv"
    lines = csv["content"].splitlines()
    assert lines[0].startswith("title,lane_label,kind,status,dates_text")
    assert len(lines) == 2 and "First period" in lines[1]
    yaml = io_callbacks.download(served, ids.DL_YAML, q, None)
    assert yaml["filename"] == "small.yaml"
    assert base64.b64decode(yaml["content"]).decode() == GOOD


def test_html_download_is_a_standalone_page(served):
    page = io_callbacks.download(served, ids.DL_HTML, query(), None)
    assert page["filename"] == "small-as-of-2020-01-01.html"
    body = base64.b64decode(page["content"]).decode()
    assert "<html" in body.lower() and "First period" in body


def test_csv_cells_never_become_formulas(served, folder):
    (folder / "small.yaml").write_text(
        GOOD.replace("First period", '"=HYPERLINK(1)"'), encoding="utf-8"
    )
    csv = io_callbacks.download(served, ids.DL_CSV, query(), None)["content"]
    assert "'=HYPERLINK(1)" in csv


# ---------- the real app over HTTP ----------


def _dash_post(client, app, output_prefix: str, inputs: list, state: list) -> dict:
    """Call one registered callback through Dash's own HTTP endpoint."""
    (key,) = [k for k in app.callback_map if k.lstrip(".").startswith(output_prefix)]
    out = app.callback_map[key]["output"]
    spec = [
        {"id": o.component_id, "property": o.component_property}
        for o in (out if isinstance(out, list) else [out])
    ]
    body = {
        "output": key,
        "outputs": spec if isinstance(out, list) else spec[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }
    resp = client.post("/_dash-update-component", json=body)
    assert resp.status_code == 200, resp.data[:500]
    return json.loads(resp.data)["response"]


def test_app_serves_pages_and_the_view_callback(folder):
    app = create_app([folder])
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/embed?t=small").status_code == 200
    assert b"style.css" in client.get("/").data
    page = _dash_post(
        client,
        app,
        "page.children",
        [{"id": ids.URL, "property": "pathname", "value": "/"}],
        [
            {"id": ids.URL, "property": "search", "value": "?t=small"},
            {"id": ids.UPLOADS, "property": "data", "value": None},
        ],
    )
    assert "Small test timeline" in json.dumps(page)
    chart = _dash_post(
        client,
        app,
        f"{ids.GRAPH}.figure.",
        [
            {"id": ids.VIEW, "property": "data", "value": query()},
            {"id": ids.STAMP, "property": "data", "value": "x"},
        ],
        [
            {"id": ids.UPLOADS, "property": "data", "value": None},
            {"id": ids.SELECTED, "property": "data", "value": "p1"},
        ],
    )
    assert chart[ids.TITLE]["children"] == "Small test timeline"
    shapes = chart[ids.GRAPH]["figure"]["layout"].get("shapes", [])
    assert any(s.get("name") == "selected-item" for s in shapes)
    table = _dash_post(
        client,
        app,
        f"{ids.TABLE}.rowData.",
        [
            {"id": ids.VIEW, "property": "data", "value": query()},
            {"id": ids.STAMP, "property": "data", "value": "x"},
        ],
        [{"id": ids.UPLOADS, "property": "data", "value": None}],
    )
    assert [r["id"] for r in table[ids.TABLE]["rowData"]] == ["p1", "e1"]
    assert table[ids.COUNT]["children"].startswith("Showing 2 of 2 items")


def test_default_app_serves_the_bundled_timelines_article_first():
    app = create_app()
    keys = list(app.served.files)
    assert keys[0] == "japan_defense_2017"
    assert PROGRAMS_TIMELINE.stem in keys
