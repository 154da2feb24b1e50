"""Server-side time and response size of the dashboard's filter-to-figure callback.

Posts the chart/table callback's request to the Dash app's own Flask server (test client, no
socket) for several filter changes on a synthetic timeline, as the browser does when a filter
control changes, and also times the figure pipeline alone (build_figure + JSON).
Run: python -m benchmarks.dashboard_bench [--size 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks import generate

HERE = Path(__file__).resolve().parent
TARGET_MS = 200.0


def scenarios():
    """Filter changes a user makes, as Filters."""
    from app.options import Filters

    return {
        "no filter": Filters(),
        "3 lanes": Filters(lanes=("lane-00", "lane-01", "lane-02")),
        "statuses planned+proposed": Filters(statuses=("planned", "proposed")),
        "kind deadline": Filters(kinds=("deadline",)),
        "search 'Osprey'": Filters(search="Osprey"),
        "window 2015-2020": Filters(window_start=date(2015, 1, 1), window_end=date(2020, 12, 31)),
    }


def view_callback(app) -> tuple[str, dict]:
    """The callback that draws the chart and fills the table, by its outputs."""
    for key, entry in app.callback_map.items():
        if ".figure." in key and ".rowData." in key:
            return key, entry
    raise SystemExit("no chart+table callback found in the dashboard")


def request_body(key: str, entry: dict, values: dict) -> dict:
    """The JSON body Dash's renderer posts to /_dash-update-component for this callback."""
    outputs = [{"id": o.component_id, "property": o.component_property} for o in entry["output"]]

    def props(specs: list[dict]) -> list[dict]:
        return [{**s, "value": values.get(s["id"])} for s in specs]

    first = entry["inputs"][0]
    return {
        "output": key,
        "outputs": outputs,
        "inputs": props(entry["inputs"]),
        "state": props(entry["state"]),
        "changedPropIds": [f"{first['id']}.{first['property']}"],
    }


def bench(path: Path, repeat: int) -> list[tuple[str, float, float, int, float, int]]:
    """Per scenario: callback ms (median), first-call ms, response bytes, pipeline ms, items."""
    from app import loader
    from app.dashboard import create_app, ids
    from app.dashboard.state import PageState, to_query
    from app.figure import build_figure
    from app.options import ViewOptions

    app = create_app([path])
    client = app.server.test_client()
    key, entry = view_callback(app)
    timeline_key = app.served.default_key
    timeline = loader.load(path)
    rows = []
    for name, filters in scenarios().items():
        view = ViewOptions(filters=filters)
        query = to_query(PageState(timeline=timeline_key, view=view))
        body = request_body(key, entry, {ids.VIEW: query})
        times, size = [], 0
        for _ in range(repeat + 1):
            t0 = time.perf_counter()
            resp = client.post("/_dash-update-component", json=body)
            times.append((time.perf_counter() - t0) * 1000)
            if resp.status_code != 200:
                raise SystemExit(f"{name}: HTTP {resp.status_code}: {resp.data[:300]!r}")
            size = len(resp.data)
        t0 = time.perf_counter()
        fig = build_figure(timeline, view)
        fig.to_json()
        pipeline = (time.perf_counter() - t0) * 1000
        drawn = sum(len(t.customdata) for t in fig.data if t.customdata is not None)
        rows.append((name, statistics.median(times[1:]), times[0], size, pipeline, drawn))
    return rows


def table(n: int, rows: list) -> str:
    """Markdown table of the results."""
    out = [
        f"Dashboard filter-to-figure callback, {n:,} items (target < {TARGET_MS:.0f} ms):",
        "",
        "| filter | callback ms (median) | first call ms | response | build_figure + JSON ms "
        "| trace points with ids | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, med, first, size, pipe, drawn in rows:
        verdict = "met" if med < TARGET_MS else "**missed**"
        out.append(
            f"| {name} | {med:,.0f} | {first:,.0f} | {size / 1e6:.2f} MB | {pipe:,.0f} "
            f"| {drawn:,} | {verdict} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    """Generate the file, run the scenarios, print and save the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--out", type=Path, default=HERE / "dashboard_results.md")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tl-dash-bench-") as tmp:
        path = generate.write(args.size, Path(tmp))
        text = table(args.size, bench(path, args.repeat))
    print(text)
    args.out.write_text(f"# Dashboard benchmark\n\n{date.today().isoformat()}\n\n{text}\n")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
