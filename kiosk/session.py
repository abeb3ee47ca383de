"""One resident's visit: attract → (browsing) → identified → in a service → done → wiped.
Idle time warns before it ends and one touch extends it; the end wipes everything personal.
Time comes from an injected clock, so tests never sleep."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from drivers.idcard.card import IdCard
from kiosk.config import Timeouts


class Phase(StrEnum):
    ATTRACT = "attract"  # nobody at the screen
    BROWSING = "browsing"  # touched, not yet identified
    IDENTIFIED = "identified"
    IN_SERVICE = "in_service"
    DONE = "done"
    WIPED = "wiped"


@dataclass(frozen=True)
class Resident:
    """Who is at the screen: the card's fields plus what the platform already knows."""

    card: IdCard
    profile: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.card.name

    @property
    def id_number(self) -> str:
        return self.card.id_number

    def age_on(self, day: date) -> int:
        return self.card.age_on(day)


@dataclass(frozen=True)
class Idle:
    """What the idle clock says now."""

    warning: bool = False
    remaining: float = 0.0  # seconds left in the warning countdown
    expired: bool = False


class Session:
    def __init__(
        self,
        clock: Callable[[], float],
        timeouts: Timeouts,
        temp_root: Path | None = None,
        *,
        language: str = "zh_CN",
        mode: str = "standard",
    ) -> None:
        self._clock = clock
        self.timeouts = timeouts
        self._temp_root = temp_root
        self.default_language = language
        self.default_mode = mode
        self._clear()
        self.phase = Phase.ATTRACT

    def _clear(self) -> None:
        self.resident: Resident | None = None
        self.service_id: str | None = None
        self.answers: dict[str, Any] = {}
        self.signature_png: bytes | None = None
        self.signed_by: str | None = None  # hand (drawn on screen) or keypad (confirmed)
        self.reference: str | None = None
        self.rating: int | None = None
        self.language = self.default_language
        self.mode = self.default_mode
        self.voice_on = False  # spoken guidance: care mode, headphones or the keypad turn it on
        self.headphones = False
        self.extensions_used = 0
        self._holds: set[str] = set()
        self._last_activity = self._clock()
        self._warning_since: float | None = None
        self._temp_dir: Path | None = None

    # --- the visit ----------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.phase not in (Phase.ATTRACT, Phase.WIPED)

    def begin(self) -> None:
        """The screen was touched on the attract screen."""
        if not self.active:
            self.phase = Phase.BROWSING  # language and mode chosen on the attract screen stay
            self.touch()

    def identify(self, resident: Resident) -> None:
        if self.resident is not None and self.resident.id_number != resident.id_number:
            self.end()  # a different person: nothing of the first may remain
        self.resident = resident
        if self.phase in (Phase.ATTRACT, Phase.WIPED, Phase.BROWSING):
            self.phase = Phase.IDENTIFIED
        self.touch()

    def enter_service(self, service_id: str) -> None:
        self.service_id = service_id
        self.answers = {}
        self.signature_png = None
        self.signed_by = None
        self.reference = None
        self.phase = Phase.IN_SERVICE
        self.touch()

    def leave_service(self) -> None:
        self.service_id = None
        self.answers = {}
        self.signature_png = None
        self.signed_by = None
        self.phase = Phase.IDENTIFIED if self.resident else Phase.BROWSING
        self.touch()

    def complete(self, reference: str) -> None:
        self.reference = reference
        self.phase = Phase.DONE
        self.touch()

    def end(self) -> None:
        """Wipe everything personal: fields, answers, signature, temporary files."""
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
        self._clear()
        self.phase = Phase.WIPED

    def rest(self) -> None:
        """Back to the attract screen after a wipe."""
        if self.phase != Phase.ATTRACT:
            self.end()
        self.phase = Phase.ATTRACT

    @property
    def temp_dir(self) -> Path:
        """A private folder for this visit's files; removed when the session ends."""
        if self._temp_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="kiosk-session-", dir=self._temp_root))
        return self._temp_dir

    def now(self) -> float:
        return self._clock()

    # --- idle time ----------------------------------------------------------------------------

    def touch(self) -> None:
        """Any touch or key: the resident is here."""
        if self._warning_since is not None:
            self.extensions_used += 1
        self._warning_since = None
        self._last_activity = self._clock()

    def hold(self, reason: str) -> None:
        """No timeout while the resident signs or the printer works."""
        self._holds.add(reason)

    def release(self, reason: str) -> None:
        self._holds.discard(reason)
        self.touch()

    @property
    def timeout_factor(self) -> float:
        """Care mode (长辈模式) gives three times as long for everything."""
        return 3.0 if self.mode == "care" else 1.0

    @property
    def idle_seconds(self) -> float:
        return self.timeouts.idle_seconds * self.timeout_factor

    @property
    def warning_seconds(self) -> float:
        return self.timeouts.warning_seconds * self.timeout_factor

    def tick(self) -> Idle:
        """Where the idle clock stands; the caller ends the session when it has expired."""
        if not self.active or self._holds:
            return Idle()
        now = self._clock()
        if self._warning_since is None:
            if now - self._last_activity < self.idle_seconds:
                return Idle()
            self._warning_since = now
        remaining = self.warning_seconds - (now - self._warning_since)
        if remaining <= 0:
            return Idle(expired=True)
        return Idle(warning=True, remaining=remaining)
