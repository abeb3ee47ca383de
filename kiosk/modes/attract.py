"""Nobody at the screen: the attract screen says what the kiosk offers. A touch, a card or
a code starts a resident's visit; language and display mode may be chosen first."""

from __future__ import annotations

from drivers.base import CardRead, CodeScanned, DeviceEvent, DeviceFault
from kiosk.modes.base import Mode, ModeName
from kiosk.view import KeyAction, ScreenName


class AttractMode(Mode):
    name = ModeName.ATTRACT
    description = "resting: what the kiosk offers, and how to begin"
    screens = frozenset({ScreenName.ATTRACT})
    takes = (CardRead, CodeScanned, DeviceFault)

    def activate(self) -> None:
        self.kiosk.session.visit.screen = ScreenName.ATTRACT

    def start(self) -> None:
        self.kiosk.switch_to(ModeName.VISIT)

    def handle(self, event: DeviceEvent) -> None:
        """A card or a code begins a visit, which then takes the event itself."""
        if isinstance(event, DeviceFault) and not (
                event.device == "idcard" and self.kiosk.devices.card_problem(event.error)):
            return
        self.kiosk.switch_to(ModeName.VISIT)
        self.kiosk.mode.handle(event)

    def call_helper(self) -> None:
        self.kiosk.switch_to(ModeName.VISIT)
        self.kiosk.mode.call_helper()

    def open_help(self) -> None:
        self.kiosk.switch_to(ModeName.VISIT)
        self.kiosk.mode.open_help()

    def key(self, action: KeyAction) -> None:
        if action == KeyAction.ACTIVATE:
            self.start()
        elif action != KeyAction.BACK:
            super().key(action)
