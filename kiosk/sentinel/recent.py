"""The last scans (masked name, result, time) in memory only, each for `[sentinel]
keep_minutes` on the kiosk's clock, then dropped; the counts stay. Nothing here is ever
written anywhere."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from kiosk.sentinel.gate import Result

SHOWN = 3  # the ready screen shows this many


@dataclass(frozen=True)
class Scan:
    result: Result
    seen_at: float  # the kiosk's clock (monotonic seconds)


class RecentScans:
    def __init__(self, keep_seconds: float, limit: int = 200) -> None:
        self.keep_seconds = keep_seconds
        self._scans: deque[Scan] = deque(maxlen=limit)

    def add(self, result: Result, now: float) -> None:
        self.expire(now)
        if self.keep_seconds > 0:
            self._scans.append(Scan(result, now))

    def expire(self, now: float) -> bool:
        """Drop what is older than the window; True when something went."""
        dropped = False
        while self._scans and now - self._scans[0].seen_at >= self.keep_seconds:
            self._scans.popleft()
            dropped = True
        return dropped

    def latest(self, count: int = SHOWN) -> tuple[Result, ...]:
        return tuple(scan.result for scan in reversed(self._scans))[:count]

    def clear(self) -> None:
        self._scans.clear()

    def __len__(self) -> int:
        return len(self._scans)
