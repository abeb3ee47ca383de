"""The fleet benchmark, run briefly so it cannot rot: a real durable PostgreSQL, the real
`platform serve` with two workers, a few hundred simulated kiosks for a few seconds."""

from __future__ import annotations

import pytest

from bench.fleet import run

pytestmark = pytest.mark.slow


def test_the_fleet_benchmark_drives_heartbeats_and_times_the_fleet():
    result = run(kiosks=200, seconds=2, warm_up=1, interval=2, fleets=(50,))
    beats = result["heartbeats"]
    assert beats["errors"] == 0, beats["errors_by_kind"]
    assert beats["beats"] == 200  # every beat due in the measured 2 s, at 100 a second
    assert 0 < beats["p50_ms"] <= beats["p95_ms"] <= beats["p99_ms"] <= beats["max_ms"]
    assert beats["per_second"] > 0 and beats["cpu_ms_each"]["server"] > 0
    assert result["target"] == {"per_second": 100.0, "p99_ms": 100.0}
    assert isinstance(result["ok"], bool)
    pages = result["fleet_page"]
    assert [page["kiosks"] for page in pages] == [50, 200]
    assert all(page["median_ms"] > 0 for page in pages)
    assert pages[0]["bytes"] < pages[1]["bytes"]  # a fuller first page (100 a page)
    during = result["fleet_page_under_load"]
    assert during["loads"] == 1 and during["median_ms"] > 0  # one every 10 s of the 2 measured
    assert during["bytes"] > pages[0]["bytes"]
