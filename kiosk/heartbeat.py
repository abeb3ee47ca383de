"""The kiosk's heartbeat to the district (`Platform.heartbeat`): every `[heartbeat]
interval_seconds` on the kiosk's tick, its devices, version, mode, uptime, outbox, disk, last
error and the counts since the last beat the platform took. Sent on the kiosk's chores,
never the screen's thread. Newest wins: one beat in flight at most; one that falls due
meanwhile goes when it ends, built then (so it is the newest); a failed beat is not sent
again, its counts go with the next. Never personal data."""

from __future__ import annotations

import logging
import re
import shutil
from typing import Any

from district.models import DeviceBeat, Heartbeat
from kiosk.log_book import masked
from kiosk.outbox import OutboxError, State
from kiosk.version import version

log = logging.getLogger(__name__)
FIRST_AFTER = 2.0  # seconds after start: the district hears of a kiosk soon after it starts
MB = 1024 * 1024
MAX_DEVICES = 16  # what the contract takes


class HeartbeatSender:
    def __init__(self, kiosk: Any) -> None:
        self.kiosk = kiosk
        self.interval = kiosk.settings.heartbeat.interval_seconds
        self.next_at = kiosk.started_at + FIRST_AFTER
        self.in_flight = False
        self.due = False  # a beat fell due while one was in flight
        self.delivered_totals: dict[str, int] = {}  # the counts the platform has been told
        self.sent = 0  # beats handed to the platform (delivered or not)
        self.delivered = 0
        self._failing = False

    def tick(self, now: float) -> None:
        if now < self.next_at:
            return
        self.next_at = now + self.interval
        if self.in_flight:
            self.due = True
            return
        self._send(now)

    def beat(self, now: float) -> tuple[Heartbeat, dict[str, int]]:
        """The beat as of `now` (the session clock), and the totals its counts were taken from."""
        kiosk = self.kiosk
        totals = kiosk.metrics.totals()
        counts = {_name(key): value - self.delivered_totals.get(key, 0)
                  for key, value in totals.items()}
        counts = {key: value for key, value in counts.items() if value > 0}
        pending, failed = _outbox(kiosk)
        free_mb, total_mb = _disk(kiosk.settings.data_dir)
        error = kiosk.log_book.last_error()
        beat = Heartbeat(
            sent_at=kiosk.wall_clock(), version=version()[:200], mode=kiosk.mode.name.value,
            uptime_seconds=max(0, int(now - kiosk.started_at)),
            devices=devices(kiosk.devices.status), outbox_pending=pending,
            outbox_failed=failed, free_disk_mb=free_mb, total_disk_mb=total_mb,
            last_error=_short(f"{error.logger}: {error.message}") if error else "",
            counts=dict(sorted(counts.items())[:200]))
        return beat, totals

    def _send(self, now: float) -> None:
        try:
            beat, totals = self.beat(now)
        except Exception:  # a bug here must never stop the kiosk's tick
            log.exception("heartbeat: the beat could not be built; the next one is tried")
            return
        platform = self.kiosk.platform
        self.in_flight, self.due = True, False
        self.sent += 1
        self.kiosk.chores(lambda: platform.heartbeat(beat), lambda result: self._ended(
            result, totals))

    def _ended(self, result: Any, totals: dict[str, int]) -> None:
        self.in_flight = False
        if isinstance(result, Exception):
            # the platform's watch tells staff when it cannot be reached; one line here
            (log.info if self._failing else log.warning)(
                "heartbeat not delivered (%s); its counts go with the next", result)
            self._failing = True
        else:
            self.delivered_totals = totals
            self.delivered += 1
            if self._failing:
                log.info("heartbeat delivered again")
            self._failing = False
        if self.due:
            self._send(self.kiosk.session.now())


def devices(status: dict[str, Any]) -> dict[str, DeviceBeat]:
    """Each device's last known status in the contract's words."""
    return {_name(name): DeviceBeat(state=s.state.value, media=s.media.value,
                                     paper=s.paper.value, last_error=_short(s.detail))
            for name, s in sorted(status.items())[:MAX_DEVICES]}


def _outbox(kiosk: Any) -> tuple[int, int]:
    try:
        counts = kiosk.outbox.counts()
    except OutboxError as error:
        log.error("heartbeat: outbox: %s", error)
        return 0, 0
    return counts.get(State.PENDING, 0), counts.get(State.FAILED, 0)


def _disk(folder: Any) -> tuple[int, int]:
    try:
        usage = shutil.disk_usage(folder)
    except OSError as error:
        log.error("heartbeat: cannot read the disk of %s: %s", folder, error.strerror)
        return 0, 0
    return usage.free // MB, usage.total // MB


def _short(text: str) -> str:
    text = masked(" ".join(text.split()))
    return text if len(text) <= 200 else text[:199] + "…"


def _name(text: str) -> str:
    """A name the contract takes: lower case, letters, digits, _ and ."""
    name = re.sub(r"[^a-z0-9_.]+", "_", text.lower())[:64]
    return name if name[:1].isalpha() else f"x{name}"[:64]
