"""The session's idle clock and wipe, on a fake clock."""

from __future__ import annotations

from drivers.idcard.samples import ADULT, ELDERLY
from kiosk.config import Timeouts
from kiosk.session import Phase, Resident, Session


def make(clock):
    return Session(clock, Timeouts(idle_seconds=90, warning_seconds=30), language="zh_CN")


def test_warns_after_idle_then_expires(clock):
    session = make(clock)
    session.identify(Resident(ELDERLY))
    clock.advance(89)
    assert not session.tick().warning
    clock.advance(2)
    idle = session.tick()
    assert idle.warning and 28 < idle.remaining <= 30
    clock.advance(30)
    assert session.tick().expired


def test_one_touch_extends_at_least_ten_times(clock):
    session = make(clock)
    session.identify(Resident(ELDERLY))
    for _ in range(12):
        clock.advance(95)
        assert session.tick().warning
        session.touch()
        assert not session.tick().warning
    assert session.extensions_used == 12


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
    session.mode = "care"
    session.identify(Resident(ELDERLY))
    clock.advance(91)
    assert not session.tick().warning
    clock.advance(180)
    assert session.tick().warning


def test_end_wipes_person_answers_signature_files_and_preferences(clock, tmp_path):
    session = Session(clock, Timeouts(), tmp_path, language="zh_CN")
    session.begin()
    session.language = "en"
    session.identify(Resident(ELDERLY, {"phone": "13900000000"}))
    session.enter_service("elderly_allowance")
    session.answers["phone"] = "13900000000"
    session.signature_png = b"\x89PNG..."
    private = session.temp_dir / "signature.png"
    private.write_bytes(b"x")
    session.end()
    assert session.phase == Phase.WIPED
    assert session.resident is None and session.answers == {} and session.signature_png is None
    assert session.language == "zh_CN"
    assert not private.exists() and not any(tmp_path.iterdir())


def test_a_different_card_ends_the_first_visit(clock):
    session = make(clock)
    session.identify(Resident(ELDERLY))
    session.enter_service("elderly_allowance")
    session.answers["x"] = "1"
    session.identify(Resident(ADULT))
    assert session.resident.name == ADULT.name
    assert session.answers == {} and session.phase == Phase.IDENTIFIED


def test_attract_is_not_timed(clock):
    session = make(clock)
    clock.advance(10_000)
    assert not session.tick().warning and not session.tick().expired
