"""Technicians: maintenance mode. Entered by a hidden gesture on the attract or
out-of-service screen and a PIN (or a technician's code signed by the platform), never
during a resident's visit. Inside, each page is one desk in `kiosk/maintenance/`; leaving,
or `[maintenance] idle_seconds` without a touch, returns to the attract screen. Every entry,
failure and action is an audit record (`Kiosk.audit`)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from kiosk import navigation
from kiosk.maintenance.config_page import ConfigDesk
from kiosk.maintenance.outbox_page import OutboxDesk
from kiosk.maintenance.usage import UsageDesk
from kiosk.maintenance.view import MaintenanceView
from kiosk.modes.base import Mode, ModeName
from kiosk.view import ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

log = logging.getLogger(__name__)


class MaintenanceMode(Mode):
    name = ModeName.MAINTENANCE
    description = "maintenance: a technician's way to test devices and read the kiosk's state"
    screens: frozenset[ScreenName] = frozenset({
        ScreenName.MAINTENANCE, ScreenName.MAINTENANCE_CONFIG, ScreenName.MAINTENANCE_OUTBOX,
        ScreenName.MAINTENANCE_USAGE})
    takes = ()

    def __init__(self, kiosk: Kiosk) -> None:
        super().__init__(kiosk)
        self.desks: dict[ScreenName, Any] = {}
        self.config = ConfigDesk(kiosk)
        self.desks[ScreenName.MAINTENANCE_CONFIG] = self.config
        self.outbox = OutboxDesk(kiosk)
        self.desks[ScreenName.MAINTENANCE_OUTBOX] = self.outbox
        self.usage = UsageDesk(kiosk)
        self.desks[ScreenName.MAINTENANCE_USAGE] = self.usage

    # Stand-in until maint-entry's body (entry, menu, leaving): the smallest way to a page.
    def activate(self) -> None:
        self.kiosk.session.visit.screen = ScreenName.MAINTENANCE

    def open_page(self, screen: ScreenName) -> None:
        desk = self.desks.get(screen)
        if desk is None:
            return
        self.kiosk.session.visit.screen = screen
        desk.open()

    def tick(self, now: float) -> None:
        desk = self.desks.get(self.kiosk.session.visit.screen)
        if desk is not None and hasattr(desk, "tick"):
            desk.tick(now)

    def turn_page(self, step: int) -> None:
        desk = self.desks.get(self.kiosk.session.visit.screen)
        if desk is not None and hasattr(desk, "turn"):
            desk.turn(step)

    def go_back(self) -> None:
        back = navigation.route(self.kiosk.session.visit.screen).back
        if back is not None:
            self.kiosk.session.visit.screen = back

    def present(self, t: Any) -> dict[str, Any]:
        """The screen state's maintenance fields (None while the mode is not on)."""
        if self.kiosk.mode is not self:
            return {"maintenance": None}
        screen = self.kiosk.session.visit.screen
        desk = self.desks.get(screen)
        page = screen.value.removeprefix("maintenance_") if desk else "menu"
        fields = {desk.field: desk.present(t)} if desk else {}
        return {"maintenance": MaintenanceView(page=page, **fields)}
