"""Shared by the dashboard tests: a small timeline, served folders and layout-tree helpers."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from defense_timeline.dashboard import callbacks
from defense_timeline.dashboard.served import ServedFiles
from defense_timeline.dashboard.state import PageState, from_query, to_query
from defense_timeline.view.options import Option, ViewOptions

from tests.data import DEFAULT_TIMELINE

GOOD = """\
title: Small test timeline
as_of: 2020-01-01
sources:
  - {id: s1, title: A report, url: "https://example.org/r", date: 2019-05-01}
  - {id: s2, title: Local note}
lanes:
  - {id: a, label: Lane A}
  - {id: b, label: Lane B}
items:
  - id: p1
    title: First period
    kind: period
    lane: a
    status: planned
    start: 2019-06
    end: 2021
    tags: [alpha]
    sources: [{id: s1, quote: "It will run to 2021."}]
    updates:
      - {as_of: 2022-03-01, end: 2023-06, status: approved, sources: [s2]}
  - id: e1
    title: An event
    kind: event
    lane: b
    status: completed
    date: 2019-09-15
    depends_on: [p1]
    sources: [s1]
  - id: late
    title: Reported later
    kind: milestone
    lane: b
    status: planned
    date: 2024-01
    reported: 2022-03-01
    sources: [s2]
"""


def sample(opt: Option):
    """A value of a declared option that is not its default."""
    if opt.kind in ("choices", "choice"):
        return opt.choices[-2:] if opt.kind == "choices" else opt.choices[-1]
    samples = {
        "day": date(2020, 1, 2),
        "names": ("x", "y z"),
        "name": "x",
        "text": "some text",
        "pixels": 640,
    }
    return samples[opt.kind] if opt.kind in samples else not opt.default


def walk(component):
    """Every component in a layout tree."""
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            yield from walk(child)
    elif children is not None and hasattr(children, "to_plotly_json"):
        yield from walk(children)


def find(tree, cid):
    """The component with this id in a layout tree."""
    for c in walk(tree):
        if getattr(c, "id", None) == cid:
            return c
    raise KeyError(cid)


def texts(tree) -> str:
    """All text of a layout tree, joined."""
    out = []
    for c in walk(tree):
        if isinstance(c, str):
            out.append(c)
        kids = getattr(c, "children", None)
        if isinstance(kids, str):
            out.append(kids)
        elif isinstance(kids, list | tuple):
            out += [k for k in kids if isinstance(k, str)]
    return " ".join(out)


def make_folder(tmp_path: Path) -> Path:
    """A served folder with a copy of the bundled timeline and the small one."""
    shutil.copy(DEFAULT_TIMELINE, tmp_path / DEFAULT_TIMELINE.name)
    (tmp_path / "small.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


def served_of(folder: Path) -> ServedFiles:
    """The files of a folder as the dashboard serves them, the bundled timeline first."""
    return ServedFiles([folder], first=folder / DEFAULT_TIMELINE.name)


def query(**kw) -> str:
    """The view query of the small timeline with these view options."""
    return to_query(PageState(timeline=kw.pop("t", "small"), view=ViewOptions(**kw)))


def view_outputs(served, q, uploads=None, selected=None) -> tuple:
    """What the head, chart and table callbacks return for a view."""
    key = from_query(q).timeline
    title, desc, sources, errors = callbacks.head_outputs(served, key, uploads)
    fig, meta = callbacks.chart_outputs(served, q, uploads, selected)
    rows, count, _summary = callbacks.table_outputs(served, q, uploads)
    return fig, rows, title, desc, meta, sources, errors, count


def callback_key(app, output_prefix: str) -> str:
    """The callback_map key of the one callback whose outputs start with output_prefix."""
    if output_prefix in app.callback_map:
        return output_prefix
    (key,) = [k for k in app.callback_map if k.lstrip(".").startswith(output_prefix)]
    return key


def raw_request(app, key: str, values: dict, trigger: str | None = None) -> dict:
    """The JSON body the browser posts for a callback: values by "id.property" (None if absent);
    a pattern-matching input gets an empty list."""
    spec = app.callback_map[key]
    out = spec["output"]
    outputs = [
        {"id": o.component_id, "property": o.component_property}
        for o in (out if isinstance(out, list) else [out])
    ]

    def entry(dep: dict):
        name = f"{dep['id']}.{dep['property']}"
        if dep["id"].startswith("{"):
            return []
        return {"id": dep["id"], "property": dep["property"], "value": values.get(name)}

    inputs = [entry(d) for d in spec["inputs"]]
    first = spec["inputs"][0]
    return {
        "output": key,
        "outputs": outputs if isinstance(out, list) else outputs[0],
        "inputs": inputs,
        "state": [entry(d) for d in spec["state"]],
        "changedPropIds": [trigger or f"{first['id']}.{first['property']}"],
    }


def post_callback(client, app, output_prefix: str, values: dict, trigger: str | None = None):
    """Post one callback request as a browser would (or a hand-made one); the raw response."""
    body = raw_request(app, callback_key(app, output_prefix), values, trigger)
    return client.post("/_dash-update-component", json=body)
