"""Property tests: valid codes of every algorithm, made by the project's issuer path, then
mutated; no mutant verifies as green, yellow or red, each gets the outcome it deserves, and
nothing escapes Verifier.verify. Bounded and deterministic (hostile_rig.bounded)."""

from __future__ import annotations

import datetime as dt
import shutil
import zlib
from pathlib import Path

import base45
import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import assume, given
from hypothesis import strategies as st

from district.codes import algorithms
from district.codes.algorithms import BY_NUMBER, COSE_NUMBER, Algorithm
from district.codes.claims import OFFLINE, Colour, Group, Kind, from_cwt, to_cwt
from district.codes.envelope import Malformed, seal
from district.codes.lists import RevocationList, SignedList, TrustList, sign_list
from kiosk.codes.trust_store import TrustStore
from kiosk.codes.verifier import Outcome, Verifier
from tests.kiosk.codes.hostile_rig import (
    ALGORITHMS,
    NOW,
    District,
    bounded,
    claims,
    close,
    code,
    cose_of,
    new_key,
    offline_claims,
    parts,
    rebuild,
    strict_loads,
    trusted,
)

algs = st.sampled_from(ALGORITHMS)


@pytest.fixture(scope="module")
def district(tmp_path_factory) -> District:
    return District(tmp_path_factory.mktemp("lists"))


@pytest.fixture(scope="module")
def revoking(tmp_path_factory) -> District:
    """A district of its own, whose revocation list grows with each example."""
    return District(tmp_path_factory.mktemp("revocation"))


def test_every_algorithm_available_is_covered():
    # SM2 joins once district/codes/sm2.py is real; the three of cryptography are always here
    assert {Algorithm.ES256, Algorithm.EDDSA, Algorithm.PS256} <= set(ALGORITHMS)


@bounded(60)
@given(alg=algs, offline=offline_claims())
def test_an_untouched_code_verifies_as_its_colour(district, alg, offline):
    # the baseline every mutant below departs from: without it "never valid" proves nothing
    verdict = district.verify(code(district.keys[alg], offline))
    assert verdict.outcome == Outcome(offline.colour.value), verdict.reason
    assert verdict.claims == offline


# --- flipped bits ---------------------------------------------------------------------------


