"""The screen-cleaning pause: 30 s in which the screen eats every touch (the window does;
a touch neither presses anything nor restarts the count), a large countdown, then the menu."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

CLEANING_SECONDS = 30


@dataclass(frozen=True)
class CleaningView:
    seconds_left: int


class CleaningDesk:
    field: ClassVar[str] = "cleaning"

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk
        self.ends_at = 0.0

    def open(self) -> None:
        self.ends_at = self.kiosk.session.now() + CLEANING_SECONDS

    def done(self, now: float) -> bool:
        return now >= self.ends_at

    def present(self, t: Any) -> CleaningView:
        return CleaningView(max(0, math.ceil(self.ends_at - self.kiosk.session.now())))
