"""好差评's second step: after a low score (1 or 2), the reasons to tick before sending
(skippable); the rating, tied to the case number, then goes to the visit's rate action."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from district.models import Rating
from kiosk.view import ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.modes.visit import VisitMode

REASONS = ("slow", "hard_to_use", "staff_attitude", "not_done", "other")
LOW = 2  # scores up to this ask why


@dataclass(frozen=True)
class ReasonView:
    value: str
    label: str
    chosen: bool


class RatingDesk:
    def __init__(self, kiosk: Kiosk, mode: VisitMode) -> None:
        self.kiosk, self.mode = kiosk, mode

    def rated(self, score: int) -> None:
        """A score on the rating screen: a low one asks why first, any other is sent."""
        visit = self.kiosk.session.visit
        visit.rating, visit.rating_reasons = score, ()
        if score <= LOW:
            self.mode.show(ScreenName.RATING_REASONS)
        else:
            self._send(())

    def toggle(self, reason: str) -> None:
        visit = self.kiosk.session.visit
        if self.mode.screen != ScreenName.RATING_REASONS or reason not in REASONS:
            return
        chosen = set(visit.rating_reasons) ^ {reason}
        visit.rating_reasons = tuple(r for r in REASONS if r in chosen)

    def send(self) -> None:
        if self.mode.screen == ScreenName.RATING_REASONS:
            self._send(self.kiosk.session.visit.rating_reasons)

    def skip(self) -> None:
        """No reasons: the score alone is sent."""
        if self.mode.screen == ScreenName.RATING_REASONS:
            self._send(())

    def _send(self, reasons: tuple[str, ...]) -> None:
        visit = self.kiosk.session.visit
        if visit.outcome is None or visit.rating is None:
            return
        self.mode.deliver_rating(Rating(idempotency_key=uuid.uuid4().hex,
                                     reference=visit.outcome.reference,
                                     score=visit.rating, reasons=reasons))


def present(chosen: tuple[str, ...], t: Callable[..., str]) -> tuple[ReasonView, ...]:
    return tuple(ReasonView(reason, t(f"rating.reason.{reason}"), reason in chosen)
                 for reason in REASONS)
