"""What one scan at the entrance says, with no network: a phone's dynamic code or a paper
offline code (TB1:) or an EU DCC (HC1:) through the kiosk's verifier, an ID card through
the cached status list, a 随申码 (SSM:) refused as not verifiable offline. Each ends in one
`Result`: the light, the word, the message, the masked name a code carries, the time."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kiosk import slip_privacy
from kiosk.codes.verifier import Outcome, Verifier

log = logging.getLogger(__name__)

SUISHEN_PREFIX = "SSM:"


class Light(StrEnum):
    """The colour that fills the screen."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"  # cannot confirm offline: ask staff
    AMBER = "amber"  # not a valid code


class Tally(StrEnum):
    """What the hourly counts add up."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    OTHER = "other"


@dataclass(frozen=True)
class Result:
    light: Light
    outcome: str  # a verifier Outcome's value, or suishen, no_record, no_status,
    # stale_status, unreadable_card
    name: str = ""  # masked (王*英); only when the code carries one
    at: dt.datetime | None = None  # when it was scanned (wall clock, UTC)

    @property
    def tally(self) -> Tally:
        colours = (Light.GREEN, Light.YELLOW, Light.RED)
        return Tally(self.light.value) if self.light in colours else Tally.OTHER

    @property
    def word_key(self) -> str:
        """The one big word: 通行, 请稍候, 禁止, 无法确认, 无效."""
        return f"sentinel.word.{self.light.value}"

    @property
    def message_key(self) -> str:
        """A verifier's outcome has its message in codes.outcome; the gate's own here."""
        known = self.outcome in Outcome.__members__.values()
        return f"codes.outcome.{self.outcome}" if known else f"sentinel.outcome.{self.outcome}"

    @property
    def speech_key(self) -> str:
        """Said from the loudspeaker at once: short, and never a name."""
        return f"sentinel.speak.{self.outcome}"


LIGHTS = {Outcome.GREEN: Light.GREEN, Outcome.YELLOW: Light.YELLOW, Outcome.RED: Light.RED,
          Outcome.STALE: Light.GREY}


class Gate:
    """The checks; it keeps nothing of what it was shown. `verifier` and `trust` are asked
    for at each scan (the kiosk's, which a sync may replace)."""

    def __init__(self, verifier: Callable[[], Verifier], trust: Callable[[], Any], *,
                 stale_after: dt.timedelta, clock: Callable[[], dt.datetime]) -> None:
        self._verifier, self._trust = verifier, trust
        self.stale_after, self.clock = stale_after, clock

    def code(self, text: str) -> Result:
        now = self.clock()
        if text.strip().upper().startswith(SUISHEN_PREFIX):
            log.info("sentinel: a 随申码 was shown (not verifiable offline)")
            return Result(Light.GREY, "suishen", at=now)
        verdict = self._verifier().verify(text, now)
        code_id = verdict.claims.code_id if verdict.claims else ""
        log.info("sentinel: %s code %s: %s (%s)", verdict.kind or "unknown",
                 code_id or "-", verdict.outcome.value, verdict.reason)
        light = LIGHTS.get(verdict.outcome, Light.AMBER)
        name = verdict.claims.name if verdict.claims and verdict.outcome.valid else ""
        return Result(light, verdict.outcome.value, name=name, at=now)

    def unreadable_card(self) -> Result:
        log.info("sentinel: an ID card could not be read")
        return Result(Light.AMBER, "unreadable_card", at=self.clock())

    def card(self, card: Any) -> Result:
        """An ID card read: its colour in the cached status list (the number is hashed
        with the list's salt and forgotten); the holder's name shown masked."""
        now = self.clock()
        name = slip_privacy.name(card.name)
        trust = self._trust()
        status = getattr(trust, "status", None)
        if status is None:
            log.info("sentinel: an ID card was read; no status list is held")
            return Result(Light.GREY, "no_status", at=now)
        if trust.stale(now, self.stale_after):
            log.info("sentinel: an ID card was read; the status list is stale")
            return Result(Light.GREY, "stale_status", at=now)
        colour = status.colour(card.id_number)
        if colour is None:
            log.info("sentinel: an ID card was read; not in the status list")
            return Result(Light.GREY, "no_record", name=name, at=now)
        log.info("sentinel: an ID card was read: %s", colour.value)
        return Result(Light(colour.value), colour.value, name=name, at=now)
