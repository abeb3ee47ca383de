"""What the verifier decides about an EU DCC beyond its signature and dates: one statement
of a type its certificate may sign; a test that found the disease is no pass (red), and a
sample dated after now is not valid yet (the DCC's verifier checks DGC7 and DGC8)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from district.codes import algorithms, envelope
from kiosk.codes.certificate_trust import CertificateTrust
from kiosk.codes.verifier import Outcome, Verifier
from tests.kiosk.codes.certificates import NOW, certificate

HOLDER = {"ver": "1.3.0", "dob": "1950-03-07",
          "nam": {"fn": "Muster", "fnt": "MUSTER", "gn": "Anna", "gnt": "ANNA"}}
VACCINATION = {"tg": "840539006", "vp": "1119349007", "mp": "EU/1/20/1528", "dn": 2, "sd": 2,
               "dt": "2026-06-01", "co": "DE", "is": "RKI", "ci": "URN:UVCI:01:DE:A#1"}


def a_test_entry(result: str = "260415000", sampled: str = "2026-12-01T08:00:00Z") -> dict:
    return {"tg": "840539006", "tt": "LP6464-4", "sc": sampled, "tr": result, "co": "DE",
            "is": "RKI", "ci": "URN:UVCI:01:DE:T#2"}


def verdict(payload: dict, usages: tuple[str, ...] = ()) -> tuple[Outcome, str]:
    private = ec.generate_private_key(ec.SECP256R1())
    cert = certificate(private, usages=usages)
    kid = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).digest()[:8]
    key = algorithms.SigningKey(algorithms.Algorithm.ES256, kid, private)
    cwt = {1: "DE", 6: int((NOW - dt.timedelta(days=1)).timestamp()),
           4: int((NOW + dt.timedelta(days=30)).timestamp()), -260: {1: {**HOLDER, **payload}}}
    text = envelope.seal(cwt, key, prefix=envelope.DCC_PREFIX)
    found = Verifier(CertificateTrust(cert), clock=lambda: NOW).verify(text)
    return found.outcome, found.stage


def test_one_vaccination_is_green():
    assert verdict({"v": [VACCINATION]}) == (Outcome.GREEN, "")


def test_absent_types_written_as_null_are_absent():
    assert verdict({"v": [VACCINATION], "t": None, "r": None}) == (Outcome.GREEN, "")


@pytest.mark.parametrize("payload", [
    {},
    {"v": []},
    {"v": [VACCINATION, VACCINATION]},
    {"v": [VACCINATION], "t": [a_test_entry()]},
    {"v": VACCINATION},
])
def test_anything_but_one_statement_is_malformed(payload):
    assert verdict(payload) == (Outcome.MALFORMED, "SCHEMAVALIDATION")


def test_a_statement_its_certificate_may_not_sign_is_refused():
    test_only = ("1.3.6.1.4.1.1847.2021.1.1",)
    assert verdict({"v": [VACCINATION]}, test_only) == (Outcome.UNKNOWN_KEY, "KEYUSAGE")
    assert verdict({"t": [a_test_entry()]}, test_only) == (Outcome.GREEN, "")


def test_a_negative_test_is_green_a_positive_one_red():
    assert verdict({"t": [a_test_entry()]}) == (Outcome.GREEN, "")
    assert verdict({"t": [a_test_entry(result="260373001")]}) == (Outcome.RED, "")


def test_a_sample_dated_after_now_is_not_valid_yet():
    tomorrow = (NOW + dt.timedelta(days=1)).isoformat()
    assert verdict({"t": [a_test_entry(sampled=tomorrow)]}) == \
        (Outcome.NOT_YET_VALID, "EXPIRATIONCHECK")
    assert verdict({"t": [a_test_entry(sampled="yesterday")]}) == (Outcome.MALFORMED, "DECODE")
