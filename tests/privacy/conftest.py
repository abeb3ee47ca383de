"""The kiosk rigs of tests/kiosk for the privacy tests: the district store (greeting, forms,
the personal page, offline codes) and the appointments' store (bookings, records)."""

from __future__ import annotations

import tempfile

import pytest

from drivers.printer.simulator import SimulatedPrinter
from tests.fakes import TODAY


@pytest.fixture
def desk(settings, clock, tmp_path):
    from tests.kiosk.offline_code_rig import build_code_rig

    printer = SimulatedPrinter("printer", out_dir=tmp_path / "paper")
    printer.start()
    rig = build_code_rig(settings, clock, TODAY, printer)
    yield rig
    rig.close()
    printer.stop()


@pytest.fixture
def appointments_rig(settings, clock):
    from tests.kiosk.appointment_rig import appointment_rig

    printer = SimulatedPrinter("printer")
    printer.start()
    rig, _store, _wall = appointment_rig(settings, clock, printer)
    yield rig
    rig.close()
    printer.stop()


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    """The process's temporary folder, the test's own: what the kiosk leaves there is found."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
