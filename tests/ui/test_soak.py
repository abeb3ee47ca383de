"""The soak itself: a short run through the real kiosk passes issue 11's limits and
reports every figure; a leak planted through its hook (a timer started each visit and
never stopped) makes the verdict fail, naming it."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from ui.soak.run import run_soak


def test_a_short_soak_passes_and_reports_every_figure(qtbot):
    report = run_soak(40, seed=11, real_voice=False)
    data = report.to_json()
    assert data["failures"] == [] and data["ok"], "\n".join(report.lines())
    assert data["sessions"] == 40
    spent = data["seconds_per_session"]
    assert 0 < spent["median"] <= spent["p95"] <= spent["max"]
    assert data["unhandled_exceptions"] == {"count": 0, "first": []}
    assert data["stuck_journeys"]["count"] == 0
    assert data["warm_up_after_sessions"] == 4
    for moment in ("warm_up", "end"):
        figures = data[moment]
        assert figures["rss_mb"] > 50 and figures["fds"] > 3 and figures["threads"] > 1
        assert figures["qt_objects"] > 0 and figures["timers"] > 0
        assert figures["visit_files"] == 0
    assert data["growth"]["rss_mb"] <= 20
    assert data["temp_files_after_close"] == 0
    # the random journeys reached what they are for, and the faults struck
    journeys = data["journeys"]
    assert journeys.get("service", 0) > 0 and sum(
        n for k, n in journeys.items() if k.startswith("identify:")) == 40
    assert sum(data["faults"].values()) > 0


def test_a_timer_left_behind_each_visit_fails_the_verdict(qtbot):
    leaked: list[QTimer] = []

    def leak(app) -> None:  # a timer started per visit and never stopped
        timer = QTimer(app.window)
        timer.start(60_000)
        leaked.append(timer)

    try:
        report = run_soak(12, seed=3, real_voice=False, hooks=(leak,))
    finally:
        for timer in leaked:
            timer.stop()
    failures = report.failures()
    assert any(line.startswith("timers left behind") for line in failures), failures
    data = report.to_json()
    assert not data["ok"]
    assert data["end"]["timers"] - data["warm_up"]["timers"] == 12 - 1
    assert "soak: FAILED: " in report.lines()[-1] and "timers left behind" in report.lines()[-1]
