"""The outbox in a resident's visit, through the real kiosk (tests/kiosk/rig.py: the Kiosk
without a window, its outbox file, the delivery worker and the district store): what the
receipt screen says, ratings kept while the network is down, a visit a stop interrupted
found at the next start and its receipt offered again, storage that cannot keep a
submission, and a printer on a full disk."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from district.models import AuditRecord
from drivers.base import CardRead
from drivers.idcard.samples import ADULT, ELDERLY
from drivers.printer.file_printer import FilePrinter
from drivers.printer.simulator import SimulatedPrinter
from kiosk.outbox import OutboxFull, State
from kiosk.view import ScreenName as S
from tests.fakes import TODAY
from tests.kiosk import form_walk
from tests.kiosk.rig import build_rig
from tests.outbox.items import WallClock, submission

SERVICE = "elderly_allowance"
SETTLE = 30.0
STROKE = ((10.0, 10.0), (50.0, 40.0), (90.0, 20.0))
MINE = "SELECT reference FROM applications WHERE idempotency_key NOT LIKE 'demo-%'"


@pytest.fixture
def wall() -> WallClock:
    return WallClock(datetime(2026, 11, 28, 1, 0, tzinfo=UTC))


@pytest.fixture
def make(settings, clock, wall):
    """Kiosks on one data directory, as one kiosk started again after a stop."""
    made = []

    def make_rig(*, printer=None, settings=settings, **options):
        device = printer or SimulatedPrinter("printer")
        device.start()
        rig = build_rig(settings, clock, TODAY, device, wall=wall, **options)
        rig.closers.insert(0, device.stop)
        made.append(rig)
        return rig

    yield make_rig
    for rig in made:
        rig.close()


def identify(rig, card=ELDERLY):
    rig.kiosk.start()
    rig.visit.voice_on = True  # spoken guidance, to hear what the receipt screen says
    rig.kiosk.handle_device_event(CardRead("idcard", card))
    rig.kiosk.consent(True)  # the resident agrees to the reads
    rig.jobs.finish()


def submit(rig, card=ELDERLY):
    identify(rig, card)
    rig.kiosk.choose_service(SERVICE)
    form_walk.to_sign(rig.kiosk, phone="13916627358")  # a phone, if none was read
    rig.kiosk.add_stroke(STROKE, 200, 100)
    rig.kiosk.submit_signature()
    assert rig.view.screen == S.PRINTING
    rig.jobs.finish()


def district_rows(rig, sql: str) -> list[tuple]:
    settings = rig.kiosk.settings
    db = sqlite3.connect(settings.data_dir / settings.platform.database)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_the_receipt_screen_says_submitted(make):
    rig = make()
    submit(rig)
    receipt = rig.view.showing["receipt"]
    assert rig.view.screen == S.RECEIPT and receipt.delivered and receipt.printed
    assert rig.view.showing["title"] == "已提交"
    assert rig.said("已提交，受理编号")
    assert receipt.reference == "BSYY001-261128-0001"
    assert district_rows(rig, MINE) == [(receipt.reference,)]


def test_with_the_network_down_it_says_saved_and_sends_it_later(make):
    rig = make()
    rig.network_down()
    submit(rig)
    receipt = rig.view.showing["receipt"]
    assert rig.view.screen == S.RECEIPT and not receipt.delivered and receipt.printed
    assert rig.view.showing["title"] == "已保存"
    assert rig.said("已保存在本机，网络恢复后自动发送；编号")
    assert "已保存在本机" in rig.printer.printed[-1].plain_text()
    assert district_rows(rig, MINE) == []
    rig.network_down(False)
    rig.kiosk.delivery.urge()
    assert rig.kiosk.delivery.wait_until(
        lambda: rig.outbox.counts()[State.PENDING] == 0, SETTLE)
    assert district_rows(rig, MINE) == [(receipt.reference,)]


def test_a_rating_made_with_the_network_down_is_kept_and_delivered(make):
    rig = make()
    rig.network_down()
    submit(rig)
    reference = rig.view.showing["receipt"].reference
    rig.kiosk.to_rating()
    rig.kiosk.rate(2)  # a low score asks why (kiosk/rating_reasons.py)
    rig.kiosk.toggle_reason("slow")
    rig.kiosk.toggle_reason("staff_attitude")
    rig.kiosk.send_rating()
    assert rig.view.screen == S.GOODBYE
    rig.jobs.finish()  # the rating, into the outbox
    rig.network_down(False)
    rig.kiosk.delivery.urge()
    assert rig.kiosk.delivery.wait_until(
        lambda: rig.outbox.counts()[State.PENDING] == 0, SETTLE)
    assert district_rows(rig, "SELECT reference, score, reasons FROM ratings") == [
        (reference, 2, '["slow", "staff_attitude"]')]


def test_a_visit_stopped_while_printing_is_found_at_start_and_its_receipt_offered(
        make, wall, caplog):
    first = make()
    identify(first)
    # What the submission path had done when the kiosk stopped: the submission committed,
    # its receipt not yet printed (tests/outbox/test_kill.py kills a real process there).
    item = first.outbox.put(submission("stopped-while-printing", "BSYY001-261128-0001",
                                       service=SERVICE))
    first.close()
    caplog.set_level("WARNING")
    again = make()
    found = [r.message for r in caplog.records if "stopped before its receipt" in r.message]
    assert found == ["a visit stopped before its receipt printed: reference "
                     "BSYY001-261128-0001 (its resident is offered a reprint for 24 h)"]
    assert ELDERLY.id_number not in caplog.text
    audits = [AuditRecord.model_validate_json(i.payload) for i in pending_audits(again)]
    assert [(a.event, a.detail) for a in audits if a.event.startswith("visit.")] == [
        ("visit.interrupted", item.reference)]  # beside the audit log's identifications

    identify(again, ADULT)  # someone else: nothing to offer
    assert again.view.screen == S.HOME
    again.kiosk.end_visit("next resident")
    wall.advance(23 * 3600)
    identify(again)  # she comes back within a day
    assert again.view.screen == S.NOTICE and again.view.showing["notice"].reprint
    assert "BSYY001-261128-0001" in again.view.showing["notice"].body
    again.kiosk.go_home()
    again.kiosk.choose_service(SERVICE)  # the same service again: the offer, not a second one
    assert again.view.screen == S.NOTICE and again.view.showing["notice"].reprint
    again.kiosk.reprint()
    assert again.view.screen == S.PRINTING
    again.jobs.finish()
    assert again.view.screen == S.RECEIPT
    assert again.view.showing["receipt"].reference == "BSYY001-261128-0001"
    assert "BSYY001-261128-0001" in again.printer.printed[-1].plain_text()
    assert again.outbox.get("stopped-while-printing").printed is True
    # one submission still, its interruption and its reprint (beside the audit log's steps:
    # identification, consent, prints), however many the delivery has sent meanwhile
    assert submissions_in(again) == 1
    events = [AuditRecord.model_validate_json(i.payload).event for i in pending_audits(again)]
    assert [e for e in events if e.startswith(("visit.", "receipt."))] == [
        "visit.interrupted", "receipt.reprinted"]
    again.kiosk.end_visit("done")
    identify(again)  # printed now: nothing more to offer
    assert again.view.screen == S.HOME


def test_an_unprinted_receipt_is_not_offered_after_a_day(make, wall):
    rig = make()
    rig.printer.unplug()
    submit(rig)
    assert rig.view.screen == S.RECEIPT and not rig.view.showing["receipt"].printed
    rig.kiosk.end_visit("done")
    identify(rig)
    assert rig.view.screen == S.NOTICE  # within the day: offered
    rig.kiosk.end_visit("done")
    wall.advance(24 * 3600 + 1)
    identify(rig)
    assert rig.view.screen == S.HOME


def test_too_little_free_space_pauses_services_that_submit(make, settings, caplog):
    first = make(network_up=False)
    first.outbox.put(submission("queued-before-01", "BSYY001-261128-0101",
                                id_number=ADULT.id_number))
    first.close()
    caplog.set_level("ERROR")
    tight = settings.model_copy(update={"storage": settings.storage.model_copy(
        update={"min_free_mb": 1_000_000})})  # a terabyte: more than is free here
    rig = make(settings=tight)
    identify(rig)
    tiles = rig.view.showing["services"]
    assert tiles and not any(tile.available for tile in tiles)
    assert {tile.note for tile in tiles} == {"暂停：本机存储空间不足"}
    rig.kiosk.choose_service(SERVICE)
    assert rig.view.screen == S.NOTICE
    assert "需要提交的事项暂时不能办理" in rig.view.showing["notice"].body
    lines = [r.message for r in caplog.records if "paused" in r.message]
    assert len(lines) == 1 and str(settings.data_dir) in lines[0] and "MB free" in lines[0]
    assert rig.outbox.get("queued-before-01").state != State.FAILED  # kept, or sent on


def test_a_disk_that_fills_mid_visit_refuses_the_submission_and_loses_nothing(
        make, settings, caplog):
    first = make(network_up=False)
    for number in range(3):
        first.outbox.put(submission(f"queued-{number:06d}", f"BSYY001-261128-{number + 101:04d}",
                                    id_number=ADULT.id_number))
    first.close()
    pages = page_count(settings.data_dir / "outbox.sqlite")
    rig = make(max_pages=pages + 80)  # room for the check before the visit, little more
    identify(rig)
    assert rig.view.showing["services"][0].available
    filler = 0
    with pytest.raises(OutboxFull):  # the disk fills up (a backlog, another program)
        while True:
            filler += 1
            rig.outbox.put(AuditRecord(idempotency_key=f"filler-{filler:06d}",
                                       at=datetime.now(UTC), event="test.filler",
                                       detail="x" * 500))
    caplog.set_level("ERROR")
    queued = rig.outbox.counts()
    submissions = submissions_in(rig)
    rig.kiosk.choose_service(SERVICE)
    form_walk.to_sign(rig.kiosk, phone="13916627358")  # a phone, if none was read
    rig.kiosk.add_stroke(STROKE, 200, 100)
    rig.kiosk.submit_signature()
    rig.jobs.finish()
    assert rig.view.screen == S.NOTICE
    assert "您这次的申请没有保存" in rig.view.showing["notice"].body
    assert not rig.view.showing["notice"].retry
    assert rig.printer.printed == []
    assert [r for r in caplog.records if "services that submit are paused" in r.message]
    assert submissions_in(rig) == submissions  # the submission was not kept
    assert sum(rig.outbox.counts().values()) >= sum(queued.values())  # none lost (the audit
    # record of the refusal is smaller, and may still fit)
    assert rig.outbox.counts()[State.FAILED] == 0
    assert rig.outbox.get("queued-000002").state in (State.PENDING, State.DELIVERED)
    rig.kiosk.go_home()
    assert not any(tile.available for tile in rig.view.showing["services"])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_printer_on_a_full_disk_leaves_the_submission_submitted(make):
    rig = make(printer=FilePrinter("printer", Path("/dev/full")))
    submit(rig)
    receipt = rig.view.showing["receipt"]
    assert rig.view.screen == S.RECEIPT and rig.view.showing["title"] == "已提交"
    assert receipt.delivered and not receipt.printed
    assert rig.said("回执没有打印出来")
    db = sqlite3.connect(rig.outbox.path)
    try:
        assert db.execute("SELECT reference, printed FROM items WHERE kind = 'submission'"
                          ).fetchall() == [(receipt.reference, 0)]
    finally:
        db.close()


def pending_audits(rig):
    return [item for item in (rig.outbox.get(key) for key in audit_keys(rig)) if item]


def audit_keys(rig) -> list[str]:
    db = sqlite3.connect(rig.outbox.path)
    try:
        return [key for (key,) in db.execute(
            "SELECT idempotency_key FROM items WHERE kind = 'audit' ORDER BY id")]
    finally:
        db.close()


def submissions_in(rig, state: str | None = None) -> int:
    rows = rig.outbox._read("SELECT COUNT(*) FROM items WHERE kind = 'submission'"
                            " AND state = COALESCE(?, state)", (state,))
    return rows[0][0]


def page_count(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA page_count").fetchone()[0]
    finally:
        db.close()


def test_delivered_items_are_forgotten_after_the_retention(make, wall):
    rig = make()
    submit(rig)
    assert rig.kiosk.delivery.wait_until(
        lambda: rig.outbox.counts()[State.PENDING] == 0, SETTLE)
    rig.close()
    wall.advance(25 * 3600)
    again = make()  # a day on: kept, sealed, for the 7 days of [privacy] retention_days
    assert submissions_in(again, "delivered") == 1
    again.close()
    wall.advance(6 * 24 * 3600)
    last = make()
    assert last.outbox.counts()[State.DELIVERED] == 0  # the platform has them


def test_the_platform_answering_again_sends_what_waited(make, wall):
    rig = make()
    rig.network_down()
    rig.kiosk.watch._next_check = 0  # as at start: the first check is due
    rig.kiosk.tick()
    assert rig.view.screen == S.OUT_OF_SERVICE
    waiting = rig.outbox.put(AuditRecord(idempotency_key="waited-for-it", at=wall(),
                                         event="test.waiting"))
    assert rig.kiosk.delivery.wait_until(lambda: rig.kiosk.delivery.failures > 0, SETTLE)
    rig.network_down(False)  # the outbox's clock stands still: only the watch's news urges it
    rig.kiosk.tick(rig.kiosk.session.now() + 31)  # the watch's next check finds it back
    assert rig.view.screen == S.ATTRACT
    assert rig.kiosk.delivery.wait_until(
        lambda: rig.outbox.get(waiting.key).state == State.DELIVERED, SETTLE)
