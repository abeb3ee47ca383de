"""Every essential device is out: the kiosk can help nobody, says where to go instead, and
rests until a device works again (the kiosk then switches back to attract by itself)."""

from __future__ import annotations

from kiosk.modes.base import Mode, ModeName
from kiosk.view import KeyAction, ScreenName


class OutOfServiceMode(Mode):
    name = ModeName.OUT_OF_SERVICE
    description = "out of service: where to go instead, until a device works again"
    screens = frozenset({ScreenName.OUT_OF_SERVICE})
    takes = ()  # no card or code can be served; device status is the kiosk's own business

    def activate(self) -> None:
        self.kiosk.session.visit.screen = ScreenName.OUT_OF_SERVICE

    def key(self, action: KeyAction) -> None:
        if action not in (KeyAction.BACK, KeyAction.ACTIVATE):
            super().key(action)
