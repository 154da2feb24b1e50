"""The frame takes a row's plan columns from the row itself when the row is its own plan, and
skips its slip: the columns must be what the plan gives, row by row, at any view and baseline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from defense_timeline.timeline import loader
from defense_timeline.view import frame
from defense_timeline.view.describe import baseline_state, dates_text
from defense_timeline.view.slips import done_of, slip

from benchmarks.generate import generate

TIMELINE = loader.loads(generate(1500, seed=21), name="g.yaml")
VIEWS = [
    (None, None),
    (date(2012, 6, 30), None),
    (None, date(2010, 1, 1)),
    (date(2020, 1, 1), date(2005, 3, 1)),
]


def _ordinal(day) -> int | None:
    return None if pd.isna(day) else day.date().toordinal()


@pytest.mark.parametrize("as_of, baseline", VIEWS)
def test_plan_columns_are_the_plans_row_by_row(as_of, baseline):
    df = frame.drawing_frame(TIMELINE, as_of, baseline)
    day = as_of or TIMELINE.as_of
    by_id = {item.id: item for item in TIMELINE.items}
    own = 0
    for row in df.itertuples(index=False):
        item = by_id[row.id]
        state = item.states[row.n_statements - 1]
        plan = baseline_state(item, baseline)
        point = item.kind != "period"
        own += plan is state
        last = None if plan is None else plan.start if point else plan.end
        assert _ordinal(row.planned_start) == (plan.start.first.toordinal() if plan else None)
        assert _ordinal(row.planned_end) == (last.last.toordinal() if last else None)
        assert row.planned_dates_text == (dates_text(plan, point) if plan else "")
        if not row.open_ended and state.end is None and not point:
            continue  # ended by its successor: the slip is measured on that day (frame)
        unshared = replace(plan) if plan is not None else None  # not `is` the state: no shortcut
        moved = slip(unshared, state, item.kind, done_of(state, item.kind, day))
        days = None if pd.isna(row.slip_days) else row.slip_days
        assert (row.revised, days, row.change) == (moved.revised, moved.days, moved.words)
    assert 0 < own < len(df) or baseline is not None  # both kinds of row were compared
