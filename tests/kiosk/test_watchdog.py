"""systemd's notify protocol (kiosk/watchdog.py) against a real Unix datagram socket, named
by a path and abstract; the watchdog interval from the environment."""

from __future__ import annotations

import os
import socket
import uuid

import pytest

from kiosk.watchdog import Notifier


@pytest.fixture
def listener(tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(30)
    yield sock, str(tmp_path / "notify")
    sock.close()


def test_ready_watchdog_and_stopping_are_one_datagram_each(listener):
    sock, path = listener
    notifier = Notifier.from_environment({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30000000"})
    notifier.ready()
    notifier.ping()
    notifier.stopping()
    notifier.close()
    assert [sock.recv(64) for _ in range(3)] == [b"READY=1", b"WATCHDOG=1", b"STOPPING=1"]
    assert notifier.ping_interval_ms == 15000  # half of WatchdogSec=30


def test_an_abstract_socket_is_named_with_an_at_sign():
    name = f"tongban-test-{uuid.uuid4().hex}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(30)
    try:
        notifier = Notifier.from_environment({"NOTIFY_SOCKET": "@" + name})
        assert notifier.send("READY=1")
        notifier.close()
        assert sock.recv(64) == b"READY=1"
    finally:
        sock.close()


def test_without_systemd_nothing_is_sent_and_there_is_no_watchdog():
    notifier = Notifier.from_environment({})
    assert not notifier.send("READY=1")
    assert notifier.ping_interval_ms is None


def test_a_watchdog_meant_for_another_process_or_malformed_is_not_fed(tmp_path, caplog):
    path = str(tmp_path / "notify")
    other = Notifier.from_environment({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "1000000",
                                       "WATCHDOG_PID": str(os.getpid() + 1)})
    assert other.ping_interval_ms is None
    mine = Notifier.from_environment({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "1000000",
                                      "WATCHDOG_PID": str(os.getpid())})
    assert mine.ping_interval_ms == 500
    bad = Notifier.from_environment({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30s"})
    assert bad.ping_interval_ms is None
    assert any("WATCHDOG_USEC" in r.getMessage() for r in caplog.records)


def test_a_socket_nobody_listens_on_is_logged_once_and_never_raised(tmp_path, caplog):
    notifier = Notifier(str(tmp_path / "nobody"), 1_000_000)
    assert not notifier.send("WATCHDOG=1")
    assert not notifier.send("WATCHDOG=1")
    notifier.close()
    assert sum("cannot notify" in r.getMessage() for r in caplog.records) == 1
