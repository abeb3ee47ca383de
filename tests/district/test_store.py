"""The store itself, on SQLite and PostgreSQL: migrations, a full disk, kiosk tokens, the
last place wanted by several kiosks at once, a kiosk database from the old embedded
platform, and the messages an operator gets."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import sqlite3
import threading

import pytest

from district.contract import PlatformRefused, PlatformUnavailable
from district.models import Attribute, Consent, HoldRequest, RecordRequest, Submission
from district.store import Store
from district.store.database import open_database
from district.store.migrate import migrate, migrations
from drivers.idcard.samples import ADULT, ELDERLY
from tests.district.postgres import free_port

ENGINES = pytest.mark.parametrize("store_url", ["sqlite", "postgres"], indirect=True)


def _run_together(count: int, work) -> list:
    """`work(index)` in `count` threads released at once; their results (or errors)."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work(index)
        except Exception as err:
            results[index] = err

    threads = [threading.Thread(target=run, args=(i,), name=f"kiosk-{i}") for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# --- migrations -------------------------------------------------------------------------------

@ENGINES
def test_a_database_made_at_migration_1_is_brought_up_and_keeps_its_data(store_url, utc_clock):
    db = open_database(store_url)
    assert migrate(db, utc_clock(), upto=1) == [1]
    with db.transaction() as tx:
        tx.execute("INSERT INTO usage_counts (service_id, count) VALUES ('appointment', 7)")
    db.close()
    store = Store.open(store_url, now=utc_clock)
    try:
        with store.db.transaction(write=False) as tx:
            versions = [row["version"] for row in
                        tx.all("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [version for version, _, _ in migrations()] and len(versions) >= 3
        assert store.for_kiosk("BS-YY-001").usage_counts() == {"appointment": 7}
        assert store.for_kiosk("BS-YY-001").help_articles("", "en") == []  # a 0003 table
    finally:
        store.close()


@ENGINES
def test_workers_opening_a_new_database_at_once_apply_each_migration_once(store_url, utc_clock):
    def open_and_count(_index):
        store = Store.open(store_url, now=utc_clock, demo=True)
        try:
            with store.db.transaction(write=False) as tx:
                return tx.one("SELECT COUNT(*) AS n FROM schema_migrations")["n"]
        finally:
            store.close()

    results = _run_together(4, open_and_count)
    assert results == [len(migrations())] * 4
    store = Store.open(store_url, now=utc_clock, demo=True)  # and the demo data went in once
    try:
        assert len(store.for_kiosk("BS-YY-001").help_articles("", "zh")) >= 15
        with store.db.transaction(write=False) as tx:
            assert tx.one("SELECT COUNT(*) AS n FROM applications")["n"] == 3
    finally:
        store.close()


OLD_EMBEDDED_SCHEMA = """
CREATE TABLE profiles (id_number TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE service_usage (service_id TEXT PRIMARY KEY, count INTEGER NOT NULL DEFAULT 0);
CREATE TABLE submissions (
    reference TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, service_id TEXT NOT NULL,
    id_number TEXT NOT NULL, answers TEXT NOT NULL, signature_png BLOB NOT NULL,
    kiosk_id TEXT NOT NULL, submitted_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'received',
    rating INTEGER, signed_by TEXT NOT NULL DEFAULT 'hand');
"""


def test_a_kiosk_database_from_the_old_embedded_platform_keeps_its_profiles_and_counts(
        tmp_path, utc_clock):
    path = tmp_path / "kiosk.sqlite"
    old = sqlite3.connect(path)  # the old kiosk/platform/embedded.py's tables, as it made them
    old.executescript(OLD_EMBEDDED_SCHEMA)
    with old:
        old.execute("INSERT INTO service_usage VALUES ('appointment', 5000)")
        old.execute("INSERT INTO profiles VALUES ('310113000000000001', '{\"phone\": \"1\"}')")
        old.execute("INSERT INTO profiles VALUES (?, ?)",
                    (ELDERLY.id_number, '{"phone": "13916627358"}'))
    old.close()
    store = Store.open(f"sqlite:///{path}", now=utc_clock)
    try:
        kiosk = store.for_kiosk("BS-YY-001")
        assert kiosk.usage_counts()["appointment"] == 5000
        grant = kiosk.open_visit(Consent(id_number=ELDERLY.id_number, purpose="personal_page",
                                         items=("phone",)))
        assert kiosk.profile(grant.visit_id) == {"phone": Attribute(value="13916627358",
                                                                    source="resident")}
        grant = kiosk.open_visit(Consent(id_number="310113000000000001", purpose="personal_page",
                                         items=("phone",)))
        assert kiosk.profile(grant.visit_id) == {"phone": Attribute(value="1", source="resident")}
    finally:
        store.close()


# --- a full disk ----------------------------------------------------------------------------

def _big_submission(number: int) -> Submission:
    return Submission(idempotency_key=f"big-key-{number:04d}",
                      reference=f"BSYY001-261130-{number:04d}", service_id="elderly_allowance",
                      id_number=ELDERLY.id_number, answers={},
                      signature_png=base64.b64encode(bytes(300_000)),
                      signed_at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC))


def test_sqlite_rolls_back_by_itself_when_full_so_a_second_rollback_would_hide_the_cause(
        tmp_path):
    """The old platform's failure, reproduced: after a full database SQLite has already
    rolled back, and ROLLBACK raises 'cannot rollback', which hid the real error."""
    connection = sqlite3.connect(tmp_path / "full.sqlite", isolation_level=None)
    connection.execute("CREATE TABLE t (b BLOB)")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages + 2}")
    connection.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        connection.execute("INSERT INTO t VALUES (?)", (bytes(300_000),))
    assert not connection.in_transaction
    with pytest.raises(sqlite3.OperationalError, match="cannot rollback"):
        connection.execute("ROLLBACK")
    connection.close()


def test_a_full_sqlite_store_reports_the_real_cause_and_stays_usable(tmp_path, utc_clock):
    path = tmp_path / "full.sqlite"
    store = Store.open(f"sqlite:///{path}", now=utc_clock)
    kiosk = store.for_kiosk("BS-YY-001")
    try:
        with store.db.transaction() as tx:  # this thread's connection: the one that submits
            pages = tx.one("PRAGMA page_count")["page_count"]
            tx.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(PlatformUnavailable) as failure:
            kiosk.submit(_big_submission(1))
        message = str(failure.value)
        assert "database or disk is full" in message and str(path) in message
        assert isinstance(failure.value.__cause__, sqlite3.OperationalError)
        assert not getattr(failure.value.__cause__, "__notes__", [])
        assert kiosk.usage_counts() == {}  # nothing half written
        with store.db.transaction() as tx:  # room again
            tx.execute("PRAGMA max_page_count = 1073741823")
        accepted = kiosk.submit(_big_submission(1))
        assert accepted.reference == "BSYY001-261130-0001"
        assert kiosk.usage_counts() == {"elderly_allowance": 1}
    finally:
        store.close()


# --- kiosks and tokens ------------------------------------------------------------------------

@ENGINES
def test_a_kiosk_token_is_given_once_and_kept_only_as_its_hash(store_url, utc_clock):
    store = Store.open(store_url, now=utc_clock, demo=True)
    try:
        token = store.register_kiosk("BS-YY-001", "bs.youyi")
        assert len(token) >= 40 and store.kiosk_for_token(token) == "BS-YY-001"
        assert store.kiosk_for_token(token + "x") is None
        with store.db.transaction(write=False) as tx:
            row = tx.one("SELECT * FROM kiosks WHERE kiosk_id = 'BS-YY-001'")
        assert row["token_sha256"] == hashlib.sha256(token.encode()).hexdigest()
        assert token not in repr(row)
        again = store.register_kiosk("BS-YY-001", "bs.youyi")
        assert again != token and store.kiosk_for_token(token) is None
        with pytest.raises(PlatformRefused, match="not_found"):
            store.register_kiosk("BS-YY-009", "bs.nowhere")
    finally:
        store.close()


# --- concurrency ------------------------------------------------------------------------------

@ENGINES
def test_kiosks_wanting_the_last_place_at_once_give_exactly_one_winner(store_url, utc_clock):
    store = Store.open(store_url, now=utc_clock, demo=True)
    try:
        kiosks = [store.for_kiosk(f"BS-YY-{n:03d}") for n in range(4)]
        visits = [kiosk.open_visit(Consent(id_number=ADULT.id_number, purpose="appointment",
                                           items=())).visit_id for kiosk in kiosks]
        days = [dt.date(2026, 12, 1) + dt.timedelta(days=n) for n in range(4)]
        for round_number, day in enumerate(days):
            slot = kiosks[0].slots("bs.youyi", "household", day, 1)[0]
            for n in range(slot.places_left - 1):  # leave one place
                kiosks[0].hold(HoldRequest(idempotency_key=f"fill-{round_number}-{n:04d}",
                                           slot_id=slot.id, visit_id=visits[0]))

            def hold(index, slot=slot, round_number=round_number):
                return kiosks[index].hold(HoldRequest(
                    idempotency_key=f"last-{round_number}-{index:04d}", slot_id=slot.id,
                    visit_id=visits[index]))

            results = _run_together(4, hold)
            won = [r for r in results if not isinstance(r, Exception)]
            lost = [r for r in results if isinstance(r, Exception)]
            assert len(won) == 1 and won[0].slot.places_left == 0
            assert [getattr(err, "reason", repr(err)) for err in lost] == ["slot_full"] * 3
    finally:
        store.close()


@ENGINES
def test_the_same_submission_from_two_deliveries_at_once_is_recorded_once(store_url, utc_clock):
    store = Store.open(store_url, now=utc_clock)
    try:
        kiosk = store.for_kiosk("BS-YY-001")
        results = _run_together(4, lambda _i: kiosk.submit(_big_submission(7)))
        assert all(not isinstance(r, Exception) for r in results), results
        assert len(set(results)) == 1
        assert kiosk.usage_counts() == {"elderly_allowance": 1}
    finally:
        store.close()


@ENGINES
def test_a_code_shown_to_several_kiosks_at_once_stands_for_its_resident_once(store_url,
                                                                              utc_clock):
    store = Store.open(store_url, now=utc_clock, demo=True)
    try:
        kiosks = [store.for_kiosk(f"BS-YY-{n:03d}") for n in range(4)]
        for _ in range(3):
            code = store.issue_code(ELDERLY.id_number)
            results = _run_together(4, lambda index, code=code: kiosks[index].resolve_code(code))
            won = [r for r in results if not isinstance(r, Exception)]
            assert len(won) == 1 and won[0].id_number == ELDERLY.id_number
            assert sorted(getattr(r, "reason", repr(r)) for r in results if r not in won) == [
                "code_used"] * 3
    finally:
        store.close()


@ENGINES
def test_a_shared_link_opened_on_several_phones_at_once_shows_the_record_once(store_url,
                                                                               utc_clock):
    store = Store.open(store_url, now=utc_clock, demo=True)
    try:
        kiosk = store.for_kiosk("BS-YY-001")
        visit_id = kiosk.open_visit(Consent(id_number=ADULT.id_number, purpose="personal_page",
                                            items=())).visit_id
        record = kiosk.record(visit_id, RecordRequest(kind="tax_payments", service_id="tax"))
        token = kiosk.share_record(visit_id, record.number).url.rsplit("/", 1)[1]
        results = _run_together(4, lambda _index: store.open_share(token))
        assert [r for r in results if not isinstance(r, Exception)] == [record]
        with store.db.transaction(write=False) as tx:
            kept = repr(tx.all("SELECT * FROM record_shares"))
        assert token not in kept
    finally:
        store.close()


# --- what an operator is told ------------------------------------------------------------------

@pytest.mark.parametrize(("url", "says"), [
    ("sqlite://relative/path.sqlite", "absolute path"),
    ("mysql://host/db", "use sqlite:///path or postgresql://"),
])
def test_a_bad_store_url_is_named_with_what_to_do(url, says):
    with pytest.raises(ValueError, match=says):
        open_database(url)


def test_an_unreachable_postgresql_is_unavailable_and_names_the_server_not_the_password():
    port = free_port()  # nothing listens there
    url = f"postgresql://kiosk:secret-pw@127.0.0.1:{port}/district"
    with pytest.raises(PlatformUnavailable, match=f"127.0.0.1:{port}/district") as failure:
        open_database(url)
    assert "secret-pw" not in str(failure.value)


def test_a_naive_clock_is_refused(tmp_path):
    with pytest.raises(ValueError, match="naive"):
        Store.open(f"sqlite:///{tmp_path / 's.sqlite'}",
                   now=lambda: dt.datetime(2026, 11, 30, 9, 0))  # no time zone


@ENGINES
def test_four_kiosks_issuing_one_residents_code_at_once_leave_one_valid_code(
        store_url, utc_clock, tmp_path):
    """Each new code revokes the one held before, in some order: a chain, one left unrevoked."""
    from district.codes.lists import RevocationList, open_list
    from district.models import OfflineCodeRequest

    store = Store.open(store_url, now=utc_clock, demo=True, keys=tmp_path / "keys")
    try:
        kiosks = [store.for_kiosk(f"BS-YY-{n:03d}") for n in range(4)]
        visits = [kiosk.open_visit(Consent(id_number=ELDERLY.id_number, purpose="offline_code",
                                           items=())).visit_id for kiosk in kiosks]
        results = _run_together(4, lambda i: kiosks[i].issue_offline_code(
            OfflineCodeRequest(visit_id=visits[i])))
        assert all(not isinstance(r, Exception) for r in results), results
        codes = {code.code_id for code in results}
        replaced = [code.replaced for code in results if code.replaced is not None]
        assert len(codes) == 4 and len(replaced) == 3 and set(replaced) < codes
        lists = kiosks[0].code_lists()
        revoked = open_list(store.code_keys.root().public_key(), lists.revocations,
                            RevocationList).revoked
        assert revoked == set(replaced) and len(codes - revoked) == 1
    finally:
        store.close()
