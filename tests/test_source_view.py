"""The source view: only what one source stated, as of its date, in the table, the chart, the
command line and the dashboard."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner
from dash import html
from defense_timeline.chart.figure import build_figure
from defense_timeline.cli import main
from defense_timeline.dashboard import callbacks
from defense_timeline.dashboard.details import details_panel
from defense_timeline.dashboard.served import ServedFiles
from defense_timeline.dashboard.state import from_query
from defense_timeline.dashboard.time_travel import source_options
from defense_timeline.timeline.loader import load
from defense_timeline.timeline.model import Source, SourceRef
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import ViewOptions
from defense_timeline.view.sources import for_view, source_timeline

from tests.dashboard_support import query
from tests.data import DEFAULT_TIMELINE
from tests.figure_ids import ids_in
from tests.timeline_builder import day, item, spec, timeline

SOURCES = (
    Source("article", "The article", "The Daily", spec("2017-02-19")),
    Source("gazette", "Official gazette", "", spec("2013-12-17")),
    Source("later", "A later report", "", spec("2018-03-01")),
)


def reported():
    """The article knows the approval only to the year; the gazette gave the day earlier."""
    approval = item(
        "approval",
        "milestone",
        date="2013",
        title="Approval",
        sources=(SourceRef("article", "approved in 2013"),),
        updates=[{"as_of": "2017-01-10", "date": "2013-12-17", "sources": ("gazette",)}],
    )
    plan = item(
        "plan",
        start="2014-04-01",
        end="2019-03-31",
        title="Plan",
        sources=("gazette",),
        updates=[{"as_of": "2017-02-19", "end": "2018-H2?", "sources": ("article",)}],
    )
    unrelated = item("unrelated", "event", date="2016-05-01", sources=("gazette",))
    outcome = item("outcome", "event", date="2018-03-01", sources=("later",))
    return timeline([approval, plan, unrelated, outcome], as_of="2019-01-01", sources=SOURCES)


def test_only_what_the_source_stated_as_of_its_date():
    tl = reported()
    whole = timeline_frame(tl, day("2017-02-19")).set_index("id")
    assert whole.loc["approval", "start_text"] == "2013-12-17"  # the gazette's day
    said = source_timeline(tl, "article")
    assert said.as_of == day("2017-02-19")
    df = timeline_frame(said).set_index("id")
    assert sorted(df.index) == ["approval", "plan"]
    assert df.loc["approval", "start_text"] == "2013"  # no date the article did not give
    assert df.loc["plan", "dates_text"] == "2014-04-01 – 2018-H2?"
    assert df.loc["plan", "sources"] == ("article",) and df.loc["plan", "n_statements"] == 1
    assert source_timeline(tl, "article") is said  # the same object: frames stay cached


def test_the_chart_is_drawn_as_of_the_source_date_and_says_whose_view_it_is():
    tl = reported()
    fig = build_figure(tl, ViewOptions(source="article", as_of=day("2019-01-01")))
    assert "as of 2017-02-19 · as stated by The Daily, 2017-02-19" in fig.layout.title.text
    drawn = ids_in(fig.data)
    assert drawn == {"approval", "plan"}
    line = next(s for s in fig.layout.shapes if s.name == "view date")
    assert line.x0 == "2017-02-20T00:00:00.000"
    assert for_view(tl, ViewOptions(source="gone")) == (tl, ViewOptions(source="gone"))


def test_the_details_show_only_the_sources_statements():
    tl = reported()
    panel = html.Div(details_panel(tl, "approval", ViewOptions(source="article")))
    text = json.dumps(panel.to_plotly_json(), default=lambda c: c.to_plotly_json())
    assert "History and sources (1 statement)" in text
    assert "Official gazette" not in text and "The article" in text


def _file(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(
        """\
title: Sourced
as_of: 2019-01-01
calendar: JP
sources:
  - {id: article, title: The article, publisher: The Daily, date: 2017-02-19}
  - {id: gazette, title: Official gazette, date: 2013-12-17}
lanes:
  - {id: a, label: A}
items:
  - id: approval
    title: Approval
    kind: milestone
    lane: a
    status: approved
    date: 2013
    reported: 2013-12-17
    sources: [article]
    updates:
      - {as_of: 2017-01-10, date: 2013-12-17, sources: [gazette]}
  - id: unrelated
    title: Unrelated
    kind: event
    lane: a
    status: completed
    date: 2016-05-01
    sources: [gazette]
""",
        encoding="utf-8",
    )
    return path


def test_table_and_export_take_a_source(tmp_path):
    path = _file(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["table", str(path), "--source", "article"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["start"], r["end"]) for r in rows] == [
        ("approval", "2013-01-01", "2013-12-31")
    ]
    out = tmp_path / "fig.json"
    result = runner.invoke(main, ["export", str(path), "--source", "article", "-o", str(out)])
    assert result.exit_code == 0, result.output
    title = json.loads(out.read_text())["layout"]["title"]["text"]
    assert "as of 2017-02-19 · as stated by The Daily, 2017-02-19" in title
    bad = runner.invoke(main, ["table", str(path), "--source", "nope"])
    assert bad.exit_code == 1
    assert bad.stderr == ("error: --source: no source 'nope' in this timeline (gazette, article)\n")
    both = runner.invoke(main, ["table", str(path), "--source", "article", "--as-of", "2018"])
    assert both.exit_code == 1
    assert both.stderr == (
        "error: --source shows the timeline as of the source's date: leave out --as-of\n"
    )


def test_the_dashboard_offers_the_sources_and_keeps_one_in_the_link(tmp_path):
    path = _file(tmp_path)
    served = ServedFiles([path])
    tl = reported()
    assert [(o["value"], o["label"]) for o in source_options(tl)] == [
        ("gazette", "2013-12-17 · Official gazette"),
        ("article", "2017-02-19 · The article"),
        ("later", "2018-03-01 · A later report"),
    ]
    long = source_options(load(DEFAULT_TIMELINE))
    article = next(o for o in long if o["value"] == "jt-2017-02-19")
    assert article["label"] == "2017-02-19 · Japan may move defen…"
    assert article["title"].startswith("2017-02-19 · Japan may move defense guideline update")
    assert from_query("?src=article").view.source == "article"
    q = query(t=served.default_key, source="article")
    assert "src=article" in q
    rows, count, _summary = callbacks.table_outputs(served, q, None)
    assert [r["id"] for r in rows] == ["approval"]
    assert count == "Showing 1 of 1 items known on 2017-02-19"


def test_the_html_page_says_whose_view_it_is(tmp_path):
    path = _file(tmp_path)
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["export", str(path), "--source", "article", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert 'As known on <time datetime="2017-02-19">2017-02-19</time>' in page
    assert "as stated by The Daily, 2017-02-19" in page
