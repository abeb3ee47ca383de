"""Start-up faults made for real, for the self-test's tests: a data folder that is a file, an
empty `[platform] database`, a damaged outbox or store, a device URI no parser takes, and a
small tmpfs that is full or read-only (root only: mounted for the test, unmounted after)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

QUIET = "[metrics]\nport = 0\n"  # no port: tests run side by side


def site(folder: Path, text: str = "") -> Path:
    path = folder / "site.toml"
    path.write_text(QUIET + text, encoding="utf-8")
    return path


def damaged(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    return path


def kiosk(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("KIOSK_CONFIG", "KIOSK_DATA_DIR")}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True,
                          text=True, timeout=120, env=env, check=False)


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "2m"):
    """A tmpfs of `size` at `folder`; skipped where it cannot be mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(folder)], capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def fill(folder: Path, leave_kb: int = 0) -> None:
    """Write until the file system has only `leave_kb` free (0: until it refuses)."""
    with open(folder / "filler", "wb") as file:
        while True:
            free_kb = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize // 1024
            if free_kb <= leave_kb:
                return
            try:
                file.write(b"\0" * min(64 * 1024, max(4096, (free_kb - leave_kb) * 1024)))
                file.flush()
            except OSError:
                return


def read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
