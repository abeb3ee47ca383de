"""Payloads at rest: sealed on disk, bound to their row, an older kiosk's clear rows sealed,
a missing or wrong key one line, a damaged row refused alone, and the purge after the
retention on the test's clock."""

from __future__ import annotations

import sqlite3
import stat
from datetime import timedelta

import pytest

from district.models import Submission
from drivers.idcard.samples import ELDERLY
from kiosk.delivery import Delivery
from kiosk.outbox import (
    FILE_NAME,
    KEY_NAME,
    SCHEMA,
    USAGE_SCHEMA,
    Outbox,
    OutboxError,
    State,
    Unreadable,
)
from tests.outbox.items import audit, rating, submission

PHONE = b"13916627358"


def file_bytes(outbox: Outbox) -> bytes:
    """Everything SQLite keeps for the outbox: the file and its write-ahead log."""
    found = b""
    for suffix in ("", "-wal", "-shm"):
        path = outbox.path.with_name(outbox.path.name + suffix)
        if path.exists():
            found += path.read_bytes()
    return found


def test_nothing_personal_is_on_disk_in_clear(outbox):
    outbox.put(submission("sealed-0001"))
    outbox.put(rating("sealed-0002"))
    on_disk = file_bytes(outbox)
    assert ELDERLY.id_number.encode() not in on_disk and PHONE not in on_disk
    assert outbox.get("sealed-0001").model() == submission("sealed-0001")
    key = outbox.path.parent / KEY_NAME
    assert len(key.read_bytes()) == 32 and stat.S_IMODE(key.stat().st_mode) == 0o600


def test_each_write_has_its_own_nonce(outbox):
    first = outbox.put(submission("nonce-0001"))
    second = outbox.put(submission("nonce-0002"))
    assert first.sealed[1:13] != second.sealed[1:13]


def test_a_payload_moved_to_another_row_does_not_open(outbox):
    outbox.put(submission("moved-0001"))
    outbox.put(submission("moved-0002", "BSYY001-261201-0002"))
    db = sqlite3.connect(outbox.path)
    db.execute("UPDATE items SET payload = (SELECT payload FROM items WHERE"
               " idempotency_key = 'moved-0001') WHERE idempotency_key = 'moved-0002'")
    db.commit()
    db.close()
    with pytest.raises(Unreadable, match=r"moved-0002|BSYY001-261201-0002"):
        outbox.get("moved-0002").model()
    assert outbox.get("moved-0001").model().reference == "BSYY001-261201-0001"


def test_a_damaged_row_is_refused_alone_and_the_others_are_delivered(outbox, wall):
    outbox.put(submission("damaged-001"))
    outbox.put(audit("after-damage"))
    db = sqlite3.connect(outbox.path)
    (sealed,) = db.execute("SELECT payload FROM items WHERE idempotency_key = 'damaged-001'"
                           ).fetchone()
    broken = sealed[:-1] + bytes([sealed[-1] ^ 1])
    db.execute("UPDATE items SET payload = ? WHERE idempotency_key = 'damaged-001'", (broken,))
    db.commit()
    db.close()
    heard = []

    class Platform:
        def record_audit(self, record):
            heard.append(record.event)

    delivery = Delivery(outbox, Platform(), now=wall)
    delivery.start()
    try:
        assert delivery.deliver_now("after-damage", 10) == State.DELIVERED
    finally:
        delivery.stop()
    assert heard == ["kiosk.started"]
    refused = outbox.get("damaged-001")
    assert refused.state == State.FAILED and refused.failed_reason == "unreadable"


def test_rows_an_older_kiosk_left_in_clear_are_sealed_at_open(tmp_path, wall):
    folder = tmp_path / "data"
    folder.mkdir()
    db = sqlite3.connect(folder / FILE_NAME)  # as an older kiosk left it: schema 2, clear JSON
    db.executescript(SCHEMA + USAGE_SCHEMA + "PRAGMA user_version = 2;")
    clear = submission("clear-00001").model_dump_json()
    db.execute("INSERT INTO items (kind, idempotency_key, payload, created_at,"
               " next_attempt_at, reference) VALUES ('submission', 'clear-00001', ?, ?, ?,"
               " 'BSYY001-261201-0001')", (clear, wall().isoformat(), wall().isoformat()))
    db.commit()
    db.close()
    outbox = Outbox.in_folder(folder, now=wall)
    try:
        assert ELDERLY.id_number.encode() not in file_bytes(outbox)
        item = outbox.get("clear-00001")
        assert item.model() == submission("clear-00001")
        assert item.service_id == "elderly_allowance"
    finally:
        outbox.close()


