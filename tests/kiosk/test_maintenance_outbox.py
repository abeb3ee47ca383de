"""Maintenance's outbox page on a real outbox file: pending and refused items counted by
kind, the oldest's age, the last error, nothing personal; retry puts refused items back and
the delivery tries them; discard removes one refused item, once confirmed, and says so in the
audit."""

from __future__ import annotations

import pytest

from drivers.idcard.samples import ELDERLY
from drivers.printer.simulator import SimulatedPrinter
from kiosk.outbox import Kind, State
from kiosk.view import ScreenName
from tests.fakes import TODAY
from tests.kiosk.maintenance_rig import enter
from tests.kiosk.rig import build_rig
from tests.outbox.items import WallClock, audit, rating, submission


@pytest.fixture
def wall() -> WallClock:
    return WallClock()


@pytest.fixture
def box_rig(settings, clock, wall):
    """The kiosk with its network down, so what is put stays pending."""
    printer = SimulatedPrinter("printer")
    printer.start()
    rig = build_rig(settings, clock, TODAY, printer, wall=wall, network_up=False)
    rig.closers.insert(0, printer.stop)
    enter(rig.kiosk)
    yield rig
    rig.close()


def fill(rig, wall):
    """Two submissions and a rating waiting, of which the platform refused one submission
    and the rating; an audit record waiting too."""
    outbox = rig.outbox
    first = outbox.put(submission("s1-item-key", "BSYY001-261201-0001"))
    wall.advance(600)
    second = outbox.put(submission("s2-item-key", "BSYY001-261201-0002"))
    scored = outbox.put(rating("r1-item-key", "BSYY001-261201-0001"))
    outbox.failed(second.id, "altered", "the platform refused it: altered")
    outbox.failed(scored.id, "unknown_reference", "the platform refused it: unknown")
    outbox.put(audit("a1-item-key"))
    rig.kiosk.delivery.wait_until(lambda: outbox.get("s1-item-key").last_error is not None, 60)
    wall.advance(3600)
    return first, second, scored


def view(rig):
    return rig.state.maintenance.outbox


def test_counts_by_kind_with_the_oldest_and_the_last_error(box_rig, wall):
    fill(box_rig, wall)
    box_rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_OUTBOX.value)
    shown = view(box_rig)
    counts = {count.kind: (count.pending, count.refused) for count in shown.counts}
    assert counts["submission"] == (1, 1) and counts["rating"] == (0, 1)
    assert counts["audit"][0] >= 1  # the fill's, and opening the page may add none
    assert shown.refused == 2
    assert shown.oldest == "1 小时 10 分钟"  # s1, kept 70 minutes ago on the wall clock
    assert shown.last_error  # why s1 could not go: the platform is unreachable
    assert [(item.kind, item.reference, item.reason) for item in shown.items] == [
        ("submission", "BSYY001-261201-0002", "altered"),
        ("rating", "BSYY001-261201-0001", "unknown_reference")]


def test_nothing_personal_is_shown(box_rig, wall):
    fill(box_rig, wall)
    box_rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_OUTBOX.value)
    shown = repr(box_rig.state.maintenance)
    assert ELDERLY.id_number not in shown and ELDERLY.name not in shown
    assert "13916627358" not in shown and "answers" not in shown


def test_retry_puts_refused_items_back_and_the_delivery_tries_them(box_rig, wall):
    fill(box_rig, wall)
    kiosk, outbox = box_rig.kiosk, box_rig.outbox
    kiosk.open_maintenance_page(ScreenName.MAINTENANCE_OUTBOX.value)
    tried = outbox.get("s2-item-key").attempts
    box_rig.network_down(False)
    kiosk.retry_outbox()
    assert view(box_rig).message == "2 项被拒项目已重新排队，正在发送"
    assert kiosk.delivery.wait_until(lambda: outbox.get("s2-item-key").attempts > tried, 60)
    assert kiosk.delivery.wait_until(lambda: outbox.get("s1-item-key").state == State.DELIVERED, 60)
    events = [(r.event, r.detail) for r in _audits(outbox)]
    assert ("maintenance.outbox_retry", "2 refused item(s) put back") in events


def test_requeued_items_are_pending_again(box_rig, wall):
    fill(box_rig, wall)
    box_rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_OUTBOX.value)
    box_rig.kiosk.retry_outbox()
    assert box_rig.outbox.get("s2-item-key").state == State.PENDING
    assert box_rig.outbox.get("s2-item-key").failed_reason is None
    assert view(box_rig).refused == 0 and view(box_rig).items == ()


def test_discard_asks_first_then_removes_the_payload_and_audits(box_rig, wall):
    fill(box_rig, wall)
    kiosk, outbox = box_rig.kiosk, box_rig.outbox
    kiosk.open_maintenance_page(ScreenName.MAINTENANCE_OUTBOX.value)
    kiosk.ask_discard("s2-item-key")
    assert view(box_rig).confirming == "s2-item-key"
    kiosk.confirm_discard(False)  # cancelled: nothing goes
    assert view(box_rig).confirming == "" and outbox.get("s2-item-key") is not None
    kiosk.ask_discard("s2-item-key")
    kiosk.confirm_discard(True)
    assert outbox.get("s2-item-key") is None
    assert view(box_rig).message == "已丢弃 BSYY001-261201-0002"
    assert [item.reference for item in view(box_rig).items] == ["BSYY001-261201-0001"]
    details = [r.detail for r in _audits(outbox) if r.event == "maintenance.outbox_discard"]
    assert details == ["submission BSYY001-261201-0002 discarded: refused (altered)"]


def test_a_pending_item_cannot_be_discarded(box_rig, wall):
    fill(box_rig, wall)
    box_rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_OUTBOX.value)
    box_rig.kiosk.ask_discard("s1-item-key")
    box_rig.kiosk.confirm_discard(True)
    assert box_rig.outbox.get("s1-item-key").state == State.PENDING


def test_an_empty_outbox(box_rig):
    box_rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_OUTBOX.value)
    shown = view(box_rig)
    assert shown.refused == 0 and shown.items == () and shown.pages == 1
    assert all(count.kind == Kind.AUDIT.value for count in shown.counts)


def _audits(outbox):
    rows = outbox._read("SELECT idempotency_key FROM items WHERE kind = 'audit' ORDER BY id")
    return [outbox.get(key).model() for (key,) in rows]
