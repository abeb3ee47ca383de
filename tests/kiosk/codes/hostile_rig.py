"""What the hostile-input tests share: a district (a root key, one issuer key per algorithm
on a trust list it signed), the kiosk's real TrustStore in a directory and a Verifier on a
fixed clock, codes made by the project's issuer path, and the envelope's layers opened and
closed again with cbor2, zlib and base45 directly (not through the code under test)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import base45
import cbor2
import qrcode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from district.codes import algorithms
from district.codes.algorithms import Algorithm, SigningKey
from district.codes.claims import (
    PAPER_DAYS,
    PHONE_MINUTES,
    Colour,
    Group,
    Kind,
    OfflineClaims,
    holder_hash,
    to_cwt,
)
from district.codes.envelope import seal
from district.codes.lists import (
    RevocationList,
    StatusList,
    TrustedKey,
    TrustList,
    Use,
    sign_list,
)
from kiosk.codes.trust_store import TrustStore
from kiosk.codes.verifier import Verdict, Verifier

NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
ISSUER = "CN-SH-BS"
ID_NUMBER = "310113194205120021"  # a made-up number, for the holder hash only
STALE_AFTER = dt.timedelta(hours=24)
SKEW = dt.timedelta(seconds=300)
MAX_REASON = 300


def bounded(examples: int) -> settings:
    """Hypothesis run by example count, the same examples on every run (no database)."""
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _available(alg: Algorithm) -> bool:
    try:
        algorithms.generate(alg)
    except NotImplementedError:  # SM2 while district/codes/sm2.py is a placeholder
        return False
    return True


ALGORITHMS = tuple(alg for alg in Algorithm if _available(alg))


def new_key(alg: Algorithm) -> SigningKey:
    private = algorithms.generate(alg)
    return SigningKey(alg, algorithms.key_id(algorithms.public_bytes(alg, private)), private)


def trusted(key: SigningKey, uses: tuple[Use, ...] = (Use.PAPER, Use.PHONE),
            issuer: str = ISSUER) -> TrustedKey:
    return TrustedKey(kid=algorithms.kid_text(key.kid), alg=key.alg,
                      public_key=base64.b64encode(key.public_bytes()).decode(),
                      not_before=NOW - dt.timedelta(days=400),
                      not_after=NOW + dt.timedelta(days=400), uses=uses, issuer=issuer)


@dataclass
class District:
    """The district's keys and the lists it has signed for one kiosk's store."""

    directory: Path
    root: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    keys: dict[Algorithm, SigningKey] = field(default_factory=dict)
    spares: dict[Algorithm, SigningKey] = field(default_factory=dict)  # a second key each
    phone_only: SigningKey | None = None  # trusted for phone codes only
    dcc_only: SigningKey | None = None  # trusted for EU DCCs only
    revoked: set[str] = field(default_factory=set)
    extra: list[TrustedKey] = field(default_factory=list)  # keys made elsewhere (forge.py)
    sequence: int = 0

    def __post_init__(self) -> None:
        self.keys = {alg: new_key(alg) for alg in ALGORITHMS}
        self.spares = {alg: new_key(alg) for alg in ALGORITHMS}
        self.phone_only = new_key(Algorithm.EDDSA)
        self.dcc_only = new_key(Algorithm.ES256)
        self.store = TrustStore(self.directory, self.root.public_key())
        self.verifier = Verifier(self.store, stale_after=STALE_AFTER, skew=SKEW,
                                 clock=lambda: NOW)
        self.publish()

    def trust_list(self) -> TrustList:
        return TrustList(sequence=self.sequence, issued_at=NOW, keys=(
            *(trusted(key) for key in (*self.keys.values(), *self.spares.values())),
            trusted(self.phone_only, (Use.PHONE,)), trusted(self.dcc_only, (Use.DCC,), ""),
            *self.extra))

    def publish(self, *, synced: dt.datetime = NOW, store: TrustStore | None = None) -> None:
        """Sign the three lists anew (a full sync), hand them to a store (by default the
        district's own kiosk's), mark it synced."""
        store = store or self.store
        self.sequence += 1
        assert store.accept(sign_list(self.root, self.trust_list()))
        assert store.accept(sign_list(self.root, RevocationList(
            sequence=self.sequence, issued_at=NOW, revoked=frozenset(self.revoked))))
        assert store.accept(sign_list(self.root, StatusList(
            sequence=self.sequence, issued_at=NOW, salt=base64.b64encode(b"\0" * 16).decode())))
        store.mark_synced(synced)

    def trust(self, key: TrustedKey) -> None:
        self.extra.append(key)
        self.publish()

    def revoke(self, code_id: str) -> None:
        self.revoked.add(code_id)
        self.publish()

    def verify(self, text: Any, at: dt.datetime | None = None) -> Verdict:
        """The verifier's verdict; the test fails if it came from its last-resort catch."""
        verdict = self.verifier.verify(text, at)
        assert not verdict.reason.startswith("verifier error"), verdict.reason
        # the reason goes to the log: one line of bounded length, whatever the code held
        assert len(verdict.reason) <= MAX_REASON and "\n" not in verdict.reason, \
            verdict.reason[:500]
        return verdict


