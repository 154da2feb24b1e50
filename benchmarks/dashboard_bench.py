"""Server-side time and response size of the dashboard's filter-to-figure callback.

Posts the chart/table callback's request to the Dash app's own Flask server (test client, no
socket) for several filter changes on a synthetic timeline, as the browser does when a filter
control changes, and also times the figure pipeline alone (build_figure + JSON).
Run: python -m benchmarks.dashboard_bench [--size 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/dashboard_bench.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import generate  # noqa: E402

HERE = Path(__file__).resolve().parent
TARGET_MS = 200.0


def scenarios():
    """Filter changes a user makes, as Filters."""
    from defense_timeline.view.options import Filters

    return {
        "no filter": Filters(),
        "3 lanes": Filters(lanes=("lane-00", "lane-01", "lane-02")),
        "statuses planned+proposed": Filters(statuses=("planned", "proposed")),
        "kind deadline": Filters(kinds=("deadline",)),
        "search 'Osprey'": Filters(search="Osprey"),
        "window 2015-2020": Filters(window_start=date(2015, 1, 1), window_end=date(2020, 12, 31)),
    }


def view_callbacks(app, view_id: str, graph_id: str) -> list[tuple[str, dict, bool]]:
    """Every callback a view change fires: (key, entry, draws the chart), the chart's first."""
    found = []
    for key, entry in app.callback_map.items():
        if any(i["id"] == view_id for i in entry["inputs"]):
            draws = any(
                o.component_id == graph_id
                and o.component_property == "figure"
                and not o.allow_duplicate
                for o in entry["output"]
            )
            found.append((key, entry, draws))
    if not any(draws for *_, draws in found):
        raise SystemExit("no callback draws the chart from the view query")
    return sorted(found, key=lambda f: not f[2])


def request_body(key: str, entry: dict, values: dict, changed: str) -> dict:
    """The JSON body Dash's renderer posts to /_dash-update-component for this callback."""
    outputs = [{"id": o.component_id, "property": o.component_property} for o in entry["output"]]

    def props(specs: list[dict]) -> list[dict]:
        return [{**s, "value": values.get(s["id"])} for s in specs]

    return {
        "output": key,
        "outputs": outputs,
        "inputs": props(entry["inputs"]),
        "state": props(entry["state"]),
        "changedPropIds": [changed],
    }


def _post(client, body: dict, name: str) -> tuple[float, int]:
    """One callback request: (ms, response bytes)."""
    t0 = time.perf_counter()
    resp = client.post("/_dash-update-component", json=body)
    ms = (time.perf_counter() - t0) * 1000
    if resp.status_code not in (200, 204):
        raise SystemExit(f"{name}: HTTP {resp.status_code}: {resp.data[:300]!r}")
    return ms, len(resp.data)


def bench(path: Path, repeat: int) -> tuple[list[tuple], int]:
    """Per scenario: chart callback ms on its first request (cold) and repeated (the app's
    caches warm), chart bytes, all callbacks' cold ms and bytes, build_figure + JSON ms and
    how many points carry ids. The file is loaded and framed by a warm-up view first."""
    from defense_timeline.chart.figure import build_figure
    from defense_timeline.dashboard import create_app, ids
    from defense_timeline.dashboard.state import PageState, to_query
    from defense_timeline.timeline import loader
    from defense_timeline.view.options import Filters, ViewOptions

    app = create_app([path])
    client = app.server.test_client()
    callbacks = view_callbacks(app, ids.VIEW, ids.GRAPH)

    def bodies(filters: Filters) -> list[dict]:
        query = to_query(PageState(app.served.default_key, ViewOptions(filters=filters)))
        values = {ids.VIEW: query}
        return [request_body(k, e, values, f"{ids.VIEW}.data") for k, e, _ in callbacks]

    for body in bodies(Filters(search="warm-up")):
        _post(client, body, "warm-up")
    timeline = loader.load(path)
    rows = []
    for name, filters in scenarios().items():
        cold = [_post(client, body, name) for body in bodies(filters)]
        warm = [_post(client, bodies(filters)[0], name)[0] for _ in range(repeat)]
        t0 = time.perf_counter()
        fig = build_figure(timeline, ViewOptions(filters=filters))
        fig.to_json()
        pipeline = (time.perf_counter() - t0) * 1000
        drawn = sum(len(t.customdata) for t in fig.data if t.customdata is not None)
        total_ms, total_size = sum(ms for ms, _ in cold), sum(size for _, size in cold)
        row = (name, cold[0][0], statistics.median(warm), cold[0][1], total_ms, total_size)
        rows.append((*row, pipeline, drawn))
    return rows, len(callbacks)


def table(n: int, rows: list, n_callbacks: int) -> str:
    """Markdown table of the results."""
    out = [
        f"Dashboard: a filter change on {n:,} items (file already loaded): the chart callback's "
        f"server time on the view's first request (target < {TARGET_MS:.0f} ms), repeated "
        f"(served from the app's cache), and all {n_callbacks} callbacks the change fires.",
        "",
        "| filter | chart callback ms | repeated ms | chart response "
        "| all callbacks ms | all responses | build_figure + JSON ms | points with ids | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, cold, warm, size, total, total_size, pipe, drawn in rows:
        verdict = "met" if cold < TARGET_MS else "**missed**"
        out.append(
            f"| {name} | {cold:,.0f} | {warm:,.0f} | {size / 1e6:.2f} MB | {total:,.0f} "
            f"| {total_size / 1e6:.2f} MB | {pipe:,.0f} | {drawn:,} | {verdict} |"
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
        text = table(args.size, *bench(path, args.repeat))
    print(text)
    args.out.write_text(f"# Dashboard benchmark\n\n{date.today().isoformat()}\n\n{text}\n")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