def _flip(data: bytes, bit: int) -> bytes:
    bit %= len(data) * 8
    flipped = bytearray(data)
    flipped[bit // 8] ^= 1 << (bit % 8)
    return bytes(flipped)


@bounded(150)
@given(alg=algs, bit=st.integers(min_value=0))
def test_a_flipped_bit_in_the_signature_is_a_bad_signature(district, alg, bit):
    protected, unprotected, payload, signature = parts(code(district.keys[alg], claims()))
    verdict = district.verify(rebuild(protected, unprotected, payload, _flip(signature, bit)))
    assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason


def _claims_parse(payload: bytes) -> bool:
    """Whether `payload` reads as our claims, read as strictly as the envelope must."""
    try:
        from_cwt(strict_loads(payload))
    except (Malformed, ValueError, cbor2.CBORError):
        return False
    return True


@bounded(200)
@given(alg=algs, bit=st.integers(min_value=0))
def test_a_flipped_bit_in_the_claims_is_a_bad_signature_or_malformed(district, alg, bit):
    protected, unprotected, payload, signature = parts(code(district.keys[alg], claims()))
    mutant = _flip(payload, bit)
    verdict = district.verify(rebuild(protected, unprotected, mutant, signature))
    # claims that still read as claims fail the signature; the rest fail before it
    expected = Outcome.BAD_SIGNATURE if _claims_parse(mutant) else Outcome.MALFORMED
    assert verdict.outcome == expected, verdict.reason


@bounded(200)
@given(alg=algs, bit=st.integers(min_value=0))
def test_a_flipped_bit_in_the_protected_header_never_verifies(district, alg, bit):
    protected, unprotected, payload, signature = parts(code(district.keys[alg], claims()))
    mutant = _flip(protected, bit)
    verdict = district.verify(rebuild(mutant, unprotected, payload, signature))
    try:
        header = strict_loads(mutant)
    except (ValueError, cbor2.CBORError):
        header = None
    if not isinstance(header, dict) or not isinstance(header.get(4), bytes) or \
            header.get(1) not in BY_NUMBER:
        assert verdict.outcome == Outcome.MALFORMED, verdict.reason
    elif district.store.key(header[4]) is None:  # a kid no key of the list has
        assert verdict.outcome == Outcome.UNKNOWN_KEY, verdict.reason
    else:  # another algorithm, or the same header bytes written differently
        assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason


@bounded(300)
@given(alg=algs, bit=st.integers(min_value=0))
def test_a_flipped_bit_anywhere_in_the_cose_bytes_never_verifies(district, alg, bit):
    # re-compressed and re-encoded, so every mutant reaches the COSE layer
    verdict = district.verify(close(_flip(cose_of(code(district.keys[alg], claims())), bit)))
    assert verdict.outcome in (Outcome.MALFORMED, Outcome.BAD_SIGNATURE,
                               Outcome.UNKNOWN_KEY), verdict.reason


@bounded(300)
@given(alg=algs, position=st.integers(min_value=0), bit=st.integers(0, 6))
def test_a_flipped_bit_in_the_text_is_malformed(district, alg, position, bit):
    text = code(district.keys[alg], claims())
    position %= len(text)
    mutant = text[:position] + chr(ord(text[position]) ^ (1 << bit)) + text[position + 1:]
    verdict = district.verify(mutant)
    # the prefix no longer known, not Base45, or zlib's checks fail: never reaches the COSE
    assert verdict.outcome == Outcome.MALFORMED, verdict.reason
    assert verdict.stage in ("UNPREFIX", "B45DECODE", "COMPRESSION"), verdict.reason


# --- truncation at every layer (every cut, not a sample) ------------------------------------


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_every_truncation_of_every_layer_never_verifies(district, alg):
    text = code(district.keys[alg], claims())
    prefix, body = text[:4], text[4:]
    cose = cose_of(text)
    protected, unprotected, payload, signature = parts(text)
    compressed = base45.b45decode(body)
    for cut in range(len(text)):
        verdict = district.verify(text[:cut])
        assert verdict.outcome == Outcome.MALFORMED, (cut, verdict.reason)
    for cut in range(len(compressed)):
        verdict = district.verify(prefix + base45.b45encode(compressed[:cut]).decode())
        assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "COMPRESSION"), cut
    for cut in range(len(cose)):
        verdict = district.verify(close(cose[:cut]))
        assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "COSE"), cut
    assert zlib.decompress(compressed) == cose
    for cut in range(len(payload)):
        verdict = district.verify(rebuild(protected, unprotected, payload[:cut], signature))
        assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "DECODE"), cut
    for cut in range(len(signature)):
        verdict = district.verify(rebuild(protected, unprotected, payload, signature[:cut]))
        assert verdict.outcome == Outcome.BAD_SIGNATURE, (cut, verdict.reason)
    for cut in range(len(protected)):
        verdict = district.verify(rebuild(protected[:cut], unprotected, payload, signature))
        assert verdict.outcome == Outcome.MALFORMED, (cut, verdict.reason)


# --- keys and algorithms swapped ------------------------------------------------------------


@bounded(40)
@given(alg=algs, other=algs, offline=offline_claims())
def test_a_kid_swapped_to_another_trusted_keys_is_a_bad_signature(district, alg, other,
                                                                   offline):
    # the other key of the same algorithm (spares), or a key of another algorithm
    key = district.spares[alg] if other == alg else district.keys[other]
    _, unprotected, payload, signature = parts(code(district.keys[alg], offline))
    protected = cbor2.dumps({1: COSE_NUMBER[alg], 4: key.kid})
    verdict = district.verify(rebuild(protected, unprotected, payload, signature))
    assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason


