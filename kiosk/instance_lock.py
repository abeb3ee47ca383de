"""One kiosk per data folder: an exclusive lock on `<data>/kiosk.lock` (0600) held for the
life of the process, with its pid written inside for the message a second one gives. The
operating system drops the lock when the process ends, however it ends (a SIGKILL too)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.private_files import private_dir, private_file

FILE_NAME = "kiosk.lock"


class AlreadyRunning(Exception):
    """Another process holds the lock; `str()` says which, in one line."""


class InstanceLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        self._fd: int | None = None

    def acquire(self) -> InstanceLock:
        """Take the lock, or raise AlreadyRunning (OSError: the folder cannot hold it)."""
        private_dir(self.path.parent)
        private_file(self.path)
        fd = os.open(self.path, os.O_RDWR)
        if not _try_lock(fd):
            holder = _holder(fd)
            os.close(fd)
            raise AlreadyRunning(f"another kiosk is running on {self.path.parent} (pid {holder})")
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock; the file stays for the next start
            self._fd = None


def _holder(fd: int) -> str:
    try:
        return os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
    except OSError:  # Windows: the holder's locked byte cannot be read
        return "unknown"


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
