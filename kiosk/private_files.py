"""Files only this user may read: the outbox's database, made so and kept so, and the
kiosk's secret for recognising a returning resident by a keyed hash of their ID number."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from district.once import write_once


class SecretError(Exception):
    """The secret's file is damaged; `str()` names it and says what to do."""


def private_file(path: Path) -> None:
    """Create `path` readable by this user alone, or make an existing one so. SQLite gives
    its -wal and -shm files the same permissions."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != 0o600:
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def private_dir(path: Path) -> Path:
    """Make `path` (and missing parents) a folder only this user may enter (0700), or make
    an existing one so; returns it."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) != 0o700:
        path.chmod(0o700)
    return path


def resident_secret(path: Path) -> bytes:
    """This kiosk's HMAC secret, made once (32 random bytes, 0600) and kept. Written to a
    temporary file and linked into place, so a crash never leaves half a secret."""
    write_once(path, secrets.token_bytes(32))
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)
    secret = path.read_bytes()
    if len(secret) != 32:
        raise SecretError(f"{path}: not a resident key (remove it to make a new one; "
                          "residents who came before will not be recognised)")
    return secret
