"""A sealed box for what the kiosk keeps on disk: AES-256-GCM (cryptography's AESGCM) with a
key in a 0600 file made once, a fresh 96-bit nonce per seal, and associated data that binds
each sealed text to where it belongs (a text moved to another row does not open)."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from district.once import write_once

KEY_BYTES = 32
NONCE_BYTES = 12
VERSION = b"\x01"  # the first byte of every sealed text: the format, for a later change


class SealError(Exception):
    """A key file that is no key, or a sealed text that does not open; `str()` is one line."""


class Box:
    """Seals and opens with one key; safe to share between threads."""

    def __init__(self, key: bytes, path: Path) -> None:
        if len(key) != KEY_BYTES:
            raise SealError(f"{path}: not a {KEY_BYTES}-byte key")
        self._aead = AESGCM(key)
        self.path = path

    @classmethod
    def from_file(cls, path: Path, *, create: bool = True) -> Box:
        """The key in `path`, made there (32 random bytes, 0600) if missing and `create`.
        Written to a temporary file and linked into place, so a crash never leaves half."""
        if create:
            write_once(path, secrets.token_bytes(KEY_BYTES))
        try:
            if stat.S_IMODE(path.stat().st_mode) & 0o077:
                os.chmod(path, 0o600)
            key = path.read_bytes()
        except FileNotFoundError:
            raise SealError(f"{path}: the key is missing") from None
        except OSError as error:
            raise SealError(f"{path}: cannot read the key: {error.strerror or error}") from None
        return cls(key, path)

    def seal(self, plain: bytes, bound_to: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return VERSION + nonce + self._aead.encrypt(nonce, plain, bound_to)

    def open(self, sealed: bytes, bound_to: bytes) -> bytes:
        """SealError if `sealed` is damaged, was sealed with another key or for another
        place."""
        if len(sealed) < 1 + NONCE_BYTES + 16 or sealed[:1] != VERSION:
            raise SealError("not a sealed text")
        nonce, body = sealed[1:1 + NONCE_BYTES], sealed[1 + NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, body, bound_to)
        except InvalidTag:
            raise SealError("does not open: damaged, another key's, or moved") from None
