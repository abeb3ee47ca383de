"""One X.509 certificate as the verifier's trust, for ad-hoc checks and the EU DCC's
conformance vectors: its key (EC P-256 as ES256, RSA as PS256, Ed25519 as EdDSA, a key on
the SM2 curve as SM2), its kid by the DCC's rule (the first 8 bytes of the SHA-256 of the
certificate's DER), its validity window, and the DCC types its extended key usage allows.
It is never stale and revokes nothing. `cryptography.x509` does the parsing; asn1crypto
reads what cryptography will not (below)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization

from district.codes.algorithms import Algorithm, algorithm_of, kid_text
from district.codes.lists import TrustedKey, Use

# The DCC's extended key usages (the eHealth network's OIDs): a certificate that names any
# of them may sign only those types; one that names none may sign every type. The hcert
# specification names each in two spellings (the second, with ".0.", from its first draft).
DCC_TYPE_OIDS = {
    f"1.3.6.1.4.1.{arc}1847.2021.1.{number}": kind
    for arc in ("", "0.") for number, kind in ((1, "t"), (2, "v"), (3, "r"))
}
SM2_CURVE = "1.2.156.10197.1.301"  # sm2p256v1 (GB/T 32918.5)
MAX_CERTIFICATE_BYTES = 64 * 1024
PEM_BEGIN = b"-----BEGIN CERTIFICATE-----"


class CertificateError(ValueError):
    """Not a certificate the verifier can use; `str()` says why, in one line."""


class CertificateKey(TrustedKey):
    """A trusted key that came from a certificate: the DCC types it may sign."""

    dcc_types: frozenset[str] = frozenset({"t", "v", "r"})


class CertificateTrust:
    """The Trust of one certificate (see kiosk/codes/verifier.py's Trust)."""

    def __init__(self, certificate: x509.Certificate) -> None:
        self.certificate = certificate
        self.trusted = certificate_key(certificate)
        self.kid = base64.b64decode(self.trusted.kid)

    @classmethod
    def from_bytes(cls, data: bytes) -> CertificateTrust:
        return cls(load_certificate(data))

    @classmethod
    def from_file(cls, path: Path) -> CertificateTrust:
        try:
            data = path.read_bytes()[:MAX_CERTIFICATE_BYTES + 1]
        except OSError as error:
            raise CertificateError(f"{path}: cannot be read ({error.strerror})") from None
        try:
            return cls.from_bytes(data)
        except CertificateError as error:
            raise CertificateError(f"{path}: {error}") from None

    def key(self, kid: bytes) -> TrustedKey | None:
        return self.trusted if kid == self.kid else None

    def revoked(self, code_id: str) -> bool:
        return False

    def stale(self, now: dt.datetime, limit: dt.timedelta) -> bool:
        return False


def load_certificate(data: bytes) -> x509.Certificate:
    """A certificate from PEM, DER, or base64 DER (as the DCC vectors' CERTIFICATE)."""
    if len(data) > MAX_CERTIFICATE_BYTES:
        raise CertificateError(f"more than {MAX_CERTIFICATE_BYTES} bytes: not a certificate")
    try:
        if PEM_BEGIN in data:
            return x509.load_pem_x509_certificate(data)
        if data[:1] == b"\x30":  # a DER SEQUENCE
            return x509.load_der_x509_certificate(data)
        text = re.sub(rb"\s+", b"", data)
        return x509.load_der_x509_certificate(base64.b64decode(text, validate=True))
    except (ValueError, TypeError, binascii.Error) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CertificateError(f"not an X.509 certificate (PEM, DER or base64 DER): "
                               f"{reason}") from None


def certificate_key(certificate: x509.Certificate) -> CertificateKey:
    """The trusted key a certificate stands for; CertificateError for a key of no kind a
    code is signed with."""
    der = certificate.public_bytes(serialization.Encoding.DER)
    alg, public = _key(certificate, der)
    return CertificateKey(
        kid=kid_text(hashlib.sha256(der).digest()[:8]), alg=alg,
        public_key=base64.b64encode(public).decode(),
        not_before=certificate.not_valid_before_utc, not_after=certificate.not_valid_after_utc,
        uses=(Use.DCC, Use.PAPER, Use.PHONE), dcc_types=dcc_types(certificate))


def _key(certificate: x509.Certificate, der: bytes) -> tuple[Algorithm, bytes]:
    """The key's algorithm and its bytes as a trust list carries them."""
    try:
        public = certificate.public_key()
    except UnsupportedAlgorithm:  # cryptography knows no SM2 curve: asn1crypto reads it
        return Algorithm.SM2, _sm2_point(der)
    except (ValueError, TypeError) as error:
        raise CertificateError(f"its public key cannot be used ({error})") from None
    alg = algorithm_of(public)
    if alg is None:
        raise CertificateError(f"its key ({type(public).__name__}) is not EC P-256, SM2, RSA "
                               "or Ed25519")
    return alg, public.public_bytes(serialization.Encoding.DER,
                                    serialization.PublicFormat.SubjectPublicKeyInfo)


def _sm2_point(der: bytes) -> bytes:
    try:
        info = asn1_x509.Certificate.load(der).public_key
        curve = info.curve if info.algorithm == "ec" else None
        point = info["public_key"].native
    except (ValueError, TypeError, KeyError) as error:
        raise CertificateError(f"its public key cannot be read ({error})") from None
    if curve != ("named", SM2_CURVE) or len(point) != 65 or point[:1] != b"\x04":
        raise CertificateError(f"its key (curve {curve}) is not EC P-256, SM2, RSA or "
                               "Ed25519")
    return bytes(point)


def dcc_types(certificate: x509.Certificate) -> frozenset[str]:
    """The DCC types (t, v, r) the certificate's extended key usage allows; none when the
    extension cannot be read. asn1crypto reads it: cryptography refuses every extension
    of a certificate when one is not strict DER (several issuers' are not)."""
    der = certificate.public_bytes(serialization.Encoding.DER)
    try:
        usage = asn1_x509.Certificate.load(der).extended_key_usage_value
        oids = [] if usage is None else list(usage.native)
    except (ValueError, TypeError, KeyError):
        return frozenset()
    named = {DCC_TYPE_OIDS[oid] for oid in oids if oid in DCC_TYPE_OIDS}
    return frozenset(named) if named else frozenset(DCC_TYPE_OIDS.values())
