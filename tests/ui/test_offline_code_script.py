"""离线码 through the real window offscreen, by touch: card → consent → 离线码 → print; the
slip's PNG from the simulated printer decodes to a code that verifies green on the same
kiosk; lost → the old code is revoked after the kiosk's sync, and scanned again shows
"已作废"; a young adult's card is told calmly that a paper code is not for them. Each stage
of the screen passes the UI audit's checks."""

from __future__ import annotations

import numpy as np
import pytest

from drivers.idcard.samples import ADULT, ELDERLY
from drivers.printer.raster import render_document
from drivers.scanner.decoder import QrDecoder
from kiosk.view import ScreenName
from tests.ui.test_record_touches import most_used
from tests.ui.touch import place_card, tap, tap_service, visible_text, wait_until
from ui.audit import audit_window

S = ScreenName
SERVICE = "offline_code"


def with_codes(app, settings):
    """离线码 among the most used, as at a centre where many older residents come for one."""
    most_used(app, settings, SERVICE)


def clean(app, language: str = "zh_CN") -> None:
    window = app.window
    _snap, findings = audit_window(window, mode=app.kiosk.state.display_mode,
                                   language=language, scale=window.theme.scale,
                                   exempt_words=["王*英"])
    assert not findings, findings


def last_slip(app) -> str:
    """The QR read off the picture of the last paper (no copy is kept on disk)."""
    printer = app.devices.printer
    picture = render_document(printer.printed[-1], printer.width_dots).convert("L")
    (found,) = QrDecoder().decode(np.asarray(picture))
    return found.text


def to_choices(qtbot, app, card=ELDERLY) -> None:
    place_card(qtbot, app, card)
    tap_service(qtbot, app.window, SERVICE)
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.OFFLINE_CODE)


def print_new(qtbot, app) -> None:
    synced = app.kiosk.code_sync.done
    tap(qtbot, app.window, "offline_code:new")
    wait_until(qtbot, lambda: app.kiosk.state.offline_code.stage == "done"
               and not app.kiosk.state.offline_code.busy)
    synced_after(qtbot, app, synced)


def synced_after(qtbot, app, done: int) -> None:
    """The kiosk's own sync, asked for as a code is issued, has taken the lists."""
    wait_until(qtbot, lambda: app.kiosk.code_sync.done > done
               and not app.kiosk.code_sync.in_flight)


def scan(qtbot, app, text: str) -> None:
    shown = app.kiosk.state.code_check
    app.devices.scanner.scan(text)
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.CODE_CHECK
               and app.kiosk.state.code_check is not shown)


def test_print_then_the_slip_verifies_green_then_lost_revokes_it(qtbot, kiosk, settings):
    app = kiosk
    with_codes(app, settings)
    to_choices(qtbot, app)
    clean(app)
    print_new(qtbot, app)
    assert "请从出纸口取走您的离线码" in visible_text(app.window)
    assert "持码人 王*英" in visible_text(app.window)
    assert ELDERLY.id_number not in visible_text(app.window)
    clean(app)
    old = last_slip(app)
    tap(qtbot, app.window, "nav.home")
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.HOME)
    scan(qtbot, app, old)
    assert app.kiosk.state.code_check.outcome == "green"
    assert "绿码" in visible_text(app.window)
    clean(app)

    tap(qtbot, app.window, "nav.home")
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.HOME)
    tap_service(qtbot, app.window, SERVICE)
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.OFFLINE_CODE)
    tap(qtbot, app.window, "offline_code:lost")
    wait_until(qtbot, lambda: app.kiosk.state.offline_code.stage == "confirm")
    assert app.window.focusWidget().objectName() == "confirm_no"  # Enter twice revokes nothing
    clean(app)
    synced = app.kiosk.code_sync.done
    tap(qtbot, app.window, "confirm_yes")
    wait_until(qtbot, lambda: app.kiosk.state.offline_code.stage == "done"
               and not app.kiosk.state.offline_code.busy)
    synced_after(qtbot, app, synced)  # the old code is revoked here without waiting
    new = last_slip(app)
    assert new != old
    assert "您以前的离线码已经作废" in visible_text(app.window)
    clean(app)
    tap(qtbot, app.window, "nav.home")
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.HOME)
    scan(qtbot, app, old)
    assert app.kiosk.state.code_check.outcome == "revoked"
    assert "已作废" in visible_text(app.window)
    clean(app)
    tap(qtbot, app.window, "renew")  # get a new one here: straight to the service
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.OFFLINE_CODE)


def test_a_young_adult_is_told_calmly_where_else_to_go(qtbot, kiosk, settings):
    app = kiosk
    with_codes(app, settings)
    to_choices(qtbot, app, ADULT)
    print_new_or_refused = "offline_code:new"
    tap(qtbot, app.window, print_new_or_refused)
    wait_until(qtbot, lambda: app.kiosk.state.offline_code.stage == "not_eligible")
    text = visible_text(app.window)
    assert "您暂时不能领取纸质离线码" in text and "12345" in text
    assert app.devices.printer.printed == []
    clean(app)


def test_a_code_scanned_on_the_attract_screen_in_english(qtbot, kiosk, settings):
    app = kiosk
    with_codes(app, settings)
    to_choices(qtbot, app)
    print_new(qtbot, app)
    text = last_slip(app)
    tap(qtbot, app.window, "finish")
    wait_until(qtbot, lambda: app.kiosk.state.screen in (S.GOODBYE, S.ATTRACT))
    app.kiosk.end_now()
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.ATTRACT)
    tap(qtbot, app.window, "mode.language")
    app.network.up = False  # the network down: the check needs none
    scan(qtbot, app, text)
    assert "Green" in visible_text(app.window)
    assert app.kiosk.session.visit.resident is None
    clean(app, "en")


def _to_stage(app, stage: str) -> None:
    """The staged kiosk (her choices on screen) taken to one stage, as touches would."""
    from drivers.base import CodeScanned, PaperState
    from ui.offline_code_staging import take_lists

    k = app.kiosk
    if stage == "confirm":
        k.choose_offline_code("lost")
        return
    if stage == "fault":
        app.devices.printer.set_paper(PaperState.OUT)
    k.choose_offline_code("new")
    if stage in ("fault", "done"):
        return
    old = k.session.visit.offline_code.code.text
    k.go_home()
    k.choose_service(SERVICE)
    k.choose_offline_code("reissue")
    k.confirm_offline_code(True)
    if stage == "revoked":
        take_lists(k)
        k.go_home()
        k.handle_device_event(CodeScanned("scanner", old, old.encode()))


@pytest.mark.parametrize(("mode", "language"), [("large", "en"), ("care", "zh_CN")])
@pytest.mark.parametrize("stage", ["confirm", "fault", "replaced", "revoked"])
def test_each_stage_fits_a_short_landscape_screen_in_large_print(qtbot, settings, mode,
                                                                  language, stage):
    """The tightest case the audit found: large print on a 1920x1080 screen."""
    from ui.main import make_application
    from ui.screenshot import staged

    make_application()
    with staged(settings, S.OFFLINE_CODE, mode, language, (1920, 1080)) as app:
        _to_stage(app, stage)
        app.kiosk.publish()
        wait_until(qtbot, lambda: app.window.current.made_for in (
            app.kiosk.state.offline_code, app.kiosk.state.code_check))
        clean(app, language)
