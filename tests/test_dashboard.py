"""Server-side dashboard logic: URL state, time-travel controls, pages, chart, table, details."""

from __future__ import annotations

import dataclasses
from datetime import date
from urllib.parse import parse_qsl

import pytest
from dash import html, no_update
from defense_timeline.dashboard import callbacks, filters, ids, panel, time_travel
from defense_timeline.dashboard.details import details_panel
from defense_timeline.dashboard.state import (
    LINKED,
    PageState,
    from_query,
    query_pairs,
    query_values,
    to_query,
    with_item,
    without_item,
)
from defense_timeline.dashboard.time_travel import FIRST_PLANNED, slider_index, slider_marks
from defense_timeline.dashboard.widgets import Control
from defense_timeline.timeline.dates import parse_date
from defense_timeline.view.describe import describe_slip, spec_text
from defense_timeline.view.options import (
    OPTIONS,
    Filters,
    Option,
    ViewOptions,
    values_of,
    view_of,
)

from tests.dashboard_support import find, query, sample, texts, view_outputs, walk
from tests.figure_ids import ids_in

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
    assert junk.view.fiscal_axis == "calendar"
    assert from_query("?q=" + "x" * 5000).view.filters.search == "x" * 200


@pytest.mark.parametrize("opt", LINKED, ids=lambda o: o.name)
def test_every_linked_option_round_trips_under_its_key(opt):
    state = PageState(view=view_of({opt.name: sample(opt)}))
    link = to_query(state)
    assert {key for key, _ in parse_qsl(link.lstrip("?"))} == {opt.key}
    assert from_query(link) == state


def test_links_carry_every_option_but_the_image_size_in_a_fixed_order():
    assert [o.key for o in LINKED] == (
        "asof base lane kind status state tag q from to color axis layout ghosts links "
        "xfrom xto fold src"
    ).split()
    export_only = {"width", "height", "page", "all_links"}
    assert {o.name for o in OPTIONS} - {o.name for o in LINKED} == export_only


def test_a_new_declared_option_is_carried_by_links():
    owners = Option("owners", "names", default=(), key="owner")
    assert query_pairs({"owners": ("a", "b")}, (owners,)) == [("owner", "a"), ("owner", "b")]
    assert query_values({"owner": ["a", "", "a"], "lane": ["x"]}, (owners,)) == {"owners": ("a",)}


def test_item_is_kept_out_of_the_view_query():
    q = query(as_of=date(2020, 1, 1))
    assert with_item(q, "p1") == q + "&item=p1"
    assert without_item(with_item(q, "p1")) == q


def test_controls_collect_into_the_url():
    state = panel.collect_state(
        "small",
        {
            "as_of": "2021-05-05",
            "baseline": "2020-01-01",
            "lanes": ["a"],
            "kinds": ["period"],
            "statuses": ["planned"],
            "tags": ["alpha"],
            "search": " run ",
            "window_start": "2019-01-01",
            "window_end": None,
            "color_by": "kind",
            "fiscal_axis": "fiscal",
            "layout": "rows",
            "show_baseline": ["links"],
            "show_links": ["links"],
        },
        "p1",
    )
    assert to_query(state) == (
        "?t=small&asof=2021-05-05&base=2020-01-01&lane=a&kind=period&status=planned&tag=alpha"
        "&q=run&from=2019-01-01&color=kind&axis=fiscal&layout=rows&ghosts=0&item=p1"
    )
    first = panel.collect_state("small", {"baseline": FIRST_PLANNED}, None)
    assert first.view.baseline is None and first.view.show_baseline is False
    assert panel.share_link("http://h:1/?old=1#x", "?t=a") == "http://h:1/?t=a"


def test_every_linked_option_has_one_control_on_the_page(served):
    assert set(panel.CONTROLS) == {o.name for o in LINKED}
    page = callbacks.render_page(served, "/", "?t=small", None)
    for control in panel.CONTROLS.values():
        assert control.prop in find(page, control.id).available_properties


