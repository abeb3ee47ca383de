"""The offline-codes benchmark, run small so it cannot rot: it issues, makes the lists and
has a kiosk take them, and says whether its targets were met."""

from __future__ import annotations

from bench.offline_codes import run


def test_the_offline_codes_benchmark_issues_signs_and_takes_the_lists():
    result = run(issues=3, residents=50, rounds=2)
    assert 0 < result["issue_p50_ms"] <= result["issue_p95_ms"]
    assert result["code_lists_10k_median_ms"] > 0 and result["kiosk_take_10k_median_ms"] > 0
    assert result["residents_added"] == 50 and result["status_list_10k_bytes"] > 50 * 32
    assert isinstance(result["ok"], bool)
