"""Stages maintenance's configuration, outbox and usage pages for screenshots and the audit:
a week of made-up transactions and ratings, a few items waiting and two the platform
refused, and a signed site file waiting in `<data>/incoming/`. Idempotent: staging again
over the same data directory adds nothing."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

from district.models import Rating, Submission
from district.signing import KEY_FILE, sign, signing_key
from drivers.idcard.samples import ELDERLY
from kiosk.config import LOCAL_TIME
from kiosk.controller import Kiosk
from kiosk.maintenance.site_file import PURPOSE
from kiosk.modes import ModeName
from kiosk.outbox import Outbox
from kiosk.view import ScreenName

S = ScreenName
SCREENS = frozenset({S.MAINTENANCE_CONFIG, S.MAINTENANCE_OUTBOX, S.MAINTENANCE_USAGE})
# (service, days ago, hour in Shanghai, minutes the visit took, passed the first check)
WEEK = (("social_security_card", 0, 9, 6, True), ("elderly_allowance", 0, 10, 4, True),
        ("elderly_allowance", 0, 10, 9, False), ("social_security_record", 0, 11, 3, True),
        ("senior_card", 1, 9, 5, True), ("elderly_allowance", 1, 14, 7, True),
        ("housing_fund_record", 1, 15, 2, True), ("social_security_card", 2, 10, 8, True),
        ("tax_record", 2, 16, 3, True), ("elderly_allowance", 2, 10, 6, True))
SCORES = (5, 5, 4, 5, 3, 1, 5, 4)
SITE = ('[timeouts]\nidle_seconds = 120\n\n[display]\nmode = "large"\n\n'
        '[metrics]\nport = 0\n')  # staged kiosks serve no metrics: no change there


def stage(kiosk: Kiosk, network, screen: ScreenName) -> None:
    """Into maintenance mode and onto `screen`; the network is down so that what waits in
    the outbox stays as staged."""
    network.up = False
    if screen == S.MAINTENANCE_CONFIG:
        _incoming_site_file(kiosk)
    if screen in (S.MAINTENANCE_OUTBOX, S.MAINTENANCE_USAGE):
        _outbox(kiosk)
    kiosk.switch_to(ModeName.MAINTENANCE)
    kiosk.modes[ModeName.MAINTENANCE].inside = True  # past the way in (staged on its own)
    kiosk.open_maintenance_page(screen.value)


def _incoming_site_file(kiosk: Kiosk) -> None:
    data_dir = kiosk.settings.data_dir
    folder = data_dir / "incoming"
    folder.mkdir(parents=True, exist_ok=True)
    data = SITE.encode()
    (folder / "site.toml").write_bytes(data)
    key = signing_key(data_dir / KEY_FILE)
    (folder / "site.toml.sig").write_text(sign(key, PURPOSE, data))


def _outbox(kiosk: Kiosk) -> None:
    """Through a second handle on the same outbox file, on a clock set for each item."""
    now = kiosk.outbox.now()
    moment = [now]
    outbox = Outbox(kiosk.outbox.path, now=lambda: moment[0])
    try:
        today = now.astimezone(LOCAL_TIME).replace(minute=12, second=0, microsecond=0)
        for number, (service, days, hour, minutes, first) in enumerate(WEEK):
            at = (today - timedelta(days=days)).replace(hour=hour).astimezone(UTC)
            moment[0] = at if at <= now else at - timedelta(days=1)  # never in the future
            outbox.put(_submission(number, service, first), visit_seconds=minutes * 60 + 20)
        moment[0] = now
        for number, score in enumerate(SCORES):
            outbox.put(Rating(idempotency_key=f"staged-rating-{number:04d}",
                              reference=_reference(number), score=score,
                              reasons=("slow",) if score < 3 else ()))
        for number in (0, 1):
            item = outbox.get(f"staged-submission-{number:04d}")
            if item is not None and item.failed_reason is None:
                outbox.failed(item.id, "altered", "the platform refused it: altered")
        moment[0] = now - timedelta(minutes=95)
        waiting = outbox.get("staged-submission-0002")
        if waiting is not None:
            outbox.retry_at(waiting.id, now, "platform unavailable: connection refused")
    finally:
        outbox.close()


def _submission(number: int, service: str, first: bool) -> Submission:
    return Submission(idempotency_key=f"staged-submission-{number:04d}",
                      reference=_reference(number), service_id=service,
                      id_number=ELDERLY.id_number, answers={}, first_try=first,
                      signature_png=base64.b64encode(b""), signed_at=datetime.now(UTC))


def _reference(number: int) -> str:
    return f"BSYY001-261128-{number + 1:04d}"
