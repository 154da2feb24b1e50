"""The dashboard under load: gunicorn workers, simulated clients replaying real callbacks.

Starts `gunicorn -w N defense_timeline.dashboard.wsgi:server` on loopback with the bundled
timelines, then runs rounds of C clients (threads, one keep-alive connection each) for a bounded
time. Each client replays what a user does, with its own timeline, lane, view date and item:
open the view, filter a lane, move the view date, click an item; every callback those changes
fire is posted as Dash's renderer posts it. Every answer is compared with the answer the server
gave the same request alone before the round (isolation: a client never sees another's data).
A last round runs ordinary clients beside image downloads and big uploads.

Prints, per round: requests/s, p50/p95/p99, errors, answers that differ, worker memory before
and after. Run: python -m benchmarks.load [--workers 2] [--clients 10,50,100] [--seconds 20]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python benchmarks/load.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import generate  # noqa: E402
from benchmarks.dashboard_bench import request_body  # noqa: E402

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "timeline_data"
PROFILES = 20  # distinct users; client i plays profile i % PROFILES
VIEW_DATES = ("2014-06-30", "2017-02-19", "2019-01-01", "2023-12-31", "2026-12-01")
UPDATE = "/_dash-update-component"


@dataclass
class Step:
    """One request of a client's cycle and the answer it must get."""

    name: str
    body: bytes
    expected: bytes = b""


@dataclass
class Tally:
    """What the clients of one round saw."""

    ms: list[float] = field(default_factory=list)
    errors: int = 0
    differ: int = 0
    busy: int = 0  # heavy requests answered "busy, try again" (not timed)
    reasons: list[str] = field(default_factory=list)  # what the first errors were
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ms: float, ok: bool, same: bool, reason: str = "") -> None:
        with self.lock:
            self.ms.append(ms)
            self.errors += not ok
            self.differ += ok and not same
            if not ok and len(self.reasons) < 5:
                self.reasons.append(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workers: int, threads: int, port: int, files: str) -> subprocess.Popen:
    """gunicorn serving the dashboard; returns once it answers."""
    env = {**os.environ, "DEFENSE_TIMELINE_FILES": files, "DEFENSE_TIMELINE_LIVE_RELOAD": "0"}
    cmd = [sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads)]
    cmd += ["-b", f"127.0.0.1:{port}"]
    cmd += ["--timeout", "120", "--log-level", "warning", "defense_timeline.dashboard.wsgi:server"]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    proc.kill()
    raise SystemExit("gunicorn did not answer within 60 s")


