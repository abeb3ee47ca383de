"""A damaged outbox, made so for real: pages in the middle overwritten, or the file cut short.
It is moved aside, a fresh one made, and what could still be read copied in unchanged, in
its order and before anything new; the log line says how many were saved and lost."""

from __future__ import annotations

import base64
import logging
import os
import sqlite3

from kiosk.config import load_settings
from kiosk.outbox import FILE_NAME, Outbox, State
from kiosk.outbox_salvage import damage, salvage
from kiosk.startup_check import check
from tests.outbox.items import START, WallClock, audit, submission

ITEMS = 120
PAGE = 4096


def filled(folder) -> dict[int, tuple]:
    """An outbox of ITEMS submissions (each about two pages), some delivered; every row
    as it was, by id."""
    box = Outbox.in_folder(folder, now=WallClock())
    for number in range(1, ITEMS + 1):
        model = submission(f"key-{number:05d}", f"BSYY001-261201-{number:04d}")
        model = model.model_copy(update={"signature_png": base64.b64encode(
            os.urandom(4000 + number))})
        box.put(model)
        box.new_reference("BS-YY-001", START.date())
    for item_id in (1, 2, 3):
        box.delivered(item_id, "{}")
    box.close()  # the last connection checkpoints the WAL into the file
    return _rows(folder / FILE_NAME)


def _rows(path) -> dict[int, tuple]:
    db = sqlite3.connect(path)
    try:
        return {row[0]: row for row in db.execute("SELECT * FROM items ORDER BY id")}
    finally:
        db.close()


def overwrite_middle(path, pages: int = 3) -> None:
    count = path.stat().st_size // PAGE
    with open(path, "r+b") as file:
        file.seek((count // 2) * PAGE)
        file.write(os.urandom(pages * PAGE))


def test_pages_overwritten_in_the_middle(tmp_path):
    data = tmp_path / "data"
    before = filled(data)
    path = data / FILE_NAME
    overwrite_middle(path)
    assert damage(path) is not None

    result = salvage(path)

    assert result.moved_to.exists() and result.moved_to.name.startswith("outbox.sqlite.corrupt-")
    assert damage(path) is None
    after = _rows(path)
    assert 0 < len(after) < ITEMS
    for item_id, row in after.items():
        assert row == before[item_id]  # column for column: payload, key, state, resident…
    pending = [i for i, row in after.items() if row[7] != "delivered"]
    assert result.saved == len(pending)
    assert result.lost is not None and len(after) + result.lost == ITEMS  # no gap but the damage
    # in their order, before anything new; the counter goes on past every reference given
    box = Outbox(path, now=WallClock())
    try:
        assert box.head().id == min(pending)
        assert box.counts()[State.PENDING] == len(pending)
        new = box.put(audit("after-the-damage-0001"))
        assert new.id > max(after)
        number = int(box.new_reference("BS-YY-001", START.date()).rsplit("-", 1)[1])
        assert number == ITEMS + 1
    finally:
        box.close()


def test_a_file_cut_short(tmp_path):
    data = tmp_path / "data"
    before = filled(data)
    path = data / FILE_NAME
    with open(path, "r+b") as file:
        file.truncate(path.stat().st_size // 2)
    assert damage(path) is not None

    result = salvage(path)

    after = _rows(path)
    assert 0 < len(after) < ITEMS
    assert all(row == before[item_id] for item_id, row in after.items())
    assert result.saved == len([r for r in after.values() if r[7] != "delivered"])
    assert "queued items saved" in result.line(path, "cut short")
    box = Outbox(path, now=WallClock())  # it opens, and takes new items after the old
    try:
        assert box.put(audit("after-the-cut-0001")).id > max(after)
        number = int(box.new_reference("BS-YY-001", START.date()).rsplit("-", 1)[1])
        assert number > ITEMS  # whether or not the counter's page survived
    finally:
        box.close()


def test_nothing_readable_still_gives_a_fresh_outbox_and_new_numbers(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / FILE_NAME
    path.write_bytes(os.urandom(8 * PAGE))
    (data / f"{FILE_NAME}-wal").write_bytes(os.urandom(PAGE))

    result = salvage(path)

    assert (result.saved, result.rows, result.lost) == (0, 0, None)
    assert "how many were lost is not known" in result.line(path, "file is not a database")
    assert result.moved_to.exists() and os.path.exists(f"{result.moved_to}-wal")
    assert not os.path.exists(f"{path}-wal") or damage(path) is None
    box = Outbox(path, now=WallClock())
    try:
        number = int(box.new_reference("BS-YY-001", START.date()).rsplit("-", 1)[1])
        assert number > 1000  # past any number the lost file may have given today
    finally:
        box.close()


def test_at_start_the_check_repairs_it_and_logs_one_line(tmp_path, caplog):
    data = tmp_path / "data"
    filled(data)
    overwrite_middle(data / FILE_NAME)
    settings = load_settings(None, data)
    assert [p.kind for p in check(settings, devices=False)] == ["outbox"]  # found, not touched
    assert not list(data.glob("*.corrupt-*"))

    with caplog.at_level(logging.ERROR, logger="kiosk.startup_check"):
        assert check(settings, repair=True, devices=False) == []

    [line] = [r.getMessage() for r in caplog.records if "queued items saved" in r.getMessage()]
    assert f"{data / FILE_NAME}: damaged" in line and "lost" in line
    assert len(list(data.glob("outbox.sqlite.corrupt-*"))) == 1
    assert check(settings, devices=False) == []


def test_a_table_of_another_part_is_kept_as_it_was(tmp_path):
    table = "sentinel_counts"  # made after the items, so its page lies past the damage
    data = tmp_path / "data"
    filled(data)
    db = sqlite3.connect(data / FILE_NAME)
    db.execute(f"CREATE TABLE {table} (hour TEXT PRIMARY KEY, green INTEGER)")
    db.execute(f"INSERT INTO {table} VALUES ('2026-12-01T09', 7)")
    db.commit()
    db.close()
    overwrite_middle(data / FILE_NAME, pages=1)

    salvage(data / FILE_NAME)

    db = sqlite3.connect(data / FILE_NAME)
    try:
        assert db.execute(f"SELECT * FROM {table}").fetchall() == [("2026-12-01T09", 7)]
    finally:
        db.close()