def test_a_missing_key_is_one_line_and_keeps_the_file(tmp_path, wall):
    folder = tmp_path / "data"
    Outbox.in_folder(folder, now=wall).close()
    (folder / KEY_NAME).unlink()
    before = (folder / FILE_NAME).read_bytes()
    with pytest.raises(OutboxError) as caught:
        Outbox.in_folder(folder, now=wall)
    line = str(caught.value)
    assert "\n" not in line and KEY_NAME in line and "missing" in line and "restore" in line
    assert (folder / FILE_NAME).read_bytes() == before and not (folder / KEY_NAME).exists()


def test_another_kiosks_key_is_one_line(tmp_path, wall):
    folder = tmp_path / "data"
    Outbox.in_folder(folder, now=wall).close()
    (folder / KEY_NAME).write_bytes(bytes(32))
    with pytest.raises(OutboxError, match=r"not the key .* was sealed with") as caught:
        Outbox.in_folder(folder, now=wall)
    assert "\n" not in str(caught.value)
    (folder / KEY_NAME).write_bytes(b"short")
    with pytest.raises(OutboxError, match="not a 32-byte key"):
        Outbox.in_folder(folder, now=wall)


def delivered(outbox: Outbox, model: Submission) -> None:
    outbox.delivered(outbox.put(model).id, '{"status": "received"}')


def test_a_delivered_payload_is_purged_after_the_retention_and_the_row_after(tmp_path, wall):
    outbox = Outbox.in_folder(tmp_path / "data", now=wall, retention=timedelta(days=2))
    try:
        wall.advance(60)
        delivered(outbox, submission("purge-0001"))
        wall.advance(2 * 24 * 3600 - 1)
        assert outbox.purge() == 0 and not outbox.get("purge-0001").purged
        wall.advance(1)
        assert outbox.purge() == 1
        assert outbox.get("purge-0001") is None  # past its reprint window too: gone whole
        assert ELDERLY.id_number.encode() not in file_bytes(outbox)
    finally:
        outbox.close()


def test_no_retention_purges_at_delivery_and_keeps_what_a_reprint_needs(tmp_path, wall):
    outbox = Outbox.in_folder(tmp_path / "data", now=wall, retention=timedelta(0))
    try:
        delivered(outbox, submission("purge-0002"))
        outbox.mark_printed("purge-0002", False)
        item = outbox.get("purge-0002")
        assert item.purged and item.answer is None
        assert (item.reference, item.service_id, item.state) == (
            "BSYY001-261201-0001", "elderly_allowance", State.DELIVERED)
        with pytest.raises(Unreadable, match="purged"):
            item.model()
        assert outbox.unprinted_for(ELDERLY.id_number, wall() - timedelta(hours=1)) == [item]
        wall.advance(25 * 3600)
        outbox.purge()
        assert outbox.get("purge-0002") is None
    finally:
        outbox.close()


def test_a_refused_payload_is_purged_but_its_reason_stays(tmp_path, wall):
    outbox = Outbox.in_folder(tmp_path / "data", now=wall, retention=timedelta(days=1))
    try:
        item = outbox.put(submission("refused-01"))
        pending = outbox.put(submission("pending-01", "BSYY001-261201-0002"))
        outbox.failed(item.id, "invalid", "a field is out of range")
        wall.advance(30 * 24 * 3600)
        assert outbox.purge() == 1
        kept = outbox.failed_items()
        assert [(i.key, i.purged, i.reference, i.failed_reason, i.last_error) for i in kept] == [
            ("refused-01", True, "BSYY001-261201-0001", "invalid", "a field is out of range")]
        assert outbox.requeue_failed() == 0  # nothing left to send again
        assert outbox.get(pending.key).model() == submission("pending-01",
                                                             "BSYY001-261201-0002")
    finally:
        outbox.close()
