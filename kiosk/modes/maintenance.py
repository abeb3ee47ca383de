"""Technicians: maintenance mode. Entered by a hidden gesture on the attract or
out-of-service screen and a PIN (or a technician's code signed by the platform), never
during a resident's visit. Inside, each page is one desk in `kiosk/maintenance/`; leaving,
or `[maintenance] idle_seconds` without a touch, returns to the attract screen. Every entry,
failure and action is an audit record (`Kiosk.audit`)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from drivers.base import CardRead, CodeScanned, DeviceEvent, DeviceFault
from kiosk.maintenance.device_tests import DeviceTests
from kiosk.maintenance.log_page import LogPage
from kiosk.maintenance.network_check import NetworkCheck
from kiosk.maintenance.view import MaintenanceView
from kiosk.modes.base import Mode, ModeName
from kiosk.view import ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

log = logging.getLogger(__name__)
S = ScreenName


class MaintenanceMode(Mode):
    name = ModeName.MAINTENANCE
    description = "maintenance: a technician's way to test devices and read the kiosk's state"
    screens: frozenset[ScreenName] = frozenset({
        S.MAINTENANCE_DEVICES, S.MAINTENANCE_LOGS, S.MAINTENANCE_NETWORK})
    # cards and codes go to the devices page's tests; no visit begins in maintenance
    takes = (CardRead, CodeScanned, DeviceFault)

    def __init__(self, kiosk: Kiosk) -> None:
        super().__init__(kiosk)
        self.device_tests = DeviceTests(kiosk)
        self.log_page = LogPage(kiosk)
        self.network_check = NetworkCheck(kiosk)
        self.desks: dict[ScreenName, Any] = {
            S.MAINTENANCE_DEVICES: self.device_tests,
            S.MAINTENANCE_LOGS: self.log_page,
            S.MAINTENANCE_NETWORK: self.network_check,
        }

    @property
    def screen(self) -> ScreenName:
        return self.kiosk.session.visit.screen

    def open_page(self, screen: ScreenName) -> None:
        """One of the menu's pages, by its screen."""
        desk = self.desks.get(screen)
        if desk is None:
            return
        self.kiosk.session.visit.screen = screen
        self.kiosk.audit("maintenance.page", screen.value)
        desk.open()

    def deactivate(self) -> None:
        """Leaving: what a page read (a masked card, a code) goes with it."""
        self.device_tests.close()

    def handle(self, event: DeviceEvent) -> None:
        self.device_tests.handle(event)

    def tick(self, now: float) -> None:
        desk = self.desks.get(self.screen)
        if desk is not None and hasattr(desk, "tick"):
            desk.tick(now)

    def present(self, t: Any) -> dict[str, Any]:
        """The screen state's maintenance fields (None while the mode is not on)."""
        if self.kiosk.mode is not self:
            return {"maintenance": None}
        screen = self.screen
        desk = self.desks.get(screen)
        page = screen.value.removeprefix("maintenance_") if desk is not None else "menu"
        fields = {desk.field: desk.present(t)} if desk is not None else {}
        return {"maintenance": MaintenanceView(page=page, **fields)}
