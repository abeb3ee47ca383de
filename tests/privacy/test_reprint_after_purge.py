"""`[privacy] retention_days = 0`: a submission's payload goes as soon as the platform has
it; the receipt that did not print is still offered for its day, and the reprint prints what
is left (matter, reference, where it is), none of the answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from drivers.idcard.samples import ELDERLY
from drivers.printer.simulator import SimulatedPrinter
from kiosk.outbox import State
from kiosk.view import ScreenName as S
from tests.fakes import TODAY
from tests.kiosk.rig import build_rig
from tests.outbox.items import WallClock
from tests.outbox.test_visits import SETTLE, identify, submit


@pytest.fixture
def rig(settings, clock):
    none_kept = settings.model_copy(update={"privacy": settings.privacy.model_copy(
        update={"retention_days": 0})})
    printer = SimulatedPrinter("printer")
    printer.start()
    made = build_rig(none_kept, clock, TODAY, printer,
                     wall=WallClock(datetime(2026, 11, 28, 1, 0, tzinfo=UTC)))
    made.closers.insert(0, printer.stop)
    yield made
    made.close()


def test_a_purged_submission_is_reprinted_with_what_is_left(rig):
    rig.printer.unplug()
    submit(rig)
    reference = rig.view.showing["receipt"].reference
    assert rig.kiosk.delivery.wait_until(
        lambda: rig.outbox.counts()[State.PENDING] == 0, SETTLE)
    (item,) = rig.outbox.unprinted_for(ELDERLY.id_number, rig.outbox.now() - timedelta(hours=1))
    key = item.key
    assert item.state == State.DELIVERED and item.purged and item.printed is False
    rig.kiosk.end_visit("done")
    rig.printer.replug()
    identify(rig, ELDERLY)
    assert rig.view.screen == S.NOTICE and rig.view.showing["notice"].reprint
    rig.kiosk.reprint()
    rig.jobs.finish()
    assert rig.view.screen == S.RECEIPT
    paper = rig.printer.printed[-1].plain_text()
    assert reference in paper and "13916627358" not in paper and "139****7358" not in paper
    assert rig.outbox.get(key).printed is True