def _rss_mb(pid: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _children(pid: int | str) -> list[str]:
    """The processes any thread of pid started (a worker starts helpers from request threads)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):  # a thread or process gone meanwhile
            found += (task / "children").read_text().split()
    return found


def worker_cpu_s(master: int) -> float:
    """CPU seconds the gunicorn workers have used (user + system; helpers not counted)."""
    total = 0
    for pid in _children(master):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def worker_rss_mb(master: int) -> list[float]:
    """Resident memory of each gunicorn worker (children of the master), in MB."""
    return [_rss_mb(pid) for pid in _children(master)]


def helper_rss_mb(master: int) -> list[float]:
    """Resident memory of each worker's helper processes (dashboard.isolated), in MB; the
    Chromium a helper starts for an image is not counted."""
    sizes = []
    for worker in _children(master):
        for pid in _children(worker):
            with contextlib.suppress(OSError):
                sizes.append(_rss_mb(pid))
    return sizes


def _callbacks(app, **wanted: str) -> list[tuple[str, dict, str]]:
    """(key, entry, changed prop) of each callback with one of the wanted id.prop inputs."""
    found = []
    for key, entry in app.callback_map.items():
        for i in entry["inputs"]:
            prop = f"{i['id']}.{i['property']}"
            if prop in wanted.values():
                found.append((key, entry, prop))
                break
    return found


def profiles(app, n_profiles: int = PROFILES) -> list[list[Step]]:
    """Each profile's cycle: open, lane filter, view date, item click (bodies only)."""
    from defense_timeline.dashboard import ids
    from defense_timeline.dashboard.state import PageState, to_query
    from defense_timeline.view.options import Filters, ViewOptions

    on_view = _callbacks(app, view=f"{ids.VIEW}.data")
    on_item = _callbacks(app, item=f"{ids.SELECTED}.data")
    keys = list(app.served.files)
    out = []
    for p in range(n_profiles):
        key = keys[p % len(keys)]
        timeline = app.served.load(key).timeline
        lane = timeline.lanes[p % len(timeline.lanes)].id
        item = timeline.items[(7 * p) % len(timeline.items)].id
        day = date.fromisoformat(VIEW_DATES[p % len(VIEW_DATES)])
        views = [
            ViewOptions(),
            ViewOptions(filters=Filters(lanes=(lane,))),
            ViewOptions(as_of=day, filters=Filters(lanes=(lane,))),
        ]
        steps = []
        for n, view in enumerate(views):
            query = to_query(PageState(key, view))
            for k, entry, changed in on_view:
                body = request_body(k, entry, {ids.VIEW: query}, changed)
                steps.append(Step(f"view{n}", json.dumps(body).encode()))
        query = to_query(PageState(key, views[-1]))
        for k, entry, changed in on_item:
            body = request_body(k, entry, {ids.VIEW: query, ids.SELECTED: item}, changed)
            steps.append(Step("item", json.dumps(body).encode()))
        out.append(steps)
    return out


def post(conn: http.client.HTTPConnection, body: bytes) -> tuple[int, bytes]:
    conn.request("POST", UPDATE, body=body, headers={"Content-Type": "application/json"})
    resp = conn.getresponse()
    return resp.status, resp.read()


def record_expected(port: int, cycles: list[list[Step]]) -> None:
    """The answer to each request made alone, before any load."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    with contextlib.closing(conn):
        for steps in cycles:
            for step in steps:
                status, data = post(conn, step.body)
                if status not in (200, 204):
                    raise SystemExit(f"{step.name}: HTTP {status}: {data[:300]!r}")
                step.expected = data


def client(port: int, steps: list[Step], until: float, tally: Tally) -> None:
    """Replay the cycle until the round ends, timing and checking each answer."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < until:
        for step in steps:
            t0 = time.perf_counter()
            try:
                status, data = post(conn, step.body)
                reason = f"{step.name}: HTTP {status} {data[:80]!r}"
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status, data, reason = 0, b"", f"{step.name}: {exc!r}"
            ok = status in (200, 204)
            tally.add((time.perf_counter() - t0) * 1000, ok, data == step.expected, reason)
    conn.close()


def heavy(port: int, body: bytes, until: float, tally: Tally) -> None:
    """Post one expensive request over and over (an image download, a big upload)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    while time.monotonic() < until:
        t0 = time.perf_counter()
        try:
            status, data = post(conn, body)
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            status, data = 0, b""
        if status == 200 and b"busy" in data and b"try again" in data:
            with tally.lock:
                tally.busy += 1
            continue
        tally.add((time.perf_counter() - t0) * 1000, status in (200, 204), True)
    conn.close()


def heavy_bodies(app, big: Path) -> dict[str, bytes]:
    """A PNG download of the default view and the upload of a big file, as the page posts them."""
    from defense_timeline.dashboard import ids
    from defense_timeline.dashboard.state import PageState, to_query

    query = to_query(PageState(app.served.default_key))
    png = _callbacks(app, png=f"{ids.DL_PNG}.n_clicks")
    upload = _callbacks(app, up=f"{ids.UPLOAD}.contents")
    data_url = "data:application/x-yaml;base64," + base64.b64encode(big.read_bytes()).decode()
    out = {}
    if png:
        k, entry, changed = png[0]
        out["png download"] = request_body(k, entry, {ids.VIEW: query, ids.DL_PNG: 1}, changed)
    if upload:
        k, entry, changed = upload[0]
        values = {f"{ids.UPLOAD}": data_url}
        body = request_body(k, entry, values, changed)
        for spec in body["inputs"] + body["state"]:
            if spec["id"] == ids.UPLOAD and spec["property"] == "filename":
                spec["value"] = big.name
            elif spec["id"] == ids.UPLOAD and spec["property"] != "contents":
                spec["value"] = None
        out["big upload"] = body
    return {name: json.dumps(body).encode() for name, body in out.items()}


def run_round(port: int, cycles, n_clients: int, seconds: float, extra=()) -> tuple[Tally, dict]:
    """n_clients ordinary clients (and the extra heavy posters) for `seconds`."""
    tally, heavy_tallies = Tally(), {}
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(port, cycles[i % len(cycles)], until, tally))
        for i in range(n_clients)
    ]
    for name, body, copies in extra:
        heavy_tallies[name] = Tally()
        threads += [
            threading.Thread(target=heavy, args=(port, body, until, heavy_tallies[name]))
            for _ in range(copies)
        ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally, heavy_tallies


def pct(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


def row(
    label: str, tally: Tally, seconds: float, rss: tuple[float, float], cpu: str = "", helpers=""
) -> str:
    ms = tally.ms or [0.0]
    return (
        f"| {label} | {len(tally.ms) / seconds:,.0f} | {pct(ms, 50):,.0f} | {pct(ms, 95):,.0f} "
        f"| {pct(ms, 99):,.0f} | {max(ms):,.0f} | {cpu} | {tally.errors} | {tally.differ} "
        f"| {rss[0]:,.0f} -> {rss[1]:,.0f}{helpers} |"
    )


def helpers_text(master: int) -> str:
    """The helper processes' memory, for the memory cell: '; helpers 3 x <= 150'."""
    sizes = helper_rss_mb(master)
    return f"; helpers {len(sizes)} x <= {max(sizes):,.0f}" if sizes else ""


HEADER = [
    "| round | requests/s | p50 ms | p95 ms | p99 ms | max ms | worker CPU ms per request "
    "| errors | answers that differ | worker memory MB (largest, before -> after) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
]


def main(argv: list[str] | None = None) -> list[str]:
    """Start gunicorn, run the rounds, print and save the table."""
    from defense_timeline.dashboard import create_app

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=4, help="threads per worker (gthread)")
    ap.add_argument("--profiles", type=int, default=PROFILES, help="distinct simulated users")
    ap.add_argument("--clients", default="10,50,100")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--beside", type=int, default=10, help="ordinary clients beside heavy work")
    ap.add_argument("--heavy", type=int, default=2, help="posters of each heavy request (0: none)")
    ap.add_argument("--out", type=Path, default=HERE / "load_results.md")
    args = ap.parse_args(argv)
    args.load_before = os.getloadavg()[0]
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="tl-load-") as tmp:
        big = generate.write(6_000, Path(tmp))  # ~2 MB: the size limit of an upload
        app = create_app([DATA])
        cycles = profiles(app, args.profiles)
        proc = start_gunicorn(args.workers, args.threads, port, str(DATA))
        try:
            record_expected(port, cycles)
            lines = list(HEADER)
            for n in (int(c) for c in args.clients.split(",")):
                before, cpu = max(worker_rss_mb(proc.pid)), worker_cpu_s(proc.pid)
                tally, _ = run_round(port, cycles, n, args.seconds)
                after, cpu = max(worker_rss_mb(proc.pid)), worker_cpu_s(proc.pid) - cpu
                per = f"{1000 * cpu / max(1, len(tally.ms)):.2f}"
                lines.append(row(f"{n} clients", tally, args.seconds, (before, after), per))
                print(lines[-1], *tally.reasons, sep="\n", flush=True)
            if args.heavy == 0:
                return _finish(args, lines)
            extra = [(name, body, args.heavy) for name, body in heavy_bodies(app, big).items()]
            before = max(worker_rss_mb(proc.pid))
            tally, heavies = run_round(port, cycles, args.beside, args.seconds, extra)
            after, helpers = max(worker_rss_mb(proc.pid)), helpers_text(proc.pid)
            heavy_words = " and ".join(f"{args.heavy} x {n}" for n in heavies)
            label = f"{args.beside} clients beside {heavy_words}"
            lines.append(row(label, tally, args.seconds, (before, after), "", helpers))
            for name, t in heavies.items():
                made = f"{len(t.ms)} made, {t.busy} answered busy"
                lines.append(
                    row(f"(the {name}s themselves: {made})", t, args.seconds, (before, after))
                )
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    return _finish(args, lines)


def _finish(args: argparse.Namespace, lines: list[str]) -> list[str]:
    """Print and save the table; return its rows."""
    cores = os.cpu_count()
    intro = (
        f"gunicorn -w {args.workers} --threads {args.threads} on {cores} cores, loopback, "
        f"{args.seconds:g} s per round; each client replays open view, lane filter, view date, "
        f"item click ({args.profiles} distinct users); every answer compared with the same "
        "request's answer alone. Load average (1 min) "
        f"{args.load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end."
    )
    text = "\n".join([intro, "", *lines])
    print("\n" + text)
    args.out.write_text(f"# Load benchmark\n\n{date.today().isoformat()}\n\n{text}\n")
    print(f"\nwritten to {args.out}")
    return lines[len(HEADER) :]


if __name__ == "__main__":
    main()
