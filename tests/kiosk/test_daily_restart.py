"""The daily restart (kiosk/daily_restart.py) on the rig's real kiosk, with a wall clock the
test sets: at `[restart] daily_at` Shanghai time, only while the kiosk rests, once a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.daily_restart import SHANGHAI, next_restart
from kiosk.maintenance import RESTART_CODE
from kiosk.modes.base import ModeName
from tests.kiosk.maintenance_rig import audits


class Wall:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at.astimezone(UTC)


def shanghai(day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def restarts(rig):
    """The rig's kiosk on a settable wall clock at 03:50; the exit codes it asked for."""
    wall = Wall(shanghai(1, 3, 50))
    rig.kiosk.wall_clock = wall
    asked: list[int] = []
    rig.kiosk.on_stop.append(asked.append)
    rig.kiosk.tick()
    return rig, wall, asked


def test_resting_at_the_hour_it_restarts_once_and_says_so(restarts):
    rig, wall, asked = restarts
    wall.at = shanghai(1, 3, 59)
    rig.kiosk.tick()
    assert asked == []
    wall.at = shanghai(1, 4, 0)
    rig.kiosk.tick()
    assert asked == [RESTART_CODE]
    wall.at = shanghai(1, 4, 5)  # not again the same day, should the process go on
    rig.kiosk.tick()
    assert asked == [RESTART_CODE]
    assert ("kiosk.daily_restart", "at=04:00") in audits(rig)


def test_never_in_a_visit_but_at_the_rest_after_it(restarts):
    rig, wall, asked = restarts
    rig.kiosk.start()
    wall.at = shanghai(1, 4, 1)
    rig.kiosk.tick()
    assert asked == [] and rig.kiosk.session.active
    rig.kiosk.end_visit("finished")
    wall.at = shanghai(1, 4, 12)
    rig.kiosk.tick()
    assert asked == [RESTART_CODE]


def test_never_in_maintenance_but_when_the_technician_leaves(restarts):
    rig, wall, asked = restarts
    rig.kiosk.switch_to(ModeName.MAINTENANCE)
    wall.at = shanghai(1, 4, 30)
    rig.kiosk.tick()
    assert asked == []
    rig.kiosk.end_visit("maintenance left")
    rig.kiosk.tick()
    assert asked == [RESTART_CODE]


def test_a_kiosk_started_after_the_hour_waits_for_tomorrow():
    started = shanghai(1, 4, 0) + timedelta(seconds=20)  # just restarted by the daily restart
    assert next_restart(started, "04:00") == shanghai(2, 4, 0)
    assert next_restart(shanghai(1, 3, 59), "04:00") == shanghai(1, 4, 0)
    assert next_restart(shanghai(1, 23, 0).astimezone(UTC), "00:30") == shanghai(2, 0, 30)
    assert next_restart(started, "") is None


def test_an_empty_setting_never_restarts(make_rig):
    rig = make_rig()
    rig.kiosk.daily_restart.daily_at = ""
    wall = Wall(shanghai(1, 3, 0))
    rig.kiosk.wall_clock = wall
    rig.kiosk.tick()
    for day in (1, 2, 3):
        wall.at = shanghai(day, 4, 0)
        rig.kiosk.tick()
    assert rig.kiosk.stop_requested is None
