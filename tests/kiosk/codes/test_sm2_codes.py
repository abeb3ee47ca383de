"""SM2 through the whole envelope: a code sealed with an SM2 issuer key, checked by the
kiosk's Verifier against a real TrustStore on disk that holds the key's point."""

from __future__ import annotations

import base64
import datetime as dt
import zlib

import base45
import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from district.codes import algorithms, claims, envelope, lists, sm2
from kiosk.codes.trust_store import TrustStore
from kiosk.codes.verifier import Outcome, Verifier

NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
ID_NUMBER = "310113194205120021"  # made up; only its salted hash goes in the code


def sm2_key() -> algorithms.SigningKey:
    private = algorithms.generate(algorithms.Algorithm.SM2)
    return algorithms.SigningKey(algorithms.Algorithm.SM2,
                                 algorithms.key_id(algorithms.public_bytes(
                                     algorithms.Algorithm.SM2, private)), private)


def verifier_trusting(tmp_path, kid: bytes, point: bytes) -> Verifier:
    root = Ed25519PrivateKey.generate()
    trust = lists.TrustList(sequence=1, issued_at=NOW, keys=(lists.TrustedKey(
        kid=algorithms.kid_text(kid), alg=algorithms.Algorithm.SM2,
        public_key=base64.b64encode(point).decode(), not_before=NOW - dt.timedelta(days=1),
        not_after=NOW + dt.timedelta(days=400), uses=(lists.Use.PAPER,), issuer="CN-SH-BS"),))
    store = TrustStore(tmp_path / "codes", root.public_key())
    assert store.accept(lists.sign_list(root, trust))
    store.mark_synced(NOW)
    # read back from the files, as a kiosk after a restart
    return Verifier(TrustStore(tmp_path / "codes", root.public_key()), clock=lambda: NOW)


def paper_code(key: algorithms.SigningKey) -> str:
    salt = claims.new_salt()
    return envelope.seal(claims.to_cwt(claims.OfflineClaims(
        issuer="CN-SH-BS", code_id=claims.new_code_id(), issued_at=NOW,
        expires_at=NOW + dt.timedelta(days=180), kind="paper", name="王*英", salt=salt,
        holder=claims.holder_hash(salt, ID_NUMBER), group="elderly", colour="green")), key)


def with_signature_bit_flipped(text: str, bit: int) -> str:
    _, sign1 = envelope.open_text(text)
    signature = bytearray(sign1.signature)
    signature[bit // 8] ^= 1 << (bit % 8)
    cose = cbor2.dumps(cbor2.CBORTag(envelope.COSE_SIGN1_TAG, [
        sign1.protected, dict(sign1.unprotected), sign1.payload, bytes(signature)]))
    return envelope.PREFIX + base45.b45encode(zlib.compress(cose, 9)).decode()


def test_an_sm2_code_is_green_and_holds_its_claims(tmp_path):
    key = sm2_key()
    verifier = verifier_trusting(tmp_path, key.kid, key.public_bytes())
    text = paper_code(key)
    verdict = verifier.verify(text)
    assert verdict.outcome == Outcome.GREEN, verdict.reason
    assert verdict.kind == "paper" and verdict.claims.name == "王*英"
    assert verdict.claims.held_by(ID_NUMBER)
    assert ID_NUMBER not in text


def test_a_flipped_bit_in_the_sm2_signature_is_bad_signature(tmp_path):
    key = sm2_key()
    verifier = verifier_trusting(tmp_path, key.kid, key.public_bytes())
    text = paper_code(key)
    for bit in (0, 255, 256, 511):  # the ends of r and of s
        verdict = verifier.verify(with_signature_bit_flipped(text, bit))
        assert verdict.outcome == Outcome.BAD_SIGNATURE, (bit, verdict.reason)


def test_a_trusted_point_off_the_curve_is_refused(tmp_path):
    key = sm2_key()
    point = key.public_bytes()
    y = int.from_bytes(point[33:], "big")
    off_curve = point[:33] + ((y + 1) % sm2.SM2P256V1.p).to_bytes(32, "big")
    assert sm2.decode_point(off_curve) is None
    verdict = verifier_trusting(tmp_path, key.kid, off_curve).verify(paper_code(key))
    assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason


def test_another_sm2_key_under_the_same_kid_is_bad_signature(tmp_path):
    key = sm2_key()
    other = sm2.public_point(sm2.generate())
    verdict = verifier_trusting(tmp_path, key.kid, other).verify(paper_code(key))
    assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason
