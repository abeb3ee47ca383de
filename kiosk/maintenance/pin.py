"""The technicians' PIN, kept only as a scrypt hash (hashlib, a random salt, the parameters
in the string): `scrypt$n=16384,r=8,p=1$<salt>$<hash>`, salt and hash in base64."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re

N, R, P = 16384, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
MIN_DIGITS, MAX_DIGITS = 4, 12
_FORMAT = re.compile(r"scrypt\$n=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)")


def pin_problem(pin: str) -> str:
    """Why `pin` cannot be a PIN ("" when it can): digits only, 4 to 12 of them."""
    if not pin.isascii() or not pin.isdigit():
        return "digits only"
    if not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return f"{MIN_DIGITS} to {MAX_DIGITS} digits"
    return ""


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P, dklen=HASH_BYTES)
    return f"scrypt$n={N},r={R},p={P}${_b64(salt)}${_b64(digest)}"


def parse(stored: str) -> tuple[int, int, int, bytes, bytes]:
    """n, r, p, salt and hash; ValueError saying what is wrong with the string."""
    found = _FORMAT.fullmatch(stored.strip())
    if found is None:
        raise ValueError("not a scrypt hash like scrypt$n=16384,r=8,p=1$SALT$HASH; make one "
                         "with `python -m kiosk maintenance-pin`")
    n, r, p = (int(found.group(i)) for i in (1, 2, 3))
    if n < 2 or n & (n - 1) or n > 2 ** 20 or not 1 <= r <= 32 or not 1 <= p <= 16:
        raise ValueError("scrypt parameters out of range (n a power of 2 up to 2^20, r 1-32, "
                         "p 1-16)")
    try:
        salt, digest = (base64.b64decode(found.group(i), validate=True) for i in (4, 5))
    except (binascii.Error, ValueError):
        raise ValueError("salt or hash is not valid base64") from None
    if len(salt) < 8 or len(digest) < 16:
        raise ValueError("salt or hash too short")
    return n, r, p, salt, digest


def check_pin(pin: str, stored: str) -> bool:
    """Whether `pin` is the one hashed in `stored` (compared in constant time)."""
    try:
        n, r, p, salt, digest = parse(stored)
    except ValueError:
        return False
    candidate = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=len(digest),
                               maxmem=256 * n * r * p + 2 ** 20)
    return hmac.compare_digest(candidate, digest)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()
