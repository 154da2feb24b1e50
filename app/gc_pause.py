"""Pause Python's cyclic garbage collector around bulk building (load, frame, figure)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects that hold no cycles.

    With a large timeline in memory every full collection walks millions of objects; letting
    them run during a load or a build makes 50,000 items cost twice what 5 x 10,000 do.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
