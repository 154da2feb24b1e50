"""What is on screen is what is downloaded: the zoom is in the link and in every download, and a
download's file name names the view."""

from __future__ import annotations

import base64
import json
import re
from datetime import date

from defense_timeline.dashboard import callbacks, downloads, ids, views
from defense_timeline.dashboard.state import PageState, chart_query, from_query, to_query
from defense_timeline.view.options import Filters, ViewOptions

from tests.dashboard_support import find, query

ZOOM = ("2019-08-01", "2019-12-31")


def test_the_zoom_is_in_the_link_but_does_not_redraw_the_chart():
    view = ViewOptions(x_from=date(2019, 8, 1), x_to=date(2019, 12, 31))
    q = to_query(PageState(timeline="small", view=view, item="p1"))
    assert q == "?t=small&xfrom=2019-08-01&xto=2019-12-31&item=p1"
    assert from_query(q).view == view
    assert chart_query(q) == "?t=small"


def test_a_link_with_a_zoom_opens_zoomed(served):
    q = query(x_from=date(2019, 8, 1), x_to=date(2019, 12, 31))
    page = callbacks.render_page(served, "/", q, None)
    assert (find(page, ids.ZOOM_FROM).data, find(page, ids.ZOOM_TO).data) == ZOOM
    fig, _meta, drawn = callbacks.chart_update(served, chart_query(q), None, None, {}, ZOOM)
    assert fig["layout"]["xaxis"]["range"] == ["2019-08-01", "2020-01-01"]
    assert drawn["zoom"] == "user"  # later view changes keep it
    whole, _meta, drawn = callbacks.chart_update(served, chart_query(q), None, None, {})
    assert whole["layout"]["xaxis"]["range"] != ["2019-08-01", "2020-01-01"]
    assert drawn["zoom"] == "auto"


def test_a_zoom_that_ends_before_it_starts_is_ignored(served):
    fig, _m, drawn = callbacks.chart_update(
        served, "?t=small", None, None, {}, ("2020-01-01", "2019-01-01")
    )
    assert drawn["zoom"] == "auto"


def _payload(served, which, q, zoom=(None, None)) -> tuple[str, bytes]:
    sent = downloads.download(served, which, q, None, zoom)
    data = base64.b64decode(sent["content"]) if sent["base64"] else sent["content"].encode()
    return sent["filename"], data


def test_downloads_carry_the_zoom(served):
    q = query(t="small", as_of=date(2022, 3, 1))
    name, page = _payload(served, ids.DL_HTML, q, ZOOM)
    assert name == "small_as-of-2022-03-01_zoom-2019-08-01-to-2019-12-31.html"
    ranges = re.findall(r'"xaxis":\{[^{}]*?"range":\["([^"]+)","([^"]+)"\]', page.decode())
    assert ("2019-08-01", "2020-01-01") in ranges
    _, whole = _payload(served, ids.DL_CSV, q)
    _, zoomed = _payload(served, ids.DL_CSV, q, ZOOM)
    assert [r.split(",")[0] for r in whole.decode().splitlines()[1:]] == ["p1", "e1", "late"]
    # the event of 2019-09-15 and the period that runs through it; not the 2024 milestone
    assert [r.split(",")[0] for r in zoomed.decode().splitlines()[1:]] == ["p1", "e1"]


def test_file_names_name_the_view(served):
    view = ViewOptions(
        as_of=date(2017, 2, 19),
        baseline=date(2016, 1, 1),
        filters=Filters(lanes=("ldp", "mod"), tags=("x",), search="osprey"),
    )
    loaded = served.load("japan_defense_2017")
    assert downloads.view_filename(loaded, view, "png") == (
        "japan_defense_2017_as-of-2017-02-19_vs-2016-01-01_lanes-2_tags-1_search.png"
    )
    assert downloads.view_filename(loaded, ViewOptions(), "svg") == (
        "japan_defense_2017_as-of-2017-02-19.svg"
    )


def test_the_download_callback_reads_the_zoom(app):
    (key,) = [k for k in app.callback_map if k.startswith(f"..{ids.DOWNLOAD}.data")]
    states = [d["id"] for d in app.callback_map[key]["state"]]
    assert ids.ZOOM_FROM in states and ids.ZOOM_TO in states


def test_the_command_line_exports_a_zoom(tmp_path):
    from click.testing import CliRunner
    from defense_timeline.cli import main

    from tests.data import DEFAULT_TIMELINE

    out = tmp_path / "zoom.json"
    args = ["export", str(DEFAULT_TIMELINE), "-o", str(out), "--x-from", "2015", "--x-to", "2016"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert json.loads(out.read_text())["layout"]["xaxis"]["range"] == ["2015-01-01", "2017-01-01"]
    args[-3:] = ["2017", "--x-to", "2016"]
    result = CliRunner().invoke(main, args)
    assert (
        result.exit_code == 1 and "--x-from 2017-01-01 is after --x-to 2016-12-31" in result.output
    )


def test_the_chart_has_a_summary_sentence(served):
    rows, count, summary = callbacks.table_outputs(
        served, query(filters=Filters(lanes=("a",))), None
    )
    assert summary.startswith("Small test timeline, as known on 2020-01-01: 1 item (1 period)")
    assert "showing only lanes: a" in summary
    assert summary.endswith(views.TABLE_NOTE)


def test_the_chart_is_laid_out_for_the_width_it_is_drawn_at(served):
    from defense_timeline.dashboard.views import fit_width

    assert [fit_width(w) for w in (None, "x", True, -5, 300, 760, 999, 5000)] == [
        None,
        None,
        None,
        None,
        480,
        760,
        900,
        1900,
    ]
    q = "?t=japan_defense_2017"
    narrow = callbacks.chart_update(served, q, None, None, {}, (None, None), 500)[0]
    wide = callbacks.chart_update(served, q, None, None, {}, (None, None), 1600)[0]
    assert narrow["layout"]["autosize"] and wide["layout"]["autosize"]  # both fill their box
    assert narrow != wide  # laid out for their widths
