"""The operating modes, with no window: each owns its screens, takes its device events and
says what the keypad does there; switching is one call. And the voice: silent until asked
for, each screen said once, personal data only into headphones, the idle warning once."""

from __future__ import annotations

from drivers.base import CardRead, CodeScanned, DeviceState, DeviceStatus, StatusChanged
from drivers.idcard.samples import ELDERLY
from kiosk.device_policy import ESSENTIAL_DEVICES
from kiosk.modes import ModeName
from kiosk.view import KeyAction, ScreenName


def test_every_screen_belongs_to_exactly_one_mode(rig):
    owned = [screen for mode in rig.kiosk.modes.values() for screen in mode.screens]
    assert sorted(owned) == sorted(ScreenName)


def test_switching_is_one_call_and_shows_the_modes_screen(rig):
    rig.kiosk.switch_to(ModeName.VISIT)
    rig.kiosk.publish()
    assert rig.kiosk.mode.name == ModeName.VISIT and rig.view.screen == ScreenName.HOME
    assert rig.view.screen in rig.kiosk.mode.screens


def test_a_card_or_a_code_on_the_attract_screen_begins_a_visit(rig):
    rig.kiosk.handle_device_event(CodeScanned("scanner", "https://example.invalid/x", b""))
    assert rig.kiosk.mode.name == ModeName.VISIT and rig.view.screen == ScreenName.NOTICE
    rig.kiosk.go_home()
    rig.kiosk.finish()
    rig.kiosk.end_now()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)  # the resident agrees to the reads
    assert rig.kiosk.mode.name == ModeName.VISIT and rig.jobs.waiting


def test_out_of_service_takes_no_card_and_no_key_but_help(rig):
    broken = DeviceStatus(DeviceState.NO_DEVICE)
    for name in ESSENTIAL_DEVICES:
        rig.kiosk.handle_device_event(StatusChanged(name, broken, broken))
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)  # the resident agrees to the reads
    for action in (KeyAction.ACTIVATE, KeyAction.BACK):
        rig.kiosk.key(action)
    rig.kiosk.start()
    assert rig.view.screen == ScreenName.OUT_OF_SERVICE and not rig.jobs.waiting
    rig.kiosk.key(KeyAction.HELP)
    assert rig.view.showing["helper_called"] and rig.view.screen == ScreenName.OUT_OF_SERVICE


def test_the_keypad_in_each_mode(rig):
    rig.kiosk.key(KeyAction.BACK)  # attract: nowhere to go back to
    assert rig.view.screen == ScreenName.ATTRACT
    rig.kiosk.key(KeyAction.ACTIVATE)  # attract, nothing focused: begin
    assert rig.view.screen == ScreenName.HOME
    rig.kiosk.choose_service("elderly_allowance")
    assert rig.view.screen == ScreenName.IDENTIFY
    rig.kiosk.key(KeyAction.BACK)
    assert rig.view.screen == ScreenName.HOME
    rig.kiosk.key(KeyAction.HEADPHONES)
    assert rig.visit.headphones and rig.voice.listener.headphones
    rig.kiosk.key(KeyAction.VOLUME_UP)
    assert rig.voice.listener.gain_db > -6


def test_the_voice_is_silent_until_a_key_then_says_each_screen(rig):
    rig.kiosk.start()
    assert not rig.visit.voice_on and not rig.spoken()
    rig.kiosk.keypad_used()
    assert rig.visit.voice_on
    assert rig.said("这一页是最常办理")
    rig.kiosk.choose_service("elderly_allowance")
    assert rig.said("请把身份证放在读卡区")


def test_personal_data_is_spoken_only_into_headphones(rig):
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)  # the resident agrees to the reads
    rig.jobs.finish()
    rig.kiosk.toggle_display_mode("care")
    rig.kiosk.choose_service("social_security_card")
    rig.kiosk.answer("reason", "lost")  # care mode's one question; then check your answers
    assert rig.said("身份证号：已隐藏")  # the label, never the value, from the loudspeaker
    assert not any("3 1 0 1 1 3" in text for text in rig.spoken())
    rig.kiosk.speak_field("id_number")
    rig.kiosk.toggle_headphones()
    rig.kiosk.speak_field("id_number")
    assert rig.said("3 1 0 1 1 3")


def test_the_idle_warning_is_said_once_while_it_counts_down(rig, clock):
    rig.kiosk.start()
    rig.kiosk.toggle_display_mode("care")
    rig.kiosk.activity()
    clock.advance(270)
    for _second in range(20):
        rig.kiosk.tick()
        clock.advance(1)
    countdowns = [value for name, value in rig.view.changes if name == "idle_seconds"]
    assert countdowns[0] == 90 and countdowns[-1] == 71  # one change a second
    assert rig.said("您还在吗？")
    assert sum("您还在吗？" in text for text in rig.spoken()) == 1
