"""OPTIONS declares every view option once: each declared filter is applied and described."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest
from defense_timeline.timeline.loader import load
from defense_timeline.view.describe import describe_filters, describe_values
from defense_timeline.view.filters import filter_frame
from defense_timeline.view.frame import timeline_frame
from defense_timeline.view.options import (
    FILTER_FIELDS,
    FILTERS,
    LIST_KINDS,
    OPTIONS,
    Filters,
    Option,
    ViewOptions,
    values_of,
    view_of,
)

from tests.dashboard_support import sample
from tests.data import DEFAULT_TIMELINE


def test_every_field_of_a_view_is_declared_once():
    names = [opt.name for opt in OPTIONS]
    view_fields = {f.name for f in fields(ViewOptions)} - {"filters", "show_title"}
    assert len(names) == len(set(names))
    assert set(names) == view_fields | FILTER_FIELDS


def test_flags_and_keys_are_unique():
    for attr in ("flag", "key"):
        given = [getattr(opt, attr) for opt in OPTIONS if getattr(opt, attr)]
        assert len(given) == len(set(given)), attr


@pytest.mark.parametrize("opt", OPTIONS, ids=lambda o: o.name)
def test_each_entry_has_what_its_kind_needs(opt):
    if opt.kind in ("choices", "choice"):
        assert opt.choices and (opt.kind == "choices" or opt.default in opt.choices)
        assert len(opt.cli_choices) in (0, len(opt.choices))
    if opt.kind in LIST_KINDS:
        assert opt.default == () and opt.offered and opt.noun and opt.plural and opt.label
    if opt.kind == "flag" and opt.key:
        assert opt.key_on and isinstance(opt.default, bool)
    if opt.key:
        assert opt.label  # the dashboard shows every option a link carries


def test_values_by_name_make_the_same_view():
    view = view_of({opt.name: sample(opt) for opt in OPTIONS})
    assert values_of(view) == {opt.name: sample(opt) for opt in OPTIONS}
    assert view_of(values_of(view)) == view
    assert view_of({}) == ViewOptions()


def _a_value_on_offer(opt: Option, timeline, df):
    """A value of the filter that some but not all items of the bundled timeline match."""
    if opt.kind in LIST_KINDS:
        return (opt.offered(timeline)[0][0],)
    if opt.kind == "day":
        return df["start"].sort_values().iloc[len(df) // 2].date()
    return df["title"].iloc[0].split()[0]


@pytest.mark.parametrize("opt", FILTERS, ids=lambda o: o.name)
def test_every_declared_filter_is_applied_and_described(opt):
    timeline = load(DEFAULT_TIMELINE)
    df = timeline_frame(timeline)
    filters = Filters(**{opt.name: _a_value_on_offer(opt, timeline, df)})
    assert 0 < len(filter_frame(df, filters)) < len(df)
    assert describe_filters(filters).startswith("showing only ")


def test_descriptions_keep_their_order_and_take_new_filters():
    filters = Filters(
        lanes=("a", "b"), statuses=("met",), search="x y", window_end=date(2020, 1, 1)
    )
    assert describe_filters(filters) == (
        'showing only lanes: a, b; statuses: met; dates … – 2020-01-01; matching "x y"'
    )
    assert describe_filters(Filters()) == ""
    owners = Option("owners", "names", default=(), plural="owners")
    assert describe_values({"owners": ("me", "you")}, (owners,)) == "showing only owners: me, you"
