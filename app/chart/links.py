"""Links between items drawn as arrows: where each arrow runs, clear of the labels between."""

from __future__ import annotations

import numpy as np
from defense_timeline import vocabulary
from defense_timeline.chart.rows import Geometry
from defense_timeline.chart.text import DAY_MS
from defense_timeline.vocabulary import LINK_WORDS


def link_annotations(df, geo: Geometry, as_iso) -> list[tuple[str, dict, tuple[str, str]]]:
    """Each link's kind, its arrow and the ids it joins (tail, head): depends_on from
    prerequisite to dependent, other links from holder to target."""
    where = {item_id: i for i, item_id in enumerate(df["id"].tolist())}
    lo = np.where(df["kind"].to_numpy() == "period", geo.x0, geo.mid)
    hi = np.where(df["kind"].to_numpy() == "period", geo.x1, geo.mid)
    ids = df["id"].tolist()
    arrows = []
    for i, links in enumerate(df["links"].tolist()):
        for kind, target in links:
            j = where.get(target)
            if j is None:
                continue
            tail, head = (j, i) if kind == "depends_on" else (i, j)
            tail_x = _clear_x(geo, max(lo[head], lo[tail]), min(hi[head], hi[tail]), tail, head)
            tail_x = min(max(tail_x, lo[tail]), hi[tail])
            head_x = min(max(tail_x, lo[head]), hi[head])
            name = f"{LINK_WORDS[kind]}: {ids[tail]} → {ids[head]}"
            at = (as_iso(head_x), float(geo.y[head]), as_iso(tail_x), float(geo.y[tail]))
            arrows.append((kind, _arrow(kind, at, name), (ids[tail], ids[head])))
    return arrows


def _clear_x(geo: Geometry, a: float, b: float, tail: int, head: int) -> float:
    """Where in [a, b] (the span two linked items share) a vertical arrow between their rows
    crosses the fewest labels of the rows between, the earliest such place; a when b < a."""
    if not b > a or geo.labels is None:
        return a
    top, bottom = sorted((float(geo.y[tail]), float(geo.y[head])))
    between = (geo.y > top) & (geo.y < bottom)
    lab_lo, lab_hi = geo.label_lo[between], geo.label_hi[between]
    xs = np.linspace(a, b, 9)[:-1]  # the end of the shared span is where a bar ends: avoided
    crossed = [int(((lab_lo <= x) & (x <= lab_hi)).sum()) for x in xs]
    return float(xs[int(np.argmin(crossed))])


# What every link arrow shares, sent once as the figure template's annotation defaults (every
# other annotation states these itself, or has no arrow they could apply to): each arrow then
# carries only its ends, ink, opacity, name and visibility.
ARROW_DEFAULTS = dict(
    xref="x",
    yref="y",
    axref="x",
    ayref="y",
    text="",
    showarrow=True,
    arrowhead=2,
    arrowsize=1.1,
    arrowwidth=1.3,
    standoff=6,
    startstandoff=4,
    captureevents=False,  # hover and clicks reach the items under the arrow
)


def day_iso(ms: float) -> str:
    """An arrow end as a date string, shortened to the day ("2004-11-01") at midnight."""
    day = np.datetime64(int(ms), "ms")
    return str(day.astype("datetime64[D]")) if ms % DAY_MS == 0 else str(day)


def _arrow(kind: str, at: tuple[str, float, str, float], name: str) -> dict:
    """An arrow annotation of a link kind from (at[2], at[3]) to (at[0], at[1]); the rest of
    its style is ARROW_DEFAULTS."""
    x, y, ax, ay = at
    return dict(
        x=x,
        y=round(y, 4),
        ax=ax,
        ay=round(ay, 4),
        showarrow=True,  # what tells an arrow from a label to any reader of the figure
        arrowcolor=vocabulary.LINK_COLORS[kind],
        opacity=0.85,
        name=name,
    )
