"""The kiosk's operating modes, one class each (after Mu's modes): a mode says which screens
it owns, which device events it takes, what a resident's touches and keys do there, and
what happens when it starts and stops. The kiosk switches between them with one call."""

from kiosk.modes.attract import AttractMode
from kiosk.modes.base import Mode, ModeName
from kiosk.modes.maintenance import MaintenanceMode
from kiosk.modes.out_of_service import OutOfServiceMode
from kiosk.modes.sentinel import SentinelMode
from kiosk.modes.visit import VisitMode

__all__ = ["AttractMode", "MaintenanceMode", "Mode", "ModeName", "OutOfServiceMode",
           "SentinelMode", "VisitMode"]
