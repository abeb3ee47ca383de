"""Fixtures for screen-reader tests: a private desktop, an AT-SPI client listening on it,
the real kiosk running there, and Orca. Each is taken down after the test, in reverse."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.screen_reader.atspi import AtspiClient
from tests.screen_reader.desktop import PrivateDesktop
from tests.screen_reader.kiosk import RunningKiosk, start_kiosk
from tests.screen_reader.orca import Orca


@pytest.fixture
def folder() -> Iterator[Path]:
    """A short path in /tmp: socket paths (Unix sockets live in it) must stay under 108
    bytes, which pytest's tmp_path, named after the test, need not."""
    with tempfile.TemporaryDirectory(prefix="tongban-sr-") as name:
        yield Path(name)


@pytest.fixture
def desktop(folder: Path) -> Iterator[PrivateDesktop]:
    with PrivateDesktop(folder / "desktop") as private:
        yield private


@pytest.fixture
def atspi(desktop: PrivateDesktop) -> Iterator[AtspiClient]:
    with AtspiClient(desktop.a11y_address) as client:
        yield client


@pytest.fixture
def kiosk(desktop: PrivateDesktop, atspi: AtspiClient, folder: Path) -> Iterator[RunningKiosk]:
    running = start_kiosk(desktop, atspi, folder / "data")
    yield running
    running.process.stop()
    # Shown by pytest only when the test failed: what the kiosk said on the way.
    print(f"--- kiosk output ---\n{running.output()}", file=sys.stderr)


@pytest.fixture
def orca(desktop: PrivateDesktop, kiosk: RunningKiosk) -> Iterator[Orca]:
    """Orca, started after the kiosk, listening once this returns."""
    reader = Orca(desktop)
    try:
        reader.wait_started()
        yield reader
    finally:
        reader.close()
