"""The sentinel mode (数字哨兵) at a venue's entrance: each phone code, paper offline code,
DCC or ID card shown is checked with no network (kiosk/sentinel/gate.py) and its result
fills the screen and is spoken at once; it stays until the next scan or fades to the ready
screen. Entered at start when `[sentinel] enabled`, or from maintenance's menu; left only
through maintenance (the corner gesture, Ctrl+Alt+M). No idle timeout: nobody's visit."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from drivers.base import CardRead, CodeScanned, DeviceEvent, DeviceFault
from kiosk.modes.base import Mode, ModeName
from kiosk.sentinel import view
from kiosk.sentinel.counts import HourlyCounts
from kiosk.sentinel.gate import Gate, Result
from kiosk.sentinel.recent import RecentScans
from kiosk.view import KeyAction, ScreenName

log = logging.getLogger(__name__)

S = ScreenName
FADE_SECONDS = 6.0  # a result fades to the ready screen after this long


class SentinelMode(Mode):
    name = ModeName.SENTINEL
    description = "sentinel: a venue's entrance, codes and ID cards checked offline"
    screens = frozenset({S.SENTINEL, S.SENTINEL_RESULT})
    takes = (CodeScanned, CardRead, DeviceFault)  # a fault: only a card the reader cannot read

    def __init__(self, kiosk) -> None:
        super().__init__(kiosk)
        settings = kiosk.settings
        self.stale_after = dt.timedelta(hours=settings.codes.stale_hours)
        self.gate = Gate(lambda: kiosk.verifier, lambda: kiosk.codes,
                         stale_after=self.stale_after, clock=lambda: kiosk.wall_clock())
        self.counts = HourlyCounts(kiosk.outbox.path)
        self.recent = RecentScans(settings.sentinel.keep_minutes * 60)
        self.result: Result | None = None  # the one on screen
        self.shown_at = 0.0

    # --- starting and stopping ----------------------------------------------------------------

    def activate(self) -> None:
        self.result = None
        self.kiosk.session.visit.screen = S.SENTINEL
        log.info("sentinel: ready")
        self._say("sentinel.speak.ready")

    def deactivate(self) -> None:
        """Nothing of a scan outlives the mode (the counts stay)."""
        self.result = None
        self.recent.clear()

    # --- scans -----------------------------------------------------------------------------

    def handle(self, event: DeviceEvent) -> None:
        if isinstance(event, CodeScanned):
            result = self.gate.code(event.text)
        elif isinstance(event, CardRead):
            result = self.gate.card(event.card)
        elif event.device == "idcard" and self.kiosk.devices.card_problem(event.error):
            result = self.gate.unreadable_card()  # the holder must not wait in silence
        else:
            return
        now = self.kiosk.session.now()
        self.result, self.shown_at = result, now
        self.kiosk.session.visit.screen = S.SENTINEL_RESULT
        self._say(result.speech_key)
        if result.name and self.kiosk.session.visit.headphones:  # a name only into headphones
            self._say_text(result.name, private=True, interrupt=False)
        self.recent.add(result, now)
        self.counts.add(result.tally, result.at or self.kiosk.wall_clock())
        self.kiosk.metrics.sentinel_scan(result.tally.value)

    def tick(self, now: float) -> None:
        if self.result is not None and now - self.shown_at >= FADE_SECONDS:
            self.result = None
            self.kiosk.session.visit.screen = S.SENTINEL
        self.recent.expire(now)

    # --- keys: volume, headphones and repeat; nothing leaves the mode -------------------------

    def key(self, action: KeyAction) -> None:
        if action == KeyAction.REPEAT:
            self._say(self.result.speech_key if self.result else "sentinel.speak.ready")
        elif action in (KeyAction.VOLUME_UP, KeyAction.VOLUME_DOWN, KeyAction.HEADPHONES):
            super().key(action)

    def open_help(self) -> None:
        """The doorkeeper is the staff help would call."""

    def call_helper(self) -> None: ...

    # --- the screen state -----------------------------------------------------------------------

    def present(self, t: Any) -> dict[str, Any]:
        kiosk = self.kiosk
        switch = t("sentinel.switch.off" if kiosk.resting == ModeName.SENTINEL
                   else "sentinel.switch.on")
        if kiosk.mode is not self:
            return {"sentinel": None, "sentinel_switch": switch}
        now = kiosk.wall_clock()
        codes = kiosk.codes
        return {"sentinel": view.present(
            t, hours=self.counts.today(now), recent=self.recent.latest(), result=self.result,
            synced_at=codes.synced_at, stale=codes.stale(now, self.stale_after)),
            "sentinel_switch": switch}

    # --- speech -----------------------------------------------------------------------------

    def _say(self, key: str) -> None:
        self._say_text(self.kiosk.text(key))

    def _say_text(self, text: str, *, private: bool = False, interrupt: bool = True) -> None:
        """Spoken whether or not the visit's voice is on: a blind visitor must hear it."""
        voice = self.kiosk.guide.voice
        if voice is not None:
            voice.say(text, self.kiosk.session.visit.language, private=private,
                      interrupt=interrupt)
