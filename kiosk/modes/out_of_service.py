"""The kiosk can help nobody: every essential device is out, or the start-up self-test failed
(`Kiosk.faults`). It says where to go instead and rests until a device works again (the kiosk
then switches back to attract by itself); a failed self-test holds until a restart."""

from __future__ import annotations

from typing import Any

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

    def present(self, t: Any) -> dict[str, Any]:
        """The technician's line: what the self-test found first (the log has every line)."""
        faults = self.kiosk.faults
        if not faults or self.kiosk.mode is not self:
            return {"out_of_service_reason": ""}
        first = faults[0]
        reason = t("startup_fault.line", what=t(f"startup_fault.{first.kind}"),
                   subject=first.subject)
        if len(faults) > 1:
            reason += t("startup_fault.more", count=len(faults) - 1)
        return {"out_of_service_reason": reason}
