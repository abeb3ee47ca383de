"""What the kiosk does about its devices: which services pause when a device stops, when
the whole kiosk is out of service, which reader errors mean "this card" rather than "this
reader", and when staff must be told. Pure rules over the devices' last known status."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from drivers.base import DeviceError, DeviceStatus, PaperState
from kiosk.services.model import Service

# With all of these out, the kiosk can do nothing for anyone: it says so and rests.
ESSENTIAL_DEVICES = ("idcard", "scanner", "printer")
# The sentinel mode needs only these (never the platform): with both out, it rests out of service.
SENTINEL_DEVICES = ("idcard", "scanner")
# Without these the kiosk can do nothing either: the district platform (kiosk/platform/watch.py),
# and the kiosk itself after repeated crashes (kiosk/crash.py).
BLOCKING = ("platform", "kiosk")
# Reader answers that mean "this card could not be read" rather than "the reader is broken".
CARD_PROBLEMS = frozenset({"read_failed", "check_failed", "unknown_card", "select_failed",
                           "card_auth_sam", "sam_auth_card"})


class Verdict(StrEnum):
    """What a status change means for the kiosk as a whole."""

    IN_SERVICE = "in_service"  # at least one essential device works
    OUT_OF_SERVICE = "out_of_service"  # every essential device is out


@dataclass(frozen=True)
class StatusNews:
    """What one status change brought."""

    device: str
    went_out: bool  # was usable, is not
    verdict: Verdict


class DevicePolicy:
    def __init__(self) -> None:
        self.status: dict[str, DeviceStatus] = {}

    def update(self, device: str, status: DeviceStatus) -> StatusNews:
        before = self.status.get(device)
        self.status[device] = status
        return StatusNews(
            device=device,
            went_out=before is not None and before.usable and not status.usable,
            verdict=self.verdict,
        )

    @property
    def verdict(self) -> Verdict:
        known = [self.status.get(name) for name in ESSENTIAL_DEVICES]
        if all(s is not None and not s.usable for s in known):
            return Verdict.OUT_OF_SERVICE
        if any(name in self.status and not self.status[name].usable for name in BLOCKING):
            return Verdict.OUT_OF_SERVICE
        return Verdict.IN_SERVICE

    @property
    def sentinel_verdict(self) -> Verdict:
        """The sentinel's rule: out of service only when the reader and scanner are both out."""
        known = [self.status.get(name) for name in SENTINEL_DEVICES]
        if all(s is not None and not s.usable for s in known):
            return Verdict.OUT_OF_SERVICE
        return Verdict.IN_SERVICE

    def available(self, service: Service) -> bool:
        """Every device the service needs works (a device not heard from yet counts as working)."""
        return all(self.status[name].usable for name in service.needs if name in self.status)

    @property
    def out(self) -> list[str]:
        return [name for name, status in self.status.items() if not status.usable]

    @property
    def paper_low(self) -> bool:
        status = self.status.get("printer")
        return status is not None and status.paper == PaperState.LOW

    @staticmethod
    def card_problem(error: DeviceError) -> bool:
        """The reader saw a card it cannot read: the resident can act (wipe it, lay it flat)."""
        return error.code in CARD_PROBLEMS
