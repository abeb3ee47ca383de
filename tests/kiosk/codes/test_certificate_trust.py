"""One X.509 certificate as the verifier's trust: its key's algorithm, the DCC's kid (the
certificate's SHA-256, first 8 bytes), its validity window, its DCC key usage; PEM, DER and
base64 DER read alike; anything else refused in one line."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from hypothesis import given, settings
from hypothesis import strategies as st

from district.codes import algorithms, claims, envelope
from district.codes.algorithms import Algorithm
from kiosk.codes.certificate_trust import CertificateError, CertificateTrust, load_certificate
from kiosk.codes.verifier import Outcome, Verifier
from tests.kiosk.codes.certificates import NOW, certificate


def our_code(alg: Algorithm, private, cert: x509.Certificate, issued=NOW) -> str:
    kid = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).digest()[:8]
    salt = claims.new_salt()
    return envelope.seal(claims.to_cwt(claims.OfflineClaims(
        issuer="CN-SH-BS", code_id=claims.new_code_id(), issued_at=issued,
        expires_at=issued + dt.timedelta(days=180), kind="paper", name="李*", salt=salt,
        holder=claims.holder_hash(salt, "310113195003070014"), group="elderly",
        colour="green")), algorithms.SigningKey(alg, kid, private))


@pytest.mark.parametrize("alg, make", [
    (Algorithm.ES256, lambda: ec.generate_private_key(ec.SECP256R1())),
    (Algorithm.PS256, lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)),
    (Algorithm.EDDSA, ed25519.Ed25519PrivateKey.generate),
])
def test_each_key_kind_verifies_a_code_signed_with_it(alg, make):
    private = make()
    cert = certificate(private)
    trust = CertificateTrust(cert)
    assert trust.trusted.alg == alg
    assert trust.kid == hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).digest()[:8]
    verifier = Verifier(trust, clock=lambda: NOW)
    assert verifier.verify(our_code(alg, private, cert)).outcome == Outcome.GREEN
    other = make()  # the same kid, another key: the signature is not the certificate's
    assert verifier.verify(our_code(alg, other, cert)).outcome == Outcome.BAD_SIGNATURE
    assert not trust.stale(NOW + dt.timedelta(days=3650), dt.timedelta(hours=24))


def test_a_code_issued_outside_the_certificates_window_is_not_trusted():
    private = ec.generate_private_key(ec.SECP256R1())
    cert = certificate(private, days=(-10, 20))
    verifier = Verifier(CertificateTrust(cert), clock=lambda: NOW)
    late = our_code(Algorithm.ES256, private, cert, issued=NOW + dt.timedelta(days=30))
    verdict = verifier.verify(late, at=NOW + dt.timedelta(days=31))
    assert (verdict.outcome, verdict.stage, verdict.verified) == \
        (Outcome.UNKNOWN_KEY, "VERIFY", True)


def test_key_usage_names_the_dcc_types_in_either_spelling():
    private = ec.generate_private_key(ec.SECP256R1())
    test_only = certificate(private, usages=("1.3.6.1.4.1.1847.2021.1.1",))
    draft = certificate(private, usages=("1.3.6.1.4.1.0.1847.2021.1.2",
                                         "1.3.6.1.4.1.0.1847.2021.1.3"))
    other = certificate(private, usages=("1.3.6.1.5.5.7.3.4",))  # e-mail protection only
    assert CertificateTrust(test_only).trusted.dcc_types == {"t"}
    assert CertificateTrust(draft).trusted.dcc_types == {"v", "r"}
    assert CertificateTrust(other).trusted.dcc_types == {"t", "v", "r"}


def test_pem_der_and_base64_der_read_alike():
    cert = certificate(ed25519.Ed25519PrivateKey.generate())
    der = cert.public_bytes(serialization.Encoding.DER)
    forms = [cert.public_bytes(serialization.Encoding.PEM), der, base64.b64encode(der),
             base64.encodebytes(der)]
    assert {load_certificate(form).serial_number for form in forms} == {cert.serial_number}


@pytest.mark.parametrize("data", [b"", b"hello", b"-----BEGIN CERTIFICATE-----\nAAAA\n",
                                  b"\x30\x03\x02\x01\x00", base64.b64encode(b"\x30\x00"),
                                  b"A" * 70_000])
def test_what_is_not_a_certificate_is_refused_in_one_line(data):
    with pytest.raises(CertificateError) as raised:
        CertificateTrust.from_bytes(data)
    assert "\n" not in str(raised.value)


def test_a_key_no_code_is_signed_with_is_refused():
    cert = certificate(ec.generate_private_key(ec.SECP384R1()))
    with pytest.raises(CertificateError, match="not EC P-256, SM2, RSA or Ed25519"):
        CertificateTrust(cert)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CertificateError, match=r"missing\.pem: cannot be read"):
        CertificateTrust.from_file(tmp_path / "missing.pem")


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400))
def test_verify_cose_never_raises_on_any_bytes(data):
    verdict = ANY_BYTES_VERIFIER.verify_cose(data)
    assert not verdict.outcome.valid and verdict.message_key.startswith("codes.outcome.")


ANY_BYTES_VERIFIER = Verifier(CertificateTrust(certificate(ed25519.Ed25519PrivateKey.generate())),
                              clock=lambda: NOW)


def sm2_certificate(point: bytes) -> bytes:
    """A certificate for a key on the SM2 curve (cryptography cannot make one; asn1crypto
    builds it; its own signature is never checked here)."""
    name = asn1_x509.Name.build({"common_name": "CN-SH-BS SM2 signer"})

    def time(when: dt.datetime) -> asn1_x509.Time:
        return asn1_x509.Time(name="utc_time", value=when)

    tbs = asn1_x509.TbsCertificate({
        "version": "v3", "serial_number": 7, "signature": {"algorithm": "1.2.156.10197.1.501"},
        "issuer": name, "subject": name,
        "validity": {"not_before": time(NOW - dt.timedelta(days=1)),
                     "not_after": time(NOW + dt.timedelta(days=365))},
        "subject_public_key_info": asn1_keys.PublicKeyInfo({
            "algorithm": {"algorithm": "ec", "parameters": asn1_keys.ECDomainParameters(
                name="named", value="1.2.156.10197.1.301")},
            "public_key": point})})
    return asn1_x509.Certificate({
        "tbs_certificate": tbs, "signature_algorithm": {"algorithm": "1.2.156.10197.1.501"},
        "signature_value": bytes(64)}).dump()


def test_a_key_on_the_sm2_curve_is_an_sm2_key():
    point = b"\x04" + bytes(range(64))
    der = sm2_certificate(point)
    trust = CertificateTrust.from_bytes(der)
    assert trust.trusted.alg == Algorithm.SM2
    assert trust.trusted.public_bytes() == point
    assert trust.kid == hashlib.sha256(der).digest()[:8]
    assert trust.trusted.not_after == NOW + dt.timedelta(days=365)
