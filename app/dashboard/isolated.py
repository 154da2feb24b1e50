"""Expensive work (downloads made by output.render, big uploads) in helper processes, so that it
cannot starve ordinary requests of the server process's CPU or its GIL.

Each server process (a gunicorn worker) starts its helpers on first use, at most one per job
slot (two in all), each `python -m defense_timeline.dashboard.isolated` at nice 10: the CPU
goes to ordinary requests first, and kaleido's Chromium, started by a helper, inherits the
niceness. A job is a module-level function and its arguments, pickled to the helper's stdin;
its outcome comes back on stdout. Each kind of job has its own bound on how many run at once (a
download or a dropped file never waits: "busy, try again"; an upload a view needs waits a
little for its turn) and a time limit: past it the job is stopped (an alarm in the helper, which
then ends; the helper is killed if even that fails), the caller gets a clean error and nothing
is kept. A helper is replaced after TASKS_PER_HELPER jobs, so whatever memory a job leaves
behind is given back.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from defense_timeline.errors import DefenseTimelineError, InvalidTimeline

TASKS_PER_HELPER = 50
NICE = 10
GRACE = 5.0  # seconds past a job's own limit before its helper is killed from outside


class Busy(DefenseTimelineError):
    """The server is already doing as much of this kind of work as it allows."""


@dataclass(frozen=True)
class Kind:
    """A kind of job: how many at once per server process (kinds of the same name share
    them), how long one may wait for its turn (0: answered busy at once, never holding a
    request thread), its time limit and what it says when busy."""

    name: str
    slots: int
    wait: float
    limit: float
    busy: str


DOWNLOAD = Kind(
    "download", 1, 0.0, 60.0, "The server is busy making other downloads; try again in a moment."
)
BUSY_READING = "The server is busy reading other uploads; try again shortly."
# A dropped file is answered busy at once (the user drops it again); an upload kept in a tab
# that a view needs waits a little for its turn. Both share one slot: one parse at a time.
UPLOAD = Kind("parse", 1, 0.0, 30.0, BUSY_READING)
PARSE = Kind("parse", 1, 2.0, 30.0, BUSY_READING)
_SLOTS: dict[str, threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()


def _slot(kind: Kind) -> threading.BoundedSemaphore:
    with _SLOTS_LOCK:
        return _SLOTS.setdefault(kind.name, threading.BoundedSemaphore(kind.slots))


class _TooLong(Exception):
    """Raised in a helper by its alarm when a job runs past its limit."""


def _alarm(_signum, _frame) -> None:
    raise _TooLong


def _in_helper(job: Callable, limit: float, args: tuple) -> tuple[str, Any]:
    """Run job(*args) in a helper within limit seconds: ("ok", value), ("problems", [...]),
    ("error", message) or ("stopped", message) when the alarm cut the job short; nothing the
    parent could fail to unpickle."""
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return "ok", job(*args)
    except _TooLong:
        return "stopped", f"this took longer than {limit:g} s and was stopped"
    except InvalidTimeline as exc:
        return "problems", exc.problems
    except DefenseTimelineError as exc:
        return "error", str(exc)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def serve_jobs() -> None:
    """A helper's life: run the jobs its server process pickles to stdin, one at a time, and
    pickle each outcome to stdout, until stdin closes (the server process is gone)."""
    os.nice(NICE)
    signal.signal(signal.SIGALRM, _alarm)
    jobs, answers = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever a job prints must not mix with the answers
    while True:
        try:
            job, limit, args = pickle.load(jobs)
        except EOFError:
            return
        outcome = _in_helper(job, limit, args)
        pickle.dump(outcome, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()
        if outcome[0] == "stopped":  # cut short anywhere: this helper's state is not trusted
            return


class _Helper:
    """One helper process, started with the server's Python and import path."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        cmd = [sys.executable, "-m", __name__]
        self.process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.jobs = 0
        self.broken = False  # killed, or its answers cannot be read: never used again

    def call(self, job: Callable, limit: float, args: tuple) -> tuple[str, Any]:
        """The outcome of one job; the helper is killed if it overruns limit + GRACE."""
        self.jobs += 1
        overran = threading.Event()
        watchdog = threading.Timer(limit + GRACE, lambda: overran.set() or self.process.kill())
        watchdog.start()
        try:
            pickle.dump((job, limit, args), self.process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.process.stdin.flush()
            outcome, value = pickle.load(self.process.stdout)
            if outcome == "stopped":  # the helper ends after a job its alarm cut short
                self.broken = True
                outcome = "error"
            return outcome, value
        except (OSError, EOFError, pickle.UnpicklingError):
            self.broken = True
            self.process.kill()
            if overran.is_set():
                return "error", f"this took longer than {limit:g} s and was stopped"
            return "error", "the server could not finish this; try again"
        finally:
            watchdog.cancel()

    def usable(self) -> bool:
        return not self.broken and self.process.poll() is None and self.jobs < TASKS_PER_HELPER

    def close(self) -> None:
        """Let the helper end (its stdin closes) and reap it."""
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


_idle: list[_Helper] = []
_idle_lock = threading.Lock()


def submit(job: Callable, limit: float, args: tuple) -> tuple[str, Any]:
    """Run job(*args) in an idle helper (started if none is) and wait for its outcome."""
    with _idle_lock:
        helper = _idle.pop() if _idle else None
    try:
        helper = helper or _Helper()
    except OSError:  # no process could be started (a limit of the machine)
        return "error", "the server could not finish this; try again"
    try:
        return helper.call(job, limit, args)
    finally:
        if helper.usable():
            with _idle_lock:
                _idle.append(helper)
        else:
            helper.close()


def close_idle() -> None:
    """End the idle helpers (a helper keeps the environment it was started in: the next job
    starts a new one that sees the current environment)."""
    with _idle_lock:
        helpers, _idle[:] = list(_idle), []
    for helper in helpers:
        helper.close()


def run(kind: Kind, job: Callable, *args: Any) -> Any:
    """job(*args) (a module-level function: it runs in a helper) within kind's bounds; raises
    Busy when they are reached, InvalidTimeline or DefenseTimelineError when the job fails."""
    slot = _slot(kind)
    got = slot.acquire(timeout=kind.wait) if kind.wait else slot.acquire(blocking=False)
    if not got:
        raise Busy(kind.busy)
    try:
        outcome, value = submit(job, kind.limit, args)
    finally:
        slot.release()
    if outcome == "problems":
        raise InvalidTimeline(value)
    if outcome == "error":
        raise DefenseTimelineError(value)
    return value


if __name__ == "__main__":
    serve_jobs()
