"""Text widths for label layout: the bulk measure gives what the one-text measure gives."""

from __future__ import annotations

import numpy as np
import pytest
from defense_timeline.chart.text import text_px, texts_px

TEXTS = ["", "Cabinet approves the 2013 guidelines", "Ä mi", "WWW iii", "x" * 300, "ǅ", "a"]


@pytest.mark.parametrize("texts", [TEXTS, TEXTS[:3], ["Defence 防衛計画の大綱", "plain"], []])
def test_the_bulk_width_of_many_titles_equals_each_one_measured(texts):
    assert np.allclose(texts_px(texts, 11), [text_px(t, 11) for t in texts])


def test_the_html_items_table_of_a_huge_chart_holds_its_first_rows_and_says_so():
    from defense_timeline.output.alttext import TABLE_MOST_ROWS, items_table
    from defense_timeline.view.frame import timeline_frame

    from tests.timeline_builder import generated

    timeline = generated(TABLE_MOST_ROWS + 5)
    table = items_table(timeline_frame(timeline), timeline)
    assert table.count('<th scope="row">') == TABLE_MOST_ROWS
    assert f"The first {TABLE_MOST_ROWS:,} of {TABLE_MOST_ROWS + 5:,} items" in table
