"""Fixtures for the privacy tests: the whole kiosk (tests/ui's rig) with the simulated
printer's copies on; the kiosk rigs of tests/kiosk on the district store (greeting, forms,
the personal page, offline codes) and on the appointments' store (bookings, records); and
the process's temporary folder, the test's own."""

from __future__ import annotations

import tempfile

import pytest

from drivers.printer.simulator import SimulatedPrinter
from tests.fakes import TODAY
from tests.ui.conftest import kiosk  # noqa: F401  (the rig, on the settings below)


@pytest.fixture
def settings(tmp_path):
    from kiosk.config import load_settings
    from tests.conftest import without_metrics

    base = without_metrics(load_settings(data_dir=tmp_path / "data"))
    return base.model_copy(update={"privacy": base.privacy.model_copy(
        update={"printed_copies": True})})


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
