"""The outbox file: what a put keeps, references, the resident's keyed hash, receipts that did
not print, its permissions, and a full disk."""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
import stat
from datetime import date, timedelta

import pytest

from drivers.idcard.samples import ADULT, ELDERLY
from kiosk.outbox import FILE_NAME, SECRET_NAME, Kind, Outbox, OutboxError, OutboxFull, State
from kiosk.references import format_reference, kiosk_code
from tests.outbox.items import KIOSK, START, audit, rating, submission


def reopen(outbox: Outbox, wall, **options) -> Outbox:
    outbox.close()
    return Outbox(outbox.path, now=wall, **options)


def test_a_put_is_on_disk_when_it_returns(outbox):
    item = outbox.put(submission("key-00000001"))
    other = sqlite3.connect(outbox.path)  # another connection, as after a power cut
    try:
        (payload, state), = other.execute(
            "SELECT payload, state FROM items WHERE idempotency_key = 'key-00000001'")
    finally:
        other.close()
    assert state == "pending" and item.state == State.PENDING
    assert item.model() == submission("key-00000001")
    assert payload == item.sealed and ELDERLY.id_number.encode() not in payload  # sealed


def test_items_survive_reopening_in_order_with_their_fields(outbox, wall):
    outbox.put(submission("sub-00000001"))
    wall.advance(5)
    outbox.put(rating("rate-0000001"))
    outbox.put(audit("audit-000001"))
    outbox = reopen(outbox, wall)
    try:
        first = outbox.head()
        assert first.kind == Kind.SUBMISSION and first.reference == "BSYY001-261201-0001"
        assert first.created_at == START == first.next_attempt_at
        assert (first.attempts, first.printed, first.delivered_at) == (0, None, None)
        outbox.delivered(first.id, '{"status": "received"}')
        second = outbox.head()
        assert second.kind == Kind.RATING and second.created_at == START + timedelta(seconds=5)
        assert second.model().score == 4
        outbox.failed(second.id, "invalid", "score out of range")
        assert outbox.head().kind == Kind.AUDIT
        assert outbox.counts() == {State.PENDING: 1, State.DELIVERED: 1, State.FAILED: 1}
        kept = outbox.failed_items()[0]
        assert (kept.failed_reason, kept.last_error) == ("invalid", "score out of range")
        assert outbox.get("sub-00000001").answer == '{"status": "received"}'
    finally:
        outbox.close()


def test_the_same_key_put_twice_keeps_the_first(outbox):
    first = outbox.put(submission("same-key-01", "BSYY001-261201-0001"))
    again = outbox.put(submission("same-key-01", "BSYY001-261201-0002"))
    assert again == first and again.reference == "BSYY001-261201-0001"
    assert outbox.counts()[State.PENDING] == 1


def test_a_put_tells_its_listeners_after_it_committed(outbox):
    seen = []
    outbox.subscribe(lambda: seen.append(outbox.get("heard-0001").state))
    outbox.put(audit("heard-0001"))
    assert seen == [State.PENDING]


def test_references_never_repeat_across_days_and_restarts(outbox, wall):
    given = [outbox.new_reference(KIOSK, date(2026, 12, 1)) for _ in range(3)]
    outbox = reopen(outbox, wall)
    try:
        given.append(outbox.new_reference("bs-yy-001", date(2026, 12, 2)))
    finally:
        outbox.close()
    assert given == ["BSYY001-261201-0001", "BSYY001-261201-0002", "BSYY001-261201-0003",
                     "BSYY001-261202-0004"]
    assert kiosk_code("Baoshan/Youyi 3") == "BAOSHANYOUYI3"
    assert format_reference(KIOSK, date(2026, 12, 1), 123456) == "BSYY001-261201-123456"
    with pytest.raises(ValueError, match="no letters or digits"):
        kiosk_code("--")


def test_a_resident_is_recognised_by_a_keyed_hash_not_the_number(outbox, tmp_path, wall):
    outbox.put(submission("elderly-001"))
    secret = (outbox.path.parent / SECRET_NAME).read_bytes()
    db = sqlite3.connect(outbox.path)
    try:
        (kept,), = db.execute("SELECT resident FROM items")
    finally:
        db.close()
    assert kept == hmac.new(secret, ELDERLY.id_number.encode(), hashlib.sha256).hexdigest()
    assert ELDERLY.id_number not in kept
    outbox = reopen(outbox, wall)  # the same secret after a restart
    other = Outbox.in_folder(tmp_path / "another-kiosk", now=wall)
    try:
        assert outbox.resident_key(ELDERLY.id_number) == kept
        assert other.resident_key(ELDERLY.id_number) != kept
    finally:
        outbox.close()
        other.close()


