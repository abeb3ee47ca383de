"""An independent forger of offline codes. It knows the format only as documented (a
prefix, Base45, zlib, a COSE_Sign1 carrying CWT claims; our claim -70000) and builds codes
with its own encoding: pycose for a standard COSE_Sign1, cbor2 and cryptography by hand for
what no honest library writes. It imports nothing from district.codes or kiosk.codes, so a
mistake shared by the project's issuer and verifier cannot hide here."""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from dataclasses import dataclass
from typing import Any

import base45
import cbor2
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from pycose.algorithms import EdDSA, Es256, Ps256
from pycose.headers import KID
from pycose.headers import Algorithm as AlgorithmHeader
from pycose.keys import EC2Key, OKPKey, RSAKey
from pycose.keys.curves import P256, Ed25519
from pycose.messages import Sign1Message

OURS, DCC = "TB1:", "HC1:"
COSE_NUMBERS = {"ES256": -7, "EdDSA": -8, "PS256": -37}
PYCOSE_ALGS = {"ES256": Es256, "EdDSA": EdDSA, "PS256": Ps256}
ISS, EXP, IAT, CTI, HCERT, OFFLINE = 1, 4, 6, 7, -260, -70000


@dataclass(frozen=True)
class Key:
    """A signing key of the forger's own, or one it was handed."""

    alg: str
    private: Any  # a cryptography private key

    @classmethod
    def generate(cls, alg: str) -> Key:
        if alg == "ES256":
            return cls(alg, ec.generate_private_key(ec.SECP256R1()))
        if alg == "EdDSA":
            return cls(alg, ed25519.Ed25519PrivateKey.generate())
        return cls(alg, rsa.generate_private_key(public_exponent=65537, key_size=2048))

    def public_der(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)

    @property
    def kid(self) -> bytes:  # as the DCC does it: the SHA-256 of the public key, 8 bytes
        return hashlib.sha256(self.public_der()).digest()[:8]

    def raw_sign(self, message: bytes) -> bytes:
        if self.alg == "ES256":
            r, s = decode_dss_signature(self.private.sign(message, ec.ECDSA(hashes.SHA256())))
            return r.to_bytes(32, "big") + s.to_bytes(32, "big")
        if self.alg == "EdDSA":
            return self.private.sign(message)
        return self.private.sign(message, padding.PSS(padding.MGF1(hashes.SHA256()), 32),
                                 hashes.SHA256())

    def cose_key(self, private: bool = True) -> Any:
        """The key as pycose holds it."""
        if self.alg == "ES256":
            numbers = self.private.private_numbers()
            point = numbers.public_numbers
            extra = {"d": numbers.private_value.to_bytes(32, "big")} if private else {}
            return EC2Key(crv=P256, x=point.x.to_bytes(32, "big"),
                          y=point.y.to_bytes(32, "big"), **extra)
        if self.alg == "EdDSA":
            raw = serialization.Encoding.Raw
            x = self.private.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
            extra = {"d": self.private.private_bytes(raw, serialization.PrivateFormat.Raw,
                                                     serialization.NoEncryption())} \
                if private else {}
            return OKPKey(crv=Ed25519, x=x, **extra)
        numbers = self.private.private_numbers()
        public = numbers.public_numbers

        def big(value: int) -> bytes:
            return value.to_bytes((value.bit_length() + 7) // 8, "big")

        extra = {"d": big(numbers.d), "p": big(numbers.p), "q": big(numbers.q),
                 "dp": big(numbers.dmp1), "dq": big(numbers.dmq1),
                 "qinv": big(numbers.iqmp)} if private else {}
        return RSAKey(n=big(public.n), e=big(public.e), **extra)


# --- claims ---------------------------------------------------------------------------------


def offline_claims(*, issuer: str, code_id: bytes, issued: dt.datetime, expires: dt.datetime,
                   kind: str = "paper", name: str = "张*华", salt: bytes = b"\x07" * 16,
                   id_number: str = "310101195001010012", group: str = "elderly",
                   colour: str = "green") -> dict[int, Any]:
    """A Tongban offline code's CWT claims, written from the format's description."""
    holder = hashlib.sha256(b"tongban/holder\x00" + salt + id_number.encode()).digest()[:16]
    return {ISS: issuer, IAT: int(issued.timestamp()), EXP: int(expires.timestamp()),
            CTI: code_id, OFFLINE: {"v": 1, "k": kind, "n": name, "s": salt, "h": holder,
                                    "g": group, "c": colour}}


def dcc_claims(*, issued: dt.datetime, expires: dt.datetime) -> dict[int, Any]:
    """An EU DCC's claims: a minimal made-up vaccination certificate (hcert[1])."""
    return {ISS: "XX", IAT: int(issued.timestamp()), EXP: int(expires.timestamp()),
            HCERT: {1: {"ver": "1.3.0", "dob": "1950-01-01",
                        "nam": {"fn": "Test", "fnt": "TEST", "gn": "Ada", "gnt": "ADA"},
                        "v": [{"tg": "840539006", "dn": 2, "sd": 2, "co": "XX"}]}}}


# --- the standard way, through pycose -------------------------------------------------------


def sign_pycose(key: Key, claims: dict[int, Any], *, kid_protected: bool = True,
                tag: bool = True) -> bytes:
    """A COSE_Sign1 as pycose writes it; the kid protected (ours) or not (as many DCCs)."""
    header = {KID: key.kid}
    message = Sign1Message(phdr={AlgorithmHeader: PYCOSE_ALGS[key.alg],
                                 **(header if kid_protected else {})},
                           uhdr={} if kid_protected else header,
                           payload=cbor2.dumps(claims))
    message.key = key.cose_key()
    return message.encode(tag=tag)


def open_pycose(text: str, key: Key) -> tuple[bool, dict[Any, Any]]:
    """Open a code with pycose: whether `key` signed it, and its claims."""
    item = cbor2.loads(zlib.decompress(base45.b45decode(text[4:])))
    protected, unprotected, payload, signature = item.value
    # pycose 1.1 reads the list cbor2 5 gave; cbor2 6 gives a tuple and frozen maps
    message = Sign1Message.from_cose_obj([protected, dict(unprotected), payload, signature],
                                         True)
    message.key = key.cose_key(private=False)
    return message.verify_signature(), cbor2.loads(message.payload)


# --- by hand: what an attacker writes -------------------------------------------------------


def to_be_signed(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def header(alg: Any = None, kid: bytes | None = None) -> bytes:
    fields = {}
    if alg is not None:
        fields[1] = alg
    if kid is not None:
        fields[4] = kid
    return cbor2.dumps(fields)


def sign1(protected: bytes, unprotected: dict[Any, Any], payload: bytes, signature: bytes,
          *, tags: tuple[int, ...] = (18,)) -> bytes:
    """A COSE_Sign1 array inside `tags`, outermost first ((), (18,), (61, 18), ...)."""
    item: Any = [protected, unprotected, payload, signature]
    for tag in reversed(tags):
        item = cbor2.CBORTag(tag, item)
    return cbor2.dumps(item)


def signed_by_hand(key: Key, protected: bytes, payload: bytes,
                   unprotected: dict[Any, Any] | None = None,
                   tags: tuple[int, ...] = (18,)) -> bytes:
    return sign1(protected, unprotected or {}, payload,
                 key.raw_sign(to_be_signed(protected, payload)), tags=tags)


def duplicate_key_map(pairs: list[tuple[Any, Any]]) -> bytes:
    """A CBOR map holding the pairs as given, a key twice if so given (cbor2 would merge)."""
    assert len(pairs) < 24
    return bytes([0xA0 + len(pairs)]) + b"".join(cbor2.dumps(k) + cbor2.dumps(v)
                                                 for k, v in pairs)


def envelope(cose: bytes, prefix: str = OURS) -> str:
    return prefix + base45.b45encode(zlib.compress(cose, 9)).decode()


def parts(text: str) -> list[Any]:
    """[protected, unprotected, payload, signature] of a code's COSE_Sign1."""
    item = cbor2.loads(zlib.decompress(base45.b45decode(text[4:])))
    while isinstance(item, cbor2.CBORTag):
        item = item.value
    protected, unprotected, payload, signature = item
    return [protected, dict(unprotected), payload, signature]
