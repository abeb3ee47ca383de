"""A file made once and only whole: written to a scratch file readable by this user alone,
then linked into place, so a crash never leaves half of it and two processes racing keep
the first one's. For secrets: the platform's signing key, a kiosk's resident key."""

from __future__ import annotations

import os
from pathlib import Path


def write_once(path: Path, data: bytes) -> None:
    """`path` holds `data` (0600) unless it already exists; then it is left as it is."""
    if path.exists():
        return
    scratch = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(scratch, path)
    except FileExistsError:
        pass  # another process made it first: use theirs
    finally:
        scratch.unlink()
