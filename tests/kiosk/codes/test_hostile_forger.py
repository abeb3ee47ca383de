"""The independent forger (forge.py) against the kiosk's verifier: standard COSE made by
someone else verifies, ours opens in pycose; then one test per attack, each saying what a
real attacker would gain if it passed."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import cbor2
import pytest

from district.codes.algorithms import Algorithm, kid_text
from district.codes.lists import TrustedKey, Use
from kiosk.codes.verifier import Outcome
from tests.kiosk.codes import forge
from tests.kiosk.codes.hostile_rig import ISSUER, NOW, District, claims, code

ALGS = ("ES256", "EdDSA", "PS256")
DCC_CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "dcc"


def _trusted(key: forge.Key, uses: tuple[Use, ...], issuer: str = ISSUER) -> TrustedKey:
    return TrustedKey(kid=kid_text(key.kid), alg=Algorithm(key.alg),
                      public_key=base64.b64encode(key.public_der()).decode(),
                      not_before=NOW - dt.timedelta(days=400),
                      not_after=NOW + dt.timedelta(days=365), uses=uses, issuer=issuer)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The district, with one forger key per algorithm on its trust list (paper and phone),
    one for DCCs, and per algorithm an attacker's key that no list names."""
    district = District(tmp_path_factory.mktemp("forger"))
    keys = {alg: forge.Key.generate(alg) for alg in ALGS}
    dcc = forge.Key.generate("ES256")
    for key in keys.values():
        district.extra.append(_trusted(key, (Use.PAPER, Use.PHONE)))
    district.extra.append(_trusted(dcc, (Use.DCC,), ""))
    district.publish()
    attackers = {alg: forge.Key.generate(alg) for alg in ALGS}
    return district, keys, dcc, attackers


def _claims(**changes) -> dict:
    fields = {"issuer": ISSUER, "code_id": b"\x42" * 16, "issued": NOW - dt.timedelta(days=2),
              "expires": NOW + dt.timedelta(days=178), **changes}
    return forge.offline_claims(**fields)


# --- interoperability, both ways --------------------------------------------------------------


@pytest.mark.parametrize("alg", ALGS)
def test_a_standard_cose_made_by_pycose_verifies_green(world, alg):
    district, keys, _, _ = world
    verdict = district.verify(forge.envelope(forge.sign_pycose(keys[alg], _claims())))
    assert verdict.outcome == Outcome.GREEN, verdict.reason
    assert verdict.claims.name == "张*华" and verdict.claims.group.value == "elderly"
    assert verdict.claims.held_by("310101195001010012")
    assert verdict.kid == kid_text(keys[alg].kid)


@pytest.mark.parametrize("alg", ALGS)
def test_a_code_sealed_by_the_project_opens_and_verifies_in_pycose(world, alg):
    district, _, _, _ = world
    ours = district.keys[Algorithm(alg)]
    text = code(ours, claims(colour="yellow"))
    verified, cwt = forge.open_pycose(text, forge.Key(alg, ours.private))
    assert verified
    assert cwt[forge.OFFLINE]["c"] == "yellow" and cwt[forge.ISS] == ISSUER
    # and pycose says no for another key: the check above can fail
    assert not forge.open_pycose(text, forge.Key.generate(alg))[0]


# --- the attacks ------------------------------------------------------------------------------


@pytest.mark.parametrize("alg", ALGS)
def test_signature_stripped(world, alg):
    # gain if it passed: any claims at all, no key needed
    district, keys, _, _ = world
    protected, unprotected, payload, _ = forge.parts(
        forge.envelope(forge.sign_pycose(keys[alg], _claims())))
    verdict = district.verify(forge.envelope(forge.sign1(protected, unprotected, payload, b"")))
    assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason


@pytest.mark.parametrize("alg", ALGS)
def test_signature_of_another_code(world, alg):
    # gain: one genuine red code's signature carries any green claims the attacker writes
    district, keys, _, _ = world
    red = forge.parts(forge.envelope(forge.sign_pycose(keys[alg], _claims(colour="red"))))
    green = forge.parts(forge.envelope(forge.sign_pycose(
        keys[alg], _claims(colour="green", code_id=b"\x43" * 16))))
    verdict = district.verify(forge.envelope(forge.sign1(red[0], red[1], green[2], red[3])))
    assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason


@pytest.mark.parametrize("alg_header", [None, 0, "none", "ES256", -65535, b"\xf9", 2**64])
def test_alg_none_style_headers(world, alg_header):
    # gain: a verifier that skips or picks the check from the header accepts unsigned codes
    district, keys, _, _ = world
    kid = keys["ES256"].kid
    payload = cbor2.dumps(_claims(colour="green"))
    for signature in (b"", b"\0" * 64):
        text = forge.envelope(forge.sign1(forge.header(alg_header, kid), {}, payload,
                                          signature))
        verdict = district.verify(text)
        assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "COSE"), verdict.reason


