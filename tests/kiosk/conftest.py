"""The kiosk without a window (tests/kiosk/rig.py): `rig` is one kiosk, `make_rig` makes
more, for comparing a kiosk after a visit with a freshly started one."""

from __future__ import annotations

import pytest

from drivers.printer.simulator import SimulatedPrinter
from tests.fakes import TODAY
from tests.kiosk.rig import Rig, build_rig


@pytest.fixture
def make_rig(settings, clock):
    made: list[Rig] = []

    def make(*, held: bool = True, catalogue=None) -> Rig:
        printer = SimulatedPrinter("printer")
        printer.start()
        rig = build_rig(settings, clock, TODAY, printer, held=held, catalogue=catalogue)
        rig.closers.insert(0, printer.stop)
        made.append(rig)
        return rig

    yield make
    for rig in made:
        rig.close()


@pytest.fixture
def rig(make_rig) -> Rig:
    return make_rig()


@pytest.fixture
def desk(settings, clock, caplog):
    """The kiosk on the district store (tests/kiosk/desk_rig.py); every message it shows
    or says must be in the catalogue."""
    from tests.kiosk.desk_rig import DistrictClock, build_desk_rig

    printer = SimulatedPrinter("printer")
    printer.start()
    rig = build_desk_rig(settings, clock, TODAY, printer, DistrictClock())
    rig.closers.insert(0, printer.stop)
    yield rig
    rig.close()
    missing = [r.getMessage() for r in caplog.records if "missing in" in r.getMessage()]
    assert not missing, missing
