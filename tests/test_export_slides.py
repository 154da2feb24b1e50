"""The PowerPoint export opened with python-pptx: every item's shape and label where the chart
places it, the lanes, the view-date line, the legend and the sources; rendered by LibreOffice."""

from __future__ import annotations

import struct
import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest
from defense_timeline.chart.figure import build_figure
from defense_timeline.chart.place import LARGE_ITEMS, place
from defense_timeline.chart.text import label_text
from defense_timeline.errors import ExportError
from defense_timeline.output.render import export, render
from defense_timeline.output.slide_shapes import EMU_PX
from defense_timeline.timeline.loader import load
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import Filters, ViewOptions, option
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.enum.text import PP_ALIGN

from tests.data import DEFAULT_TIMELINE, ROOT
from tests.export_samples import FORMULA, MERMAID_HOSTILE, sample
from tests.timeline_builder import generated


def deck(tmp_path, timeline=None, view=ViewOptions()):  # noqa: B008
    """The exported deck, opened."""
    return Presentation(str(export(timeline or sample(), tmp_path / "t.pptx", view=view)))


def shapes(slide) -> dict[str, object]:
    """A slide's shapes by name."""
    return {s.name: s for s in slide.shapes}


def test_slide_is_16_by_9_with_a_shape_and_label_per_item(tmp_path):
    pres = deck(tmp_path)
    assert (pres.slide_width, pres.slide_height) == (1280 * EMU_PX, 720 * EMU_PX)
    assert len(pres.slides) == 2
    named = shapes(pres.slides[0])
    df = timeline_frame(sample())
    for row in df.itertuples():
        shape = named[f"item {row.id}"]
        label = named[f"label {row.id}"]
        want = " ".join(label_text(row.title, row.uncertain, row.approximate).split())
        assert label.text_frame.text == want
        if label.text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT:  # left of its mark
            assert label.left + label.width <= shape.left + 2 * EMU_PX
        else:
            assert shape.left < label.left + 2 * EMU_PX  # the label starts on or after its mark
        assert abs((shape.top + shape.height / 2) - (label.top + label.height / 2)) < 2 * EMU_PX
    kinds = {row.id: row.kind for row in df.itertuples()}
    auto = {n: s.auto_shape_type for n, s in named.items() if n.startswith("item ")}
    assert auto["item plan-a"] == MSO_SHAPE.RECTANGLE
    assert auto["item section"] == MSO_SHAPE.OVAL  # an event
    assert auto["item formula"] == MSO_SHAPE.DIAMOND  # a milestone
    assert auto["item bold"] == MSO_SHAPE.FLOWCHART_MERGE  # a deadline: triangle down
    assert len(auto) == len(kinds)
    assert "cross missed" in named  # a missed deadline is crossed
    assert "window formula" in named  # 2018-H2? is drawn over its window


def test_slide_follows_the_charts_placement(tmp_path):
    pres = deck(tmp_path)
    named = shapes(pres.slides[0])
    placement = place(sample(), ViewOptions(width=1280))
    geo = placement.geo
    ys = {i: geo.y[n] for n, i in enumerate(placement.df["id"])}
    mids = {n: s.top + s.height / 2 for n, s in named.items() if n.startswith("item ")}
    by_row = sorted(ys, key=ys.get)
    assert sorted(mids, key=mids.get) == [f"item {i}" for i in by_row]
    # x grows with time: plan-a (FY2014) starts left of open (2016)
    assert named["item plan-a"].left < named["window open"].left
    lanes = [n for n in named if n.startswith("lane label ")]
    assert lanes == ["lane label plans", "lane label events"]
    assert named["lane label plans"].text_frame.text == "Plans | a: b; #c"


