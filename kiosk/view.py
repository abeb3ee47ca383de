"""What the controller and the screens agree on: the screen names, a service's steps, the
display modes, the notices, and the calls the controller makes on the view."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from kiosk.services.model import Bilingual


class ScreenName(StrEnum):
    ATTRACT = "attract"
    HOME = "home"
    IDENTIFY = "identify"
    FORM = "form"
    SIGN = "sign"
    PRINTING = "printing"
    RECEIPT = "receipt"
    RATING = "rating"
    GOODBYE = "goodbye"
    NOTICE = "notice"
    OUT_OF_SERVICE = "out_of_service"


# "第 2 步，共 4 步": where a service's screens stand in its steps.
STEPS = {ScreenName.FORM: 1, ScreenName.SIGN: 2, ScreenName.PRINTING: 3, ScreenName.RECEIPT: 3,
         ScreenName.RATING: 4}
TOTAL_STEPS = 4
MODES = ("standard", "large", "high_contrast", "care")
@dataclass(frozen=True)
class Notice:
    """A calm message: what happened and what to do next."""

    title: str  # a message key
    body: str = ""  # a message key, or "" when `text` carries it
    text: Bilingual | None = None
    params: dict[str, Any] = field(default_factory=dict)
    retry: bool = False
    tone: str = "info"  # info or problem


class View(Protocol):
    def show_screen(self, screen: ScreenName) -> None: ...

    def refresh(self) -> None: ...

    def idle_changed(self) -> None: ...

    def wipe(self) -> None: ...
