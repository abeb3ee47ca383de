"""What every mode has: a name, its screens, the device events it takes, and the resident's
actions, each ignored unless the mode takes it. The frame's actions (help, the keypad's
repeat, volume and headphone keys) work the same in every mode."""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from drivers.base import DeviceEvent
from kiosk.view import KeyAction, ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

log = logging.getLogger(__name__)


class ModeName(StrEnum):
    ATTRACT = "attract"
    VISIT = "visit"
    OUT_OF_SERVICE = "out_of_service"
    MAINTENANCE = "maintenance"
    SENTINEL = "sentinel"  # 数字哨兵 at a venue's entrance (kiosk/modes/sentinel.py)


class Mode:
    name: ClassVar[ModeName]
    description: ClassVar[str]
    screens: ClassVar[frozenset[ScreenName]]
    takes: ClassVar[tuple[type, ...]] = ()  # the device event types this mode handles

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk

    # --- starting and stopping ------------------------------------------------------------

    def activate(self) -> None:
        """The mode starts: show its first screen."""

    def deactivate(self) -> None:
        """The mode stops: let go of what it holds."""

    # --- devices ---------------------------------------------------------------------------

    def handle(self, event: DeviceEvent) -> None:
        """A device event of a type in `takes`."""

    # --- the keypad ------------------------------------------------------------------------

    def key(self, action: KeyAction) -> None:
        """A key that is not a focus move (the window moves the focus and activates the
        focused control itself; ACTIVATE comes here only when nothing has the focus)."""
        kiosk = self.kiosk
        if action == KeyAction.REPEAT:
            kiosk.guide.announce()
        elif action in (KeyAction.VOLUME_UP, KeyAction.VOLUME_DOWN):
            kiosk.guide.volume(up=action == KeyAction.VOLUME_UP)
        elif action == KeyAction.HEADPHONES:
            kiosk.toggle_headphones()
        elif action == KeyAction.HELP:
            self.open_help()
        elif action == KeyAction.BACK:
            self.go_back()

    # --- the frame -------------------------------------------------------------------------

    def call_helper(self) -> None:
        """Staff are called to the kiosk; the resident stays where they are."""
        visit = self.kiosk.session.visit
        if not visit.helper_called:
            visit.helper_called = True
            log.warning("staff: help requested at kiosk %s (%s screen)",
                        self.kiosk.settings.site.kiosk_id, visit.screen)
        self.kiosk.guide.say("notice.helper.body")

    def open_help(self) -> None:
        """Help: where no help screen can be shown, staff are called."""
        self.call_helper()

    def tick(self, now: float) -> None:
        """About once a second, while the visit goes on."""

    def present(self, t: Any) -> dict[str, Any]:
        """This mode's own fields of the screen state, beyond the presenter's (each mode
        gives all of its fields always, None when it is not on)."""
        return {}

    # --- what a resident can do on a screen; ignored unless the mode takes it ----------------

    def start(self) -> None: ...
    def choose_service(self, service_id: str) -> None: ...
    def answer(self, key: str, value: str) -> None: ...
    def confirm_form(self) -> None: ...
    def add_stroke(self, stroke: tuple[tuple[float, float], ...], width: float,
                   height: float) -> None: ...
    def clear_signature(self) -> None: ...
    def submit_signature(self) -> None: ...
    def confirm_without_signature(self) -> None: ...
    def consent(self, accept: bool) -> None: ...
    def retry(self) -> None: ...
    def reprint(self) -> None: ...
    def to_rating(self) -> None: ...
    def rate(self, rating: int) -> None: ...
    def finish(self) -> None: ...
    def end_now(self) -> None: ...
    def go_home(self) -> None: ...
    def go_back(self) -> None: ...
    # appointments
    def choose_matter(self, matter: str) -> None: ...
    def choose_centre(self, centre_id: str) -> None: ...
    def choose_day(self, day: str) -> None: ...
    def choose_slot(self, slot_id: str) -> None: ...
    def confirm_booking(self) -> None: ...
    def open_appointments(self) -> None: ...
    def open_booking(self, booking_id: str) -> None: ...
    def cancel_booking(self) -> None: ...
    def confirm_cancel(self) -> None: ...
    def move_booking(self) -> None: ...
    def choose_home_kind(self, kind: str) -> None: ...
    def request_home_service(self) -> None: ...
