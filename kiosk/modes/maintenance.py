"""Technicians: maintenance mode. Entered by a hidden gesture on the attract or
out-of-service screen and a PIN (or a technician's code signed by the platform), never
during a resident's visit. Inside, each page is one desk in `kiosk/maintenance/`; leaving,
or `[maintenance] idle_seconds` without a touch, returns to the attract screen through the
kiosk's wipe. Every entry, failure and action is an audit record (`Kiosk.audit`)."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from drivers.base import CardRead, CodeScanned, DeviceEvent, DeviceFault
from kiosk.maintenance import EXIT_CODE, RESTART_CODE
from kiosk.maintenance.cleaning import CleaningDesk
from kiosk.maintenance.config_page import ConfigDesk
from kiosk.maintenance.device_tests import DeviceTests
from kiosk.maintenance.entry import PAD_IDLE, Entered, EntryDesk
from kiosk.maintenance.log_page import LogPage
from kiosk.maintenance.menu import MenuDesk
from kiosk.maintenance.network_check import NetworkCheck
from kiosk.maintenance.outbox_page import OutboxDesk
from kiosk.maintenance.technician_code import is_technician_code
from kiosk.maintenance.usage import UsageDesk
from kiosk.maintenance.view import MaintenanceView
from kiosk.modes.base import Mode, ModeName
from kiosk.navigation import route
from kiosk.view import KeyAction, ScreenName

log = logging.getLogger(__name__)

S = ScreenName


class Desk(Protocol):
    field: str

    def open(self) -> None: ...
    def present(self, t: Any) -> Any: ...


class MaintenanceMode(Mode):
    name = ModeName.MAINTENANCE
    description = "maintenance: a technician's way to test devices and read the kiosk's state"
    screens: frozenset[ScreenName] = frozenset({S.MAINTENANCE_ENTRY, S.MAINTENANCE,
                                                S.MAINTENANCE_CLEANING,
                                                S.MAINTENANCE_DEVICES, S.MAINTENANCE_LOGS,
                                                S.MAINTENANCE_NETWORK, S.MAINTENANCE_CONFIG,
                                                S.MAINTENANCE_OUTBOX, S.MAINTENANCE_USAGE})
    # a technician's code on the pad; cards and codes inside go to the devices page's tests;
    # no visit begins in maintenance
    takes = (CardRead, CodeScanned, DeviceFault)

    def __init__(self, kiosk) -> None:
        super().__init__(kiosk)
        self.entry = EntryDesk(kiosk)  # lives as long as the kiosk: the lock outlives the pad
        self.menu = MenuDesk(kiosk)
        self.cleaning = CleaningDesk(kiosk)
        self.inside = False  # the PIN or a code was accepted
        self.technician = ""  # "PIN", or a code's technician; gone on leaving
        self.problem = ""  # a message key: what went wrong on this page
        # The pages the menu offers, in its order, each ScreenName.MAINTENANCE_<PAGE> to its
        # desk; the other pages' helpers register theirs here.
        self.desks: dict[ScreenName, Desk] = {}
        self.device_tests = DeviceTests(kiosk)
        self.desks[S.MAINTENANCE_DEVICES] = self.device_tests
        self.log_page = LogPage(kiosk)
        self.desks[S.MAINTENANCE_LOGS] = self.log_page
        self.network_check = NetworkCheck(kiosk)
        self.desks[S.MAINTENANCE_NETWORK] = self.network_check
        self.config = ConfigDesk(kiosk)
        self.desks[S.MAINTENANCE_CONFIG] = self.config
        self.outbox = OutboxDesk(kiosk)
        self.desks[S.MAINTENANCE_OUTBOX] = self.outbox
        self.usage = UsageDesk(kiosk)
        self.desks[S.MAINTENANCE_USAGE] = self.usage

    # --- getting in -------------------------------------------------------------------------

    def corner_tap(self, now: float) -> bool:
        """A tap in the corner of a resting screen; True when it is the fifth in time."""
        return self.entry.taps.tap(now)

    def activate(self) -> None:
        self.inside, self.technician, self.problem = False, "", ""
        self.entry.open()
        self.kiosk.session.touch()  # the pad's 30 s start now (the taps were not activity)
        self.kiosk.session.visit.screen = S.MAINTENANCE_ENTRY

    def pin_key(self, key: str) -> None:
        if self._screen == S.MAINTENANCE_ENTRY:
            self.entry.press(key)

    def submit_pin(self) -> None:
        if self._screen == S.MAINTENANCE_ENTRY:
            self._let_in(self.entry.submit())

    def handle(self, event: DeviceEvent) -> None:
        """A technician's code on the pad; inside, the devices page's tests take cards and
        codes (each test waits for its own; the rest are ignored)."""
        if self._screen == S.MAINTENANCE_ENTRY:
            if isinstance(event, CodeScanned) and is_technician_code(event.text):
                self._let_in(self.entry.scanned(event.text))
            return
        if self.inside:
            self.device_tests.handle(event)

    def _let_in(self, entered: Entered | None) -> None:
        if entered is None:
            return
        self.inside = True
        self.technician = entered.technician or "PIN"
        detail = f"code: {entered.technician}" if entered.how == "code" else "pin"
        self.kiosk.audit("maintenance.entered", detail)
        log.info("maintenance: entered by %s", entered.how)
        self._show(S.MAINTENANCE)

    def cancel(self) -> None:
        """The pad's cancel: back where the gesture was made (attract, or out of service)."""
        if self._screen == S.MAINTENANCE_ENTRY and not self.inside:
            self.kiosk.end_visit("maintenance entry cancelled")

    # --- inside -----------------------------------------------------------------------------

    def open_page(self, value: str) -> None:
        """The menu's buttons: a registered page, the cleaning pause, or the menu itself."""
        if not self.inside:
            return
        try:
            screen = S(value)
        except ValueError:
            log.warning("maintenance: no page %r", value)
            return
        if screen == S.SENTINEL:
            self._sentinel()
            return
        if screen not in (S.MAINTENANCE, S.MAINTENANCE_CLEANING) and screen not in self.desks:
            log.warning("maintenance: no page %r", value)
            return
        desk = self._desk(screen)
        if desk is not None:
            desk.open()
        if screen != S.MAINTENANCE:
            self.kiosk.audit(f"maintenance.{screen.value.removeprefix('maintenance_')}",
                             "opened")
        self._show(screen)

    def _sentinel(self) -> None:
        """The menu's switch: the kiosk rests in the sentinel mode from now on (until a
        restart), or again on the attract screen; then the technician leaves."""
        kiosk = self.kiosk
        on = kiosk.resting != ModeName.SENTINEL
        kiosk.resting = ModeName.SENTINEL if on else ModeName.ATTRACT
        kiosk.audit("maintenance.sentinel", "on" if on else "off")
        log.info("maintenance: sentinel mode %s", "on" if on else "off")
        self.leave("to the sentinel mode" if on else "sentinel mode off")

    def restart(self) -> None:
        if self.inside and self._screen == S.MAINTENANCE:
            self.kiosk.audit("maintenance.restart", "asked")
            self.kiosk.request_stop(RESTART_CODE)

    def exit_to_desktop(self) -> None:
        if not (self.inside and self._screen == S.MAINTENANCE):
            return
        if not self.kiosk.settings.maintenance.allow_exit:
            self.problem = "maintenance.exit_not_allowed"
            self.kiosk.audit("maintenance.exit", "refused: [maintenance] allow_exit is false")
            return
        self.kiosk.audit("maintenance.exit", "to the desktop")
        self.kiosk.request_stop(EXIT_CODE)

    def leave(self, reason: str = "left") -> None:
        if self.inside:
            self.kiosk.audit("maintenance.left", reason)
        self.kiosk.end_visit(f"maintenance {reason}")

    def deactivate(self) -> None:
        """Nothing of the technician stays: who, the digits, the page's problem."""
        self.inside, self.technician, self.problem = False, "", ""
        self.entry.open()
        self.device_tests.close()  # what a test read (a masked card, a code) goes too

    # --- time and keys ----------------------------------------------------------------------

    def tick(self, now: float) -> None:
        idle = now - self.kiosk.session.visit.last_activity
        screen = self._screen
        if screen == S.MAINTENANCE_ENTRY and not self.inside:
            if idle >= PAD_IDLE:
                self.kiosk.end_visit("maintenance entry left alone")
            return
        if screen == S.MAINTENANCE_CLEANING:
            if self.cleaning.done(now):
                self.kiosk.session.touch()  # the idle time starts again from here
                self._show(S.MAINTENANCE)
            return
        if idle >= self.kiosk.settings.maintenance.idle_seconds:
            self.leave("idle")
            return
        desk = self.desks.get(screen)
        if hasattr(desk, "tick"):
            desk.tick(now)

    def turn_page(self, step: int) -> None:
        """The open page's list a page on (the pages that have one)."""
        desk = self.desks.get(self._screen)
        if self.inside and hasattr(desk, "turn"):
            desk.turn(step)

    def key(self, action: KeyAction) -> None:
        if action in (KeyAction.BACK, KeyAction.ACTIVATE, KeyAction.HELP):
            if action == KeyAction.BACK:
                self.go_back()
            return
        super().key(action)

    def go_back(self) -> None:
        screen = self._screen
        if screen == S.MAINTENANCE_ENTRY:
            self.cancel()
        elif self.inside and route(screen).back == S.MAINTENANCE:
            self._show(S.MAINTENANCE)

    def open_help(self) -> None:
        """Help calls staff for a resident; a technician is the staff (nothing happens)."""

    def call_helper(self) -> None: ...

    # --- the screen state -------------------------------------------------------------------

    def present(self, t: Any) -> dict[str, Any]:
        """The screen state's maintenance fields (None while the mode is not on)."""
        if self.kiosk.mode is not self:
            return {"maintenance": None}
        screen = self._screen
        page = screen.value.removeprefix("maintenance_") if screen != S.MAINTENANCE else "menu"
        views: dict[str, Any] = {}
        if screen == S.MAINTENANCE:
            views["menu"] = self.menu.present(t, tuple(s.value for s in self.desks))
            views["about"] = self.menu.about(t)
        else:
            desk = self._desk(screen)
            if desk is not None:
                views[desk.field] = desk.present(t)
        return {"maintenance": MaintenanceView(page=page, problem=t(self.problem)
                                               if self.problem else "", **views)}

    @property
    def _screen(self) -> ScreenName:
        return self.kiosk.session.visit.screen

    def _desk(self, screen: ScreenName) -> Desk | None:
        own = {S.MAINTENANCE_ENTRY: self.entry, S.MAINTENANCE: self.menu,
               S.MAINTENANCE_CLEANING: self.cleaning}
        return own.get(screen) or self.desks.get(screen)

    def _show(self, screen: ScreenName) -> None:
        self.problem = ""
        self.kiosk.session.visit.screen = screen