def test_slide_has_title_view_date_line_and_legend(tmp_path):
    named = shapes(deck(tmp_path, view=ViewOptions(filters=Filters(kinds=("deadline",)))).slides[0])
    assert named["title"].text_frame.text == "Hostile <b>x</b> a: b; #c %%{init}%% | pipe"
    assert named["title"].is_placeholder  # the slide's title, for screen readers and outlines
    assert named["subtitle"].text_frame.text.startswith("As known on 2017-02-19 · 2 items")
    assert "kinds: deadline" in named["subtitle"].text_frame.text
    assert named["view date"].shape_type == MSO_SHAPE_TYPE.LINE
    assert named["view date label"].text_frame.text == "As known on 2017-02-19"
    legend = [
        n.removeprefix("legend ") for n in named if n.startswith("legend ") and "key" not in n
    ]
    assert legend == ["Events", "Date window (imprecise, ~ or ?)", "Deadline, missed",
                      "Deadline, overdue (no outcome recorded)"]  # fmt: skip
    assert {n for n in named if n.startswith("item ")} == {"item bold", "item missed"}


def test_file_text_is_plain_text_on_the_slides(tmp_path):
    pres = deck(tmp_path)
    named = shapes(pres.slides[0])
    assert named["label plan-a"].text_frame.text == label_text(MERMAID_HOSTILE, False, False)
    assert named["label formula"].text_frame.text == FORMULA + " ?"
    sources = pres.slides[1].shapes
    assert sources.title.text_frame.text == "Sources"
    text = next(s for s in sources if s.name == "sources").text_frame.text
    assert f"1. {FORMULA}, <b>x</b>, 2017-02, news report — https://example.com/" in text
    assert "A later report" not in text  # cited only by an item not yet known


def test_slide_follows_the_view_date(tmp_path):
    named = shapes(deck(tmp_path, view=ViewOptions(as_of=date(2020, 1, 1))).slides[0])
    assert "item late" in named
    assert named["view date label"].text_frame.text == "As known on 2020-01-01"
    assert "item late" not in shapes(deck(tmp_path).slides[0])


def test_too_many_items_for_a_slide_is_refused_and_nothing_written(tmp_path):
    big = generated(LARGE_ITEMS + 50)
    out = tmp_path / "big.pptx"
    with pytest.raises(ExportError, match=r"a slide shows at most 2,000 items .* filter the view"):
        export(big, out)
    assert list(tmp_path.iterdir()) == []


