"""A hand that shakes touches twice: the second touch, near the first and within half a
second, would land on whatever the first one brought up in the same place. It is ignored."""

from __future__ import annotations

from collections.abc import Callable

TREMOR_SECONDS = 0.5
TREMOR_DISTANCE = 48  # reference pixels (a 1080-px short side), scaled by the caller


class TremorGuard:
    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._last: tuple[float, float, float] | None = None  # when, x, y of the last release

    def is_repeat(self, x: float, y: float, near: float) -> bool:
        """A touch at (x, y): True when it repeats the last one (within `near` pixels)."""
        if self._last is None:
            return False
        when, lx, ly = self._last
        return abs(x - lx) + abs(y - ly) < near and self.clock() - when < TREMOR_SECONDS

    def released(self, x: float, y: float) -> None:
        """A touch that counted ended here; the half second starts now."""
        self._last = (self.clock(), x, y)
