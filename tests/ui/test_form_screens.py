"""The form's screens through the real window, by touch: a step with a locked value and its
source, a change button, the on-screen keypad, the date picker, an error beside its field
that keeps what was typed, a display-mode rebuild that keeps the keypad's digits, and
check-your-answers' change that comes straight back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from drivers.idcard.samples import ELDERLY
from kiosk.view import ScreenName
from tests.fakes import TODAY, FakeClock
from tests.kiosk.form_services import STEPPED
from tests.ui.touch import find_button, place_card, tap, visible_text, wait_until


@pytest.fixture
def form_kiosk(qtbot, tmp_path, clock):
    """A kiosk whose site adds the stepped test service and shows it first."""
    from kiosk.config import load_settings
    from kiosk.voice import RecordingEngine, RecordingPlayer
    from ui.app import KioskApp
    from ui.main import make_application

    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "stepped.toml").write_text(STEPPED, encoding="utf-8")
    site = tmp_path / "site.toml"
    site.write_text('[catalogue]\ndirectories = ["services"]\nfirst = ["stepped"]\n'
                    '[metrics]\nport = 0\n',
                    encoding="utf-8")
    make_application()
    app = KioskApp(load_settings(site, tmp_path / "data"), clock=clock, today=lambda: TODAY,
                   voice_player=RecordingPlayer(), voice_engine=RecordingEngine())
    app.window.set_screen_size(1080, 1920)
    app.window.tremor.clock = FakeClock()
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.close()


def test_a_step_shows_locked_values_with_their_source_and_asks_the_rest(qtbot, form_kiosk):
    window, kiosk = form_kiosk.window, form_kiosk.kiosk
    place_card(qtbot, form_kiosk, ELDERLY)
    tap(qtbot, window, "tile:stepped")
    text = visible_text(window)
    assert "关于您  第 1 页，共 2 页" in text and "王*英" in text and "读自您的身份证" in text
    assert ELDERLY.name not in text
    assert not [b for b in window.findChildren(type(find_button(window, "confirm")))
                if b.objectName() == "change:name"]  # locked: no change button
    tap(qtbot, window, "confirm")  # the reason is not chosen
    assert "请回答：申请原因" in visible_text(window)
    tap(qtbot, window, "choice:reason:first")
    assert "请回答：申请原因" not in visible_text(window)
    tap(qtbot, window, "confirm")
    assert kiosk.state.form_page.id == "step:contact"


def test_the_keypad_and_the_date_picker_keep_their_values_across_a_rebuild(qtbot, form_kiosk):
    window, kiosk = form_kiosk.window, form_kiosk.kiosk
    place_card(qtbot, form_kiosk, ELDERLY)
    tap(qtbot, window, "tile:stepped")
    tap(qtbot, window, "choice:reason:first")
    tap(qtbot, window, "confirm")
    assert kiosk.state.form_page.typing == "people"  # the empty keypad field takes the keys
    for key in ("pad:people:1", "pad:people:2", "pad:people:3"):  # two digits at most
        tap(qtbot, window, key)
    assert kiosk.session.visit.answers["people"] == "12"
    tap(qtbot, window, "pad:people:erase")
    tap(qtbot, window, "pad:people:4")
    tap(qtbot, window, "change:start")  # 填写: its date picker opens, the keypad closes
    tap(qtbot, window, "date:start:month:later")
    tap(qtbot, window, "date:start:day:earlier")
    assert kiosk.session.visit.answers["start"] == "2026-12-27"
    tap(qtbot, window, "confirm")  # the phone rule passes (139...), all answered
    assert kiosk.state.screen == ScreenName.CHECK_ANSWERS
    tap(qtbot, window, "change:people")
    assert kiosk.state.screen == ScreenName.FORM
    tap(qtbot, window, "mode.large")  # the screen is built again, larger
    wait_until(qtbot, lambda: window.current.objectName() == "screen:form")
    assert "1 4" in visible_text(window) or "14" in visible_text(window)
    tap(qtbot, window, "pad:people:clear")
    tap(qtbot, window, "pad:people:2")
    tap(qtbot, window, "confirm")
    assert kiosk.state.screen == ScreenName.CHECK_ANSWERS  # straight back
    assert kiosk.session.visit.answers == {**kiosk.session.visit.answers, "people": "2",
                                           "start": "2026-12-27", "reason": "first"}


def test_a_rule_failed_on_a_step_is_shown_and_nothing_typed_is_lost(qtbot, form_kiosk):
    window, kiosk = form_kiosk.window, form_kiosk.kiosk
    place_card(qtbot, form_kiosk, ELDERLY)
    tap(qtbot, window, "tile:stepped")
    tap(qtbot, window, "choice:reason:again")
    tap(qtbot, window, "confirm")
    tap(qtbot, window, "change:phone")  # a new number: the keypad starts empty
    for digit in "02161234567":
        tap(qtbot, window, f"pad:phone:{digit}")
    assert "021 6123 4567" in visible_text(window)  # in the groups it is read in
    tap(qtbot, window, "change:people")  # the keypad moves to the next field
    tap(qtbot, window, "pad:people:3")
    tap(qtbot, window, "change:start")
    tap(qtbot, window, "date:start:day:later")
    tap(qtbot, window, "confirm")
    assert kiosk.state.screen == ScreenName.FORM
    shown = visible_text(window)
    assert "请填手机号码：11 位，以 1 开头。" in shown  # the step's rule, in plain words
    assert "021****4567" in shown  # what was typed stays, masked now it is not being typed
    assert kiosk.session.visit.answers["phone"] == "02161234567"
    assert kiosk.session.visit.answers["people"] == "3"


def test_check_your_answers_pages_its_rows_in_large_print_landscape(qtbot, form_kiosk):
    window, kiosk = form_kiosk.window, form_kiosk.kiosk
    place_card(qtbot, form_kiosk, ELDERLY)
    tap(qtbot, window, "tile:stepped")
    tap(qtbot, window, "choice:reason:first")
    tap(qtbot, window, "confirm")
    tap(qtbot, window, "pad:people:2")
    tap(qtbot, window, "change:start")
    tap(qtbot, window, "date:start:month:later")
    tap(qtbot, window, "confirm")
    assert kiosk.state.screen == ScreenName.CHECK_ANSWERS
    window.set_screen_size(1920, 1080)
    tap(qtbot, window, "mode.large")
    wait_until(qtbot, lambda: window.current.objectName() == "screen:check_answers"
               and window.current.findChild(QLabel, "page") is not None)

    def rows_shown() -> set[str]:
        return {w.objectName()[4:] for w in window.findChildren(QLabel)
                if w.objectName().startswith("row:") and w.isVisible()}

    seen = [rows_shown()]
    assert 0 < len(seen[0]) <= 3 and "第 1 页" in visible_text(window)
    while find_button(window, "page:next").isEnabled():
        tap(qtbot, window, "page:next")
        seen.append(rows_shown())
    assert set().union(*seen) == set(kiosk.state.form_page.keys)  # every answer, once
    assert sum(len(page) for page in seen) == len(kiosk.state.form_page.keys)
    tap(qtbot, window, "page:previous")
    assert rows_shown() == seen[-2]
    tap(qtbot, window, "confirm")  # the primary action is on every page
    assert kiosk.state.screen == ScreenName.SIGN
