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
from district.codes.claims import (
    EXP,
    HCERT,
    IAT,
    MAX_LIFE_DAYS,
    Kind,
    OfflineClaims,
    from_cwt,
    timestamp,
)
from district.codes.envelope import DCC_PREFIX, Malformed, Sign1, open_text, parse_sign1
from district.codes.lists import TrustedKey, Use
from kiosk.codes.certificate_trust import CertificateKey

log = logging.getLogger(__name__)
MAX_KID = 64  # bytes; a DCC's key id is 8
DCC_TYPES = {"v": "vaccination", "t": "test", "r": "recovery"}
TEST_DETECTED = "260373001"  # SNOMED CT: detected (a positive test)


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
    # the check that failed, by the DCC's test names: for MALFORMED the layer (UNPREFIX,
    # B45DECODE, COMPRESSION, COSE, DECODE, SCHEMAVALIDATION); VERIFY for an unknown key or a
    # bad signature, KEYUSAGE, EXPIRATIONCHECK; "" when valid, revoked or stale
    stage: str = ""
    verified: bool = False  # the signature is a trusted key's (whatever came after)
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
            return self._verify(text, self._now(at))
        except Exception as error:  # the promise: no input raises
            log.exception("codes: the verifier failed on a code")
            return Verdict(Outcome.MALFORMED, f"verifier error: {type(error).__name__}")

    def verify_cose(self, cose: bytes, at: dt.datetime | None = None,
                    prefix: str = DCC_PREFIX) -> Verdict:
        """The verdict on a COSE_Sign1 already out of its envelope (the DCC vectors' COSE
        layer), read as a code behind `prefix`; never raises."""
        try:
            return self._judge(prefix, parse_sign1(cose), self._now(at))
        except Malformed as error:
            return Verdict(Outcome.MALFORMED, str(error), stage=error.stage)
        except Exception as error:  # the promise: no input raises
            log.exception("codes: the verifier failed on a code")
            return Verdict(Outcome.MALFORMED, f"verifier error: {type(error).__name__}")

    def _now(self, at: dt.datetime | None) -> dt.datetime:
        now = at or self.clock()
        return now if now.tzinfo else now.replace(tzinfo=dt.UTC)  # a time without a zone

    def _verify(self, text: str, now: dt.datetime) -> Verdict:
        if not isinstance(text, str):
            return Verdict(Outcome.MALFORMED, "not text", stage="UNPREFIX")
        try:
            prefix, sign1 = open_text(text.strip())
        except Malformed as error:
            return Verdict(Outcome.MALFORMED, str(error), stage=error.stage)
        return self._judge(prefix, sign1, now)

    def _judge(self, prefix: str, sign1: Sign1, now: dt.datetime) -> Verdict:
        try:
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
        common["verified"] = True
        if payload is not None:
            refused = _dcc_refusal(found, payload, kid)
            if refused is not None:
                return Verdict(refused[0], refused[1], stage=refused[2], **common)
        # what the code itself says is known offline; what the lists say needs fresh lists
        if issued is not None and not found.not_before - self.skew <= issued <= \
                found.not_after + self.skew:
            return Verdict(Outcome.UNKNOWN_KEY, f"key {kid} was not valid when the code was "
                           f"issued ({issued:%Y-%m-%d})", stage="VERIFY", **common)
        if issued is not None and issued > now + self.skew:
            return Verdict(Outcome.NOT_YET_VALID, f"issued {issued.isoformat()}, after now",
                           stage="EXPIRATIONCHECK", **common)
        if expires is None:
            return Verdict(Outcome.MALFORMED, "DECODE: no expiry (exp)", stage="DECODE",
                           **common)
        if claims is not None and claims.expires_at - claims.issued_at > \
                dt.timedelta(days=MAX_LIFE_DAYS[claims.kind.value]):
            return Verdict(Outcome.MALFORMED, f"DECODE: a {claims.kind.value} code living "
                           f"{claims.expires_at - claims.issued_at}, longer than its kind may",
                           stage="DECODE", **common)
        if expires < now - self.skew:
            return Verdict(Outcome.EXPIRED, f"expired {expires.isoformat()}",
                           stage="EXPIRATIONCHECK", **common)
        if claims is not None and claims.issuer != found.issuer and found.issuer:
            return Verdict(Outcome.UNKNOWN_KEY, f"key {kid} signs for {found.issuer}, not "
                           f"{claims.issuer}", stage="VERIFY", **common)
        if claims is not None and self.trust.revoked(claims.code_id):
            return Verdict(Outcome.REVOKED, f"code {claims.code_id} is revoked", **common)
        # a list that says revoked is believed however old; one that says nothing, only fresh
        if self.trust.stale(now, self.stale_after):
            return Verdict(Outcome.STALE, f"the lists are older than {self.stale_after}",
                           **common)
        if payload is not None:
            test = _dcc_test(payload, now + self.skew)
            if test is not None:
                return Verdict(test[0], test[1], stage=test[2], **common)
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
            return Verdict(Outcome.UNKNOWN_KEY, f"key {kid} is not in the trust list",
                           stage="VERIFY")
        use = Use.DCC if kind == "dcc" else Use(Kind(kind).value)
        if use not in key.uses:
            return Verdict(Outcome.UNKNOWN_KEY, f"key {kid} may not sign {use.value} codes",
                           stage="KEYUSAGE")
        if key.alg != sign1.alg:
            return Verdict(Outcome.BAD_SIGNATURE, f"key {kid} is {key.alg}, the code says "
                           f"{sign1.alg}", stage="VERIFY")
        if not algorithms.verify(key.alg, key.public_bytes(), sign1.to_be_signed(),
                                 sign1.signature):
            return Verdict(Outcome.BAD_SIGNATURE, f"the signature is not key {kid}'s",
                           stage="VERIFY")
        return key


