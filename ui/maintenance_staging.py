"""Drives the kiosk into maintenance mode for screenshots and the audit, through the calls a
technician's touches make: the PIN pad with a wrong PIN tried and two digits typed, the menu
after the right PIN, the cleaning pause under way. The staged kiosk gets a PIN of its own."""

from __future__ import annotations

from kiosk.controller import Kiosk
from kiosk.maintenance.pin import hash_pin
from kiosk.view import ScreenName

S = ScreenName
SCREENS = frozenset({S.MAINTENANCE_ENTRY, S.MAINTENANCE, S.MAINTENANCE_CLEANING})
STAGED_PIN = "2580"


def stage(kiosk: Kiosk, screen: ScreenName) -> None:
    settings = kiosk.settings
    kiosk.settings = settings.model_copy(update={"maintenance": settings.maintenance.model_copy(
        update={"pin_hash": hash_pin(STAGED_PIN)})})
    kiosk.maintenance_chord()
    if screen == S.MAINTENANCE_ENTRY:
        for key in "1111":
            kiosk.pin_key(key)
        kiosk.submit_pin()
        kiosk.pin_key("2")
        kiosk.pin_key("5")
        return
    for key in STAGED_PIN:
        kiosk.pin_key(key)
    kiosk.submit_pin()
    if screen == S.MAINTENANCE_CLEANING:
        kiosk.open_maintenance_page(S.MAINTENANCE_CLEANING.value)
