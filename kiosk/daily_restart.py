"""The daily restart at `[restart] daily_at` (Shanghai time): from the first such time after
the kiosk started, at the first tick on which it rests (attract, sentinel or out of service,
with no visit; never in a visit or in maintenance), it asks to stop with the restart code so
that its supervisor starts it fresh. Once a day: a kiosk started after today's time waits for
tomorrow's. Audited."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.audit_log import detail
from kiosk.maintenance import RESTART_CODE
from kiosk.modes.base import ModeName

log = logging.getLogger(__name__)
SHANGHAI = ZoneInfo("Asia/Shanghai")
RESTING = frozenset({ModeName.ATTRACT, ModeName.SENTINEL, ModeName.OUT_OF_SERVICE})


def next_restart(after: datetime, daily_at: str) -> datetime | None:
    """The first `daily_at` in Shanghai strictly after `after` (aware); None for "" (never)."""
    if not daily_at:
        return None
    hours, minutes = (int(part) for part in daily_at.split(":"))
    local = after.astimezone(SHANGHAI)
    at = datetime.combine(local.date(), time(hours, minutes), SHANGHAI)
    if at <= local:
        at = datetime.combine(local.date() + timedelta(days=1), time(hours, minutes), SHANGHAI)
    return at


class DailyRestart:
    def __init__(self, kiosk: Any) -> None:
        self.kiosk = kiosk
        self.daily_at: str = kiosk.settings.restart.daily_at
        self.due_at: datetime | None = None
        self._started = False  # the first tick reads the wall clock (tests set theirs first)

    def tick(self) -> None:
        kiosk = self.kiosk
        now = kiosk.wall_clock()
        if not self._started:
            self._started = True
            self.due_at = next_restart(now, self.daily_at)
        if self.due_at is None or now < self.due_at:
            return
        if kiosk.mode.name not in RESTING or kiosk.session.active:
            return  # a resident or a technician is here: at the next rest
        late = now - self.due_at
        self.due_at = next_restart(now, self.daily_at)
        log.info("daily restart (set for %s Shanghai time, %d min late)", self.daily_at,
                 late.total_seconds() // 60)
        kiosk.audit("kiosk.daily_restart", detail(at=self.daily_at))
        kiosk.request_stop(RESTART_CODE)