@bounded(100)
@given(alg=algs, number=st.one_of(st.integers(-2**70, 2**70), st.sampled_from(
    [*COSE_NUMBER.values(), 0, -257, -35, -36, -47]), st.text(max_size=8), st.none()))
def test_the_alg_header_changed(district, alg, number):
    key = district.keys[alg]
    assume(number != COSE_NUMBER[alg])
    _, unprotected, payload, signature = parts(code(key, claims()))
    protected = cbor2.dumps({1: number, 4: key.kid})
    verdict = district.verify(rebuild(protected, unprotected, payload, signature))
    if isinstance(number, int) and number in BY_NUMBER:
        # a known algorithm, not the key's: refused before any signature is checked
        assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason
    else:
        assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "COSE"), verdict.reason


# --- claims edited, the old signature kept ---------------------------------------------------


EDITS = {
    "colour red to green": lambda cwt: {**cwt, OFFLINE: {**cwt[OFFLINE], "c": "green"}},
    "expiry extended": lambda cwt: {**cwt, 4: cwt[4] + 365 * 86_400},
    "group changed": lambda cwt: {**cwt, OFFLINE: {**cwt[OFFLINE], "g": "disabled"}},
    "name changed": lambda cwt: {**cwt, OFFLINE: {**cwt[OFFLINE], "n": "李*明"}},
    "kind changed": lambda cwt: {**cwt, OFFLINE: {**cwt[OFFLINE], "k": "phone"}},
    "holder changed": lambda cwt: {**cwt, OFFLINE: {**cwt[OFFLINE], "h": b"\0" * 16}},
    "issuer changed": lambda cwt: {**cwt, 1: "CN-SH-PD"},
    "code id changed": lambda cwt: {**cwt, 7: b"\x01" * 16},
}


@bounded(60)
@given(alg=algs, edit=st.sampled_from(sorted(EDITS)), offline=offline_claims())
def test_edited_claims_with_the_old_signature_are_a_bad_signature(district, alg, edit,
                                                                  offline):
    offline = offline.model_copy(update={"colour": Colour.RED, "group": Group.ELDERLY,
                                         "name": "王*英", "kind": Kind.PAPER})
    protected, unprotected, payload, signature = parts(code(district.keys[alg], offline))
    edited = cbor2.dumps(EDITS[edit](to_cwt(offline)))
    assert edited != payload
    verdict = district.verify(rebuild(protected, unprotected, edited, signature))
    assert verdict.outcome == Outcome.BAD_SIGNATURE, (edit, verdict.reason)


@bounded(40)
@given(alg=algs, offline=offline_claims())
def test_resigned_by_a_foreign_key_claiming_a_trusted_kid_is_a_bad_signature(district, alg,
                                                                             offline):
    trusted_key = district.keys[alg]
    foreign = new_key(alg)
    forged = seal(to_cwt(offline), algorithms.SigningKey(alg, trusted_key.kid, foreign.private))
    verdict = district.verify(forged)
    assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason
    # and under its own kid, which no list names
    assert district.verify(code(foreign, offline)).outcome == Outcome.UNKNOWN_KEY


# --- revocation, uses, a rogue trust list ---------------------------------------------------


@bounded(25)
@given(alg=algs, offline=offline_claims())
def test_a_code_replayed_after_revocation_is_revoked(revoking, alg, offline):
    district = revoking
    assume(offline.code_id not in district.revoked)  # hypothesis may draw an id again
    text = code(district.keys[alg], offline)
    assert district.verify(text).outcome == Outcome(offline.colour.value)
    district.revoke(offline.code_id)
    verdict = district.verify(text)
    assert verdict.outcome == Outcome.REVOKED, verdict.reason
    # a kiosk started afresh on the same files still says so
    reread = TrustStore(district.directory, district.root.public_key())
    assert Verifier(reread, clock=lambda: NOW).verify(text).outcome == Outcome.REVOKED


