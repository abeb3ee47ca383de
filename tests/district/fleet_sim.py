"""A fleet of simulated kiosks for the fleet page's tests: each registered at a centre and
beating through the store's own Platform, with faults injected into its beat."""

from __future__ import annotations

import datetime as dt

from district.models import DeviceBeat, Heartbeat
from tests.district.homes import Clock

CENTRES = ("bs.youyi", "bs.wusong")


def beat(now: dt.datetime, *, printer: str = "online", paper: str = "full",
         free_mb: int = 12_000, total_mb: int = 32_000, pending: int = 0,
         last_error: str = "", version: str = "1.4.0") -> Heartbeat:
    return Heartbeat(
        sent_at=now, version=version, mode="attract", uptime_seconds=3 * 86400 + 3600,
        devices={"idcard": DeviceBeat(state="online"),
                 "scanner": DeviceBeat(state="online"),
                 "printer": DeviceBeat(state=printer, paper=paper,
                                       last_error=last_error),
                 "camera": DeviceBeat(state="online")},
        outbox_pending=pending, outbox_failed=0, free_disk_mb=free_mb, total_disk_mb=total_mb,
        last_error=last_error, counts={"visits": 3, "transactions": 2})


# kiosk id -> its fault (the keyword arguments of its beat); "silent" beat long ago
FAULTS: dict[str, dict] = {
    "BS-YY-001": {},  # healthy
    "BS-YY-002": {"paper": "out", "pending": 2},
    "BS-YY-003": {"printer": "hardware_error", "paper": "unknown",
                  "last_error": "打印头过热 print head too hot"},
    "BS-YY-004": {"free_mb": 300, "total_mb": 32_000},  # disk nearly full
    "BS-YY-005": {"pending": 7},  # silent: its last beat is three minutes old
    "BS-YY-006": {"paper": "low"},
}
SILENT = "BS-YY-005"


def plant_fleet(store, clock: Clock, faults: dict[str, dict] = FAULTS,
                silent: tuple[str, ...] = (SILENT,), never: tuple[str, ...] = ()) -> None:
    """Register each kiosk and send its beats: a few over the last minutes (some history),
    the silent ones' last three minutes ago; `never` are registered and never beat."""
    for number, kiosk_id in enumerate([*faults, *never]):
        store.register_kiosk(kiosk_id, CENTRES[number % len(CENTRES)])
    for step in range(4):  # four beats 30 s apart, the silent ones stop after the first
        for kiosk_id, fault in faults.items():
            if step and kiosk_id in silent:
                continue
            outbox = {**fault, "pending": fault.get("pending", 0) + step}
            store.for_kiosk(kiosk_id).heartbeat(beat(clock.now, **outbox))
        clock.advance(seconds=100 if step == 0 else 30)
