"""The platform's signing key (Ed25519, from cryptography): it signs what a kiosk must trust
without asking the network, such as a technician's code or a configuration file. Each
signature covers a purpose label and the bytes, so one kind can never pass for another.
The private key lives in one 0600 file, made on first use; kiosks hold the public key."""

from __future__ import annotations

import base64
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from district.once import write_once

KEY_FILE = "platform-signing.key"  # the embedded platform's, in the kiosk's data directory


class SigningKeyError(Exception):
    """A key file that cannot be used; `str()` names it and says what to do."""


def signing_key(path: Path) -> Ed25519PrivateKey:
    """The key in `path` (PEM, PKCS#8), made there first (0600) if there is none."""
    if not path.exists():
        write_once(path, Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise SigningKeyError(f"{path}: not a usable signing key ({error}); restore it from "
                              "the platform's backup") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path}: not an Ed25519 key")
    return key


def public_pem(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def public_key(path: Path) -> Ed25519PublicKey:
    """A public key a kiosk trusts (PEM file), for `[maintenance] platform_key`."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as error:
        raise SigningKeyError(f"{path}: not a public key in PEM ({error}); ask the "
                              "district for its platform key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError(f"{path}: not an Ed25519 public key")
    return key


def sign(key: Ed25519PrivateKey, purpose: str, payload: bytes) -> str:
    """The signature of `payload` for `purpose`, in unpadded base64url."""
    signature = key.sign(_signed(purpose, payload))
    return base64.urlsafe_b64encode(signature).rstrip(b"=").decode()


def verify(key: Ed25519PublicKey, purpose: str, payload: bytes, signature: str) -> bool:
    """Whether `signature` is the platform's over `payload` for `purpose`; never raises."""
    try:
        raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        key.verify(raw, _signed(purpose, payload))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _signed(purpose: str, payload: bytes) -> bytes:
    return b"tongban/" + purpose.encode() + b"\x00" + payload