@pytest.mark.parametrize("opt", LINKED, ids=lambda o: o.name)
def test_every_control_reads_back_the_value_it_shows(served, opt):
    state = PageState(timeline="small", view=view_of({opt.name: sample(opt)}))
    page = callbacks.render_page(served, "/", to_query(state), None)
    raw = {name: getattr(find(page, c.id), c.prop) for name, c in panel.CONTROLS.items()}
    read = panel.collect_state("small", raw, None)
    assert values_of(read.view)[opt.name] == sample(opt)


def test_a_new_list_filter_gets_a_picker_that_reads_into_the_view(served):
    owners = Option("owners", "names", default=(), key="owner", label="Owners", plural="owners")
    owners = dataclasses.replace(owners, offered=lambda timeline: [("me", "Me")])
    controls = filters.list_controls((*filters.LISTS, owners))
    assert controls["owners"] == Control("filter-owners")
    assert panel.read_values({"owners": ["me"]}, controls, (owners,)) == {"owners": ("me",)}
    assert filters.list_options(owners, served.load("small").timeline) == [
        {"label": "Me", "value": "me"}
    ]


def test_each_group_refreshes_its_own_controls(served):
    timeline = served.load("small").timeline
    picked = filters.refreshed(timeline, picked=True)
    assert picked["values"] == filters.cleared() and set(picked["options"]) == {
        o.name for o in filters.LISTS
    }
    assert set(filters.refreshed(timeline, picked=False)["values"].values()) == {no_update}
    travel = time_travel.refreshed(timeline, picked=True, baseline="2019-05-01")
    assert (travel["as_of"], travel["baseline"], travel["max"]) == ("2020-01-01", FIRST_PLANNED, 2)
    saved = time_travel.refreshed(timeline, picked=False, baseline="2018-01-01")
    assert saved["as_of"] is no_update and "2018-01-01" in str(saved["baselines"])


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
    step = time_travel.step_as_of
    assert step(days, date(2020, 1, 1), ids.AS_OF_SLIDER, 2, timeline) == (
        2,
        date(2022, 3, 1),
        True,
    )
    assert step(days, date(2019, 6, 1), ids.AS_OF, None, timeline) == (0, date(2019, 6, 1), True)
    assert step(days, date(2019, 6, 1), ids.FILE_DATE, None, timeline)[1] == date(2020, 1, 1)
    assert step(days, date(2019, 5, 1), ids.PLAY_TIMER, 0, timeline) == (1, date(2020, 1, 1), True)
    assert step(days, date(2020, 1, 1), ids.PLAY_TIMER, 1, timeline) == (2, date(2022, 3, 1), False)
    assert time_travel.latest_day(days, today=date(2026, 11, 25)) == date(2026, 11, 25)
    assert time_travel.latest_day(days, today=date(2021, 1, 1)) == date(2022, 3, 1)


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


def test_an_unknown_timeline_is_not_found_and_no_key_opens_the_first(served):
    page = callbacks.render_page(served, "/", "?t=nope", None)
    assert "Timeline not found" in texts(page) and "nope" in texts(page)
    with pytest.raises(KeyError):
        find(page, ids.TIMELINE)  # no controls, no chart of another timeline
    page = callbacks.render_page(served, "/", "?lane=a", None)
    assert find(page, ids.TIMELINE).value == "japan_defense_2017"


def test_view_draws_filters_and_travels_in_time(served):
    fig, rows, title, desc, meta, sources, errors, count = view_outputs(served, query())
    assert title == "Small test timeline"
    assert [r["id"] for r in rows] == ["p1", "e1"]  # "late" is not reported on 2020-01-01
    drawn = ids_in(fig["data"])  # the hover targets' ids (the view sends a dict)
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
    assert (
        callbacks.chart_outputs(served, query(), None, "nope")[0]["layout"]["shapes"]
        == (callbacks.chart_outputs(served, query(), None, None)[0]["layout"]["shapes"])
    )


