"""What needs a visit: a kiosk's alerts from its latest heartbeat, worst first, and the
fleet's order (the worst alert first, then by id). Pure functions, free of the server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from district.models import Heartbeat

SILENT_AFTER = dt.timedelta(minutes=2)
DISK_LOW_SHARE = 0.05  # nearly full: under 5% free
DISK_LOW_MB = 500  # or under 500 MB free


class Alert(StrEnum):
    """In order of severity: the first needs a visit soonest."""

    SILENT = "silent"  # no beat for SILENT_AFTER, or never one
    HARDWARE_ERROR = "hardware_error"  # a device says so
    PAPER_JAMMED = "paper_jammed"
    PAPER_OUT = "paper_out"
    DISK_LOW = "disk_low"
    PAPER_LOW = "paper_low"


SEVERITY = {alert: rank for rank, alert in enumerate(Alert)}


def alerts(beat: Heartbeat | None, received_at: dt.datetime | None,
           now: dt.datetime) -> tuple[Alert, ...]:
    """A kiosk's alerts, worst first. A silent kiosk keeps the alerts of its last beat."""
    found = set()
    if received_at is None or now - received_at > SILENT_AFTER:
        found.add(_SILENT)
    if beat is not None:
        for device in beat.devices.values():
            if device.state == "hardware_error":
                found.add(_HARDWARE_ERROR)
            if device.paper in _PAPER:
                found.add(_PAPER[device.paper])
        if disk_low(beat.free_disk_mb, beat.total_disk_mb):
            found.add(_DISK_LOW)
    if len(found) < 2:
        return tuple(found)
    return tuple(alert for alert in _ALL if alert in found)


# Looked up once: an enum member's attribute lookup is slow, and 10,000 kiosks ask for them.
_ALL = tuple(Alert)
_SILENT, _HARDWARE_ERROR, _DISK_LOW = Alert.SILENT, Alert.HARDWARE_ERROR, Alert.DISK_LOW
_PAPER = {"jammed": Alert.PAPER_JAMMED, "out": Alert.PAPER_OUT, "low": Alert.PAPER_LOW}


def disk_low(free_mb: int, total_mb: int) -> bool:
    return free_mb < DISK_LOW_MB or (total_mb > 0 and free_mb < total_mb * DISK_LOW_SHARE)


def sort_key(kiosk_id: str, found: tuple[Alert, ...]) -> tuple[int, int, str]:
    """What needs a visit first: the worst alert, then the most alerts, then by id."""
    worst = SEVERITY[found[0]] if found else len(SEVERITY)
    return worst, -len(found), kiosk_id


def counts(found: Iterable[tuple[Alert, ...]]) -> dict[Alert, int]:
    """How many kiosks have each alert (every alert named, 0 where none has it)."""
    total = dict.fromkeys(Alert, 0)
    for each in found:
        for alert in each:
            total[alert] += 1
    return total