def test_every_file_is_readable_by_its_owner_only(outbox):
    outbox.put(submission("private-0001"))
    folder = outbox.path.parent
    for name in (FILE_NAME, f"{FILE_NAME}-wal", f"{FILE_NAME}-shm", SECRET_NAME):
        assert stat.S_IMODE(os.stat(folder / name).st_mode) == 0o600, name


def test_a_loosened_file_is_made_private_again(tmp_path, wall):
    folder = tmp_path / "data"
    Outbox.in_folder(folder, now=wall).close()
    (folder / FILE_NAME).chmod(0o644)
    (folder / SECRET_NAME).chmod(0o644)
    Outbox.in_folder(folder, now=wall).close()
    assert stat.S_IMODE((folder / FILE_NAME).stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / SECRET_NAME).stat().st_mode) == 0o600


def test_a_damaged_secret_is_one_line_naming_it(tmp_path, wall):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / SECRET_NAME).write_bytes(b"short")
    with pytest.raises(OutboxError, match=f"{SECRET_NAME}: not a resident key"):
        Outbox.in_folder(folder, now=wall)


def test_receipts_never_tried_are_found_once_and_offered_to_their_resident(outbox, wall):
    outbox.put(submission("crashed-001", "BSYY001-261201-0001"))
    outbox.put(submission("printed-001", "BSYY001-261201-0002"))
    outbox.mark_printed("printed-001", True)
    outbox.put(submission("jammed-0001", "BSYY001-261201-0003", id_number=ADULT.id_number))
    outbox.mark_printed("jammed-0001", False)
    outbox = reopen(outbox, wall)
    try:
        found = outbox.take_interrupted()
        assert [item.reference for item in found] == ["BSYY001-261201-0001"]
        assert outbox.take_interrupted() == []
        wall.advance(23 * 3600)
        since = wall() - timedelta(hours=24)
        mine = outbox.unprinted_for(ELDERLY.id_number, since)
        assert [item.reference for item in mine] == ["BSYY001-261201-0001"]
        theirs = outbox.unprinted_for(ADULT.id_number, since)
        assert [item.reference for item in theirs] == ["BSYY001-261201-0003"]
        wall.advance(2 * 3600)
        assert outbox.unprinted_for(ELDERLY.id_number, wall() - timedelta(hours=24)) == []
    finally:
        outbox.close()


def test_a_refused_submission_is_not_offered_for_reprinting(outbox, wall):
    item = outbox.put(submission("refused-001"))
    outbox.failed(item.id, "invalid", "answers broke a rule")
    assert outbox.unprinted_for(ELDERLY.id_number, START - timedelta(hours=1)) == []


def test_a_full_disk_keeps_what_was_queued_and_reports_the_real_cause(outbox, wall):
    for number in range(5):
        outbox.put(submission(f"queued-{number:04d}", f"BSYY001-261201-{number + 1:04d}"))
    db = sqlite3.connect(outbox.path)
    try:
        (pages,), = db.execute("PRAGMA page_count")
    finally:
        db.close()
    outbox = reopen(outbox, wall, max_pages=pages)
    try:
        big = submission("too-big-001").model_copy(update={"signature_png": b"x" * 200_000})
        with pytest.raises(OutboxFull) as caught:
            outbox.put(big)
        assert str(outbox.path) in str(caught.value) and "full" in str(caught.value)
        assert caught.value.__cause__.sqlite_errorcode & 0xFF == 13  # SQLITE_FULL itself
        with pytest.raises(OutboxFull):
            outbox.check_writable()
        assert outbox.get("too-big-001") is None
        assert outbox.counts()[State.PENDING] == 5
        outbox.delivered(outbox.head().id, "null")  # in-place updates still work
    finally:
        outbox.close()
    outbox = Outbox(outbox.path, now=wall)  # space again
    try:
        outbox.check_writable()
        outbox.put(big)
        assert outbox.counts() == {State.PENDING: 5, State.DELIVERED: 1, State.FAILED: 0}
    finally:
        outbox.close()


def test_delivered_items_are_forgotten_after_the_retention(outbox, wall):
    kept = outbox.put(submission("old-delivered"))
    outbox.delivered(kept.id, "null")
    outbox.put(submission("old-pending-1", "BSYY001-261201-0002"))
    wall.advance(25 * 3600)
    assert outbox.purge() == 0  # a day on: still within the 7 days kept
    assert outbox.get("old-delivered").model() == submission("old-delivered")
    wall.advance(6 * 24 * 3600)
    assert outbox.purge() == 1
    assert outbox.get("old-delivered") is None  # its reprint window passed too: the row goes
    assert outbox.get("old-pending-1").state == State.PENDING


def test_a_newer_schema_is_refused_with_one_line(tmp_path, wall):
    folder = tmp_path / "data"
    Outbox.in_folder(folder, now=wall).close()
    db = sqlite3.connect(folder / FILE_NAME)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(OutboxError, match="made by a newer kiosk"):
        Outbox.in_folder(folder, now=wall)
