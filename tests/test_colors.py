"""Colours: every legend entry its own colour, text on every bar colour at WCAG's 4.5:1."""

from __future__ import annotations

import pytest
from defense_timeline import vocabulary
from defense_timeline.chart.figure import build_figure
from defense_timeline.view.options import ViewOptions

from tests.timeline_builder import item, timeline


def _bar_colors() -> dict[str, str]:
    """Every colour a bar can take, by where it comes from: each *_COLORS mapping of the
    vocabulary (kinds, statuses, states when there are), and the lanes' palette."""
    found = {f"lane {i}": c for i, c in enumerate(vocabulary.OKABE_ITO)}
    for name in dir(vocabulary):
        if name.endswith("_COLORS") and name != "LINK_COLORS":
            found.update({f"{name} {k}": c for k, c in getattr(vocabulary, name).items()})
    return found


def test_wcag_contrast_of_known_pairs():
    assert vocabulary.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert vocabulary.contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # the measurements: white on vermilion and on bluish green fail 4.5:1
    assert vocabulary.contrast("#FFFFFF", "#D55E00") == pytest.approx(3.87, abs=0.01)  # "3.9:1"
    assert vocabulary.contrast("#FFFFFF", "#009E73") == pytest.approx(3.42, abs=0.01)  # "3.4:1"
    assert vocabulary.contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("where,color", sorted(_bar_colors().items()))
def test_text_on_every_bar_colour_reads_at_4_5_to_1(where, color):
    ink = vocabulary.ink_on(color)
    assert vocabulary.contrast(ink, color) >= 4.5, (where, color, ink)


def test_any_lane_colour_a_file_gives_gets_readable_text():
    for r in range(0, 256, 15):
        for g in range(0, 256, 15):
            for b in range(0, 256, 51):
                color = f"#{r:02X}{g:02X}{b:02X}"
                assert vocabulary.contrast(vocabulary.ink_on(color), color) >= 4.5, color


@pytest.mark.parametrize("name", ["KIND_COLORS", "STATUS_COLORS"])
def test_every_legend_entry_has_its_own_colour(name):
    colors = getattr(vocabulary, name)
    assert len(set(colors.values())) == len(colors)
    assert colors is not vocabulary.STATUS_COLORS or (
        colors["completed"] != colors["met"]
        and len({colors["approved"], colors["in force"], colors["planned"]}) == 3
    )
    assert len(set(vocabulary.OKABE_ITO)) == len(vocabulary.OKABE_ITO)


def test_status_legend_of_a_chart_shows_each_status_in_its_colour():
    items = [
        item(f"i{n}", "period", "a", status=s, start=f"{2000 + n}-01", end=f"{2001 + n}-06")
        for n, s in enumerate(vocabulary.STATUSES)
    ]
    fig = build_figure(timeline(items, lanes=("a",)), ViewOptions(color_by="status"))
    swatches = {t.name: t.marker.color for t in fig.data if t.showlegend is not False and t.marker}
    swatches = {k: v for k, v in swatches.items() if k and k.lower() in vocabulary.STATUSES}
    assert len(swatches) == len(vocabulary.STATUSES)
    assert len(set(swatches.values())) == len(swatches)


def test_labels_on_bars_use_the_contrasting_ink():
    long = item("long", "period", "a", title="On the bar", start="1990-01", end="2020-12")
    fig = build_figure(timeline([long], lanes=("a",)), ViewOptions(width=1200))
    (labels,) = [t for t in fig.data if t.name == "labels"]
    bar = vocabulary.OKABE_ITO[0]
    assert list(labels.textfont.color) == [vocabulary.ink_on(bar)] == ["#FFFFFF"]
    assert vocabulary.contrast(labels.textfont.color[0], bar) >= 4.5
