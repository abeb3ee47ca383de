"""Few touches (issue 8, item 10), counted through the real window: every touch the test
makes from placing the ID card to the printed receipt. An elderly resident in care mode
completes 敬老卡申领 in at most 8: agree, the tile, the household register's licence asked
for and confirmed, the one question nothing could answer (the bank, a big button), "all
correct", a signature and send."""

from __future__ import annotations

from importlib.util import find_spec

import pytest

from drivers.idcard.samples import ELDERLY
from kiosk.view import ScreenName
from tests.fakes import TODAY, FakeClock
from tests.ui import touch

pytestmark = pytest.mark.skipif(find_spec("district.store.licences") is None,
                                reason="needs the platform's licences (branch platform)")
MOST_TOUCHES = 8


class Counted:
    """The resident's hand: each tap and each signature stroke is one touch."""

    def __init__(self, qtbot, app) -> None:
        self.qtbot, self.app, self.touches = qtbot, app, []

    def tap(self, name: str) -> None:
        self.touches.append(name)
        touch.tap(self.qtbot, self.app.window, name)

    def sign(self) -> None:
        self.touches.append("signature")
        touch.sign(self.qtbot, self.app.window.current.pad)

    def wait_for(self, screen: ScreenName) -> None:
        touch.wait_until(self.qtbot, lambda: self.app.kiosk.state.screen == screen)


@pytest.fixture
def centre_kiosk(qtbot, tmp_path, clock):
    """A kiosk in a community centre whose site puts 敬老卡申领 first."""
    from kiosk.config import load_settings
    from kiosk.voice import RecordingEngine, RecordingPlayer
    from ui.app import KioskApp
    from ui.main import make_application

    site = tmp_path / "site.toml"
    site.write_text('[catalogue]\nfirst = ["senior_card"]\n[metrics]\nport = 0\n',
                    encoding="utf-8")
    settings = load_settings(site, tmp_path / "data")
    make_application()
    app = KioskApp(settings, clock=clock, today=lambda: TODAY,
                   voice_player=RecordingPlayer(), voice_engine=RecordingEngine())
    app.window.set_screen_size(1080, 1920)
    app.window.tremor.clock = FakeClock()
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.close()


def test_senior_card_in_care_mode_takes_at_most_eight_touches(qtbot, centre_kiosk):
    app, kiosk = centre_kiosk, centre_kiosk.kiosk
    hand = Counted(qtbot, app)
    touch.tap(qtbot, app.window, "mode.care")  # before the card: the mode she asks for
    printed_before = len(app.devices.printer.printed)

    app.devices.idcard.place(ELDERLY)
    hand.wait_for(ScreenName.CONSENT)
    hand.tap("accept")
    touch.wait_until(qtbot, lambda: kiosk.state.greeting.startswith(ELDERLY.name))
    hand.tap("tile:senior_card")
    hand.wait_for(ScreenName.MATERIALS)  # her licences, listed for the checks
    hand.tap("use:household_register")
    hand.wait_for(ScreenName.LICENCE_PREVIEW)
    hand.tap("confirm")  # the licence replaces the paper and fills in her address
    hand.wait_for(ScreenName.FORM)
    assert kiosk.state.form_page.keys == ("bank",)  # the one question left
    hand.tap("choice:bank:icbc")
    hand.wait_for(ScreenName.CHECK_ANSWERS)
    hand.tap("confirm")
    hand.wait_for(ScreenName.SIGN)
    hand.sign()
    hand.tap("submit")
    hand.wait_for(ScreenName.RECEIPT)

    outcome = kiosk.session.visit.outcome
    assert outcome.printed and len(app.devices.printer.printed) == printed_before + 1
    assert outcome.reference in app.devices.printer.printed[-1].plain_text()
    assert len(hand.touches) <= MOST_TOUCHES, hand.touches
