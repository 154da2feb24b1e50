"""PNG, SVG and PDF rendering through kaleido 1.x: one headless Chromium serves many images.

kaleido's global sync server hangs forever (and prints a thread traceback) when the browser
cannot start, so this module drives `kaleido.Kaleido` on a private event-loop thread instead:
start-up failures and render timeouts come back to the caller as one clean ExportError.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from defense_timeline.errors import BrowserNotFound, ExportError

BROWSER_MISSING = (
    "image export needs Chromium: install Debian's chromium (apt-get install chromium) "
    "or set BROWSER_PATH"
)
IMAGE_FORMATS = ("png", "svg", "pdf")
START_TIMEOUT = 60.0  # seconds for Chromium to start
RENDER_TIMEOUT = 120.0  # seconds for one image
# Their log lines (tracebacks of browser messages they ignore) are not for our users: a real
# failure reaches the caller as an exception, turned into one ExportError below.
BROWSER_LOGGERS = ("choreographer", "kaleido", "logistro")

_local = threading.local()


def find_browser() -> str:
    """The Chromium to use: BROWSER_PATH if set, else the one kaleido finds (Debian's)."""
    path = os.environ.get("BROWSER_PATH")
    if not path:
        from choreographer.browsers.chromium import Chromium

        path = Chromium.find_browser(skip_local=False)
    if not path or not Path(path).is_file() or not os.access(path, os.X_OK):
        raise BrowserNotFound(BROWSER_MISSING)
    return path


class ImageSession:
    """One running Chromium (via kaleido) on its own event loop, turning figures into bytes."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None

    def start(self) -> None:
        """Start Chromium; BrowserNotFound or ExportError when it cannot run."""
        path = find_browser()
        for name in BROWSER_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="defense-timeline-images", daemon=True
        )
        self._thread.start()
        try:
            self._kaleido = self._run(_open_kaleido(path), START_TIMEOUT)
        except Exception as exc:
            self._stop_loop()
            reason = "timed out" if isinstance(exc, TimeoutError) else _first_line(exc)
            raise ExportError(f"image export could not start Chromium ({path}): {reason}") from None
        except BaseException:
            self._stop_loop()
            raise

    def render(self, figure: dict, fmt: str, width: int, height: int) -> bytes:
        """The figure as PNG, SVG or PDF bytes of exactly width x height (CSS pixels)."""
        if self._kaleido is None:
            raise RuntimeError("ImageSession.render before start")
        opts = {"format": fmt, "width": width, "height": height, "scale": 1}
        try:
            data = self._run(self._kaleido.calc_fig(figure, opts=opts), RENDER_TIMEOUT)
        except TimeoutError:
            raise ExportError(f"{fmt} export timed out after {RENDER_TIMEOUT:.0f} s") from None
        except Exception as exc:
            raise ExportError(f"{fmt} export failed: {_first_line(exc)}") from None
        if not data:
            raise ExportError(f"{fmt} export produced no data")
        return bytes(data)

    def close(self) -> None:
        """Close Chromium and the event loop; safe to call twice."""
        if self._kaleido is not None:
            kaleido_obj, self._kaleido = self._kaleido, None
            try:
                self._run(kaleido_obj.close(), START_TIMEOUT)
            except Exception:  # noqa: BLE001 - closing a dying browser must not mask the real error
                pass
        self._stop_loop()

    def _run(self, coro: Coroutine[Any, Any, Any], timeout: float) -> Any:
        """Run a coroutine on the session's loop and wait for it."""
        assert self._loop is not None
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result(timeout)
        except BaseException:
            future.cancel()
            raise

    def _stop_loop(self) -> None:
        """Stop the loop thread and release the loop."""
        if self._loop is None:
            return
        loop, self._loop = self._loop, None
        if loop.is_running():
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(_cancel_pending(), loop).result(START_TIMEOUT)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if not loop.is_running():
            loop.close()


async def _open_kaleido(path: str) -> Any:
    """Create and open a kaleido browser without MathJax (no network) on the running loop."""
    import kaleido

    browser = kaleido.Kaleido(path=path, mathjax=False, n=1, timeout=RENDER_TIMEOUT)
    try:
        await browser.open()
    except BaseException:
        try:
            await browser.close()
        except Exception:  # noqa: BLE001 - the open error is the one to report
            pass
        raise
    return browser


async def _cancel_pending() -> None:
    """Cancel the browser library's leftover tasks, so none is destroyed pending (and logged)."""
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _first_line(exc: BaseException) -> str:
    """A one-line description of an exception from kaleido or choreographer."""
    text = str(exc.args[0]) if exc.args else str(exc)
    return (text.strip().splitlines() or [type(exc).__name__])[0]


@contextmanager
def image_session() -> Iterator[ImageSession]:
    """One Chromium for every image rendered inside the block (nested blocks share it)."""
    current = getattr(_local, "session", None)
    if current is not None:
        yield current
        return
    session = ImageSession()
    session.start()
    _local.session = session
    try:
        yield session
    finally:
        _local.session = None
        session.close()
