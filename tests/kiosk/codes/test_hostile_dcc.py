"""Real certificates, mutated: EU DCC test vectors (../shared/corpora/dcc) that verify green
at their own clock with their own certificate on a signed trust list, then bits flipped in
their COSE bytes and signatures. Codes made by someone else's issuer, so a blind spot
shared by our seal and our verifier cannot hide the result."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import cbor2
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from district.codes.algorithms import BY_NUMBER, kid_text
from district.codes.lists import RevocationList, TrustedKey, TrustList, Use, sign_list
from kiosk.codes.trust_store import TrustStore
from kiosk.codes.verifier import Outcome, Verifier
from tests.kiosk.codes.hostile_rig import MAX_REASON, bounded, close, cose_of

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "dcc"
# as the other corpus tests: without ../shared beside the repository there is nothing to mutate
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the DCC corpus is not at {CORPUS}")


def _vectors() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(CORPUS.rglob("*.json")):
        try:
            vector = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        expected = vector.get("EXPECTEDRESULTS", {}) if isinstance(vector, dict) else {}
        if expected.get("EXPECTEDVERIFY") and expected.get("EXPECTEDDECODE") and \
                vector.get("PREFIX", "").startswith("HC1:") and \
                vector.get("TESTCTX", {}).get("CERTIFICATE"):
            found.append((str(path.relative_to(CORPUS)), vector))
    return found


def _header(cose: bytes) -> dict:
    item = cbor2.loads(cose)
    while isinstance(item, cbor2.CBORTag):
        item = item.value
    protected = cbor2.loads(item[0]) if item[0] else {}
    return {**item[1], **protected}


class Certified:
    """A kiosk whose trust list holds one vector's certificate, at the vector's clock."""

    def __init__(self, directory: Path, vector: dict) -> None:
        context = vector["TESTCTX"]
        at = dt.datetime.fromisoformat(context["VALIDATIONCLOCK"].replace("Z", "+00:00"))
        self.at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)  # some vectors name no zone
        certificate = x509.load_der_x509_certificate(base64.b64decode(context["CERTIFICATE"]))
        header = _header(cose_of(vector["PREFIX"]))
        spki = certificate.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        key = TrustedKey(kid=kid_text(header[4]), alg=BY_NUMBER[header[1]],
                         public_key=base64.b64encode(spki).decode(),
                         not_before=certificate.not_valid_before_utc - dt.timedelta(days=999),
                         not_after=certificate.not_valid_after_utc + dt.timedelta(days=999),
                         uses=(Use.DCC,))
        root = Ed25519PrivateKey.generate()
        self.store = TrustStore(directory, root.public_key())
        assert self.store.accept(sign_list(root, TrustList(sequence=1, issued_at=self.at,
                                                           keys=(key,))))
        assert self.store.accept(sign_list(root, RevocationList(sequence=1, issued_at=self.at)))
        self.store.mark_synced(self.at)
        self.verifier = Verifier(self.store, clock=lambda: self.at)
        self.text = vector["PREFIX"]

    def verify(self, text: str):
        verdict = self.verifier.verify(text)
        assert not verdict.reason.startswith("verifier error"), verdict.reason
        assert len(verdict.reason) <= MAX_REASON and "\n" not in verdict.reason
        return verdict


@pytest.fixture(scope="module")
def certified(tmp_path_factory) -> list[tuple[str, Certified]]:
    """The vectors that are green here untouched (the baseline of each mutant)."""
    green = []
    for name, vector in _vectors():
        try:
            header = _header(cose_of(vector["PREFIX"]))
        except Exception:
            continue
        if not isinstance(header.get(4), bytes) or header.get(1) not in BY_NUMBER:
            continue
        kiosk = Certified(tmp_path_factory.mktemp("dcc"), vector)
        if kiosk.verify(kiosk.text).outcome == Outcome.GREEN:
            green.append((name, kiosk))
    return green


def test_enough_real_certificates_verify_green_to_mutate(certified):
    # 151 at this writing: 139 ES256 and 12 PS256 certificates of many member states
    assert len(certified) >= 140, [name for name, _ in certified]


def _flip(data: bytes, bit: int) -> bytes:
    flipped = bytearray(data)
    bit %= len(flipped) * 8
    flipped[bit // 8] ^= 1 << (bit % 8)
    return bytes(flipped)


@bounded(300)
@given(which=st.integers(min_value=0), bit=st.integers(min_value=0))
def test_a_flipped_bit_in_a_real_certificate_never_verifies(certified, which, bit):
    _, kiosk = certified[which % len(certified)]
    verdict = kiosk.verify(close(_flip(cose_of(kiosk.text), bit), "HC1:"))
    assert verdict.outcome in (Outcome.MALFORMED, Outcome.BAD_SIGNATURE,
                               Outcome.UNKNOWN_KEY), verdict.reason


@bounded(150)
@given(which=st.integers(min_value=0), bit=st.integers(min_value=0))
def test_a_flipped_bit_in_a_real_signature_is_a_bad_signature(certified, which, bit):
    _, kiosk = certified[which % len(certified)]
    item = cbor2.loads(cose_of(kiosk.text))
    tags = []
    while isinstance(item, cbor2.CBORTag):
        tags.append(item.tag)
        item = item.value
    protected, unprotected, payload, signature = item
    mutant: object = [protected, dict(unprotected), payload, _flip(signature, bit)]
    for tag in reversed(tags):
        mutant = cbor2.CBORTag(tag, mutant)
    verdict = kiosk.verify(close(cbor2.dumps(mutant), "HC1:"))
    assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason
