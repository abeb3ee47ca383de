"""The session's idle clock and its wipe, on a fake clock."""

from __future__ import annotations

from drivers.idcard.samples import ELDERLY
from kiosk.config import Timeouts
from kiosk.session import Phase, Resident, Session
from kiosk.signature import Signature


def make(clock, **options):
    return Session(clock, Timeouts(idle_seconds=90, warning_seconds=30), language="zh_CN",
                   **options)


def test_warns_after_idle_then_expires(clock):
    session = make(clock)
    session.identify(Resident(ELDERLY))
    clock.advance(89)
    assert not session.tick().warning
    clock.advance(2)
    idle = session.tick()
    assert idle.warning and 28 < idle.remaining <= 30
    assert session.warning_left() == idle.remaining
    clock.advance(30)
    assert session.tick().expired


def test_one_touch_extends_at_least_ten_times(clock):
    session = make(clock)
    session.identify(Resident(ELDERLY))
    for _ in range(12):
        clock.advance(95)
        assert session.tick().warning
        session.touch()
        assert not session.tick().warning and session.warning_left() is None
    assert session.visit.extensions_used == 12


def test_no_timeout_while_signing_or_printing(clock):
    session = make(clock)
    session.identify(Resident(ELDERLY))
    session.hold("signing")
    clock.advance(10_000)
    assert session.tick() == session.tick() and not session.tick().warning
    session.release("signing")
    assert not session.tick().warning  # releasing counts as activity


def test_timeouts_scale_for_care_mode(clock):
    session = make(clock)
    session.visit.display_mode = "care"
    session.identify(Resident(ELDERLY))
    clock.advance(91)
    assert not session.tick().warning
    clock.advance(180)
    assert session.tick().warning


def test_the_wipe_leaves_a_visit_equal_to_a_new_kiosks(clock, tmp_path):
    fresh = make(clock, temp_root=tmp_path).visit
    session = make(clock, temp_root=tmp_path)
    session.begin()
    session.visit.language = "en"
    session.visit.headphones = True
    session.identify(Resident(ELDERLY, {"phone": "13900000000"}))
    session.enter_service("elderly_allowance", {"phone": "13900000000"})
    session.visit.signature = Signature((((0.0, 0.0), (5.0, 5.0)),), 10, 10)
    private = session.temp_dir() / "signature.png"
    private.write_bytes(b"x")
    old = session.wipe()
    assert session.visit == fresh and session.visit is not fresh  # equal, but a new visit
    assert old.resident is not None and session.visit.phase == Phase.ATTRACT
    assert not private.exists() and not any(tmp_path.iterdir())


def test_folders_of_visits_a_crash_never_ended_are_removed(clock, tmp_path):
    session = make(clock, temp_root=tmp_path)
    left = session.temp_dir()
    (left / "signature.png").write_bytes(b"x")
    restarted = make(clock, temp_root=tmp_path)  # the process died; a new one starts
    restarted.remove_leftovers()
    assert not left.exists()


def test_attract_is_not_timed(clock):
    session = make(clock)
    clock.advance(10_000)
    assert not session.tick().warning and not session.tick().expired
