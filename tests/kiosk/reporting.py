"""What the heartbeat's and the metrics' tests share: rigs (tests/kiosk/rig.py) with a
started simulated printer, and a resident's submission through one."""

from __future__ import annotations

from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from drivers.printer.simulator import SimulatedPrinter
from kiosk.view import ScreenName as S
from tests.fakes import TODAY
from tests.kiosk import form_walk
from tests.kiosk.rig import build_rig

SERVICE = "elderly_allowance"
STROKE = ((10.0, 10.0), (50.0, 40.0), (90.0, 20.0))


class Rigs:
    """Rigs on the test's settings and clock, each with a started printer; `close` takes
    them all apart. `rigs(chores=...)` passes its options to `build_rig`."""

    def __init__(self, settings, clock) -> None:
        self.settings, self.clock = settings, clock
        self.made: list = []

    def __call__(self, **options):
        printer = SimulatedPrinter("printer")
        printer.start()
        rig = build_rig(self.settings, self.clock, TODAY, printer, **options)
        rig.closers.insert(0, printer.stop)
        self.made.append(rig)
        return rig

    def close(self) -> None:
        for rig in self.made:
            rig.close()


def submit(rig) -> None:
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)
    rig.jobs.finish()
    rig.kiosk.choose_service(SERVICE)
    form_walk.to_sign(rig.kiosk, phone="13916627358")
    rig.kiosk.add_stroke(STROKE, 200, 100)
    rig.kiosk.submit_signature()
    rig.jobs.finish()
    assert rig.view.screen == S.RECEIPT and rig.view.showing["receipt"].printed


