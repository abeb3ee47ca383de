"""What the kiosk and its screens agree on: the screen names, the display modes, the keypad's
actions, the notices, and the actions a resident can take on a screen (`Actions`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from kiosk.services.model import Bilingual


class ScreenName(StrEnum):
    ATTRACT = "attract"
    HOME = "home"
    IDENTIFY = "identify"
    CONSENT = "consent"
    FORM = "form"
    SIGN = "sign"
    PRINTING = "printing"
    RECEIPT = "receipt"
    RATING = "rating"
    GOODBYE = "goodbye"
    NOTICE = "notice"
    OUT_OF_SERVICE = "out_of_service"


MODES = ("standard", "large", "high_contrast", "care")  # display modes
LARGE_PRINT = ("large", "care")


class KeyAction(StrEnum):
    """What a key on the kiosk's keypad means; ui/keypad.py maps the physical keys."""

    PREVIOUS = "previous"
    NEXT = "next"
    ACTIVATE = "activate"
    BACK = "back"
    HELP = "help"
    REPEAT = "repeat"
    VOLUME_UP = "volume_up"
    VOLUME_DOWN = "volume_down"
    HEADPHONES = "headphones"


@dataclass(frozen=True)
class Notice:
    """A calm message: what happened and what to do next."""

    title: str  # a message key
    body: str = ""  # a message key, or "" when `text` carries it
    text: Bilingual | None = None
    params: dict[str, Any] = field(default_factory=dict)
    retry: bool = False
    tone: str = "info"  # info or problem
    reprint: bool = False  # offers "print your receipt again" (a receipt that never printed)


class Actions(Protocol):
    """What a resident can do on a screen; the screens call these and nothing else."""

    def activity(self) -> None: ...
    def start(self) -> None: ...
    def consent(self, accept: bool) -> None: ...
    def choose_service(self, service_id: str) -> None: ...
    def answer(self, key: str, value: str) -> None: ...
    def confirm_form(self) -> None: ...
    def add_stroke(self, stroke: tuple[tuple[float, float], ...], width: float,
                   height: float) -> None: ...
    def clear_signature(self) -> None: ...
    def submit_signature(self) -> None: ...
    def confirm_without_signature(self) -> None: ...
    def retry(self) -> None: ...
    def reprint(self) -> None: ...
    def to_rating(self) -> None: ...
    def rate(self, rating: int, reasons: Sequence[str] = ()) -> None: ...
    def finish(self) -> None: ...
    def end_now(self) -> None: ...
    def go_home(self) -> None: ...
    def go_back(self) -> None: ...
    def call_helper(self) -> None: ...
    def toggle_language(self) -> None: ...
    def toggle_display_mode(self, mode: str) -> None: ...
    def toggle_headphones(self) -> None: ...
    def keypad_used(self) -> None: ...
    def key(self, action: KeyAction) -> None: ...
    def speak_control(self, label: str) -> None: ...
    def speak_field(self, key: str) -> None: ...
    def text(self, key: str, **params: object) -> str: ...
