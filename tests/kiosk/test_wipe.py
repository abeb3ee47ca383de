"""One wipe for every way a visit ends. Afterwards the session's visit, the screen state,
the voice's listener and what the view shows equal those of a kiosk started afresh on the
same data: compared whole, so a field added later cannot be forgotten by the wipe."""

from __future__ import annotations

import pytest

from drivers.base import CardRead, DeviceState, DeviceStatus, StatusChanged
from drivers.idcard.samples import ADULT, ELDERLY
from kiosk.device_policy import ESSENTIAL_DEVICES
from kiosk.view import KeyAction
from kiosk.view import ScreenName as S
from tests.kiosk import form_walk


def a_full_visit(rig, rate=True):
    """Everything a visit can leave behind: a resident, a service, answers, a signature, a
    submission and a rating, headphones, volume, English, care mode, a call for help. With
    `rate`, it ends on the goodbye screen; without, back home after the receipt."""
    kiosk = rig.kiosk
    kiosk.toggle_language()
    kiosk.start()
    kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    kiosk.consent(True)  # the resident agrees to the reads
    rig.jobs.finish()
    kiosk.toggle_display_mode("care")
    kiosk.toggle_headphones()
    kiosk.key(KeyAction.VOLUME_UP)
    kiosk.call_helper()
    rig.jobs.finish()  # the platform takes the call for a helper
    kiosk.choose_service("social_security_card")
    form_walk.to_sign(kiosk, reason="damaged")  # care mode: one question, a big button
    kiosk.add_stroke(((1.0, 1.0), (30.0, 20.0)), 100, 50)
    kiosk.session.temp_dir()
    kiosk.submit_signature()
    rig.jobs.finish()
    assert rig.view.screen == S.RECEIPT
    if not rate:
        kiosk.go_home()
        return
    kiosk.to_rating()
    kiosk.rate(5)
    rig.jobs.finish()
    assert rig.view.screen == S.GOODBYE


def out_of_service(rig):
    for name in ESSENTIAL_DEVICES:
        broken = DeviceStatus(DeviceState.NO_DEVICE, detail="unplugged")
        rig.kiosk.handle_device_event(StatusChanged(name, broken, broken))


def assert_as_new(rig, fresh):
    assert rig.visit == fresh.visit
    assert rig.state == fresh.state
    assert rig.voice.listener == fresh.voice.listener
    assert rig.view.showing == fresh.view.showing
    assert rig.kiosk.mode.name == fresh.kiosk.mode.name
    for kind in ("profile", "submission", "progress", "rating", "help_call"):
        assert rig.kiosk.jobs.pending(kind) == fresh.kiosk.jobs.pending(kind)


def end_by_goodbye(rig, clock):
    clock.advance(rig.kiosk.settings.timeouts.goodbye_seconds)
    rig.kiosk.tick()


def end_by_exit(rig, clock):
    rig.kiosk.finish()  # 退出 on the goodbye screen


def end_by_timeout(rig, clock):
    clock.advance(3 * 90 + 1)  # care mode: three times as long
    rig.kiosk.tick()
    clock.advance(3 * 30 + 1)
    rig.kiosk.tick()


def end_by_second_card(rig, clock):
    rig.kiosk.handle_device_event(CardRead("idcard", ADULT))
    rig.kiosk.consent(True)  # the resident agrees to the reads


@pytest.mark.parametrize("end", [end_by_goodbye, end_by_exit, end_by_timeout,
                                 end_by_second_card], ids=lambda f: f.__name__)
def test_a_visit_ends_as_a_new_kiosk_begins(make_rig, clock, end):
    rig = make_rig()
    a_full_visit(rig, rate=end in (end_by_goodbye, end_by_exit))
    end(rig, clock)
    fresh = make_rig()
    if end is end_by_second_card:  # the second person's visit has begun: compare its start
        fresh.kiosk.start()
        fresh.kiosk.handle_device_event(CardRead("idcard", ADULT))
        fresh.kiosk.consent(True)  # the resident agrees to the reads
        fresh.visit.last_activity = rig.visit.last_activity
    assert_as_new(rig, fresh)


def test_out_of_service_ends_the_visit_as_a_new_kiosk_would_rest(make_rig):
    rig = make_rig()
    rig.kiosk.toggle_language()
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)  # the resident agrees to the reads
    rig.jobs.finish()
    rig.kiosk.toggle_headphones()
    rig.kiosk.choose_service("social_security_card")
    out_of_service(rig)
    assert rig.view.screen == S.OUT_OF_SERVICE
    fresh = make_rig()
    out_of_service(fresh)
    assert_as_new(rig, fresh)


def test_after_a_crash_nothing_of_the_last_visit_remains(make_rig, settings):
    crashed = make_rig()
    crashed.kiosk.start()
    crashed.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    crashed.kiosk.consent(True)  # the resident agrees to the reads
    crashed.jobs.finish()
    leftover = crashed.kiosk.session.temp_dir()
    (leftover / "signature.png").write_bytes(b"\x89PNG")
    restarted = make_rig()  # the process died without ending the visit; a new one starts
    assert not leftover.exists()
    assert restarted.visit.resident is None and restarted.view.screen == S.ATTRACT


def test_the_wipe_forgets_what_the_view_was_shown(make_rig, clock):
    rig = make_rig()
    a_full_visit(rig)
    shown = [value for _name, value in rig.view.changes]
    assert any(ELDERLY.name in str(value) for value in shown)  # it was on screen
    end_by_exit(rig, clock)
    assert not any(ELDERLY.name in str(value) for value in rig.view.showing.values())
