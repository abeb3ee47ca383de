"""Certificates made for the tests: self-signed, with a window around NOW and the extended
key usages asked for."""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import NameOID

NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def certificate(private, *, days=(-10, 365), usages=()) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CN-SH-BS test signer")])
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
               .public_key(private.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW + dt.timedelta(days=days[0]))
               .not_valid_after(NOW + dt.timedelta(days=days[1])))
    if usages:
        builder = builder.add_extension(x509.ExtendedKeyUsage(
            [x509.ObjectIdentifier(oid) for oid in usages]), critical=False)
    digest = None if isinstance(private, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    return builder.sign(private, digest)
