"""Submitting through the outbox, with real parts: the outbox file, the delivery worker, the
district store behind the kiosk's network switch, real printers (the simulator, a file
printer on /dev/full) and the real receipt. What the resident is told depends on the
platform alone, never on the printer."""

from __future__ import annotations

from pathlib import Path

import pytest

from district.store.store import Store
from drivers.printer.file_printer import FilePrinter
from drivers.printer.simulator import SimulatedPrinter
from kiosk.config import load_settings
from kiosk.delivery import Delivery
from kiosk.i18n import load_messages
from kiosk.outbox import Outbox, OutboxFull, State
from kiosk.platform.network import NetworkSwitch
from kiosk.receipt import build_receipt
from kiosk.services.catalogue import load_catalogue
from kiosk.submitting import Refused, reprint, submit_and_print
from tests.outbox.items import KIOSK, submission

SETTLE = 30.0
MESSAGES = load_messages()
SERVICE = load_catalogue().get("elderly_allowance")
SITE = load_settings().site


def receipt_in(language: str):
    def receipt(outcome):
        return build_receipt(site=SITE, service=SERVICE, answers={"phone": "13916627358"},
                             outcome=outcome, messages=MESSAGES, language=language,
                             large_print=False)
    return receipt


@pytest.fixture
def network(tmp_path, wall):
    store = Store.open(f"sqlite:///{tmp_path / 'district.sqlite'}", now=wall)
    yield NetworkSwitch(store.for_kiosk(KIOSK))
    store.close()


@pytest.fixture
def delivery(outbox, network, wall):
    worker = Delivery(outbox, network, now=wall)
    worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def printer():
    device = SimulatedPrinter("printer")
    device.start()
    yield device
    device.stop()


def submit(outbox, delivery, printer, model=None, language="zh_CN"):
    return submit_and_print(outbox=outbox, delivery=delivery, printer=printer,
                            submission=model or submission("visit-key-0001"),
                            receipt=receipt_in(language), print_timeout=10,
                            deliver_within=SETTLE)


def test_delivered_at_once_the_receipt_says_submitted(outbox, delivery, printer, network):
    outcome = submit(outbox, delivery, printer)
    assert (outcome.delivered, outcome.printed) == (True, True)
    assert outcome.reference == "BSYY001-261201-0001"
    text = printer.printed[-1].plain_text()
    assert "已提交，受理编号" in text and "BSYY001-261201-0001" in text
    assert "已保存在本机" not in text
    assert outbox.get("visit-key-0001").printed is True
    assert network.progress("BSYY001-261201-0001").status == "received"


def test_network_down_it_is_saved_and_sent_later(outbox, delivery, printer, network, wall):
    network.up = False
    outcome = submit(outbox, delivery, printer, language="en")
    assert (outcome.delivered, outcome.printed) == (False, True)
    text = printer.printed[-1].plain_text()
    assert "Saved on this kiosk, it will be sent automatically; reference" in text
    assert "BSYY001-261201-0001" in text
    assert outbox.get("visit-key-0001").state == State.PENDING
    network.up = True
    wall.advance(600)
    delivery.wake()
    assert delivery.wait_until(lambda: outbox.get("visit-key-0001").state == State.DELIVERED,
                               SETTLE)
    assert network.progress("BSYY001-261201-0001") is not None


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_under_the_printer_does_not_change_what_the_resident_is_told(
        outbox, delivery):
    full = FilePrinter("printer", Path("/dev/full"))
    full.start()
    try:
        outcome = submit(outbox, delivery, full)
    finally:
        full.stop()
    assert outcome.delivered and not outcome.printed
    assert "No space left on device" in outcome.print_problem
    assert outbox.get("visit-key-0001").printed is False


def test_a_full_outbox_refuses_the_submission_and_keeps_what_is_queued(
        tmp_path, outbox, network, printer, wall):
    network.up = False
    for number in range(3):
        outbox.put(submission(f"queued-{number:06d}", f"BSYY001-261201-{number + 1:04d}"))
    pages = outbox_pages(outbox.path)
    outbox.close()
    full = Outbox(outbox.path, now=wall, max_pages=pages)
    worker = Delivery(full, network, now=wall)
    worker.start()
    try:
        big = submission("too-big-0001", "BSYY001-261201-0004").model_copy(
            update={"signature_png": b"x" * 300_000})
        with pytest.raises(OutboxFull):
            submit(full, worker, printer, big)
        assert printer.printed == []  # no receipt for what was not kept
        assert full.get("too-big-0001") is None
        network.up = True
        worker.urge()
        assert worker.wait_until(lambda: full.counts()[State.DELIVERED] == 3, SETTLE)
    finally:
        worker.stop()
        full.close()


def test_a_refused_submission_is_reported_and_kept(outbox, delivery, printer):
    wrong = submission("other-kiosk-01", "XX1-261201-0001")
    with pytest.raises(Refused) as caught:
        submit(outbox, delivery, printer, wrong)
    assert (caught.value.reference, caught.value.reason) == ("XX1-261201-0001", "forbidden")
    assert outbox.get("other-kiosk-01").state == State.FAILED
    assert printer.printed == []


def test_a_receipt_printed_again_says_where_its_submission_is_now(outbox, delivery, printer,
                                                                  network):
    network.up = False
    first = submit(outbox, delivery, printer)
    assert not first.delivered
    outbox.mark_printed("visit-key-0001", False)  # as if the paper had run out
    network.up = True
    delivery.urge()
    assert delivery.wait_until(lambda: outbox.get("visit-key-0001").state == State.DELIVERED,
                               SETTLE)
    again = reprint(outbox, printer, outbox.get("visit-key-0001"), receipt_in("zh_CN"), 10)
    assert (again.reference, again.delivered, again.printed) == (first.reference, True, True)
    assert "已提交，受理编号" in printer.printed[-1].plain_text()
    assert outbox.get("visit-key-0001").printed is True


def outbox_pages(path: Path) -> int:
    import sqlite3

    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA page_count").fetchone()[0]
    finally:
        db.close()