def _dcc_refusal(key: TrustedKey, payload: Mapping[Any, Any], kid: str
                 ) -> tuple[Outcome, str, str] | None:
    """Why a signed DCC is refused before its dates: it must hold exactly one statement
    (a vaccination v, a test t or a recovery r), of a type its key may sign."""
    held = [(name, payload[name]) for name in DCC_TYPES if payload.get(name) is not None]
    if len(held) != 1 or not isinstance(held[0][1], list | tuple) or len(held[0][1]) != 1:
        return (Outcome.MALFORMED, "SCHEMAVALIDATION: a DCC holds exactly one statement "
                f"(v, t or r); this one holds {_statements(held)}", "SCHEMAVALIDATION")
    name = held[0][0]
    if isinstance(key, CertificateKey) and name not in key.dcc_types:
        return (Outcome.UNKNOWN_KEY, f"key {kid} may not sign {DCC_TYPES[name]} statements "
                "(its certificate's extended key usage)", "KEYUSAGE")
    return None


def _dcc_test(payload: Mapping[Any, Any], latest: dt.datetime
              ) -> tuple[Outcome, str, str] | None:
    """A DCC test statement is no pass when it found the disease, or when its sample is
    dated after now (the DCC's verifier checks DGC7 and DGC8)."""
    tests = payload.get("t")
    test = tests[0] if isinstance(tests, list | tuple) and tests else None
    if not isinstance(test, Mapping):
        return None
    if test.get("tr") == TEST_DETECTED:
        return Outcome.RED, "a test statement whose result is 'detected'", ""
    sampled = test.get("sc")
    if isinstance(sampled, str):
        try:
            sampled = dt.datetime.fromisoformat(sampled.replace("Z", "+00:00"))
        except ValueError:
            return Outcome.MALFORMED, "DECODE: the test's sample time is not a date-time", \
                "DECODE"
    if isinstance(sampled, dt.datetime):
        sampled = sampled if sampled.tzinfo else sampled.replace(tzinfo=dt.UTC)
        if sampled > latest:
            return (Outcome.NOT_YET_VALID, f"the test's sample is dated {sampled.isoformat()}, "
                    "after now", "EXPIRATIONCHECK")
    return None


def _statements(held: list[tuple[str, Any]]) -> str:
    if not held:
        return "none"
    return ", ".join(f"{name}: {len(value) if isinstance(value, list | tuple) else 'not a list'}"
                     for name, value in held)


def _dcc_payload(cwt: Mapping[Any, Any]) -> Mapping[Any, Any]:
    hcert = cwt.get(HCERT)
    payload = hcert.get(1) if isinstance(hcert, Mapping) else None
    if not isinstance(payload, Mapping):
        raise Malformed("DECODE", "no hcert[1] payload in the DCC's claims")
    return payload
