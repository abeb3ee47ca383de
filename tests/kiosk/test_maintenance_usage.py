"""Maintenance's usage page from a real outbox: submissions and ratings kept at known times
on an injected wall clock, counted in Shanghai's days, week and hours, offline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from drivers.printer.simulator import SimulatedPrinter
from kiosk.outbox import Outbox
from kiosk.view import ScreenName
from tests.fakes import TODAY
from tests.kiosk import form_walk
from tests.kiosk.maintenance_rig import enter
from tests.kiosk.rig import build_rig
from tests.outbox.items import WallClock, rating, submission

# Wednesday 2 December 2026, 10:30 in Shanghai (02:30 UTC); the week began on Monday the 30th
NOW = datetime(2026, 12, 2, 2, 30, tzinfo=UTC)


@pytest.fixture
def wall() -> WallClock:
    return WallClock(NOW)


@pytest.fixture
def usage_rig(settings, clock, wall):
    printer = SimulatedPrinter("printer")
    printer.start()
    rig = build_rig(settings, clock, TODAY, printer, wall=wall, network_up=False)
    rig.closers.insert(0, printer.stop)
    yield rig
    rig.close()


def put_at(rig, wall, when: datetime, model, seconds: float | None = None) -> None:
    wall.now = when
    rig.outbox.put(model, visit_seconds=seconds)


def fill(rig, wall) -> None:
    # Sunday 29 November 23:50 Shanghai (15:50 UTC): last week, not counted
    put_at(rig, wall, datetime(2026, 11, 29, 15, 50, tzinfo=UTC),
           submission("old-item-key", service="elderly_allowance"), 100)
    # Sunday 29 November 16:30 UTC = Monday 30 November 00:30 Shanghai: this week, hour 0
    put_at(rig, wall, datetime(2026, 11, 29, 16, 30, tzinfo=UTC),
           submission("mon-item-key", service="elderly_allowance"), 300)
    # Tuesday 10:05 Shanghai
    put_at(rig, wall, datetime(2026, 12, 1, 2, 5, tzinfo=UTC),
           submission("tue-item-key", service="elderly_allowance").model_copy(
               update={"first_try": False}), 500)
    # today (Wednesday, Shanghai) 00:10, 10:00 and 10:20
    put_at(rig, wall, datetime(2026, 12, 1, 16, 10, tzinfo=UTC),
           submission("wed1-item-key", service="elderly_allowance"), 400)
    put_at(rig, wall, datetime(2026, 12, 2, 2, 0, tzinfo=UTC),
           submission("wed2-item-key", service="social_security_record"))
    put_at(rig, wall, datetime(2026, 12, 2, 2, 20, tzinfo=UTC),
           submission("wed3-item-key", service="social_security_record"), 200)
    for number, score in enumerate((5, 4, 5, 1)):
        put_at(rig, wall, datetime(2026, 12, 2, 2, 25, tzinfo=UTC),
               rating(f"rating-key-{number}", score=score))
    wall.now = NOW


def shown(rig):
    enter(rig.kiosk)
    rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_USAGE.value)
    return rig.state.maintenance.usage


def test_counts_today_and_this_week_in_shanghai_time(usage_rig, wall):
    fill(usage_rig, wall)
    usage = shown(usage_rig)
    assert (usage.today, usage.week) == (3, 5)
    rows = {row.title: (row.today, row.week) for row in usage.services}
    catalogue = usage_rig.kiosk.catalogue
    allowance = catalogue.get("elderly_allowance").title.get("zh_CN")
    record = catalogue.get("social_security_record").title.get("zh_CN")
    assert rows == {allowance: (1, 3), record: (2, 2)}
    assert usage.services[0].title == allowance  # the busiest first


def test_pass_rate_ratings_time_and_hours(usage_rig, wall):
    fill(usage_rig, wall)
    usage = shown(usage_rig)
    assert usage.first_try == "80%"  # 4 of this week's 5 passed at the first try
    assert usage.ratings == (1, 0, 0, 1, 2) and usage.rating_average == "3.8"
    assert usage.average_time == "5 分 50 秒"  # (300 + 500 + 400 + 200) / 4 timed
    assert len(usage.hours) == 24 and sum(usage.hours) == 5
    assert usage.hours[0] == 2 and usage.hours[10] == 3
    assert usage.busiest == "10:00–11:00"


def test_counted_offline_and_kept_after_delivery_forgets_the_item(usage_rig, wall):
    """The items go once delivered and old; the usage rows (nothing personal) stay."""
    fill(usage_rig, wall)
    usage_rig.network_down(False)
    delivery = usage_rig.kiosk.delivery
    delivery.urge()
    assert delivery.wait_until(lambda: usage_rig.outbox.head() is None, 120)
    usage_rig.outbox.retention = timedelta(days=1)  # [privacy] retention_days = 1
    wall.now = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # more than a day later
    usage_rig.kiosk.before_visit()  # purges delivered items past the retention
    assert usage_rig.outbox.get("wed1-item-key") is None
    assert shown(usage_rig).week == 5


def test_an_empty_week(usage_rig):
    usage = shown(usage_rig)
    assert (usage.today, usage.week, usage.services) == (0, 0, ())
    assert usage.first_try == usage.rating_average == usage.average_time == "—"
    assert usage.hours == (0,) * 24


def test_an_outbox_of_schema_1_gains_the_usage_table(tmp_path):
    import sqlite3

    from kiosk.outbox import SCHEMA

    path = tmp_path / "outbox.sqlite"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA + "PRAGMA user_version = 1;")
    db.close()
    outbox = Outbox(path)
    try:
        outbox.put(submission("s-item-key"), visit_seconds=60)
        assert [use.seconds for use in outbox.usage_since(datetime(2000, 1, 1, tzinfo=UTC))
                ] == [60]
    finally:
        outbox.close()


def test_a_visit_records_its_time_from_the_first_touch(rig, clock):
    """Through the real visit: the seconds from its first touch to submitting, not from
    the last wipe (the kiosk may rest on the attract screen for hours)."""
    clock.advance(3600)  # resting
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)
    rig.jobs.finish()
    rig.kiosk.choose_service("elderly_allowance")
    clock.advance(240)
    form_walk.to_sign(rig.kiosk)
    rig.kiosk.confirm_without_signature()
    rig.jobs.finish()
    uses = rig.outbox.usage_since(datetime(2000, 1, 1, tzinfo=UTC))
    assert [(use.service_id, use.seconds, use.first_try) for use in uses] == [
        ("elderly_allowance", 240, True)]


def test_counted_again_each_minute_not_each_second(usage_rig, wall, clock):
    fill(usage_rig, wall)
    assert shown(usage_rig).week == 5
    put_at(usage_rig, wall, NOW, submission("late-item-key", service="tax_record"), 60)
    clock.advance(30)
    usage_rig.kiosk.tick()
    assert usage_rig.state.maintenance.usage.week == 5  # the same count, half a minute on
    clock.advance(31)
    usage_rig.kiosk.tick()
    assert usage_rig.state.maintenance.usage.week == 6
    usage_rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_USAGE.value)
    assert usage_rig.state.maintenance.usage.today == 4