def claims(*, kind: Kind = Kind.PAPER, colour: Colour = Colour.GREEN,
           issued_at: dt.datetime | None = None, code_id: str = "ab" * 16,
           name: str = "王*英", group: Group = Group.ELDERLY,
           salt: bytes = b"s" * 16) -> OfflineClaims:
    issued = issued_at or NOW - dt.timedelta(days=1 if kind == Kind.PAPER else 0, minutes=1)
    life = dt.timedelta(days=PAPER_DAYS) if kind == Kind.PAPER else \
        dt.timedelta(minutes=PHONE_MINUTES)
    return OfflineClaims(issuer=ISSUER, code_id=code_id, issued_at=issued,
                         expires_at=issued + life, kind=kind, name=name, salt=salt,
                         holder=holder_hash(salt, ID_NUMBER), group=group, colour=colour)


def code(key: SigningKey, offline: OfflineClaims) -> str:
    """A code as the platform issues it: the project's own seal over to_cwt."""
    return seal(to_cwt(offline), key)


# --- strategies ---------------------------------------------------------------------------------

NAMES = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S")),
                min_size=1, max_size=20)


@st.composite
def offline_claims(draw: st.DrawFn) -> OfflineClaims:
    """Claims of a code that is valid at NOW: any kind, colour, group, name and salt."""
    kind = draw(st.sampled_from(Kind))
    if kind == Kind.PAPER:
        age = dt.timedelta(seconds=draw(st.integers(60, (PAPER_DAYS - 1) * 86_400)))
    else:
        age = dt.timedelta(seconds=draw(st.integers(0, PHONE_MINUTES * 60 - 1)))
    return claims(kind=kind, colour=draw(st.sampled_from(Colour)), issued_at=NOW - age,
                  code_id=draw(st.binary(min_size=16, max_size=16)).hex(), name=draw(NAMES),
                  group=draw(st.sampled_from(Group)),
                  salt=draw(st.binary(min_size=16, max_size=16)))


# --- the envelope's layers, by hand -----------------------------------------------------------


def strict_loads(data: bytes) -> Any:
    """CBOR as the envelope must read it: one item and nothing after it, no key twice."""
    stream = io.BytesIO(data)
    item = cbor2.CBORDecoder(stream, allow_duplicate_keys=False).decode()
    if stream.tell() != len(data):
        raise ValueError(f"{len(data) - stream.tell()} bytes after the item")
    return item


def cose_of(text: str) -> bytes:
    """The COSE bytes inside a code's text (prefix, Base45, zlib undone)."""
    return zlib.decompress(base45.b45decode(text[4:]))


def close(cose: bytes, prefix: str = "TB1:") -> str:
    """COSE bytes put back into an envelope that opens: compressed, Base45, prefixed."""
    return prefix + base45.b45encode(zlib.compress(cose, 9)).decode()


def parts(text: str) -> list[Any]:
    """[protected, unprotected, payload, signature] of a code's COSE_Sign1 (tag 18)."""
    item = cbor2.loads(cose_of(text))
    assert isinstance(item, cbor2.CBORTag) and item.tag == 18
    protected, unprotected, payload, signature = item.value
    return [protected, dict(unprotected), payload, signature]


def rebuild(protected: bytes, unprotected: dict[Any, Any], payload: bytes, signature: bytes,
            prefix: str = "TB1:") -> str:
    return close(cbor2.dumps(cbor2.CBORTag(18, [protected, unprotected, payload, signature])),
                 prefix)


def qr_png(text: str) -> bytes:
    """A PNG of a QR code holding `text`, as a printer or a phone's screen shows it."""
    image = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_L, box_size=3,
                          border=4)
    image.add_data(text)
    out = io.BytesIO()
    image.make_image().save(out, format="PNG")
    return out.getvalue()
