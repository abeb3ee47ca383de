"""What the outbox tests put: real models, and a wall clock the test moves."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

from district.models import AuditRecord, Rating, Submission
from drivers.idcard.samples import ELDERLY

KIOSK = "BS-YY-001"
START = datetime(2026, 12, 1, 1, 30, tzinfo=UTC)


class WallClock:
    """Aware UTC datetimes that move only when the test says."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def submission(key: str, reference: str = "BSYY001-261201-0001", *,
               id_number: str = ELDERLY.id_number, service: str = "elderly_allowance"
               ) -> Submission:
    return Submission(idempotency_key=key, reference=reference, service_id=service,
                      id_number=id_number, answers={"phone": "13916627358"},
                      signature_png=base64.b64encode(b"\x89PNG\r\n"), signed_at=START)


def rating(key: str, reference: str = "BSYY001-261201-0001", score: int = 4) -> Rating:
    return Rating(idempotency_key=key, reference=reference, score=score,
                  reasons=("waiting_time",) if score < 3 else ())


def audit(key: str, event: str = "kiosk.started") -> AuditRecord:
    return AuditRecord(idempotency_key=key, at=START, event=event)
