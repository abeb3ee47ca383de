"""What needs a visit: a kiosk's alerts from its latest beat, and the fleet's order."""

from __future__ import annotations

import datetime as dt

from district.fleet_alerts import Alert, alerts, counts, disk_low, sort_key
from tests.district.fleet_sim import beat

NOW = dt.datetime(2026, 11, 30, 1, 0, tzinfo=dt.UTC)
JUST_NOW = NOW - dt.timedelta(seconds=30)


def test_a_healthy_kiosk_heard_lately_has_no_alert():
    assert alerts(beat(JUST_NOW), JUST_NOW, NOW) == ()


def test_silent_after_two_minutes_or_never_heard_from():
    assert alerts(beat(JUST_NOW), NOW - dt.timedelta(seconds=120), NOW) == ()
    assert alerts(beat(JUST_NOW), NOW - dt.timedelta(seconds=121), NOW) == (Alert.SILENT,)
    assert alerts(None, None, NOW) == (Alert.SILENT,)


def test_each_fault_of_a_beat_is_its_alert():
    cases = [
        ({"printer": "hardware_error"}, (Alert.HARDWARE_ERROR,)),
        ({"paper": "out"}, (Alert.PAPER_OUT,)),
        ({"paper": "jammed"}, (Alert.PAPER_JAMMED,)),
        ({"paper": "low"}, (Alert.PAPER_LOW,)),
        ({"paper": "unknown"}, ()),
        ({"free_mb": 499, "total_mb": 1_000_000}, (Alert.DISK_LOW,)),
        ({"printer": "offline"}, ()),  # offline is not a repair; it shows in the devices
    ]
    for fault, expected in cases:
        assert alerts(beat(JUST_NOW, **fault), JUST_NOW, NOW) == expected, fault


def test_alerts_come_worst_first_and_a_silent_kiosk_keeps_its_last_faults():
    found = alerts(beat(JUST_NOW, paper="low", printer="hardware_error", free_mb=10),
                   NOW - dt.timedelta(hours=1), NOW)
    assert found == (Alert.SILENT, Alert.HARDWARE_ERROR, Alert.DISK_LOW, Alert.PAPER_LOW)


def test_disk_nearly_full_is_under_5_percent_or_under_500_mb():
    assert disk_low(499, 100_000) and not disk_low(500, 10_000)
    assert disk_low(999, 20_000) and not disk_low(1000, 20_000)  # 5% of 20 GB is 1000 MB
    assert not disk_low(600, 0)  # a total not known: only the 500 MB rule


def test_the_fleet_sorts_by_worst_alert_then_most_alerts_then_id():
    kiosks = {
        "A-healthy": (),
        "B-low": (Alert.PAPER_LOW,),
        "C-out": (Alert.PAPER_OUT,),
        "D-silent": (Alert.SILENT,),
        "E-out-low": (Alert.PAPER_OUT, Alert.PAPER_LOW),
        "F-hardware": (Alert.HARDWARE_ERROR,),
        "G-disk": (Alert.DISK_LOW,),
        "0-healthy": (),
    }
    order = sorted(kiosks, key=lambda k: sort_key(k, kiosks[k]))
    assert order == ["D-silent", "F-hardware", "E-out-low", "C-out", "G-disk", "B-low",
                     "0-healthy", "A-healthy"]


def test_counts_name_every_alert():
    found = counts([(Alert.SILENT, Alert.PAPER_OUT), (Alert.PAPER_OUT,), ()])
    assert found == {**dict.fromkeys(Alert, 0), Alert.SILENT: 1, Alert.PAPER_OUT: 2}