def test_alg_only_in_the_unprotected_header(world):
    # gain: an algorithm chosen after signing (downgrade); the signature must still be the key's
    district, keys, _, attackers = world
    payload = cbor2.dumps(_claims())
    unsigned = {1: -7, 4: keys["ES256"].kid}
    forged = forge.sign1(b"", unsigned, payload,
                         attackers["ES256"].raw_sign(forge.to_be_signed(b"", payload)))
    verdict = district.verify(forge.envelope(forged))
    assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason


@pytest.mark.parametrize("alg", ALGS)
def test_unprotected_kid_differs_from_the_protected(world, alg):
    # gain: the lookup made by the unsigned kid, so a code passes under another key's name
    # (its uses, its issuer, its validity window) or a forged code under a trusted kid
    district, keys, _, attackers = world
    genuine = forge.parts(forge.envelope(forge.sign_pycose(keys[alg], _claims())))
    other = district.keys[Algorithm.EDDSA].kid
    relabelled = forge.envelope(forge.sign1(genuine[0], {4: other}, genuine[2], genuine[3]))
    verdict = district.verify(relabelled)
    assert verdict.outcome == Outcome.GREEN and verdict.kid == kid_text(keys[alg].kid)
    # the attacker's own signature under its own protected kid, a trusted kid unprotected
    attacker = attackers[alg]
    protected = forge.header(forge.COSE_NUMBERS[alg], attacker.kid)
    forged = forge.signed_by_hand(attacker, protected, genuine[2], {4: keys[alg].kid})
    verdict = district.verify(forge.envelope(forged))
    assert verdict.outcome == Outcome.UNKNOWN_KEY, verdict.reason


@pytest.mark.parametrize("alg", ALGS)
def test_kid_only_in_the_unprotected_header(world, alg):
    # as many DCC issuers write it: the kid is unsigned but only picks the key, so it verifies
    district, keys, _, _ = world
    text = forge.envelope(forge.sign_pycose(keys[alg], _claims(), kid_protected=False))
    assert district.verify(text).outcome == Outcome.GREEN
    # gain if the swapped kid passed: a code presented as another key's, with its wider uses
    protected, _, payload, signature = forge.parts(text)
    for other in (district.keys[Algorithm(alg)].kid, district.phone_only.kid):
        verdict = district.verify(forge.envelope(
            forge.sign1(protected, {4: other}, payload, signature)))
        assert verdict.outcome in (Outcome.BAD_SIGNATURE, Outcome.UNKNOWN_KEY), verdict.reason


def test_duplicate_keys_in_the_signed_claims(world):
    # gain: a parser differential. A payload saying "c": red then "c": green is one code to a
    # reader that keeps the first key (red) and another to one that keeps the last (green);
    # the issuer's own records and the kiosk must never disagree on the colour
    district, keys, _, _ = world
    cwt = _claims(colour="red")
    ours = [*cwt[forge.OFFLINE].items(), ("c", "green")]
    rest = [(k, v) for k, v in cwt.items() if k != forge.OFFLINE]
    payload = forge.duplicate_key_map([*rest, (forge.OFFLINE, 0)])[:-1] + \
        forge.duplicate_key_map(ours)
    key = keys["EdDSA"]
    text = forge.envelope(forge.signed_by_hand(key, forge.header(-8, key.kid), payload))
    verdict = district.verify(text)
    assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "DECODE"), verdict.reason


def test_duplicate_keys_in_the_protected_header(world):
    # gain: an algorithm or key read one way by the signer's library and another by ours
    district, keys, _, _ = world
    key = keys["ES256"]
    payload = cbor2.dumps(_claims())
    for pairs in ([(1, -7), (4, key.kid), (1, -8)], [(1, -7), (4, b"\0" * 8), (4, key.kid)]):
        protected = forge.duplicate_key_map(pairs)
        verdict = district.verify(forge.envelope(forge.signed_by_hand(key, protected, payload)))
        assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "COSE"), verdict.reason


@pytest.mark.parametrize(("tags", "expected"), [
    ((), Outcome.GREEN),  # untagged: COSE allows it, and DCCs do it
    ((18,), Outcome.GREEN),
    ((61, 18), Outcome.GREEN),  # a CWT tag around the COSE (RFC 8392 §6)
    ((61,), Outcome.GREEN),
    ((61, 61, 18), Outcome.MALFORMED),
    ((18, 18), Outcome.MALFORMED),
    ((98,), Outcome.MALFORMED),  # COSE_Sign (many signers): not what a code is
    ((17,), Outcome.MALFORMED),  # COSE_Mac0: a shared secret, not a signature
    ((16,), Outcome.MALFORMED),  # COSE_Encrypt0
    ((55799, 18), Outcome.GREEN),  # "self-described CBOR": a mark with no meaning
    ((24,), Outcome.MALFORMED),
])
def test_tagged_untagged_and_cwt_tagged(world, tags, expected):
    # gain if a wrong tag passed: a message of another COSE kind read as a signed code
    district, keys, _, _ = world
    key = keys["ES256"]
    text = forge.envelope(forge.signed_by_hand(key, forge.header(-7, key.kid),
                                               cbor2.dumps(_claims()), tags=tags))
    verdict = district.verify(text)
    assert verdict.outcome == expected, (tags, verdict.reason)


