"""Which item each point of a figure belongs to, read as a browser would: only the hover targets
(bars over spans, and the point markers) carry item ids (chart.parts.item_customdata); a drawn
mark belongs to the item whose target lies on its row and covers it."""

from __future__ import annotations

import re

import numpy as np
from defense_timeline import vocabulary
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


def path_points(path: str) -> tuple[np.ndarray, np.ndarray]:
    """x and y of an SVG path of M, L, H, V and Z commands (a path shape's), a gap (NaN) before
    every move after the first: the points a line trace of the same marks would have."""
    xs: list[float] = []
    ys: list[float] = []
    x = y = x0 = y0 = np.nan
    for command, args in re.findall(r"([MLHVZ])([^MLHVZ]*)", path):
        values = [float(v) for v in re.findall(r"[-+.\de]+", args)]
        if command == "M" and xs:
            xs.append(np.nan)
            ys.append(np.nan)
        if command in "ML":
            x, y = values
        elif command == "H":
            (x,) = values
        elif command == "V":
            (y,) = values
        else:
            x, y = x0, y0
        if command == "M":
            x0, y0 = x, y
        xs.append(x)
        ys.append(y)
    return np.array(xs), np.array(ys)


class PathMark:
    """A path shape read as the line trace of its marks (x, y, mode "lines"), for the helpers
    here; other properties (name, line, opacity, legendgroup) are the shape's."""

    mode = "lines"
    type = "path"
    customdata = None
    hoverinfo = "skip"

    def __init__(self, shape) -> None:
        self.shape = shape
        self.x, self.y = path_points(_get(shape, "path"))

    def __getattr__(self, key: str):
        return _get(self.shape, key)


def path_marks(figure) -> list[PathMark]:
    """The path shapes of a figure (object or dict) on its data axes, as PathMarks."""
    layout = _get(figure, "layout")
    shapes = _get(layout, "shapes") or ()
    return [PathMark(s) for s in shapes if _get(s, "type") == "path" and _get(s, "xref") == "x"]


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


def _at(value, i: int):
    """A marker style's value for point i: its own in an array, else the one for all."""
    return value[i] if isinstance(value, list | tuple | np.ndarray) else value


def markers_of(traces, item_id: str) -> list[dict]:
    """The markers drawn for one item, in drawing order (chart.points: one trace a colour
    group, styled by arrays): x, y and each style, resolved for the point."""
    found = []
    for t in traces:
        custom = _get(t, "customdata")
        if _get(t, "mode") != "markers" or custom is None:
            continue
        marker = _get(t, "marker")
        line = _get(marker, "line")
        x, y = as_array(_get(t, "x")), as_array(_get(t, "y"))
        for i, c in enumerate(custom):
            if item_of(list(c) if isinstance(c, tuple | np.ndarray) else c) == item_id:
                style = {k: _at(_get(marker, k), i) for k in ("symbol", "size", "color", "opacity")}
                line_style = {"line_width": _at(_get(line, "width"), i)}
                line_style["line_color"] = _at(_get(line, "color"), i)
                found.append(dict(style, **line_style, x=float(x[i]), y=float(y[i])))
    return found


def own_marker(traces, item_id: str) -> dict:
    """The one marker of a point item in its vocabulary Mark (not its plan's, not a cross)."""
    (own,) = [
        m
        for m in markers_of(traces, item_id)
        if m["color"] != vocabulary.GHOST and m["symbol"] != vocabulary.CROSS_SYMBOL
    ]
    return own


def planned_points(traces) -> set[str]:
    """Items whose plan is drawn as a marker of its own (a point that moved)."""
    return {
        item_id
        for item_id in ids_in(traces)
        if any(m["color"] == vocabulary.GHOST for m in markers_of(traces, item_id))
    }


def crossed(traces) -> set[str]:
    """Items drawn with a cross over their marker (missed deadlines)."""
    return {
        item_id
        for item_id in ids_in(traces)
        if any(m["symbol"] == vocabulary.CROSS_SYMBOL for m in markers_of(traces, item_id))
    }


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
