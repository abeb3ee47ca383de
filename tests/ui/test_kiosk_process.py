"""The kiosk as systemd runs it, in real processes: READY=1 once its window shows, then
WATCHDOG=1 from the Qt loop until the loop freezes; a second kiosk on the same data folder
refused in one line; STOPPING=1 on SIGTERM; the unit file as systemd-analyze reads it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WATCHDOG_USEC = 400_000  # a ping every 0.2 s
HANG_GUARD_S = 120  # only stops a test that would hang; never a guess at the machine's speed
SILENCE_S = 10 * WATCHDOG_USEC / 2e6  # ten pings' time: a turning loop would have pinged


@pytest.fixture
def notify(tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(HANG_GUARD_S)
    yield sock
    sock.close()


@pytest.fixture
def start_kiosk(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text('[metrics]\nport = 0\n\n[restart]\ndaily_at = ""\n', encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_USEC": str(WATCHDOG_USEC)}
    env.pop("WATCHDOG_PID", None)
    started: list[subprocess.Popen] = []

    def start(*extra: str) -> subprocess.Popen:
        out = open(tmp_path / f"kiosk-{len(started)}.log", "w")  # noqa: SIM115 - the child's
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests/ui/freezable_kiosk.py"), "--data-dir",
             str(tmp_path / "data"), "--config", str(site), *extra],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        out.close()
        started.append(process)
        return process

    start.env = env
    start.data = tmp_path / "data"
    start.site = site
    yield start
    for process in started:
        process.kill()
        process.wait()


def messages(sock: socket.socket, until: bytes) -> list[bytes]:
    """Datagrams up to and including `until`."""
    got = [sock.recv(64)]
    while got[-1] != until:
        got.append(sock.recv(64))
    return got


def test_ready_then_watchdog_pings_from_the_loop_until_it_freezes(notify, start_kiosk):
    kiosk = start_kiosk()
    assert notify.recv(64) == b"READY=1"
    assert [notify.recv(64) for _ in range(5)] == [b"WATCHDOG=1"] * 5
    kiosk.send_signal(signal.SIGUSR2)
    before = messages(notify, b"X_FROZEN=1")
    assert set(before) <= {b"WATCHDOG=1", b"X_FROZEN=1"}
    notify.settimeout(SILENCE_S)
    with pytest.raises(TimeoutError):
        notify.recv(64)  # the loop is frozen: nothing more, and systemd would restart it
    assert kiosk.poll() is None  # alive but frozen: only the watchdog can tell


def test_a_second_kiosk_on_the_same_data_folder_says_who_runs_there(notify, start_kiosk):
    first = start_kiosk()
    assert notify.recv(64) == b"READY=1"
    second = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(start_kiosk.data), "--config",
         str(start_kiosk.site)], cwd=ROOT, env=start_kiosk.env, capture_output=True,
        text=True, timeout=HANG_GUARD_S)
    assert second.returncode == 2
    assert second.stderr.strip().splitlines() == [
        f"kiosk: another kiosk is running on {start_kiosk.data} (pid {first.pid})"]
    first.send_signal(signal.SIGTERM)
    assert messages(notify, b"STOPPING=1")[-1] == b"STOPPING=1"
    assert first.wait(timeout=HANG_GUARD_S) == 0


@pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                    reason="systemd-analyze is not installed (apt install systemd)")
def test_the_unit_files_verify(tmp_path):
    """Verified as installed: the paths under /opt/tongban point at this checkout."""
    for unit in ("tongban-kiosk.service", "tongban-display.service"):
        text = (ROOT / "deploy/systemd" / unit).read_text(encoding="utf-8")
        (tmp_path / unit).write_text(text.replace("/opt/tongban", str(ROOT)), encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "tongban-kiosk.service")],
                          capture_output=True, text=True, timeout=HANG_GUARD_S)
    assert done.returncode == 0, done.stderr
    assert "tongban" not in done.stdout + done.stderr, done.stdout + done.stderr
    unit = (ROOT / "deploy/systemd/tongban-kiosk.service").read_text(encoding="utf-8")
    for line in ("Type=notify", "NotifyAccess=main", "Restart=always", "WatchdogSec=30",
                 "User=kiosk"):
        assert f"\n{line}\n" in unit, line