@pytest.mark.parametrize("alg", ALGS)
def test_an_expired_code_with_its_expiry_moved_forward(world, alg):
    # gain: a code of 180 days lives for ever
    district, keys, _, attackers = world
    old = _claims(issued=NOW - dt.timedelta(days=200), expires=NOW - dt.timedelta(days=20))
    text = forge.envelope(forge.sign_pycose(keys[alg], old))
    assert district.verify(text).outcome == Outcome.EXPIRED
    protected, unprotected, _, signature = forge.parts(text)
    moved = {**old, forge.EXP: int((NOW + dt.timedelta(days=160)).timestamp())}
    verdict = district.verify(forge.envelope(
        forge.sign1(protected, unprotected, cbor2.dumps(moved), signature)))
    assert verdict.outcome == Outcome.BAD_SIGNATURE, verdict.reason
    # re-signed by the attacker under the trusted kid, or under its own
    attacker = attackers[alg]
    for kid in (keys[alg].kid, attacker.kid):
        forged = forge.signed_by_hand(attacker, forge.header(forge.COSE_NUMBERS[alg], kid),
                                      cbor2.dumps(moved))
        verdict = district.verify(forge.envelope(forged))
        expected = Outcome.BAD_SIGNATURE if kid == keys[alg].kid else Outcome.UNKNOWN_KEY
        assert verdict.outcome == expected, verdict.reason


def test_the_dcc_prefix_on_our_claims_and_ours_on_a_dcc(world):
    # gain: a key trusted for one kind of code accepted for another, or claims read as the
    # other format's (a DCC's holder shown as ours, our colour skipped for a DCC's green)
    district, keys, dcc_key, _ = world
    ours = forge.sign_pycose(keys["EdDSA"], _claims(colour="red"))
    verdict = district.verify(forge.envelope(ours, forge.DCC))
    assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "DECODE"), verdict.reason
    certificate = forge.dcc_claims(issued=NOW - dt.timedelta(days=3),
                                   expires=NOW + dt.timedelta(days=300))
    dcc = forge.sign_pycose(dcc_key, certificate)
    assert district.verify(forge.envelope(dcc, forge.DCC)).outcome == Outcome.GREEN
    verdict = district.verify(forge.envelope(dcc, forge.OURS))
    assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "DECODE"), verdict.reason
    # both claim sets in one code: each prefix asks the key for its own use
    both = {**_claims(), forge.HCERT: certificate[forge.HCERT]}
    for key, prefix in ((keys["ES256"], forge.DCC), (dcc_key, forge.OURS)):
        verdict = district.verify(forge.envelope(forge.sign_pycose(key, both), prefix))
        assert verdict.outcome == Outcome.UNKNOWN_KEY, (prefix, verdict.reason)
        assert "may not sign" in verdict.reason


@pytest.mark.skipif(not DCC_CORPUS.is_dir(), reason=f"the DCC corpus is not at {DCC_CORPUS}")
def test_a_real_dcc_behind_our_prefix(world):
    # a certificate of the EU's test corpus, signed by its issuer: our prefix does not make
    # it one of ours
    district, _, _, _ = world
    vector = json.loads((DCC_CORPUS / "common" / "2DCode" / "raw" / "CO1.json").read_text())
    body = vector["PREFIX"].removeprefix("HC1:")
    verdict = district.verify(forge.OURS + body)
    assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "DECODE"), verdict.reason


def test_a_critical_header_parameter_nobody_here_understands(world):
    # gain: a limit the issuer marked critical (here: one venue only) silently ignored, so the
    # code passes where its issuer said it must not (RFC 9052 §3.1: reject what crit lists
    # and the verifier does not understand)
    district, keys, _, _ = world
    key = keys["ES256"]
    payload = cbor2.dumps(_claims())
    protected = cbor2.dumps({1: -7, 4: key.kid, 2: [-70002], -70002: "CN-SH-BS-0001 only"})
    verdict = district.verify(forge.envelope(forge.signed_by_hand(key, protected, payload)))
    assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "COSE"), verdict.reason
    # crit must itself be protected: in the unprotected header it is refused too
    text = forge.envelope(forge.signed_by_hand(key, forge.header(-7, key.kid), payload,
                                               {2: [-70002], -70002: "x"}))
    verdict = district.verify(text)
    assert (verdict.outcome, verdict.stage) == (Outcome.MALFORMED, "COSE"), verdict.reason


def test_the_forger_imports_nothing_of_ours():
    # its independence is the point: a shared mistake in our encoding would pass both ways
    import ast

    tree = ast.parse(Path(forge.__file__).read_text(encoding="utf-8"))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names]
    names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert names and not [name for name in names
                          if name.split(".")[0] in ("district", "kiosk", "tongban", "ui",
                                                    "drivers", "tests")]
