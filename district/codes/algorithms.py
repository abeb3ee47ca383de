"""The signature algorithms an offline code may carry, by their COSE numbers: ES256, EdDSA
(Ed25519) and PS256 through cryptography; SM2 with SM3 (GB/T 32918, GB/T 32905) through
sm2.py. `verify` never raises: any key or signature it cannot use is simply not valid."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from district.codes import sm2


class Algorithm(StrEnum):
    ES256 = "ES256"
    EDDSA = "EdDSA"
    PS256 = "PS256"
    SM2 = "SM2"  # SM2 signature over an SM3 digest (with the default user id)


# COSE algorithm numbers (IANA); SM2 has none, so it takes one from the private-use range.
COSE_NUMBER = {Algorithm.ES256: -7, Algorithm.EDDSA: -8, Algorithm.PS256: -37,
               Algorithm.SM2: -70001}
BY_NUMBER = {number: alg for alg, number in COSE_NUMBER.items()}


@dataclass(frozen=True)
class SigningKey:
    """An issuer's private key with its key id (8 bytes, as the DCC's kid)."""

    alg: Algorithm
    kid: bytes
    private: Any  # a cryptography private key, or sm2.PrivateKey

    def public_bytes(self) -> bytes:
        return public_bytes(self.alg, self.private)


def algorithm_of(public: Any) -> Algorithm | None:
    """The algorithm a cryptography public key signs with here (EC P-256 is ES256, Ed25519
    EdDSA, RSA PS256), or None for any other key. SM2 keys are read apart: cryptography
    has no SM2 curve."""
    if isinstance(public, ec.EllipticCurvePublicKey) and public.curve.name == "secp256r1":
        return Algorithm.ES256
    if isinstance(public, ed25519.Ed25519PublicKey):
        return Algorithm.EDDSA
    if isinstance(public, rsa.RSAPublicKey):
        return Algorithm.PS256
    return None


def generate(alg: Algorithm) -> Any:
    """A fresh private key for `alg`."""
    if alg == Algorithm.ES256:
        return ec.generate_private_key(ec.SECP256R1())
    if alg == Algorithm.EDDSA:
        return ed25519.Ed25519PrivateKey.generate()
    if alg == Algorithm.PS256:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return sm2.generate()


def public_bytes(alg: Algorithm, private: Any) -> bytes:
    """The public key as a trust list carries it: SubjectPublicKeyInfo DER, or for SM2 the
    uncompressed point (04 || x || y)."""
    if alg == Algorithm.SM2:
        return sm2.public_point(private)
    return private.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo)


def key_id(public: bytes) -> bytes:
    """The DCC's kid: the first 8 bytes of the SHA-256 of the public key's bytes."""
    return hashlib.sha256(public).digest()[:8]


def kid_text(kid: bytes) -> str:
    return base64.b64encode(kid).decode()


def sign(key: SigningKey, message: bytes) -> bytes:
    """The signature as COSE writes it (ES256: r || s, 64 bytes)."""
    private = key.private
    if key.alg == Algorithm.ES256:
        r, s = decode_dss_signature(private.sign(message, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")
    if key.alg == Algorithm.EDDSA:
        return private.sign(message)
    if key.alg == Algorithm.PS256:
        return private.sign(message, padding.PSS(mgf=padding.MGF1(hashes.SHA256()),
                                                salt_length=padding.PSS.DIGEST_LENGTH),
                            hashes.SHA256())
    return sm2.sign(private, message)


def verify(alg: Algorithm, public: bytes, message: bytes, signature: bytes) -> bool:
    """Whether `signature` over `message` is the holder of `public`'s; never raises."""
    try:
        if alg == Algorithm.SM2:
            return sm2.verify(public, message, signature)
        key = serialization.load_der_public_key(public)
        if alg == Algorithm.ES256:
            if not isinstance(key, ec.EllipticCurvePublicKey) or len(signature) != 64 or \
                    key.curve.name != "secp256r1":
                return False
            der = encode_dss_signature(int.from_bytes(signature[:32], "big"),
                                       int.from_bytes(signature[32:], "big"))
            key.verify(der, message, ec.ECDSA(hashes.SHA256()))
        elif alg == Algorithm.EDDSA:
            if not isinstance(key, ed25519.Ed25519PublicKey):
                return False
            key.verify(signature, message)
        elif alg == Algorithm.PS256:
            if not isinstance(key, rsa.RSAPublicKey):
                return False
            key.verify(signature, message, _pss_any_salt(), hashes.SHA256())
        else:
            return False
    except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
        return False
    return True


def _pss_any_salt() -> padding.PSS:
    # RFC 8230: PS256 is PSS with SHA-256 and MGF1 with SHA-256; the issuer signs with a
    # 32-byte salt, and a verifier accepts the length the signer chose (DCC issuers vary).
    return padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.AUTO)
