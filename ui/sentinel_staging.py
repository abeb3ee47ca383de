"""Drives the kiosk into the sentinel mode for screenshots and the audit, as at an entrance:
the sample lists synced (kiosk/sentinel/samples.py), then a morning's scans (codes, a
随申码, a revoked paper code, ID cards); the ready screen with its counts and recent scans,
or the result of a green phone code (`RESULTS` stages any other light)."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from drivers.base import CardRead, CodeScanned
from drivers.idcard.samples import ADULT, HMT_RESIDENT
from kiosk.controller import Kiosk
from kiosk.modes import ModeName
from kiosk.modes.sentinel import FADE_SECONDS
from kiosk.sentinel.samples import Samples, install
from kiosk.state import ScreenState
from kiosk.view import ScreenName

S = ScreenName
SCREENS = frozenset({S.SENTINEL, S.SENTINEL_RESULT})
# the last scan for each light on the result screen
RESULTS = {
    "green": lambda s: CodeScanned("scanner", s.code(kind="phone"), b""),
    "yellow": lambda s: CardRead("idcard", ADULT),
    "red": lambda s: CardRead("idcard", HMT_RESIDENT),
    "grey": lambda s: CodeScanned("scanner", "SSM:staged", b""),
    "amber": lambda s: CodeScanned("scanner", s.revoked_code(), b""),
}


def stage(kiosk: Kiosk, screen: ScreenName, light: str = "green") -> Samples:
    settled(kiosk)
    samples = install(kiosk.codes, kiosk.settings.data_dir, kiosk.wall_clock())
    kiosk.resting = ModeName.SENTINEL
    kiosk.switch_to(ModeName.SENTINEL)
    for make in RESULTS.values():
        kiosk.handle_device_event(make(samples))
    if screen == S.SENTINEL:
        kiosk.tick(kiosk.session.now() + FADE_SECONDS)  # the last result has faded
    else:
        kiosk.handle_device_event(RESULTS[light](samples))
    kiosk.publish()
    return samples


def settled(kiosk: Kiosk) -> None:
    """The sync the kiosk began at start has ended (its result comes back through Qt's
    queue): the samples are then written after it, never beside it."""
    while kiosk.code_sync.in_flight:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def own_words(state: ScreenState) -> list[str]:
    """The masked names the scans carry, in whatever language they are (the audit's)."""
    shown = state.sentinel
    if shown is None:
        return []
    names = [line.rsplit(" ", 1)[-1] for line in shown.recent]
    return names + ([shown.result.name] if shown.result and shown.result.name else [])
