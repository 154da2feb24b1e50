"""Which item each point of a figure belongs to, read as a browser would: only the hover traces
carry item ids (chart.parts.item_customdata); a drawn mark belongs to the item whose hover
target (a bar over its span, or a point) lies on its row and covers it."""

from __future__ import annotations

import numpy as np
from defense_timeline.chart.parts import item_of

ROW = 0.5  # a drawn mark is within half a row of its item's hover target
SLACK_MS = 180_000.0  # drawn x is float32: within two minutes of where it was computed


def _get(trace, key: str):
    """A trace's property, from a dict or a plotly trace object."""
    return trace.get(key) if isinstance(trace, dict) else getattr(trace, key, None)


def as_array(values) -> np.ndarray:
    """A figure's data array as float64, from a list, a numpy array or plotly's typed JSON."""
    if values is None:
        return np.zeros(0)
    if isinstance(values, dict) and "bdata" in values:  # plotly's typed-array JSON
        import base64

        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
    return np.asarray([np.nan if v is None else v for v in values], dtype=float)


def targets(traces) -> list[tuple[str, float, float, float]]:
    """(id, x0, x1, y) of every hover target in traces: bars over spans, points."""
    found = []
    for t in traces:
        custom = _get(t, "customdata")
        if custom is None:
            continue
        ids = [item_of(list(c) if isinstance(c, tuple | np.ndarray) else c) for c in custom]
        x, y = as_array(_get(t, "x")), as_array(_get(t, "y"))
        x0 = as_array(_get(t, "base")) if _get(t, "type") == "bar" else x
        x1 = x0 + x if _get(t, "type") == "bar" else x
        found += zip(ids, x0.tolist(), x1.tolist(), y.tolist(), strict=True)
    return found


def ids_in(traces) -> set[str]:
    """Every item id a click on the figure can select."""
    return {item_id for item_id, *_ in targets(traces)}


def _owner(found, x: float, y: float) -> str | None:
    for item_id, x0, x1, ty in found:
        if abs(ty - y) <= ROW and x0 - SLACK_MS <= x <= x1 + SLACK_MS:
            return item_id
    return None


def owners(traces, trace) -> list[str | None]:
    """The item of each point of a drawn trace (None for gaps): a line's run of points between
    gaps is one item's mark, judged by its middle; a marker's point by itself."""
    found = targets(traces)
    x, y = as_array(_get(trace, "x")), as_array(_get(trace, "y"))
    if "lines" not in (_get(trace, "mode") or ""):
        return [_owner(found, a, b) for a, b in zip(x.tolist(), y.tolist(), strict=True)]
    result: list[str | None] = [None] * len(x)
    start = 0
    for end in [*np.flatnonzero(np.isnan(x)).tolist(), len(x)]:
        if end > start:
            who = _owner(found, float(x[start:end].mean()), float(y[start:end].mean()))
            result[start:end] = [who] * (end - start)
        start = end + 1
    return result


def marks_of(traces, trace, item_id: str) -> np.ndarray:
    """x values of a drawn trace's points that belong to one item (gaps dropped)."""
    x = as_array(_get(trace, "x"))
    mine = np.array([who == item_id for who in owners(traces, trace)], dtype=bool)
    return x[mine & ~np.isnan(x)]


def drawn_by(traces, trace) -> set[str]:
    """Items a drawn trace has a mark of."""
    return {who for who in owners(traces, trace) if who is not None}
