"""The embedded platform on a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest

from drivers.idcard.samples import ELDERLY
from kiosk.platform import PlatformUnavailable, Submission
from kiosk.platform.embedded import EmbeddedPlatform
from kiosk.platform.network import NetworkSwitch


def submission(key: str = "k1") -> Submission:
    return Submission(key, "elderly_allowance", ELDERLY.id_number, {"phone": "139"},
                      b"\x89PNG", "BS-YY-001")


@pytest.fixture
def platform(tmp_path):
    store = EmbeddedPlatform(tmp_path / "kiosk.sqlite", now=lambda: datetime(2026, 11, 28, 9, 30))
    yield store
    store.close()


def test_seeded_profiles_and_usage(platform):
    assert platform.profile(ELDERLY.id_number)["phone"].startswith("139")
    assert platform.profile("000") == {}
    usage = platform.usage_counts()
    assert max(usage, key=usage.get) == "elderly_allowance"


def test_submit_numbers_references_per_day_and_is_idempotent(platform, tmp_path):
    first = platform.submit(submission("a"))
    again = platform.submit(submission("a"))
    second = platform.submit(submission("b"))
    assert first.reference == again.reference == "BS202611280001"
    assert second.reference == "BS202611280002"
    rows = sqlite3.connect(tmp_path / "kiosk.sqlite").execute(
        "SELECT reference, signature_png FROM submissions ORDER BY reference").fetchall()
    assert [r[0] for r in rows] == ["BS202611280001", "BS202611280002"]
    assert rows[0][1] == b"\x89PNG"


def test_submissions_survive_a_restart(tmp_path):
    path = tmp_path / "kiosk.sqlite"
    store = EmbeddedPlatform(path)
    reference = store.submit(submission()).reference
    store.close()
    reopened = EmbeddedPlatform(path)
    try:
        assert reopened.lookup(reference).reference == reference
        assert reopened.usage_counts()["elderly_allowance"] == 1821
    finally:
        reopened.close()


def test_rating_is_recorded_and_bounded(platform):
    reference = platform.submit(submission()).reference
    platform.rate(reference, 5)
    with pytest.raises(ValueError):
        platform.rate(reference, 9)


def test_network_switch_refuses_while_down_and_records_nothing(platform):
    network = NetworkSwitch(platform)
    network.up = False
    with pytest.raises(PlatformUnavailable):
        network.submit(submission())
    network.up = True
    assert network.submit(submission()).reference.endswith("0001")
