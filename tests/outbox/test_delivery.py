"""Delivery from a real outbox file into the real district store on SQLite, through the
kiosk's network switch: in order, at start and when woken, backing off with full jitter while
the network is down, keeping what the platform refuses, and across restarts."""

from __future__ import annotations

import random
import sqlite3
from datetime import timedelta

import pytest

from district.store.store import Store
from kiosk.delivery import Delivery, backoff, one_line
from kiosk.outbox import Outbox, State
from kiosk.platform.network import NetworkSwitch
from tests.outbox.items import KIOSK, audit, rating, submission

SETTLE = 30.0  # a hang guard for waits on the worker, not a guess at its speed


@pytest.fixture
def district(tmp_path, wall):
    path = tmp_path / "district.sqlite"
    store = Store.open(f"sqlite:///{path}", now=wall)
    yield store, path
    store.close()


@pytest.fixture
def network(district):
    return NetworkSwitch(district[0].for_kiosk(KIOSK))


@pytest.fixture
def deliveries(outbox, network, wall):
    made: list[Delivery] = []

    def make(box: Outbox = outbox, **options) -> Delivery:
        delivery = Delivery(box, network, now=wall, **options)
        made.append(delivery)
        return delivery

    yield make
    for delivery in made:
        delivery.stop()


def rows(path, sql: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def settled(delivery: Delivery, key: str) -> State:
    assert delivery.wait_until(lambda: delivery.outbox.get(key).state != State.PENDING, SETTLE)
    return delivery.outbox.get(key).state


def test_what_is_pending_at_start_is_delivered_in_order(outbox, deliveries, district, wall):
    store, path = district
    outbox.put(submission("first-submission", "BSYY001-261201-0001"))
    wall.advance(1)
    outbox.put(rating("then-its-rating", "BSYY001-261201-0001", score=2))
    outbox.put(audit("then-an-audit"))
    delivery = deliveries()
    delivery.start()
    assert settled(delivery, "then-an-audit") == State.DELIVERED
    assert outbox.counts() == {State.PENDING: 0, State.DELIVERED: 3, State.FAILED: 0}
    keys = [item.key for item in (outbox.get("first-submission"), outbox.get("then-its-rating"),
                                  outbox.get("then-an-audit"))]
    order = rows(outbox.path, "SELECT idempotency_key FROM items ORDER BY delivered_at, id")
    assert [key for (key,) in order] == keys
    assert store.for_kiosk(KIOSK).progress("BSYY001-261201-0001").status == "received"
    assert '"reference":"BSYY001-261201-0001"' in outbox.get("first-submission").answer
    assert rows(path, "SELECT score, reasons FROM ratings") == [(2, '["waiting_time"]')]
    assert rows(path, "SELECT event FROM audit_records") == [("kiosk.started",)]


def test_a_put_wakes_the_worker(outbox, deliveries):
    delivery = deliveries()
    delivery.start()
    outbox.put(audit("woken-by-put"))
    assert settled(delivery, "woken-by-put") == State.DELIVERED


def test_the_network_down_backs_off_with_full_jitter_up_to_the_cap(outbox, deliveries,
                                                                   network, wall):
    network.up = False
    delivery = deliveries(rng=random.Random(7))
    delivery.start()
    outbox.put(audit("while-down-0001"))
    expected = random.Random(7)
    for failures in range(1, 13):
        assert delivery.wait_until(lambda n=failures: delivery.failures == n, SETTLE)
        item = outbox.get("while-down-0001")
        bound = min(600.0, 2.0 * 2 ** (failures - 1))
        wait = (item.next_attempt_at - wall()).total_seconds()
        assert wait == pytest.approx(expected.uniform(0, bound), abs=1e-5)
        assert 0 <= wait <= bound
        assert (item.state, item.attempts) == (State.PENDING, failures)
        assert item.last_error == "network down (developer panel)"
        if failures == 3:  # not due yet: a look at the outbox does not try again
            rounds = delivery.rounds
            wall.advance(wait / 2)
            delivery.wake()
            assert delivery.wait_until(lambda r=rounds: delivery.rounds > r, SETTLE)
            assert outbox.get("while-down-0001").attempts == 3
            wall.advance(wait / 2)
        else:
            wall.advance(wait)
        delivery.wake()
    network.up = True
    wall.advance(600)
    delivery.wake()
    assert settled(delivery, "while-down-0001") == State.DELIVERED
    assert outbox.get("while-down-0001").last_error is None


def test_backoff_grows_from_two_seconds_to_ten_minutes():
    rng = random.Random(1)
    highest = [max(backoff(n, rng) for _ in range(200)) for n in (1, 2, 5, 9, 10, 40, 1000)]
    assert highest[0] <= 2 and highest[1] <= 4 and highest[2] <= 32
    assert 256 < highest[3] <= 512 and all(256 < h <= 600 for h in highest[4:])
    assert min(backoff(1, rng) for _ in range(200)) < 0.1  # full jitter reaches down to 0


def test_a_refusal_is_kept_with_its_reason_and_the_next_item_goes_on(outbox, deliveries):
    outbox.put(submission("wrong-kiosk-1", "XX999-261201-0001"))
    outbox.put(submission("right-kiosk-1", "BSYY001-261201-0002"))
    delivery = deliveries()
    delivery.start()
    assert settled(delivery, "right-kiosk-1") == State.DELIVERED
    kept = outbox.get("wrong-kiosk-1")
    assert (kept.state, kept.failed_reason) == (State.FAILED, "forbidden")
    assert "BSYY001" in kept.last_error
    assert outbox.failed_items() == [kept]


def test_a_conflict_after_an_earlier_attempt_counts_as_delivered(outbox, deliveries, network):
    sent = submission("sent-before-crash", "BSYY001-261201-0001")
    other = sent.model_copy(update={"answers": {"phone": "13900000000"}})
    network.submit(other)  # the platform holds the key, with content it sees as different
    item = outbox.put(sent)
    outbox.begin_attempt(item.id)  # as a kiosk that stopped during its call would leave it
    never_tried = outbox.put(submission("never-tried-001", "BSYY001-261201-0001"))
    delivery = deliveries()
    delivery.start()
    assert settled(delivery, "never-tried-001") == State.FAILED
    assert outbox.get("sent-before-crash").state == State.DELIVERED
    assert outbox.get(never_tried.key).failed_reason == "conflict"


def test_items_wait_across_a_restart_and_go_once_the_network_is_back(
        tmp_path, outbox, deliveries, network, wall, district):
    network.up = False
    first = deliveries()
    first.start()
    for number in range(3):
        outbox.put(submission(f"restart-{number:04d}", f"BSYY001-261201-{number + 1:04d}"))
    assert first.deliver_now("restart-0002", SETTLE) == State.PENDING
    first.stop()
    assert not first.wait_until(lambda: False, 0)  # stopped: nothing to wait for
    outbox.close()
    again = Outbox(outbox.path, now=wall)
    try:
        network.up = True
        second = deliveries(again)
        second.start()
        assert settled(second, "restart-0002") == State.DELIVERED
        assert again.counts()[State.DELIVERED] == 3
        _, path = district
        assert rows(path, "SELECT COUNT(*) FROM applications") == [(3,)]
    finally:
        second.stop()
        again.close()


def test_deliver_now_says_delivered_or_pending(outbox, deliveries, network):
    delivery = deliveries()
    delivery.start()
    outbox.put(audit("urgent-up-0001"))
    assert delivery.deliver_now("urgent-up-0001", SETTLE) == State.DELIVERED
    network.up = False
    outbox.put(audit("urgent-down-01"))
    failures = delivery.failures
    assert delivery.deliver_now("urgent-down-01", SETTLE) == State.PENDING
    assert delivery.failures > failures  # it answered on the failed attempt, not the bound


def test_error_lines_mask_long_numbers():
    error = ValueError("resident 310113194403150029 phone 13916627358\nsecond line")
    assert one_line(error) == "resident 31… phone 13…"
    assert one_line(RuntimeError()) == "RuntimeError"
    assert one_line(ValueError("BSYY001-261201-0007 refused")) == "BSYY001-261201-0007 refused"


def test_stop_ends_the_worker_while_it_backs_off(outbox, deliveries, network, wall):
    network.up = False
    delivery = deliveries()
    delivery.start()
    outbox.put(audit("stuck-while-down"))
    assert delivery.wait_until(lambda: outbox.get("stuck-while-down").attempts == 1, SETTLE)
    wall.advance(0)
    delivery.stop()  # the conftest checks no thread is left
    assert outbox.get("stuck-while-down").state == State.PENDING
    assert timedelta(0) <= outbox.get("stuck-while-down").next_attempt_at - wall()
