"""build_figure: what an analyst sees, checked on the figure's traces, shapes and layout."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from datetime import date

import numpy as np
import plotly.graph_objects as go
import pytest
from defense_timeline import vocabulary
from defense_timeline.chart import lod
from defense_timeline.chart.figure import build_chart, build_figure
from defense_timeline.chart.layout import MODEBAR_PX
from defense_timeline.chart.parts import item_of
from defense_timeline.chart.place import item_box
from defense_timeline.chart.text import BRIEF_ITEMS
from defense_timeline.dashboard import callbacks
from defense_timeline.timeline.loader import load
from defense_timeline.timeline.model import Lane, Source, SourceRef
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import COLOR_TITLES, Filters, ViewOptions, option

from tests.dashboard_support import make_folder, query, served_of
from tests.data import DEFAULT_TIMELINE
from tests.figure_ids import (
    SLACK_MS,
    crossed,
    drawn_by,
    ids_in,
    markers_of,
    marks_of,
    own_marker,
    owners,
    path_marks,
)
from tests.timeline_builder import day, generated, item, ndpg_timeline, timeline

DAY_MS = 86_400_000


def ms(iso: str) -> float:
    """Epoch milliseconds of the start of a day."""
    return float(np.datetime64(iso, "ms").astype(np.int64))


def named(fig, name: str) -> list:
    """Traces and path shapes (as PathMarks) of a given name."""
    return [t for t in [*fig.data, *path_marks(fig)] if t.name == name]


def drawn_ids(fig) -> set[str]:
    """Ids a click on the figure can select (the hover traces' customdata)."""
    return ids_in(fig.data)


def _filled(template: str, row) -> str:
    """A hovertemplate over customdata columns as plotly.js fills it for one row."""
    card = re.sub(r"%\{customdata\[(\d+)\]\}", lambda m: str(row[int(m[1])]), template)
    return card.removesuffix("<extra></extra>")


def hovers(traces) -> dict[str, str]:
    """Each item's hover card, by item id: the card in meta that a hover target's template
    names ("%{meta[3]}"), the trace's one template filled with the target's customdata
    columns, or a point's hover text."""
    cards = {}
    for t in traces:
        if t.customdata is None:
            continue
        ids = [item_of(list(c) if isinstance(c, tuple | np.ndarray) else c) for c in t.customdata]
        if isinstance(t.hovertemplate, str) and "%{customdata[" in t.hovertemplate:
            for r, row in zip(ids, t.customdata, strict=True):
                card = _filled(t.hovertemplate, row)
                assert cards.setdefault(r, card) == card
        elif t.meta is not None and t.hovertemplate is not None:
            for r, template in zip(ids, t.hovertemplate, strict=True):
                (slot,) = re.fullmatch(r"%\{meta\[(\d+)\]\}", template).groups()
                assert cards.setdefault(r, t.meta[int(slot)]) == t.meta[int(slot)]
        elif t.hovertext is not None:
            cards.update(zip(ids, t.hovertext, strict=True))
    return cards


def points_of(fig, trace, item_id: str) -> np.ndarray:
    """x values of a drawn trace's points that belong to one item (gaps dropped), as float64
    rounded to ten minutes (the figure sends float32, within about a minute)."""
    x = marks_of(fig.data, trace, item_id)
    return np.round(x.astype(np.float64) / 600_000) * 600_000


def near(x, iso: str) -> bool:
    """x (epoch ms) is within a few minutes of the start of the day iso (float32 x)."""
    return abs(float(x) - ms(iso)) <= SLACK_MS


def open_chart(page, tmp_path, fig, name: str = "chart.html") -> None:
    """fig as a page (plotly.js inline, the chart's div id "chart") drawn in Chromium."""
    path = tmp_path / name
    fig.write_html(path, include_plotlyjs=True, div_id="chart")
    page.goto(path.as_uri())
    page.wait_for_selector("#chart .main-svg")


def showcase():
    """Every kind, imprecise dates, a revision, a link, sources and a missed deadline."""
    src = (Source("jt", "Japan Times report", "Kyodo", url="http://example.com/a"),)
    items = [
        *ndpg_timeline().items,
        item("event-h1", "event", "ldp", date="2016-H1", title="Half-year event"),
        item("milestone-day", "milestone", "ldp", date="2015-04-27", title="Day milestone"),
        item("late", "deadline", "ldp", date="2016-05", title="Passed deadline"),
        item("met", "deadline", "ldp", date="2016-09-01", title="Met deadline", status="met"),
        item(
            "sourced",
            lane="guidelines",
            start="2010",
            end="2011",
            title="Sourced",
            sources=(SourceRef("jt", "The quoted sentence."),),
            quantities=[(17, "aircraft")],
        ),
    ]
    lanes = (Lane("ldp", "LDP", order=2), Lane("guidelines", "Guidelines (NDPG)", order=1))
    return timeline(items, lanes=lanes, sources=src)


def test_every_item_is_drawn_and_clickable_by_id():
    tl = showcase()
    fig = build_figure(tl)
    assert drawn_ids(fig) == set(timeline_frame(tl)["id"])
    assert {t.name for t in path_marks(fig)} >= {"bars", "date windows", "open end"}
    for t in [*fig.data, *path_marks(fig)]:
        if t.customdata is not None:
            assert t.hoverinfo != "skip" and all(isinstance(c, str) for c in t.customdata)
        elif t.name in ("bars", "date windows", "markers", "open end"):
            assert drawn_by(fig.data, t)  # every drawn mark is on an item's hover target


def test_points_are_markers_with_kind_symbols_and_deadline_states():
    fig = build_figure(showcase())
    points = ("event-h1", "milestone-day", "ldp-due", "met", "late")
    symbol = {i: own_marker(fig.data, i)["symbol"] for i in points}
    assert symbol["event-h1"] == "circle"
    assert symbol["milestone-day"] == "diamond"
    assert symbol["ldp-due"] == vocabulary.DEADLINE_MARKS["open"].symbol
    assert symbol["met"] == "triangle-down"
    # past due with no recorded outcome: overdue, a hollow vermillion triangle, not "missed"
    assert symbol["late"] == vocabulary.DEADLINE_MARKS["overdue"].symbol == "triangle-down-open"
    assert own_marker(fig.data, "late")["color"] == vocabulary.MISSED_MARK
    assert own_marker(fig.data, "met")["color"] != vocabulary.MISSED_MARK
    assert not crossed(fig.data)
    legend = [t.name for t in fig.data if t.legend == "legend2"]
    assert "Deadline, overdue (no outcome recorded)" in legend
    assert "Deadline, missed" not in legend
    hover = hovers(fig.data)
    assert "Deadline · overdue · stated: planned" in hover["late"]
    flop = timeline([item("flop", "deadline", date="2016-05", status="missed")])
    flop_fig = build_figure(flop)
    drawn = [m["symbol"] for m in markers_of(flop_fig.data, "flop")]
    assert drawn == [vocabulary.DEADLINE_MARKS["missed"].symbol, "x-thin-open"]  # cross on top


def test_imprecise_dates_are_drawn_over_their_window():
    fig = build_figure(showcase())
    windows = named(fig, "date windows")
    ndpg = np.concatenate([points_of(fig, t, "ndpg-2013") for t in windows])
    assert ndpg.min() == ms("2018-07-01") and ndpg.max() == ms("2019-01-01")  # "2018-H2?"
    solid = np.concatenate([points_of(fig, t, "ndpg-2013") for t in named(fig, "bars")])
    assert solid.min() == ms("2013-12-17") and solid.max() == ms("2018-07-01")
    band = np.concatenate([points_of(fig, t, "event-h1") for t in windows])
    assert band.min() == ms("2016-01-01") and band.max() == ms("2016-07-01")
    marker = np.concatenate([points_of(fig, t, "event-h1") for t in named(fig, "markers")])
    assert marker.tolist() == [(ms("2016-01-01") + ms("2016-07-01")) / 2]  # midpoint, not a day
    assert not any(len(points_of(fig, t, "milestone-day")) for t in windows)  # exact day: no window
    labels = [text for t in named(fig, "labels") for text in t.text]
    assert "NDPG for FY2014 and beyond ?" in labels


def test_approximate_end_gets_a_tilde_and_a_faded_tip():
    tl = timeline([item("p", start="2010-01-01", end="~2020-06-30", title="Approx")])
    fig = build_figure(tl)
    assert "Approx ~" in named(fig, "labels")[0].text
    tip = points_of(fig, named(fig, "date windows")[0], "p")
    # ~2020-06-30 stands for 06-29..07-01 (a day each side): the tip runs to the end of 07-01
    assert tip.max() == ms("2020-07-02") and tip.min() < ms("2020-06-29")


def test_ghost_baseline_only_for_revised_items_and_toggled():
    tl = showcase()
    fig = build_figure(tl, ViewOptions(as_of=day("2019-01-01")))
    ghost_ids = {r for t in named(fig, "planned (baseline)") for r in drawn_by(fig.data, t)}
    assert ghost_ids == {"ndpg-2013"}
    outline = named(fig, "planned (baseline)")[0]
    assert outline.line.dash == "dash"
    xs = points_of(fig, outline, "ndpg-2013")
    assert xs.min() == ms("2013-12-17") and xs.max() == ms("2023-12-18")  # ~2023-12-16: ±1 day
    assert not named(
        build_figure(tl, ViewOptions(as_of=day("2019-01-01"), show_baseline=False)),
        "planned (baseline)",
    )
    assert not named(build_figure(tl, ViewOptions(as_of=day("2016-01-01"))), "planned (baseline)")


def test_hover_has_dates_sources_quote_and_slip():
    tl = showcase()
    fig = build_figure(tl, ViewOptions(as_of=day("2019-01-01")))
    hover = hovers(fig.data)
    text = hover["ndpg-2013"]
    assert "2013-12-17 – 2018-12-18" in text
    assert "planned: 2013-12-17 – ~2023-12-16; now ends 2018-12-18, 5.0 years earlier" in text
    assert "status was approved" in text and "Period · superseded" in text
    sourced = hover["sourced"]
    assert "2010-01-01 – 2011-12-31  (written: 2010 – 2011)" in sourced
    assert "Sources: Japan Times report" in sourced and "The quoted sentence." in sourced
    assert "Quantities: 17 aircraft" in sourced


def test_chart_and_details_word_a_slip_with_one_function(monkeypatch):
    from dash import html
    from defense_timeline.dashboard.details import details_panel
    from defense_timeline.view import describe

    monkeypatch.setattr(describe, "span_text", lambda days: f"{abs(days)} units")
    tl = showcase()
    view = ViewOptions(as_of=day("2019-01-01"))
    fig = build_figure(tl, view)
    hover = hovers(fig.data)
    # moved earlier: from the first day of the planned ~2023-12-16 (2023-12-15)
    assert "now ends 2018-12-18, 1823 units earlier" in hover["ndpg-2013"]
    panel = html.Div(details_panel(tl, "ndpg-2013", view)).to_plotly_json()
    assert "1823 units earlier" in json.dumps(panel, default=lambda c: c.to_plotly_json())


def test_view_date_line_veil_and_title():
    fig = build_figure(showcase(), ViewOptions(baseline=day("2016-06-01")))
    line = [s for s in fig.layout.shapes if s.name == "view date"]
    assert len(line) == 1 and line[0].x0 == line[0].x1 == "2017-02-20T00:00:00.000"
    veil = [s for s in fig.layout.shapes if s.name == "after the view date"]
    assert veil[0].x0 == line[0].x0 and veil[0].layer == "between"  # under the text
    assert any(a.text == "<b>as of 2017-02-19</b>" for a in fig.layout.annotations)
    assert "as of 2017-02-19 · against plan of 2016-06-01" in fig.layout.title.text
    assert fig.layout.title.text.startswith("<b>Test timeline</b>")


def test_links_are_arrows_between_drawn_items_only():
    tl = showcase()
    arrows = [a for a in build_figure(tl).layout.annotations if a.showarrow]
    assert len(arrows) == 1  # ldp-due depends_on ldp-study
    (arrow,) = arrows
    shared = build_figure(tl).layout.template.layout.annotationdefaults  # sent once for all
    assert arrow.axref is arrow.ayref is arrow.arrowhead is arrow.captureevents is None
    assert (shared.axref, shared.ayref, shared.arrowhead) == ("x", "y", 2)
    assert arrow.x == arrow.ax  # the deadline falls inside the study: the arrow drops vertically
    assert arrow.hovertext is None and shared.captureevents is False  # clicks reach the items
    assert arrow.name == "depends on: ldp-study → ldp-due"
    assert not [
        a for a in build_figure(tl, ViewOptions(show_links=False)).layout.annotations if a.showarrow
    ]
    only_due = ViewOptions(filters=Filters(kinds=("deadline",)))
    assert not [a for a in build_figure(tl, only_due).layout.annotations if a.showarrow]


def test_fiscal_axis_ticks_at_fiscal_year_starts():
    fig = build_figure(showcase(), ViewOptions(fiscal_axis=True))
    axis = fig.layout.xaxis
    assert axis.ticktext[0].startswith("FY") and len(axis.ticktext) == len(axis.tickvals)
    assert all(v.endswith("-04-01") for v in axis.tickvals)
    assert axis.ticktext[axis.tickvals.index("2017-04-01")] == "FY2017"
    assert axis.showgrid
    assert build_figure(showcase()).layout.xaxis.ticktext is None


def test_color_by_status_and_lane_color_override():
    tl = showcase()
    by_lane = {t.line.color for t in named(build_figure(tl), "bars")}
    by_status = {
        t.line.color for t in named(build_figure(tl, ViewOptions(color_by="status")), "bars")
    }
    assert by_lane != by_status
    assert by_status <= set(vocabulary.STATUS_COLORS.values())
    red = timeline([item("p", lane="a")], lanes=(Lane("a", "A", color="#123456"),))
    assert named(build_figure(red), "bars")[0].line.color == "#123456"
    fig = build_figure(tl, ViewOptions(color_by="kind"))
    legend = [
        t.name
        for t in fig.data
        if t.legend is None
        and isinstance(getattr(t.marker, "symbol", None), str)
        and t.marker.symbol == "square"
    ]
    assert legend[:3] == ["Period", "Event", "Deadline"]


HOSTILE = ("<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>', "<b>bold</b>")


def test_file_text_is_escaped_everywhere():
    src = (Source("s", HOSTILE[1], url="javascript:alert(1)"),)
    items = [
        item(
            "h1",
            lane="x",
            title=HOSTILE[0],
            notes=HOSTILE[2],
            sources=(SourceRef("s", HOSTILE[0]),),
            updates=[{"as_of": "2016-01-01", "end": "2018"}],
        ),
        item("h2", "event", "x", title=HOSTILE[1], links=[("informs", "h1")]),
    ]
    tl = timeline(items, lanes=(Lane("x", HOSTILE[2]),), title=HOSTILE[0], sources=src)
    text = json.dumps(json.loads(build_figure(tl).to_json()))
    for raw in (*HOSTILE, "<img", "<a href", "<b>bold"):
        assert raw not in text.replace("\\u003c", "<").replace('\\"', '"'), raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;b&gt;bold&lt;/b&gt;" in text


def test_filters_reduce_what_is_drawn():
    tl = showcase()
    fig = build_figure(tl, ViewOptions(filters=Filters(lanes=("ldp",))))
    assert drawn_ids(fig) == {
        "mtdp-old",
        "ldp-study",
        "ldp-due",
        "event-h1",
        "milestone-day",
        "late",
        "met",
    }
    assert list(fig.layout.yaxis.ticktext) == ["<b>LDP</b>"]
    fig = build_figure(tl, ViewOptions(filters=Filters(search="deadline")))
    assert drawn_ids(fig) == {"late", "met"}
    empty = build_figure(tl, ViewOptions(filters=Filters(search="no such thing")))
    assert drawn_ids(empty) == set()
    assert "No items to show" in empty.layout.annotations[-1].text


def test_rows_packing_never_overlaps_and_rows_layout():
    items = [
        item("a", start="2010-01-01", end="2012-12-31", title="A"),
        item("b", start="2011-01-01", end="2013-12-31", title="B"),
        item("c", start="2020-01-01", end="2021-12-31", title="C"),
    ]
    tl = timeline(items, lanes=("a",), as_of="2015-01-01")
    labels = named(build_figure(tl), "labels")[0]
    rows = dict(zip((t.replace(" ", "") for t in labels.text), labels.y, strict=True))
    assert rows["A"] != rows["B"] and rows["C"] == rows["A"]
    per_row = named(build_figure(tl, ViewOptions(layout="rows")), "labels")[0]
    assert len(set(per_row.y)) == 3


def test_long_titles_take_their_own_rows():
    items = [
        item(
            "a",
            "event",
            date="2010-01-01",
            title="A very long event title that needs a lot of room",
        ),
        item("b", "event", date="2010-03-01", title="Another one"),
    ]
    labels = named(build_figure(timeline(items, lanes=("a",))), "labels")[0]
    assert labels.y[0] != labels.y[1]


def test_height_grows_with_rows_and_view_overrides_size():
    few = build_figure(timeline([item("a")], lanes=("a",)))
    many = build_figure(timeline([item(f"i{i}") for i in range(30)], lanes=("a",)))
    assert many.layout.height > few.layout.height + 500
    sized = build_figure(timeline([item("a")]), ViewOptions(width=900, height=500))
    assert (sized.layout.width, sized.layout.height) == (900, 500)


def test_lanes_in_order_then_file_order_with_alternating_bands():
    lanes = (Lane("z", "Zed", order=2), Lane("y", "Why", order=1), Lane("x", "Ex", order=1))
    fig = build_figure(timeline([item("a", lane="z")], lanes=lanes))
    assert list(fig.layout.yaxis.ticktext) == ["<b>Why</b>", "<b>Ex</b>", "<b>Zed</b>"]
    bands = [s for s in fig.layout.shapes if s.type == "rect" and s.xref == "paper"]
    assert len(bands) == 2  # lanes 1 and 3 shaded


def test_large_timeline_uses_path_shapes_and_brief_hover_fields():
    tl = generated(5000)
    fig = build_figure(tl)
    assert drawn_ids(fig) == {f"i{i}" for i in range(5000)}
    assert len(fig.data) < 40 and not named(fig, "labels")
    paths = [s for s in fig.layout.shapes if s.type == "path"]
    assert 8 <= len(paths) < 80
    bars = [s for s in paths if s.name == "bars"]
    assert sum(s.path.count("M") for s in bars) > 1000
    assert not [a for a in fig.layout.annotations if a.showarrow]
    (hover,) = named(fig, "items")
    assert hover.hovertext is None and "%{customdata[1]}" in hover.hovertemplate
    row = next(r for r in hover.customdata if r[0] == "i0")  # i0: a period 1995-2000 or so
    frame = timeline_frame(tl).set_index("id")
    assert row[1] == frame.at["i0", "title"]
    assert row[2].startswith(f"{frame.at['i0', 'start']:%Y-%m-%d} – ")
    assert row[3].startswith("Period · ")
    # plotly's validation is skipped while building: the figure must still validate
    go.Figure(fig.to_plotly_json())


def test_large_charts_draw_every_mark_as_a_few_paths():
    tl = generated(2500)
    fig = build_figure(tl, ViewOptions(as_of=day("2020-01-01")))
    (hover,) = [t for t in fig.data if t.customdata is not None]
    assert hover.mode == "none" and len(hover.x) == 2500  # one hover point per item, no DOM
    paths = [s for s in fig.layout.shapes if s.type == "path"]
    assert {s.legendgroup for s in paths if s.name == "bars"} == {f"l{k}" for k in range(8)}
    marks = ("markers", "missed deadlines", "overdue deadlines")
    markers = [s for s in paths if s.name in marks]
    overdue = [s for s in paths if s.name == "overdue deadlines"]
    assert overdue and all(s.line.color == vocabulary.MISSED_MARK for s in overdue)
    assert all(s.opacity < 1 for s in overdue)
    df = timeline_frame(tl, day("2020-01-01"))
    n_overdue = int((df["deadline_state"] == "overdue").sum())
    assert sum(s.path.count("M") for s in overdue) == 3 * n_overdue  # three strokes a triangle
    n_points = int((df["kind"] != "period").sum())
    strokes = sum(s.path.count("M") for s in markers)
    assert 2 * n_points <= strokes <= 3 * n_points  # every point drawn as its glyph's strokes
    assert all(" " not in s.path for s in paths)


def test_a_large_charts_plan_outlines_hide_with_their_lane():
    from defense_timeline.timeline.loader import loads

    from benchmarks.generate import generate

    tl = loads(generate(2100), "large.yaml")
    fig = build_figure(tl)
    ghosts = [s for s in fig.layout.shapes if s.name == "planned (baseline)"]
    lanes = {s.legendgroup for s in fig.layout.shapes if s.name == "bars"}
    assert len(ghosts) > 1 and {s.legendgroup for s in ghosts} <= lanes  # one per lane
    assert all(s.line.width == lod.GHOST_WIDTH for s in ghosts)


def _deadlines(n: int = 1) -> object:
    """n deadlines in each state, ids prefixed by the state, as of 2020-01-01."""
    statuses = {"open": "planned", "met": "met", "missed": "missed", "overdue": "proposed"}
    items = [
        item(
            f"{state}{i}",
            "deadline",
            f"l{i % 3}",
            date=f"{(2021 if state == 'open' else 1990) + i % 25}-06-01",
            status=status,
        )
        for state, status in statuses.items()
        for i in range(n)
    ]
    return timeline(items, lanes=("l0", "l1", "l2"), as_of="2020-01-01")


def test_every_deadline_state_is_drawn_in_its_vocabulary_mark():
    fig = build_figure(_deadlines())
    symbols = {i: own_marker(fig.data, i)["symbol"] for i in ids_in(fig.data)}
    legend = {t.name: t.marker for t in fig.data if t.legend == "legend2"}
    for state in vocabulary.DEADLINE_STATES:
        mark = vocabulary.DEADLINE_MARKS[state]
        assert symbols[f"{state}0"] == mark.symbol
        shown = legend[mark.label]
        assert shown.symbol == (vocabulary.CROSS_SYMBOL if mark.cross else mark.symbol)
    assert crossed(fig.data) == {"missed0"}


def test_changing_a_deadline_mark_in_the_vocabulary_changes_every_chart(monkeypatch):
    """The one-place promise: a Mark changed in the vocabulary reaches the small chart's
    markers, the legend and the large chart's glyphs."""
    late = vocabulary.Mark("Deadline, late", "circle-open", ink="#123456", overview_opacity=0.3)
    monkeypatch.setitem(vocabulary.DEADLINE_MARKS, "overdue", late)
    small = build_figure(_deadlines())
    overdue = own_marker(small.data, "overdue0")
    assert (overdue["symbol"], overdue["color"]) == ("circle-open", "#123456")
    (entry,) = [t for t in small.data if t.name == "Deadline, late"]
    assert (entry.marker.symbol, entry.marker.color) == ("circle-open", "#123456")
    assert "Deadline, overdue (no outcome recorded)" not in {t.name for t in small.data}
    large = build_figure(_deadlines(700))  # 2,800 items: the large-chart path
    overdue = [s for s in large.layout.shapes if s.name == "overdue deadlines"]
    assert overdue and {(s.line.color, s.opacity) for s in overdue} == {("#123456", 0.3)}
    strokes = len(lod.GLYPHS["circle"])  # the glyph of the Mark's shape, not a triangle's
    assert sum(s.path.count("M") for s in overdue) == strokes * 700


def test_every_mark_has_a_large_chart_glyph_and_a_legend_word():
    marks = [*vocabulary.POINT_MARKS.values(), *vocabulary.DEADLINE_MARKS.values()]
    assert {m.shape for m in marks} <= set(lod.GLYPHS)
    assert all(m.label for m in marks) and len({m.label for m in marks}) == len(marks)
    assert set(vocabulary.DEADLINE_MARKS) == set(vocabulary.DEADLINE_STATES)
    assert set(vocabulary.POINT_MARKS) | {"deadline", "period"} == set(vocabulary.KINDS)


def test_large_chart_inks_come_from_the_marks():
    fig = build_figure(_deadlines(600), ViewOptions(color_by="kind"))
    paths = [s for s in fig.layout.shapes if s.type == "path"]
    ink = {s.name: (s.line.color, s.opacity) for s in paths}
    deadline = vocabulary.KIND_COLORS["deadline"]
    overdue = vocabulary.DEADLINE_MARKS["overdue"]
    assert ink["markers"] == (deadline, 1)  # open and met: the group colour
    assert ink["missed deadlines"] == (vocabulary.MISSED_MARK, 1)  # the cross's ink
    assert ink["overdue deadlines"] == (overdue.ink, overdue.overview_opacity)


def test_link_kinds_in_the_legend_do_not_depend_on_arrow_colours(monkeypatch):
    monkeypatch.setitem(vocabulary.LINK_COLORS, "informs", vocabulary.LINK_COLORS["implements"])
    items = [
        item("a", start="2010", end="2012", links=[("informs", "b")]),
        item("b", start="2013", end="2014"),
    ]
    legend = [t.name for t in build_figure(timeline(items)).data if t.legend == "legend2"]
    assert "→ informs" in legend and "→ implements" not in legend


def _drawn_points(fig, item_id: str, names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """x and y of every point of the named traces and path shapes that belongs to one item
    (gaps dropped)."""
    xs, ys = [], []
    for t in [*fig.data, *path_marks(fig)]:
        if t.name in names:
            owner = np.array(owners(fig.data, t), dtype=object)
            x, y = np.asarray(t.x, dtype=float), np.asarray(t.y, dtype=float)
            keep = (owner == item_id) & ~np.isnan(x)
            xs.append(x[keep])
            ys.append(y[keep])
    return np.concatenate(xs), np.concatenate(ys)


def test_item_boxes_are_where_the_figure_draws_the_items():
    tl = showcase()
    view = ViewOptions(as_of=day("2019-01-01"))
    chart = build_chart(tl, view)
    assert chart.figure.to_json() == build_figure(tl, view).to_json()
    frame = timeline_frame(tl, view.as_of).set_index("id")
    geo = chart.placement.geo
    assert frame["open_ended"].any()
    for item_id in frame.index:
        box = chart.item_box(item_id)
        assert box == item_box(tl, view, item_id)
        if frame.at[item_id, "kind"] == "period":
            x, y = _drawn_points(chart.figure, item_id, ("bars", "date windows"))
            assert x.min() == pytest.approx(box.x0, abs=SLACK_MS)  # drawn in float32
            # an open end is outlined to the axis end, past where its faded bar stops
            open_end = frame.at[item_id, "open_ended"]
            if open_end:
                assert x.max() <= box.x1 + SLACK_MS and box.x1 == geo.hi
            else:
                assert x.max() == pytest.approx(box.x1, abs=SLACK_MS)
        else:
            x, y = _drawn_points(chart.figure, item_id, ("markers",))
            assert box.x0 == box.x1 and x.tolist() == pytest.approx([box.x0], abs=SLACK_MS)
        assert y.tolist() == pytest.approx([box.y] * len(y), abs=1e-4)  # drawn in float32
    assert chart.item_box("no-such-item") is None
    ldp_only = ViewOptions(filters=Filters(lanes=("ldp",)))
    assert item_box(tl, ldp_only, "ndpg-2013") is None  # filtered out: not drawn


def test_item_boxes_of_a_large_chart_and_an_open_end():
    tl = generated(2500)
    chart = build_chart(tl, ViewOptions(as_of=day("2020-01-01")))
    (hover,) = named(chart.figure, "items")
    at = {row[0]: (x, y) for row, x, y in zip(hover.customdata, hover.x, hover.y, strict=True)}
    frame = timeline_frame(tl, day("2020-01-01")).set_index("id")
    for item_id in ("i0", "i2", "i3", "i4"):  # a period, an event, a deadline, a milestone
        box = chart.item_box(item_id)
        x, y = at[item_id]
        assert box.y == pytest.approx(y, abs=1e-4)  # the hover trace carries float32 rows
        if frame.at[item_id, "kind"] == "period":
            assert box.x0 == ms(f"{frame.at[item_id, 'start']:%Y-%m-%d}") < x < box.x1
        else:
            assert box.x0 == box.x1 == x
    study = build_chart(ndpg_timeline())  # ldp-study is open-ended: it runs to the axis end
    box = study.item_box("ldp-study")
    assert box.x1 == study.placement.geo.hi
    assert study.figure.layout.xaxis.range[1] == np.datetime_as_string(
        np.datetime64(int(box.x1), "ms")
    )


def test_show_title_false_draws_no_title_and_a_small_top_margin():
    tl = showcase()
    titled, bare = build_figure(tl), build_figure(tl, ViewOptions(show_title=False))
    assert titled.layout.title.text.startswith("<b>Test timeline</b>")
    assert bare.layout.title.text is None
    assert "Test timeline" not in bare.to_json()
    # the legend then starts under the modebar's corner, not under a title
    cut = 58 - MODEBAR_PX[1]
    assert bare.layout.margin.t == titled.layout.margin.t - cut and bare.layout.margin.t <= 90
    assert bare.layout.height == titled.layout.height - cut  # same plot area
    assert bare.layout.legend.y > titled.layout.legend.y  # legend moves up into the space
    assert any(a.text == "<b>as of 2017-02-19</b>" for a in bare.layout.annotations)
    big = build_figure(generated(2100), ViewOptions(show_title=False))
    assert big.layout.title.text is None


def test_empty_and_far_dates_do_not_break_the_chart():
    empty = build_figure(timeline([], lanes=()))
    assert empty.layout.annotations[-1].text == "No items to show as of 2017-02-19"
    far = timeline([item("old", start="1500", end="1600"), item("new", "event", date="2300-06")])
    axis = build_figure(far, ViewOptions(fiscal_axis=True)).layout.xaxis
    assert axis.ticktext[0].startswith("FY14") and axis.range[1].startswith("23")


def test_bundled_timeline_draws_every_item():
    from defense_timeline.timeline.loader import load

    tl = load(DEFAULT_TIMELINE)
    for view in (
        ViewOptions(),
        ViewOptions(as_of=date(2019, 6, 1), fiscal_axis=True, color_by="status"),
    ):
        fig = build_figure(tl, view)
        assert drawn_ids(fig) == set(timeline_frame(tl, view.as_of)["id"])
        assert re.search(r"as of \d{4}-\d\d-\d\d", fig.layout.title.text)


@pytest.mark.browser
def test_chromium_draws_hovers_and_clicks(page, tmp_path):
    fig = build_figure(showcase())
    open_chart(page, tmp_path, fig)
    page.evaluate(
        """() => { window.clicked = null; document.getElementById('chart')
            .on('plotly_click', e => { const c = e.points[0].customdata;
              window.clicked = Array.isArray(c) ? c[0] : c; }); }"""
    )
    marker = page.locator("#chart .scatterlayer .point").first
    box = marker.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#chart .hoverlayer .hovertext")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("window.clicked !== null")
    clicked = page.evaluate("window.clicked")
    assert clicked in drawn_ids(fig)
    assert page.locator("#chart .hoverlayer").text_content().strip()
    assert "as of 2017-02-19" in page.locator("#chart").inner_text()
    assert page.console_errors == []


@pytest.mark.browser
def test_chromium_hovers_and_clicks_a_large_chart(page, tmp_path):
    tl = timeline(
        [
            item(f"p{i}", start="2000-01-01", end="2010-12-31", title=f"Bar {i}")
            for i in range(2100)
        ],
        lanes=("a",),
        as_of="2020-01-01",
    )
    fig = build_figure(tl)
    open_chart(page, tmp_path, fig, "large.html")
    page.evaluate(
        """() => { window.clicked = null; document.getElementById('chart')
            .on('plotly_click', e => { const c = e.points[0].customdata;
              window.clicked = Array.isArray(c) ? c[0] : c; }); }"""
    )
    assert page.locator("#chart path[data-index]").count() >= 1  # the bars: path shapes
    # the middle of the first bar: x halfway along the axis range of its data, top row
    xy = page.evaluate(
        """() => { const gd = document.getElementById('chart');
            const t = gd._fullData.find(d => d.mode === 'none');
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
            return [box.left + xa.l2p(t.x[0]), box.top + ya.l2p(t.y[0])]; }"""
    )
    page.mouse.move(*xy)
    page.wait_for_selector("#chart .hoverlayer .hovertext")
    assert "2000-01-01 – 2010-12-31" in page.locator("#chart .hoverlayer").text_content()
    page.mouse.click(*xy)
    page.wait_for_function("window.clicked !== null")
    assert page.evaluate("window.clicked").startswith("p")
    assert page.console_errors == []


def test_labels_are_whole_titles_shortened_at_the_end_only_where_they_do_not_fit():
    from defense_timeline.chart.text import fit_text, label_text, text_px

    title = "National Defense Program Guidelines for FY2019 and beyond"
    assert label_text(title, True, True) == title + " ~ ?"
    assert fit_text(title, 1000, 11) == title
    short = fit_text(title, 150, 11)
    assert short.endswith("…") and title.startswith(short[:-1]) and len(short) < len(title)
    assert text_px(short, 11) <= 150 < text_px(title[: len(short) + 1] + "…", 11)
    assert fit_text(title, 3, 11) == ""


def _strings(value, found: Counter) -> Counter:
    """Every string inside a JSON value, counted."""
    if isinstance(value, str):
        found[value] += 1
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, found)
    elif isinstance(value, list):
        for v in value:
            _strings(v, found)
    return found


def test_each_brief_card_is_sent_once_at_a_thousand_items_without_markup_per_card():
    fig = build_figure(generated(1000))
    data = json.loads(fig.to_json())["data"]
    cards = hovers(fig.data)
    assert len(cards) == 1000
    hover = [t for t in data if "customdata" in t]
    assert hover and all(isinstance(t["hovertemplate"], str) for t in hover)  # one per trace
    assert all("meta" not in t for t in hover)
    rows = [row for t in hover for row in t["customdata"]]
    assert len(rows) == 1000 == len({row[0] for row in rows})  # one target, one row per item
    for row in rows:  # the card's markup is in the template, not in any row
        assert all("<" not in field for field in row[2:]) and not row[1].startswith("<b>")


def _with_hostile_item(n: int):
    """generated(n - 1) and one event whose title and notes are markup."""
    base = generated(n - 1)
    evil = item(
        "evil",
        "event",
        "l0",
        title="<b>bold</b> <a href='https://x.test'>link</a>",
        notes="<script>alert(1)</script> only in the full card",
        date="2017-03-04",
    )
    return dataclasses.replace(base, items=(*base.items, evil))


def test_brief_hover_card_from_a_thousand_items_full_card_below():
    full = hovers(build_figure(_with_hostile_item(BRIEF_ITEMS - 1)).data)["evil"]
    brief = hovers(build_figure(_with_hostile_item(BRIEF_ITEMS)).data)["evil"]
    title = "&lt;b&gt;bold&lt;/b&gt; &lt;a href='https://x.test'&gt;link&lt;/a&gt;"
    assert brief == f"<b>{title}</b><br>2017-03-04<br>Event · past"
    assert full.startswith(f"<b>{title}</b><br>2017-03-04<br>Event · past · stated: planned · ")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; only in the full card" in full
    assert "statement" in full and "statement" not in brief
    for card in (brief, full):  # file text never becomes markup
        assert "<a " not in card and "<script" not in card and "<b>bold" not in card


@pytest.mark.parametrize("color_by", option("color_by").choices)
def test_every_colouring_has_a_titled_legend_in_the_chart_and_the_dashboard(color_by, tmp_path):
    fig = build_figure(load(DEFAULT_TIMELINE), ViewOptions(color_by=color_by))
    assert fig.layout.legend.title.text == f"<b>{COLOR_TITLES[color_by]}</b>"
    assert any(t.legendgroup for t in fig.data)  # a legend entry per colour
    served = served_of(make_folder(tmp_path))
    answer, _meta = callbacks.chart_outputs(served, query(color_by=color_by), None, None)
    assert answer["layout"]["legend"]["title"]["text"] == f"<b>{COLOR_TITLES[color_by]}</b>"