@bounded(30)
@given(offline=offline_claims())
def test_a_key_whose_uses_exclude_the_codes_kind_is_unknown(district, offline):
    phone = offline.model_copy(update={"kind": Kind.PHONE, "issued_at": NOW,
                                       "expires_at": NOW + dt.timedelta(minutes=5)})
    paper = offline.model_copy(update={"kind": Kind.PAPER})
    assert district.verify(code(district.phone_only, phone)).outcome.valid
    for key, offline_ in ((district.phone_only, paper), (district.dcc_only, paper),
                          (district.dcc_only, phone)):
        verdict = district.verify(code(key, offline_))
        assert verdict.outcome == Outcome.UNKNOWN_KEY, verdict.reason
        assert "may not sign" in verdict.reason


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_a_trust_list_signed_by_another_root_is_not_taken(tmp_path, alg):
    district = District(tmp_path / "lists")
    attacker = new_key(alg)
    rogue_root = Ed25519PrivateKey.generate()
    rogue = TrustList(sequence=99, issued_at=NOW, keys=(trusted(attacker),))
    forged = code(attacker, claims())
    assert district.store.accept(sign_list(rogue_root, rogue)) is False
    assert district.verify(forged).outcome == Outcome.UNKNOWN_KEY
    # nor when it is written straight into the kiosk's cache: the store reads it, refuses it
    (district.directory / "trust_list.json").write_text(
        sign_list(rogue_root, rogue).model_dump_json())
    reread = TrustStore(district.directory, district.root.public_key())
    verdict = Verifier(reread, clock=lambda: NOW).verify(forged)
    # unknown; or stale, where a store that lost a list no longer counts the rest as fresh
    assert verdict.outcome in (Outcome.UNKNOWN_KEY, Outcome.STALE), verdict.reason
    # the district's own codes still verify where its list is held
    assert district.verify(code(district.keys[alg], claims())).outcome == Outcome.GREEN


def test_regression_a_time_without_a_zone_is_read_as_utc(district):
    # `verify --at 2026-12-01T12:00` (and some DCC vectors' clocks) name no zone; comparing
    # it with a code's aware dates raised TypeError inside the verifier
    text = code(district.keys[Algorithm.ES256], claims())
    naive = NOW.replace(tzinfo=None)
    assert district.verify(text, naive).outcome == Outcome.GREEN
    later = (NOW + dt.timedelta(days=400)).replace(tzinfo=None)
    assert district.verify(text, later).outcome == Outcome.EXPIRED
    verdict = district.verifier.verify_cose(cose_of(text), naive, prefix="TB1:")
    assert verdict.outcome == Outcome.GREEN, verdict.reason


def test_a_revocation_list_rolled_back_forged_or_passed_off_keeps_the_code_revoked(tmp_path):
    # gain if any passed: a reissued or lost code "unrevoked" by an older list, by one the
    # attacker signed, or by a genuine list of another kind presented as a revocation list
    district = District(tmp_path / "lists")
    offline = claims(code_id="ef" * 16)
    text = code(district.keys[Algorithm.EDDSA], offline)
    old = sign_list(district.root, RevocationList(sequence=district.sequence, issued_at=NOW))
    district.revoke(offline.code_id)
    assert district.verify(text).outcome == Outcome.REVOKED
    rogue = sign_list(Ed25519PrivateKey.generate(),
                      RevocationList(sequence=district.sequence + 50, issued_at=NOW))
    trust = sign_list(district.root, district.trust_list())
    passed_off = SignedList(kind="revocation_list", body=RevocationList(
        sequence=district.sequence + 50, issued_at=NOW).model_dump_json(),
        signature=trust.signature)
    for offered in (old, rogue, passed_off):
        assert district.store.accept(offered) is False
        assert district.verify(text).outcome == Outcome.REVOKED
    reread = TrustStore(district.directory, district.root.public_key())
    assert Verifier(reread, clock=lambda: NOW).verify(text).outcome == Outcome.REVOKED


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_a_key_bound_to_one_issuer_signing_for_another_is_unknown(district, alg):
    # gain: a district's key (or a stolen one) speaking for every other district's codes
    other = claims().model_copy(update={"issuer": "CN-SH-PD"})
    verdict = district.verify(code(district.keys[alg], other))
    assert verdict.outcome == Outcome.UNKNOWN_KEY and "signs for" in verdict.reason