def test_a_zoomed_chart_is_patched_keeping_its_x_range(served):
    fig, _meta, drawn = callbacks.chart_update(served, query(), None, None, None)
    assert fig["layout"]["xaxis"]["range"] and drawn["zoom"] == "auto"
    assert (
        callbacks.chart_update(served, query(filters=Filters(lanes=("b",))), None, None, drawn)[0]
        is not fig
    )
    old = {**drawn, "zoom": "user", "layout": [*drawn["layout"], "stale"]}
    old["xaxis"] = [*drawn["xaxis"], "tickvals"]
    patch, _meta, kept = callbacks.chart_update(
        served, query(filters=Filters(lanes=("b",))), None, None, old
    )
    ops = {tuple(op["location"]): op for op in patch.to_plotly_json()["operations"]}
    new = callbacks.chart_outputs(served, query(filters=Filters(lanes=("b",))), None, None)[0]
    assert ops[("data",)]["params"]["value"] == new["data"]
    assert ops[("layout", "yaxis")]["params"]["value"] == new["layout"]["yaxis"]
    assert ops[("layout", "xaxis", "type")]["params"]["value"] == "date"
    assert ("layout", "xaxis", "range") not in ops and ("layout", "xaxis", "autorange") not in ops
    assert ops[("layout", "stale")]["operation"] == "Delete"
    assert ops[("layout", "xaxis", "tickvals")]["operation"] == "Delete"
    assert kept["zoom"] == "user" and kept["key"] == drawn["key"]
    other = {**old, "key": "small|older-stamp"}  # a saved file: the whole new figure
    whole, _meta, fresh = callbacks.chart_update(served, query(), None, None, other)
    assert whole["layout"]["xaxis"]["range"] == fig["layout"]["xaxis"]["range"]
    assert fresh["zoom"] == "auto"


def test_sources_list_links_only_web_urls(served):
    sources = view_outputs(served, query())[5]
    links = [c for c in walk(sources) if isinstance(c, html.A)]
    assert [a.href for a in links] == ["https://example.org/r"]
    assert "Local note" in texts(sources)


def test_selection_comes_from_chart_table_and_related_buttons():
    sel = callbacks.selection_from
    assert sel(ids.GRAPH, {"points": [{"customdata": "p1", "pointNumber": 3}]}, None) == "p1"
    assert sel(ids.GRAPH, {"points": [{"customdata": ["p1", "x"]}]}, None) == "p1"  # large
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
    assert [a.href for a in walk(panel) if isinstance(a, html.A)] == ["https://example.org/r"]
    related = [b for b in walk(panel) if isinstance(b, html.Button)]
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
    assert len(graph.figure["data"]) > 0
    with pytest.raises(KeyError):
        find(page, ids.TIMELINE)


def test_the_colour_controls_are_named_as_the_chart_legend_titles_them(served):
    from defense_timeline.chart.figure import build_figure

    page = callbacks.render_page(served, "/", "?t=small", None)
    offered = {o["value"]: o["label"] for o in find(page, ids.COLOR_BY).options}
    assert list(offered) == ["lane", "kind", "status", "state"]
    timeline = served.load("small").timeline
    for value, label in offered.items():
        legend = build_figure(timeline, dataclasses.replace(ViewOptions(), color_by=value)).layout
        assert legend.legend.title.text == f"<b>{label}</b>"


def test_a_long_sources_list_lists_the_first_ones_and_says_where_the_rest_are():
    from defense_timeline.dashboard.layout import LISTED_SOURCES, sources_list
    from defense_timeline.timeline.loader import loads

    from benchmarks.generate import generate

    timeline = loads(generate(1000, seed=3))
    assert len(timeline.sources) > LISTED_SOURCES
    listed = sources_list(timeline)
    items = [c for c in walk(listed) if isinstance(c, html.Li)]
    assert [li.id for li in items] == [f"source-{n}" for n in range(1, LISTED_SOURCES + 1)]
    rest = len(timeline.sources) - LISTED_SOURCES
    assert f"Sources ({len(timeline.sources)})" in texts(listed)
    assert f"{rest:,} more not listed here" in texts(listed)
