"""The platform the kiosk serves: resident profiles, service usage and submissions.
One interface, several homes (embedded SQLite today; a district platform over HTTP later)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

# One exception for "cannot be reached" on this interface and on district.contract's.
from district.contract import PlatformUnavailable as PlatformUnavailable


@dataclass(frozen=True)
class Submission:
    idempotency_key: str  # the same key submitted twice records one submission
    service_id: str
    id_number: str
    answers: dict[str, str]
    signature_png: bytes  # empty when the resident confirmed without drawing
    kiosk_id: str
    signed_by: str = "hand"  # hand: drawn on screen; keypad: confirmed with a key


@dataclass(frozen=True)
class Accepted:
    reference: str
    submitted_at: datetime
    status: str = "received"


class Platform(Protocol):
    def profile(self, id_number: str) -> dict[str, str]: ...

    def usage_counts(self) -> dict[str, int]: ...

    def submit(self, submission: Submission) -> Accepted: ...

    def rate(self, reference: str, rating: int) -> None: ...

    def lookup(self, reference: str) -> Accepted | None: ...

    def close(self) -> None: ...