def test_a_withdrawn_key_signs_nothing_after_the_next_sync(tmp_path):
    # the answer to a stolen issuer key: the district lists it no more; every kiosk that
    # syncs refuses its codes, old and new alike
    district = District(tmp_path / "lists")
    stolen = district.keys[Algorithm.ES256]
    text = code(stolen, claims())
    assert district.verify(text).outcome == Outcome.GREEN
    del district.keys[Algorithm.ES256]
    district.publish()
    assert district.verify(text).outcome == Outcome.UNKNOWN_KEY
    reread = TrustStore(district.directory, district.root.public_key())
    assert Verifier(reread, clock=lambda: NOW).verify(text).outcome == Outcome.UNKNOWN_KEY



@pytest.fixture(scope="module")
def cached(tmp_path_factory) -> District:
    """A district whose kiosk cache holds one revoked code (id dd…), to copy and damage."""
    district = District(tmp_path_factory.mktemp("cached"))
    district.revoke("dd" * 16)
    return district


def _damaged_copy(district: District, directory: Path, which: str, bit: int | None,
                  cut: int | None) -> TrustStore:
    shutil.copytree(district.directory, directory)
    path = directory / which
    data = path.read_bytes()
    if bit is not None:
        data = _flip(data, bit)
    if cut is not None:
        data = data[:cut % len(data)]
    path.write_bytes(data)
    return TrustStore(directory, district.root.public_key())  # never raises


@bounded(80)
@given(alg=algs, which=st.sampled_from(["trust_list.json", "status_list.json", "synced.json"]),
       bit=st.integers(min_value=0), cut=st.none() | st.integers(min_value=0))
def test_a_damaged_list_file_never_makes_a_code_valid_by_itself(tmp_path_factory, cached,
                                                                  alg, which, bit, cut):
    # a disk that flips a bit or a cache restored half-copied: the kiosk starts, and confirms
    # a code only from lists exactly as the root key signed them
    reread = _damaged_copy(cached, tmp_path_factory.mktemp("copy") / "codes", which, bit, cut)
    verifier = Verifier(reread, clock=lambda: NOW)
    verdict = verifier.verify(code(cached.keys[alg], claims()))
    if verdict.outcome.valid:
        assert reread.trust == cached.store.trust
    else:
        assert verdict.outcome in (Outcome.STALE, Outcome.UNKNOWN_KEY), verdict.reason
    revoked = verifier.verify(code(cached.keys[alg], claims(code_id="dd" * 16)))
    assert revoked.outcome in (Outcome.REVOKED, Outcome.STALE, Outcome.UNKNOWN_KEY)


@pytest.mark.parametrize("damage", ["deleted", "cut", "flipped"])
def test_a_lost_revocation_list_never_unrevokes_a_code(tmp_path, cached, damage):
    # gain: delete (or damage) one file of a kiosk's cache and every revoked code, a lost
    # paper code among them, is green again until the next sync
    directory = tmp_path / "codes"
    if damage == "deleted":
        shutil.copytree(cached.directory, directory)
        (directory / "revocation_list.json").unlink()
        reread = TrustStore(directory, cached.root.public_key())
    else:
        reread = _damaged_copy(cached, directory, "revocation_list.json",
                               40 if damage == "flipped" else None,
                               30 if damage == "cut" else None)
    verdict = Verifier(reread, clock=lambda: NOW).verify(
        code(cached.keys[Algorithm.ES256], claims(code_id="dd" * 16)))
    assert verdict.outcome in (Outcome.REVOKED, Outcome.STALE), verdict.reason
