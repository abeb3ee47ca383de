"""Getting into maintenance mode, without Qt: the corner rule, the PIN's hash, the lockout on
the session's clock, technician codes (good, expired, forged, another kiosk's, replayed),
the menu's refusals, the cleaning pause, leaving; every step read back from the outbox."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from district.signing import KEY_FILE, sign, signing_key
from drivers.base import CodeScanned, DeviceState, DeviceStatus, StatusChanged
from kiosk.config import ConfigError, load_settings
from kiosk.device_policy import ESSENTIAL_DEVICES
from kiosk.maintenance import RESTART_CODE
from kiosk.maintenance.entry import LOCK_SECONDS, CornerTaps
from kiosk.maintenance.pin import check_pin, hash_pin, parse, pin_problem
from kiosk.maintenance.technician_code import make_code
from kiosk.modes import ModeName
from kiosk.view import ScreenName

PIN = "24680"
S = ScreenName


@pytest.fixture
def settings(tmp_path):
    base = load_settings(data_dir=tmp_path / "data")
    return base.model_copy(update={"maintenance": base.maintenance.model_copy(
        update={"pin_hash": hash_pin(PIN)})})


def audits(rig) -> list[tuple[str, str]]:
    with sqlite3.connect(rig.kiosk.settings.data_dir / "outbox.sqlite") as db:
        rows = db.execute("SELECT idempotency_key FROM items WHERE kind = 'audit'"
                          " ORDER BY id").fetchall()
    payloads = [json.loads(rig.kiosk.outbox.get(key).payload) for (key,) in rows]  # sealed
    return [(p["event"], p["detail"]) for p in payloads]


def five_taps(rig, gap: float = 0.5) -> None:
    for _ in range(5):
        rig.kiosk.corner_tap()
        rig.kiosk.session._clock.advance(gap)


def code(rig, **options) -> str:
    key = signing_key(rig.kiosk.settings.data_dir / KEY_FILE)
    return make_code(key, "王师傅", **options)


def scan(rig, text: str) -> None:
    rig.kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))


# --- the rule and the hash, on their own --------------------------------------------------

def test_five_taps_within_three_seconds_and_no_fewer_or_slower():
    taps = CornerTaps()
    assert not any(taps.tap(t) for t in (0.0, 0.5, 1.0, 1.5))
    assert taps.tap(2.9)
    taps = CornerTaps()
    assert not any(taps.tap(t) for t in (0.0, 1.0, 2.0, 3.0, 4.0))  # a slow hand: never 5
    assert taps.tap(4.5) is False and taps.tap(4.9) is True  # 2.0..4.9: five in 3 s


def test_pin_hash_holds_its_parameters_and_a_random_salt():
    one, two = hash_pin(PIN), hash_pin(PIN)
    assert one.startswith("scrypt$n=16384,r=8,p=1$") and one != two
    assert check_pin(PIN, one) and check_pin(PIN, two)
    assert not check_pin("24681", one) and not check_pin(PIN, "scrypt$junk")
    assert parse(one)[:3] == (16384, 8, 1)
    for bad in ("", "md5$abc", "scrypt$n=1000,r=8,p=1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==",
                "scrypt$n=16384,r=8,p=1$!!$AAAA"):
        with pytest.raises(ValueError):
            parse(bad)
    assert pin_problem("12a4") and pin_problem("123") and not pin_problem("1234")


def test_a_malformed_hash_in_the_site_file_is_one_line_naming_the_key(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text('[site]\nkiosk_id = "BS-T-1"\nname_zh = "测"\nname_en = "T"\n'
                    '[maintenance]\npin_hash = "scrypt$n=16384$oops"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(site, tmp_path / "data")
    line = str(raised.value)
    assert "\n" not in line and "maintenance.pin_hash" in line and "maintenance-pin" in line


# --- the gesture ---------------------------------------------------------------------------

def test_the_gesture_opens_the_pad_only_on_a_resting_screen(rig):
    five_taps(rig, gap=0.8)  # 3.2 s: too slow
    assert rig.view.screen == S.ATTRACT
    five_taps(rig)
    assert rig.kiosk.mode.name == ModeName.MAINTENANCE and rig.view.screen == S.MAINTENANCE_ENTRY
    rig.kiosk.cancel_maintenance()
    assert rig.view.screen == S.ATTRACT and rig.state.maintenance is None
    rig.kiosk.start()  # a resident's visit
    assert rig.view.screen == S.HOME
    five_taps(rig)
    rig.kiosk.maintenance_chord()
    assert rig.kiosk.mode.name == ModeName.VISIT and rig.view.screen == S.HOME


# --- the PIN and the lockout ---------------------------------------------------------------

def enter(rig, digits: str) -> None:
    for digit in digits:
        rig.kiosk.pin_key(digit)
    rig.kiosk.submit_pin()


def test_five_wrong_pins_lock_for_five_minutes_then_the_right_one_works(rig):
    clock = rig.kiosk.session._clock
    five_taps(rig)
    for attempt in range(1, 5):
        enter(rig, "1111")
        assert rig.state.maintenance.entry.message == \
            rig.kiosk.text("maintenance_entry.wrong_pin", left=5 - attempt)
    enter(rig, "1111")
    entry = rig.state.maintenance.entry
    assert entry.locked and "5" in entry.message
    enter(rig, PIN)  # the right PIN, but locked
    assert rig.view.screen == S.MAINTENANCE_ENTRY
    rig.kiosk.cancel_maintenance()  # the lock survives leaving the pad
    clock.advance(LOCK_SECONDS - 50)  # then 2.5 s of taps: 47.5 s left
    five_taps(rig)
    assert rig.state.maintenance.entry.locked
    assert rig.state.maintenance.entry.message == rig.kiosk.text("maintenance_entry.locked",
                                                                 minutes=1)
    clock.advance(50)
    rig.kiosk.tick()  # the pad alone for 50 s has gone back; the lock's time is up too
    assert rig.view.screen == S.ATTRACT
    five_taps(rig)
    assert not rig.state.maintenance.entry.locked
    enter(rig, PIN)
    assert rig.view.screen == S.MAINTENANCE and rig.state.maintenance.page == "menu"
    events = audits(rig)
    assert [e for e, _ in events].count("maintenance.refused") == 5
    assert ("maintenance.locked", "5 minutes") in events
    assert events[-1] == ("maintenance.entered", "pin")
    assert all(PIN not in detail and "1111" not in detail for _, detail in events)


def test_the_pad_left_alone_goes_back_and_forgets_the_digits(rig):
    five_taps(rig)
    for key in ("1", "2", "3", "erase", "x", "12"):
        rig.kiosk.pin_key(key)
    assert rig.state.maintenance.entry.digits == 2
    rig.kiosk.session._clock.advance(31)
    rig.kiosk.tick()
    assert rig.view.screen == S.ATTRACT
    five_taps(rig)
    assert rig.state.maintenance.entry.digits == 0


# --- technician codes ------------------------------------------------------------------------

def test_a_good_code_lets_its_technician_in_once(rig):
    good = code(rig, kiosk=rig.kiosk.settings.site.kiosk_id)
    five_taps(rig)
    scan(rig, good)
    assert rig.view.screen == S.MAINTENANCE
    assert audits(rig)[-1] == ("maintenance.entered", "code: 王师傅")
    rig.kiosk.leave_maintenance()
    assert rig.view.screen == S.ATTRACT and rig.kiosk.mode.name == ModeName.ATTRACT
    five_taps(rig)
    scan(rig, good)  # replayed
    assert rig.view.screen == S.MAINTENANCE_ENTRY
    assert rig.state.maintenance.entry.message.startswith(
        rig.kiosk.text("maintenance_entry.refused.used"))


@pytest.mark.parametrize("reason", ["expired", "signature", "kiosk", "malformed"])
def test_a_bad_code_is_refused_with_its_reason_and_counted(rig, reason):
    if reason == "expired":
        text = code(rig, now=datetime.now(UTC) - timedelta(minutes=11))
    elif reason == "signature":  # signed by a key that is not the platform's
        text = make_code(Ed25519PrivateKey.generate(), "冒充者")
    elif reason == "kiosk":
        text = code(rig, kiosk="BS-OTHER-9")
    else:  # the platform's signature over something that is no pass
        key = signing_key(rig.kiosk.settings.data_dir / KEY_FILE)
        text = f"TECH1.bm90IGpzb24.{sign(key, 'technician', b'bm90IGpzb24')}"
    five_taps(rig)
    scan(rig, text)
    assert rig.view.screen == S.MAINTENANCE_ENTRY
    message = rig.state.maintenance.entry.message
    assert message.startswith(rig.kiosk.text(f"maintenance_entry.refused.{reason}"))
    assert rig.kiosk.text("maintenance_entry.tries_left", left=4) in message
    assert audits(rig)[-1][0] == "maintenance.refused"


# --- inside: the menu, cleaning, restart, exit, leaving ----------------------------------------

def inside(rig) -> None:
    five_taps(rig)
    enter(rig, PIN)
    assert rig.view.screen == S.MAINTENANCE


def test_the_menu_about_block_and_exit_refused(rig):
    inside(rig)
    shown = rig.state.maintenance
    assert shown.about.kiosk_id == rig.kiosk.settings.site.kiosk_id
    assert shown.about.uptime and shown.about.version
    assert not shown.menu.allow_exit and shown.menu.exit_note
    rig.kiosk.exit_to_desktop()
    assert rig.kiosk.stop_requested is None
    assert rig.state.maintenance.problem == rig.kiosk.text("maintenance.exit_not_allowed")
    rig.kiosk.restart_kiosk()
    assert rig.kiosk.stop_requested == RESTART_CODE
    events = [e for e, _ in audits(rig)]
    assert events[-2:] == ["maintenance.exit", "maintenance.restart"]


def test_cleaning_counts_down_on_the_clock_then_the_menu(rig):
    clock = rig.kiosk.session._clock
    inside(rig)
    rig.kiosk.open_maintenance_page(S.MAINTENANCE_CLEANING.value)
    assert rig.state.maintenance.cleaning.seconds_left == 30
    clock.advance(12)
    rig.kiosk.tick()
    assert rig.state.maintenance.cleaning.seconds_left == 18
    clock.advance(18)
    rig.kiosk.tick()
    assert rig.view.screen == S.MAINTENANCE
    assert "maintenance.cleaning" in [e for e, _ in audits(rig)]


def test_idle_in_maintenance_returns_to_attract_and_keeps_nothing(rig):
    clock = rig.kiosk.session._clock
    inside(rig)
    clock.advance(rig.kiosk.settings.maintenance.idle_seconds - 1)
    rig.kiosk.tick()
    assert rig.view.screen == S.MAINTENANCE
    clock.advance(1)
    rig.kiosk.tick()
    assert rig.view.screen == S.ATTRACT and rig.state.maintenance is None
    mode = rig.kiosk.modes[ModeName.MAINTENANCE]
    assert not mode.inside and mode.technician == "" and mode.entry.digits == ""
    assert audits(rig)[-1] == ("maintenance.left", "idle")
    rig.kiosk.open_maintenance_page(S.MAINTENANCE.value)  # outside: ignored
    assert rig.view.screen == S.ATTRACT


def test_devices_stopping_do_not_throw_the_technician_out(rig):
    inside(rig)
    broken = DeviceStatus(DeviceState.OFFLINE)
    for device in ESSENTIAL_DEVICES:
        rig.kiosk.handle_device_event(StatusChanged(device, broken, broken))
    assert rig.view.screen == S.MAINTENANCE
    rig.kiosk.leave_maintenance()
    assert rig.view.screen == S.OUT_OF_SERVICE
    five_taps(rig)  # the gesture works out of service too
    assert rig.view.screen == S.MAINTENANCE_ENTRY
