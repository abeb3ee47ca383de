"""Fixtures for every device test: run a device with a Recorder listening, and stop it after
the test (the root conftest then checks that no thread is left)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from drivers.base import Device
from tests.drivers.recorder import Recorder


@pytest.fixture
def run_device() -> Iterator[Callable[[Device], Recorder]]:
    """Subscribes a Recorder, starts the device, and stops it after the test."""
    started: list[Device] = []

    def run(device: Device) -> Recorder:
        recorder = Recorder()
        device.subscribe(recorder)
        started.append(device)
        device.start()
        return recorder

    yield run
    for device in reversed(started):
        device.stop()
        assert not device.running
