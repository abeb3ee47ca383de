"""The personal page through the real window, by touch: a 随申码 shown to the simulated
scanner, the page and its sections, a company's licence and its representative's card, and
a resident who declines consent seeing nothing personal in any widget."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel

from drivers.idcard.samples import ADULT, ELDERLY
from kiosk.enterprise import LICENCE_URL
from kiosk.view import ScreenName as S
from tests.ui.touch import place_card, tap, visible_text, wait_until
from ui.accessibility import name_of
from ui.audit import audit_window

BAOYOU = "91310113MA1GK7Q2X8"


def screen_is(qtbot, app, screen):
    wait_until(qtbot, lambda: app.kiosk.state.screen == screen)


def shows(qtbot, app, text):
    wait_until(qtbot, lambda: text in visible_text(app.window))


def every_text(window) -> str:
    """What any widget shows or tells a screen reader, hidden ones included."""
    texts = []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        texts += [widget.text(), name_of(widget), widget.accessibleDescription()]
    return "\n".join(texts)


def no_violations(app, exempt=()):
    window = app.window
    _snap, found = audit_window(window, mode=app.kiosk.state.display_mode,
                                language=app.kiosk.state.language, scale=window.theme.scale,
                                exempt_words=list(exempt))
    assert [f for f in found if not f.info] == []


def test_a_suishen_code_then_the_page_and_its_sections_by_touch(qtbot, kiosk):
    app, window = kiosk, kiosk.window
    store = app.network.platform.store
    app.devices.scanner.scan(store.issue_code(ELDERLY.id_number))
    screen_is(qtbot, app, S.CONSENT)
    tap(qtbot, window, "accept")
    wait_until(qtbot, lambda: app.kiosk.state.greeting != "")
    tap(qtbot, window, "personal_page")
    screen_is(qtbot, app, S.PERSONAL_PAGE)
    shows(qtbot, app, "2 件")
    no_violations(app)
    tap(qtbot, window, "section:licences")
    screen_is(qtbot, app, S.MY_LICENCES)
    shows(qtbot, app, "发证机关：")
    assert ELDERLY.id_number not in every_text(window)
    tap(qtbot, window, "nav.back")
    screen_is(qtbot, app, S.PERSONAL_PAGE)
    tap(qtbot, window, "section:data_reads")
    shows(qtbot, app, "谁读取：本机")
    no_violations(app)
    tap(qtbot, window, "nav.back")
    tap(qtbot, window, "section:applications")
    screen_is(qtbot, app, S.APPLICATIONS)
    shows(qtbot, app, "社保卡补换")
    tap(qtbot, window, "nav.back")  # back to the page it was opened from
    screen_is(qtbot, app, S.PERSONAL_PAGE)


def test_a_resident_who_declines_sees_nothing_personal_in_any_widget(qtbot, kiosk):
    app, window = kiosk, kiosk.window
    app.devices.idcard.place(ELDERLY)
    screen_is(qtbot, app, S.CONSENT)
    tap(qtbot, window, "decline")
    screen_is(qtbot, app, S.HOME)
    tap(qtbot, window, "personal_page")
    screen_is(qtbot, app, S.PERSONAL_PAGE)
    shows(qtbot, app, "这里不显示任何个人信息")
    state = app.kiosk.state
    assert state.personal.declined and state.personal.sections == ()
    text = every_text(window)
    for private in (ELDERLY.id_number, ELDERLY.id_number[-4:], "3101****9871", "张国华",
                    "密山路"):
        assert private not in text
    assert not [b for b in window.findChildren(QAbstractButton)
                if b.isVisible() and b.objectName().startswith("section:")]
    tap(qtbot, window, "ask_again")
    screen_is(qtbot, app, S.CONSENT)
    tap(qtbot, window, "accept")
    screen_is(qtbot, app, S.PERSONAL_PAGE)
    shows(qtbot, app, "2 件")


def test_a_companys_licence_then_its_representatives_card(qtbot, kiosk):
    app, window = kiosk, kiosk.window
    app.devices.scanner.scan(LICENCE_URL.format(code=BAOYOU))
    screen_is(qtbot, app, S.ENTERPRISE)
    shows(qtbot, app, "上海宝友科技有限公司")
    shows(qtbot, app, "法定代表人：李*")
    no_violations(app)
    place_card(qtbot, app, ADULT)
    screen_is(qtbot, app, S.PERSONAL_PAGE)
    shows(qtbot, app, "企业专属网页")
    assert "section:benefits" not in [b.objectName() for b in window.findChildren(
        QAbstractButton) if b.isVisible()]
