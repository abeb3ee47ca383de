"""One kiosk per data folder (kiosk/instance_lock.py): the lock refuses a second holder and
names the first, and is free again once its holder ends, even by SIGKILL."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.instance_lock import FILE_NAME, AlreadyRunning, InstanceLock

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_holder_is_refused_with_the_first_ones_pid(tmp_path):
    first = InstanceLock(tmp_path / "data").acquire()
    try:
        with pytest.raises(AlreadyRunning) as refused:
            InstanceLock(tmp_path / "data").acquire()
        assert str(refused.value) == (f"another kiosk is running on {tmp_path / 'data'} "
                                      f"(pid {os.getpid()})")
    finally:
        first.release()
    InstanceLock(tmp_path / "data").acquire().release()  # free once released
    path = tmp_path / "data" / FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_holder_killed_outright_leaves_the_lock_free(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from pathlib import Path
            from kiosk.instance_lock import InstanceLock
            InstanceLock(Path({str(tmp_path)!r})).acquire()
            print("held", flush=True)
            sys.stdin.read()
        """)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyRunning, match=f"pid {holder.pid}"):
            InstanceLock(tmp_path).acquire()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    finally:
        holder.kill()
        holder.stdin.close()
        holder.stdout.close()
        holder.wait()
    InstanceLock(tmp_path).acquire().release()