def test_default_timeline_deck_opens(tmp_path):
    timeline = load(DEFAULT_TIMELINE)
    pres = Presentation(str(export(timeline, tmp_path / "d.pptx")))
    items = [s for s in pres.slides[0].shapes if s.name.startswith("item ")]
    assert len(items) == len(timeline_frame(timeline))
    assert render(timeline, "pptx")[:2] == b"PK"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_render_slide_script_makes_a_png_with_libreoffice(tmp_path):
    src = export(sample(), tmp_path / "t.pptx")
    out = tmp_path / "slide.png"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "render_slide.py"), str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out} (")
    data = out.read_bytes()
    width, height = png_size(data)
    assert width > 600 and abs(width / height - 16 / 9) < 0.02
    assert len(data) > 15_000  # a drawn slide, not a blank page


def test_long_title_is_shortened_and_an_empty_view_says_so(tmp_path):
    from defense_timeline.timeline.loader import loads

    from tests.export_samples import SAMPLE

    long = SAMPLE.replace("title: 'Hostile", "title: '" + "Long words " * 30 + "Hostile", 1)
    view = ViewOptions(filters=Filters(search="no such words"))
    named = shapes(deck(tmp_path, loads(long, "long.yaml"), view).slides[0])
    title = named["title"].text_frame.text
    assert title.startswith("Long words Long words") and title.endswith("…")
    assert len(title) < 100
    assert named["empty"].text_frame.text == "No items in this view"
    assert not [n for n in named if n.startswith("item ")]


def test_the_plan_is_a_dashed_ghost_where_an_item_moved(tmp_path):
    from defense_timeline.timeline.loader import loads
    from pptx.enum.dml import MSO_LINE

    from tests.export_samples import SAMPLE

    # planned to end with FY2018 (to 2019-03-31), ended early on 2017-06-30: outside the plan
    moved = loads(SAMPLE.replace("end: 2018-12-18", "end: 2017-06-30"), "moved.yaml")
    later = ViewOptions(as_of=date(2020, 1, 1))
    named = shapes(deck(tmp_path, moved, view=later).slides[0])
    ghost = named["plan plan-a"]
    assert ghost.line.dash_style == MSO_LINE.DASH
    assert ghost.left <= named["item plan-a"].left  # the plan: same start, a later end
    assert ghost.left + ghost.width > named["item plan-a"].left + named["item plan-a"].width
    assert "legend Planned (baseline)" in named
    assert [n for n in named if n.startswith("plan ")] == ["plan plan-a"]
    plain = shapes(deck(tmp_path, moved, view=replace(later, show_baseline=False)).slides[0])
    assert not [n for n in plain if n.startswith("plan ")]


@pytest.mark.parametrize(
    ("as_of", "when"),
    [("0001-02-01", "0001-01"), ("9999-12-30", "9999-12"), ("2017-02-19", "0001")],
)
def test_a_slide_at_the_ends_of_the_calendar(tmp_path, as_of, when):
    from defense_timeline.timeline.loader import loads

    text = f"""\
title: Ends
as_of: {as_of}
sources: [{{id: s, title: S}}]
lanes: [{{id: a, label: A}}]
items:
  - {{id: e, title: E, kind: event, lane: a, status: planned, date: "{when}", sources: [s]}}
  - {{id: p, title: P, kind: period, lane: a, status: planned, start: "{when}", sources: [s]}}
"""
    named = shapes(deck(tmp_path, loads(text, "ends.yaml")).slides[0])
    assert {"item e", "item p", "label e", "label p"} <= set(named)
    assert [n for n in named if n.startswith("tick ")]  # an axis, whatever the span


@pytest.mark.parametrize("color_by", option("color_by").choices)
def test_every_colouring_colours_the_slide_as_the_chart(tmp_path, color_by):
    timeline = load(DEFAULT_TIMELINE)
    view = ViewOptions(color_by=color_by)
    slide = deck(tmp_path, timeline, view).slides[0]
    fig = build_figure(timeline, view)
    groups = [t.name for t in fig.data if t.showlegend is None and t.legend is None]
    legend = [s.name.removeprefix("legend ") for s in slide.shapes if s.name.startswith("legend ")]
    assert [n for n in legend if not n.startswith("key ")][: len(groups)] == groups
    assert len(groups) > 1


def test_a_plan_running_past_the_axis_is_cut_at_its_edge_and_left_open_there(tmp_path):
    from pptx.oxml.ns import qn

    named = shapes(deck(tmp_path, load(DEFAULT_TIMELINE)).slides[0])
    plot_right = named["lane guidelines"].left + named["lane guidelines"].width
    plans = {n: s for n, s in named.items() if n.startswith("plan ")}
    assert plans and all(s.left + s.width <= plot_right for s in plans.values())
    ghost = plans["plan ndpg-2013"]  # the 2013 guidelines' ten years, past the 2017 chart's end
    assert ghost.shape_type == MSO_SHAPE_TYPE.FREEFORM
    assert ghost.left + ghost.width == plot_right
    path = ghost._element.find(".//" + qn("a:path"))
    assert path.find(qn("a:close")) is None
    points = [(int(p.get("x")), int(p.get("y"))) for p in path.iter(qn("a:pt"))]
    w, h = int(path.get("w")), int(path.get("h"))
    assert points == [(w, 0), (0, 0), (0, h), (w, h)]  # top, left side, bottom: no right side


def test_a_plan_past_both_ends_of_a_date_window_is_two_rules(tmp_path):
    from pptx.oxml.ns import qn

    window = Filters(window_start=date(2016, 1, 1), window_end=date(2018, 12, 31))
    slide = deck(tmp_path, load(DEFAULT_TIMELINE), ViewOptions(filters=window)).slides[0]
    named = shapes(slide)
    band = named["lane guidelines"]
    ghost = named["plan ndpg-2013"]
    assert ghost.left + ghost.width == band.left + band.width
    path = ghost._element.find(".//" + qn("a:path"))
    steps = [(el.tag.split("}")[1], int(el[0].get("x")), int(el[0].get("y"))) for el in path]
    w, h = int(path.get("w")), int(path.get("h"))
    assert steps == [("moveTo", 0, 0), ("lnTo", w, 0), ("moveTo", 0, h), ("lnTo", w, h)]
