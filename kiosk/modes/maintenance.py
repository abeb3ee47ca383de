"""Technicians: maintenance mode. Entered by a hidden gesture on the attract or
out-of-service screen and a PIN (or a technician's code signed by the platform), never
during a resident's visit. Inside, each page is one desk in `kiosk/maintenance/`; leaving,
or `[maintenance] idle_seconds` without a touch, returns to the attract screen. Every entry,
failure and action is an audit record (`Kiosk.audit`)."""

from __future__ import annotations

import logging
from typing import Any

from kiosk.modes.base import Mode, ModeName
from kiosk.view import ScreenName

log = logging.getLogger(__name__)


class MaintenanceMode(Mode):
    name = ModeName.MAINTENANCE
    description = "maintenance: a technician's way to test devices and read the kiosk's state"
    screens: frozenset[ScreenName] = frozenset()
    takes = ()

    def present(self, t: Any) -> dict[str, Any]:
        """The screen state's maintenance fields (None while the mode is not on)."""
        return {"maintenance": None}
