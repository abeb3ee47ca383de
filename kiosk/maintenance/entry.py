"""Getting into maintenance mode: the hidden gesture (five taps in the top-left corner
within 3 s, on a resting screen), then the PIN pad or a technician's code. Five failures
lock entry for five minutes on the session's clock; the lock outlives the pad (not a
restart). Qt-free: the window reports each corner tap, the kiosk's clock times them."""

from __future__ import annotations

import logging
import math
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from district.signing import SigningKeyError
from kiosk.maintenance.pin import MAX_DIGITS, check_pin
from kiosk.maintenance.technician_code import CodeRefused, read_code
from kiosk.platform_key import trusted_key

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

log = logging.getLogger(__name__)

TAPS = 5  # taps in the corner ...
TAP_WINDOW = 3.0  # ... within this many seconds
FAILURES = 5  # wrong PINs or refused codes in a row before entry locks
LOCK_SECONDS = 5 * 60
PAD_IDLE = 30.0  # the pad left alone this long goes back to where the gesture was made


class CornerTaps:
    """Counts taps in the corner; the fifth within 3 s of the first opens the pad."""

    def __init__(self) -> None:
        self._times: deque[float] = deque()

    def tap(self, now: float) -> bool:
        self._times.append(now)
        while self._times and now - self._times[0] > TAP_WINDOW:
            self._times.popleft()
        if len(self._times) >= TAPS:
            self._times.clear()
            return True
        return False

    def reset(self) -> None:
        self._times.clear()


@dataclass(frozen=True)
class EntryView:
    digits: int  # how many digits are typed (the pad shows dots)
    message: str  # what happened last, in plain words ("" at first)
    locked: bool
    pin_set: bool  # False: no PIN configured, only a technician's code lets anyone in


@dataclass(frozen=True)
class Entered:
    how: str  # "pin" or "code"
    technician: str = ""  # a code's technician


class EntryDesk:
    field: ClassVar[str] = "entry"

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk
        self.taps = CornerTaps()
        self.failures = 0
        self.locked_until: float | None = None
        self.used_nonces: set[str] = set()  # technician codes used since start
        self.digits = ""
        self._message: tuple[str, dict[str, Any]] | None = None

    def open(self) -> None:
        self.digits = ""
        self._message = None

    def locked(self, now: float) -> bool:
        if self.locked_until is not None and now >= self.locked_until:
            self.locked_until = None
            self.failures = 0
            self._message = None
        return self.locked_until is not None

    def press(self, key: str) -> None:
        """A key of the pad: a digit, "erase" or "clear" (the screen never holds the digits;
        the state shows only how many there are)."""
        if self.locked(self.kiosk.session.now()):
            return
        if key == "clear":
            self.digits = ""
        elif key == "erase":
            self.digits = self.digits[:-1]
        elif len(key) == 1 and key in "0123456789" and len(self.digits) < MAX_DIGITS:
            self.digits += key

    def submit(self) -> Entered | None:
        now = self.kiosk.session.now()
        digits, self.digits = self.digits, ""
        if self.locked(now) or not digits:
            return None
        stored = self.kiosk.settings.maintenance.pin_hash
        if stored and check_pin(digits, stored):
            self.failures = 0
            return Entered("pin")
        self._failed(now, "pin", "maintenance_entry.wrong_pin" if stored
                     else "maintenance_entry.no_pin")
        return None

    def scanned(self, text: str) -> Entered | None:
        """A technician's code held to the scanner while the pad is open."""
        kiosk = self.kiosk
        now = kiosk.session.now()
        if self.locked(now):
            return None
        try:
            found = read_code(text, trusted_key(kiosk.settings), kiosk.settings.site.kiosk_id,
                              kiosk.wall_clock(), self.used_nonces)
        except SigningKeyError as error:
            log.error("technician code: %s", error)
            self._failed(now, "code: no platform key", "maintenance_entry.refused.no_key")
            return None
        except CodeRefused as refused:
            self._failed(now, f"code: {refused.reason}",
                         f"maintenance_entry.refused.{refused.reason}")
            return None
        self.failures = 0
        return Entered("code", found.technician.strip()[:40])

    def _failed(self, now: float, what: str, message: str) -> None:
        self.failures += 1
        self.kiosk.audit("maintenance.refused", f"{what} ({self.failures} of {FAILURES})")
        if self.failures >= FAILURES:
            self.locked_until = now + LOCK_SECONDS
            self.kiosk.audit("maintenance.locked", f"{LOCK_SECONDS // 60} minutes")
            log.warning("maintenance: entry locked for %d minutes after %d failures",
                        LOCK_SECONDS // 60, FAILURES)
        self._message = (message, {"left": FAILURES - self.failures})

    def present(self, t: Any) -> EntryView:
        now = self.kiosk.session.now()
        pin_set = bool(self.kiosk.settings.maintenance.pin_hash)
        if self.locked(now):
            # whole seconds first: a clock's float sum must not make 5 minutes read as 6
            minutes = max(1, math.ceil(round(self.locked_until - now) / 60))
            message = t("maintenance_entry.locked", minutes=minutes)
        elif self._message is not None:
            key, params = self._message
            message = t(key, **params)
            if key != "maintenance_entry.wrong_pin":
                message += " " + t("maintenance_entry.tries_left", **params)
        else:
            message = t("maintenance_entry.prompt" if pin_set else "maintenance_entry.code_only")
        return EntryView(len(self.digits), message, self.locked_until is not None, pin_set)
