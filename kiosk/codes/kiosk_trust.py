"""The kiosk's lists and verifier as its settings make them: the cache in `<data>/codes/`
checked with the root key (`[codes] root_key`), read with `[codes]`'s staleness limit and
clock skew. Without a usable root key nothing can be confirmed offline (NoTrust), and the
log says once which key to set."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from district.codes.lists import TrustedKey
from district.signing import SigningKeyError
from kiosk.codes.root_key import root_key
from kiosk.codes.trust_store import TrustStore
from kiosk.codes.verifier import Verifier
from kiosk.config import Settings

log = logging.getLogger(__name__)


class NoTrust:
    """No root key: no key is known and the lists are always stale."""

    status = None
    synced_at = None

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def key(self, kid: bytes) -> TrustedKey | None:
        return None

    def revoked(self, code_id: str) -> bool:
        return False

    def stale(self, now: dt.datetime, limit: dt.timedelta) -> bool:
        return True


def open_trust(settings: Settings) -> TrustStore | NoTrust:
    try:
        return TrustStore(settings.data_dir / "codes", root_key(settings))
    except SigningKeyError as error:
        log.error("codes: %s; offline codes cannot be confirmed until it is", error)
        return NoTrust(str(error))


def verifier_for(settings: Settings, trust: TrustStore | NoTrust,
                 clock: Callable[[], dt.datetime]) -> Verifier:
    return Verifier(trust, stale_after=dt.timedelta(hours=settings.codes.stale_hours),
                    skew=dt.timedelta(seconds=settings.codes.skew_seconds), clock=clock)
