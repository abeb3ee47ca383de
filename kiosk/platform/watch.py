"""Whether the platform answers. Checked once at start and, while it does not answer, every
30 seconds; each change reaches the kiosk as the status of a device named "platform", so the
rules for a device that stops (out of service, back in service) apply to it unchanged."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from district.contract import PlatformRefused
from drivers.base import DeviceState, DeviceStatus, StatusChanged
from kiosk.jobs import Background
from kiosk.platform import PlatformSetupError

log = logging.getLogger(__name__)
DEVICE = "platform"
RECHECK_SECONDS = 30.0
UNKNOWN = DeviceStatus(DeviceState.OFFLINE, detail="not checked yet")


class PlatformWatch:
    def __init__(self, platform: Any, background: Background,
                 report: Callable[[StatusChanged], None], where: str) -> None:
        self._platform = platform
        self._background = background
        self._report = report
        self._where = where  # the URL or file, for the operator's line
        self.status = UNKNOWN
        self._checking = False
        self._next_check = 0.0

    def tick(self, now: float) -> None:
        """Check now if a check is due: at start, and every 30 s while it does not answer."""
        if self._checking or now < self._next_check:
            return
        if self.status.usable and self._next_check:
            return  # answered once: the outbox and each call handle drops from here on
        self._checking = True
        self._next_check = now + RECHECK_SECONDS
        self._background(self._check, self._checked)

    def _check(self) -> None:
        check = getattr(self._platform, "check", None)
        if check is not None:
            check()
        else:
            self._platform.usage_counts()

    def _checked(self, result: Any) -> None:
        self._checking = False
        if isinstance(result, PlatformSetupError):
            status = DeviceStatus(DeviceState.NO_DEVICE, detail=str(result))
        elif isinstance(result, PlatformRefused):
            status = DeviceStatus(DeviceState.USER_ERROR, detail=str(result))
        elif isinstance(result, Exception):
            status = DeviceStatus(DeviceState.OFFLINE, detail=str(result) or type(result).__name__)
        else:
            status = DeviceStatus(DeviceState.ONLINE)
        previous, self.status = self.status, status
        if status.usable and not previous.usable:
            log.info("platform %s answers", self._where)
        elif status.state == DeviceState.NO_DEVICE and previous.detail != status.detail:
            log.error("platform: %s; the kiosk is out of service until this is fixed",
                      status.detail)
        elif not status.usable and (previous.usable or previous is UNKNOWN
                                    or previous.detail != status.detail):
            what = ("refused this kiosk: check platform.token_file"
                    if status.state == DeviceState.USER_ERROR
                    else f"does not answer; retrying every {RECHECK_SECONDS:.0f} s")
            log.error("platform %s %s (%s); the kiosk is out of service", self._where, what,
                      status.detail)
        if status != previous:
            self._report(StatusChanged(DEVICE, status, previous))
