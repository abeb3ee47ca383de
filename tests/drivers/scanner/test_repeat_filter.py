"""The repeat filter with an injected clock: no test sleeps."""

from __future__ import annotations

import pytest

from drivers.scanner.repeat_filter import RepeatFilter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_a_code_seen_again_within_the_window_is_reported_once(clock: FakeClock) -> None:
    repeats = RepeatFilter(3.0, clock)
    assert repeats.accept(b"code")
    clock.now += 1.0
    assert not repeats.accept(b"code")
    clock.now += 1.9
    assert not repeats.accept(b"code")


def test_a_code_is_reported_again_after_the_window_has_passed(clock: FakeClock) -> None:
    repeats = RepeatFilter(3.0, clock)
    assert repeats.accept(b"code")
    clock.now += 3.0
    assert repeats.accept(b"code")


def test_every_sighting_restarts_the_window(clock: FakeClock) -> None:
    # A phone left under the camera is seen in every frame: one report, not one per window.
    repeats = RepeatFilter(3.0, clock)
    reports = 0
    for _ in range(100):  # ten seconds of frames at 10 fps
        reports += repeats.accept(b"code")
        clock.now += 0.1
    assert reports == 1
    clock.now += 3.0  # taken away for three seconds, then shown again
    assert repeats.accept(b"code")


def test_different_codes_do_not_hide_each_other(clock: FakeClock) -> None:
    repeats = RepeatFilter(3.0, clock)
    assert repeats.accept(b"first")
    assert repeats.accept(b"second")
    assert not repeats.accept(b"first")


def test_reset_forgets_every_code(clock: FakeClock) -> None:
    repeats = RepeatFilter(3.0, clock)
    repeats.accept("code")
    repeats.reset()
    assert repeats.accept("code")


def test_a_zero_window_lets_every_scan_through(clock: FakeClock) -> None:
    repeats = RepeatFilter(0, clock)
    assert all(repeats.accept(b"code") for _ in range(3))


def test_a_negative_window_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        RepeatFilter(-1)
