"""Personal data is spoken only into headphones. A resident in care mode (the voice on) walks
the screens through the real Kiosk, Guide and Voice; every WAV the recording player is asked
to play is looked up in the recording engine, and what went to the loudspeaker holds none of
the resident's name, ID number, birth date, phone or address, masked or not. With headphones
on, the same walk speaks them."""

from __future__ import annotations

import re

from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from kiosk.view import ScreenName as S
from tests.fakes import TODAY
from tests.kiosk import form_walk

QUIET_S = 60  # a limit that stops a broken test, no guess at the machine's speed
PHONE = "13800000000"  # made up; the store's profile of the sample resident has its own


def personal_fragments() -> dict[str, str]:
    """Pieces of the sample resident that must never come out of the loudspeaker: the name
    (whole and masked), the ID number (whole, its birth-date digits, its last four), the
    birth date, pieces of the address (masked addresses keep their start and end)."""
    card = ELDERLY
    return {
        "name": card.name, "masked name": card.name[0] + "*" + card.name[-1],
        "id number": card.id_number, "id digits": card.id_number[6:14],
        "id end": card.id_number[-4:],
        "birth date": f"{card.birth_date.year}年{card.birth_date.month}月",
        "address": card.address, "address end": "301室", "street": "密山路",
    }


def spoken_digits(text: str) -> str:
    """Text with spelled-out numbers joined again ('3 0 1' -> '301')."""
    return re.sub(r"(?<=[0-9A-Z])[ ，,]+(?=[0-9A-Z])", "", text)


class Walk:
    """The rig (or the app: both have .voice), and what each WAV the player played said,
    split by where it went."""

    def __init__(self, rig) -> None:
        self.rig = rig
        rig.voice.playback_margin_s = 0  # silent WAVs: nothing to wait for

    def quiet(self) -> None:
        assert self.rig.voice.wait_quiet(QUIET_S)

    def heard(self, headphones: bool) -> list[str]:
        texts = self.rig.voice.engine.texts
        return [texts[play[1].name] for play in self.rig.voice.player.plays
                if play[3] is headphones]

    def leaks(self, headphones: bool = False) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for text in self.heard(headphones):
            joined = spoken_digits(text)
            for what, piece in personal_fragments().items():
                if piece in text or piece in joined:
                    found.setdefault(what, []).append(text)
        return found


def step(walk: Walk, action, *args) -> None:
    action(*args)
    walk.rig.jobs.finish_all()
    walk.quiet()


def walk_desk(rig, headphones: bool) -> Walk:
    """Greeting, a form with pre-filled personal values (one question a page in care mode)
    and check-your-answers, the personal page and its sections, the offline code."""
    walk, kiosk = Walk(rig), rig.kiosk
    step(walk, kiosk.start)
    step(walk, kiosk.toggle_display_mode, "care")
    if headphones:
        step(walk, kiosk.toggle_headphones)
    step(walk, kiosk.handle_device_event, CardRead("idcard", ELDERLY))
    step(walk, kiosk.consent, True)
    assert rig.view.screen == S.HOME
    step(walk, kiosk.choose_service, "social_security_card")
    for _ in range(form_walk.MOST_PAGES):
        if rig.view.screen != S.FORM:
            break
        for key in rig.state.form_page.keys:
            if key == "reason":
                kiosk.answer(key, "damaged")
            elif key == "phone" and not rig.visit.answers.get(key):
                kiosk.answer(key, PHONE)
        walk.quiet()
        if rig.view.screen == S.FORM:
            step(walk, kiosk.confirm_form)
    assert rig.view.screen == S.CHECK_ANSWERS
    for key in rig.visit.answers:  # the keypad walking the rows
        step(walk, kiosk.speak_field, key)
    step(walk, kiosk.go_home)
    step(walk, kiosk.open_personal_page)
    for section in [s.id for s in rig.state.personal.sections]:
        step(walk, kiosk.open_section, section)
        step(walk, kiosk.go_back)
    step(walk, kiosk.go_home)
    step(walk, kiosk.choose_service, "offline_code")
    step(walk, kiosk.choose_offline_code, "new")
    step(walk, kiosk.choose_offline_code, "new")
    return walk


