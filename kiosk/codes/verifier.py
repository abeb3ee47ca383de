"""Verifying a scanned code with no network: a Tongban offline code or an EU DCC. Every
input ends in one Verdict (never an exception): its outcome, a plain message key for the
resident (`codes.outcome.<outcome>`), and the precise reason for the log."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from district.codes import algorithms
from district.codes.claims import EXP, HCERT, IAT, Kind, OfflineClaims, from_cwt, timestamp
from district.codes.envelope import DCC_PREFIX, Malformed, Sign1, open_text
from district.codes.lists import TrustedKey, Use

log = logging.getLogger(__name__)
MAX_KID = 64  # bytes; a DCC's key id is 8


class Outcome(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_KEY = "unknown_key"
    REVOKED = "revoked"
    STALE = "stale"  # the lists are too old to confirm the code offline
    MALFORMED = "malformed"

    @property
    def valid(self) -> bool:
        return self in (Outcome.GREEN, Outcome.YELLOW, Outcome.RED)


class Trust(Protocol):
    """What the verifier asks of its lists: the cached ones (trust_store.TrustStore) or
    one certificate given for an ad-hoc check."""

    def key(self, kid: bytes) -> TrustedKey | None: ...
    def revoked(self, code_id: str) -> bool: ...
    def stale(self, now: dt.datetime, limit: dt.timedelta) -> bool: ...


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: str  # for the log: which check, and what it found
    kind: str = ""  # "paper" / "phone" (ours) or "dcc", once the envelope opened
    kid: str = ""
    stage: str = ""  # for MALFORMED: the layer that failed (the DCC test names)
    claims: OfflineClaims | None = None
    dcc: Mapping[Any, Any] | None = None  # an EU DCC's payload (hcert[1])
    expires_at: dt.datetime | None = None

    @property
    def message_key(self) -> str:
        return f"codes.outcome.{self.outcome.value}"


class Verifier:
    def __init__(self, trust: Trust, *, stale_after: dt.timedelta = dt.timedelta(hours=24),
                 skew: dt.timedelta = dt.timedelta(minutes=5),
                 clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        self.trust, self.stale_after, self.skew, self.clock = trust, stale_after, skew, clock

    def verify(self, text: str, at: dt.datetime | None = None) -> Verdict:
        """The verdict on `text` at `at` (default: now; without a zone, UTC); never raises."""
        try:
            now = at or self.clock()
            return self._verify(text, now if now.tzinfo else now.replace(tzinfo=dt.UTC))
        except Exception as error:  # the promise: no input raises
            log.exception("codes: the verifier failed on a code")
            return Verdict(Outcome.MALFORMED, f"verifier error: {type(error).__name__}")

    def _verify(self, text: str, now: dt.datetime) -> Verdict:
        if not isinstance(text, str):
            return Verdict(Outcome.MALFORMED, "not text", stage="UNPREFIX")
        try:
            prefix, sign1 = open_text(text.strip())
            cwt = sign1.claims()
            dcc = prefix == DCC_PREFIX
            claims = None if dcc else from_cwt(cwt)
            payload = _dcc_payload(cwt) if dcc else None
        except Malformed as error:
            return Verdict(Outcome.MALFORMED, str(error), stage=error.stage)
        kind = "dcc" if dcc else claims.kind.value
        found = self._signed(sign1, kind, now)
        kid = algorithms.kid_text(sign1.kid) if sign1.kid and len(sign1.kid) <= MAX_KID else ""
        issued = claims.issued_at if claims else timestamp(cwt.get(IAT))
        expires = claims.expires_at if claims else timestamp(cwt.get(EXP))
        common = {"kind": kind, "kid": kid, "claims": claims, "dcc": payload,
                  "expires_at": expires}
        if isinstance(found, Verdict):
            return Verdict(found.outcome, found.reason, stage=found.stage, **common)
        # what the code itself says is known offline; what the lists say needs fresh lists
        if issued is not None and not found.not_before - self.skew <= issued <= \
                found.not_after + self.skew:
            return Verdict(Outcome.UNKNOWN_KEY, f"key {kid} was not valid when the code was "
                           f"issued ({issued:%Y-%m-%d})", **common)
        if issued is not None and issued > now + self.skew:
            return Verdict(Outcome.NOT_YET_VALID, f"issued {issued.isoformat()}, after now",
                           **common)
        if expires is None:
            return Verdict(Outcome.MALFORMED, "DECODE: no expiry (exp)", stage="DECODE",
                           **common)
        if expires < now - self.skew:
            return Verdict(Outcome.EXPIRED, f"expired {expires.isoformat()}", **common)
        if claims is not None and claims.issuer != found.issuer and found.issuer:
            return Verdict(Outcome.UNKNOWN_KEY, f"key {kid} signs for {found.issuer}, not "
                           f"{claims.issuer}", **common)
        if claims is not None and self.trust.revoked(claims.code_id):
            return Verdict(Outcome.REVOKED, f"code {claims.code_id} is revoked", **common)
        # a list that says revoked is believed however old; one that says nothing, only fresh
        if self.trust.stale(now, self.stale_after):
            return Verdict(Outcome.STALE, f"the lists are older than {self.stale_after}",
                           **common)
        colour = Outcome(claims.colour.value) if claims else Outcome.GREEN
        return Verdict(colour, "valid", **common)

    def _signed(self, sign1: Sign1, kind: str, now: dt.datetime) -> TrustedKey | Verdict:
        """The trusted key that signed `sign1`, or the verdict on why there is none."""
        if sign1.kid is None or sign1.alg is None:
            return Verdict(Outcome.MALFORMED, "COSE: no key id or no known algorithm",
                           stage="COSE")
        if len(sign1.kid) > MAX_KID:  # no list holds one; in the log it would be kilobytes
            return Verdict(Outcome.MALFORMED, f"COSE: a key id of {len(sign1.kid)} bytes",
                           stage="COSE")
        kid = algorithms.kid_text(sign1.kid)
        key = self.trust.key(sign1.kid)
        if key is None:
            if self.trust.stale(now, self.stale_after):
                return Verdict(Outcome.STALE, f"key {kid} unknown and the lists are stale")
            return Verdict(Outcome.UNKNOWN_KEY, f"key {kid} is not in the trust list")
        use = Use.DCC if kind == "dcc" else Use(Kind(kind).value)
        if use not in key.uses:
            return Verdict(Outcome.UNKNOWN_KEY, f"key {kid} may not sign {use.value} codes")
        if key.alg != sign1.alg:
            return Verdict(Outcome.BAD_SIGNATURE, f"key {kid} is {key.alg}, the code says "
                           f"{sign1.alg}")
        if not algorithms.verify(key.alg, key.public_bytes(), sign1.to_be_signed(),
                                 sign1.signature):
            return Verdict(Outcome.BAD_SIGNATURE, f"the signature is not key {kid}'s")
        return key


def _dcc_payload(cwt: Mapping[Any, Any]) -> Mapping[Any, Any]:
    hcert = cwt.get(HCERT)
    payload = hcert.get(1) if isinstance(hcert, Mapping) else None
    if not isinstance(payload, Mapping):
        raise Malformed("DECODE", "no hcert[1] payload in the DCC's claims")
    return payload
