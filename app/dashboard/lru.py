"""The dashboard's caches of results that are never mutated (charts, parsed uploads), sized by
bytes so that a worker's memory stays bounded whatever the files' sizes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any


class Lru:
    """A thread-safe least-recently-used cache of immutable results, holding at most max_bytes
    as estimated by weigh(value); a value heavier than the whole budget is made but not kept."""

    def __init__(self, max_bytes: int, weigh: Callable[[Any], int]):
        self._items: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()
        self._max = max_bytes
        self._weigh = weigh
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def bytes(self) -> int:
        """The estimated size of what the cache holds."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: tuple, make: Callable[[], Any]) -> Any:
        """The cached value for key, made (outside the lock) when missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key][0]
        value = make()
        self.put(key, value)
        return value

    def put(self, key: tuple, value: Any) -> None:
        """Keep value under key (unless it is heavier than the whole budget)."""
        size = self._weigh(value)
        if size > self._max:
            return
        with self._lock:
            if key in self._items:
                self._bytes -= self._items.pop(key)[1]
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self._max:
                self._bytes -= self._items.popitem(last=False)[1][1]