def walk_appointments(rig, headphones: bool) -> Walk:
    """A booking to its printed slip, my appointments, a record's preview."""
    walk, kiosk = Walk(rig), rig.kiosk
    step(walk, kiosk.start)
    step(walk, kiosk.toggle_display_mode, "care")
    if headphones:
        step(walk, kiosk.toggle_headphones)
    step(walk, kiosk.handle_device_event, CardRead("idcard", ELDERLY))
    step(walk, kiosk.consent, True)
    step(walk, kiosk.choose_service, "appointment")
    step(walk, kiosk.choose_matter, "household")
    step(walk, kiosk.choose_centre, "bs.youyi")
    step(walk, kiosk.choose_day, rig.state.days[0].value)
    step(walk, kiosk.choose_slot, rig.state.slots[0].id)
    step(walk, kiosk.confirm_booking)
    assert rig.view.screen == S.BOOKING_DONE
    step(walk, kiosk.go_home)
    step(walk, kiosk.open_appointments)
    step(walk, kiosk.go_home)
    step(walk, kiosk.choose_service, "social_security_record")
    assert rig.view.screen == S.RECORD_PREVIEW
    return walk


def test_care_mode_says_nothing_personal_from_the_loudspeaker(desk):
    walk = walk_desk(desk, headphones=False)
    assert walk.heard(headphones=False)
    assert walk.leaks() == {}, walk.leaks()


def test_headphones_hear_the_name_the_address_and_the_id_number(desk):
    walk = walk_desk(desk, headphones=True)
    heard = " ".join(spoken_digits(text) for text in walk.heard(headphones=True))
    assert ELDERLY.name in heard
    assert "密山路8弄12号301室" in heard
    assert ELDERLY.id_number in heard
    assert walk.leaks() == {}, walk.leaks()  # nothing personal went to the loudspeaker either


def test_appointments_and_records_say_nothing_personal_from_the_loudspeaker(
        appointments_rig):
    walk = walk_appointments(appointments_rig, headphones=False)
    assert walk.heard(headphones=False)
    assert walk.leaks() == {}, walk.leaks()


def test_the_loudspeaker_greets_without_the_name(desk):
    walk = walk_desk(desk, headphones=False)
    greeting = desk.kiosk.text("home.greeting", name="")
    assert any(greeting.strip("，, ") in text for text in walk.heard(headphones=False))


def test_the_keypad_walking_the_window_says_nothing_personal_aloud(qtbot, settings, clock,
                                                                   temp_folder):
    """The real window in care mode: the keypad's next key through every control of the
    greeting, check-your-answers and the personal page, each one said as it is reached."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QApplication

    from kiosk.voice import RecordingEngine, RecordingPlayer
    from ui.app import KioskApp
    from ui.main import make_application

    make_application()
    app = KioskApp(settings, clock=clock, today=lambda: TODAY,
                   voice_player=RecordingPlayer(), voice_engine=RecordingEngine(seconds=0.0))
    try:
        app.window.set_screen_size(1080, 1920)
        app.window.show()
        qtbot.waitExposed(app.window)
        kiosk, walk = app.kiosk, Walk(app)

        def through_every_control() -> None:
            stops = sum(1 for w in QApplication.allWidgets()
                        if w.isVisible() and (isinstance(w, QAbstractButton)
                                              or w.property("field")))
            for _ in range(stops + 1):
                qtbot.keyClick(app.window.windowHandle(), Qt.Key.Key_Tab)
                walk.quiet()

        app.devices.idcard.place(ELDERLY)
        qtbot.waitUntil(lambda: kiosk.state.screen == S.CONSENT, timeout=10_000)
        kiosk.consent(True)
        qtbot.waitUntil(lambda: kiosk.state.greeting.startswith(ELDERLY.name), timeout=10_000)
        kiosk.toggle_display_mode("care")
        through_every_control()
        kiosk.choose_service("social_security_card")
        form_walk.to_check(kiosk, reason="damaged")
        through_every_control()
        kiosk.go_home()
        kiosk.open_personal_page()
        qtbot.waitUntil(lambda: kiosk.state.personal is not None, timeout=10_000)
        through_every_control()
        walk.quiet()
        assert len(walk.heard(headphones=False)) > 10
        assert walk.leaks() == {}, walk.leaks()
    finally:
        app.close()
