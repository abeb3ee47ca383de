"""Hot-plug through real kernel events: a device that has backed off for half a minute
reconnects at once when udev reports a change."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from drivers.base import Backoff, DeviceState
from drivers.hotplug import HotplugMonitor
from drivers.scanner.simulator import SimulatedScanner

TRIGGER = Path("/sys/class/tty/tty1/uevent")  # writing "change" makes the kernel announce it


def wait_for(condition, timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.fixture
def scanner():
    device = SimulatedScanner("scanner")
    device._backoff = Backoff(first=30.0, limit=30.0)  # nothing but an event will wake it
    yield device
    device.stop()


def test_a_device_reconnects_at_once_on_a_udev_event(scanner):
    if not (TRIGGER.exists() and os.access(TRIGGER, os.W_OK)):
        pytest.skip(f"cannot trigger a kernel event through {TRIGGER} here")
    scanner.plugged = False
    scanner.start()
    assert wait_for(lambda: scanner.status.state == DeviceState.NO_DEVICE)
    monitor = HotplugMonitor([scanner], source="kernel", subsystems=["tty"])
    if not monitor.start():
        pytest.skip("no netlink socket for udev events here")
    try:
        time.sleep(0.1)
        scanner.plugged = True  # plugged back in: nobody tells the driver but the kernel
        assert not wait_for(lambda: scanner.status.state == DeviceState.ONLINE, timeout=0.5)
        TRIGGER.write_text("change")
        assert wait_for(lambda: scanner.status.state == DeviceState.ONLINE, timeout=3.0)
        assert monitor.events >= 1
    finally:
        monitor.stop()


def test_without_pyudev_events_it_says_so(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pyudev(name, *args, **kwargs):
        if name == "pyudev":
            raise ImportError("no pyudev")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyudev)
    assert HotplugMonitor([]).start() is False
