"""Reports a code once when it is scanned again and again: a phone held under the camera shows
the same code in every frame, and a resident may press a scanner's trigger twice."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable


class RepeatFilter:
    """`accept(code)` is True for a new code and False for a repeat seen less than `window`
    seconds ago. Every sighting restarts the window, so a code left in view is reported once,
    and again only after it has been out of view for `window` seconds. A window of 0 lets
    everything through."""

    def __init__(self, window: float = 3.0, clock: Callable[[], float] = time.monotonic) -> None:
        if window < 0:
            raise ValueError("the repeat window cannot be negative")
        self.window = window
        self._clock = clock
        self._last_seen: dict[Hashable, float] = {}
        self._lock = threading.Lock()

    def accept(self, code: Hashable) -> bool:
        now = self._clock()
        with self._lock:
            self._forget_older_than(now - self.window)
            is_new = code not in self._last_seen
            self._last_seen[code] = now
        return is_new

    def reset(self) -> None:
        """Forget every code, e.g. when a session ends and the next resident steps up."""
        with self._lock:
            self._last_seen.clear()

    def _forget_older_than(self, horizon: float) -> None:
        # Pruned on every call so a long-running kiosk does not collect every code it saw.
        stale = [code for code, seen in self._last_seen.items() if seen <= horizon]
        for code in stale:
            del self._last_seen[code]
