"""A blind resident with Orca walks through a whole service with the keyboard alone, and
Orca says what they must hear: each screen's title, the greeting when the card is read,
every value to check (personal ones masked), the question and its choices with their
checked state, every answer again on check-your-answers, and the reference number."""

from __future__ import annotations

import pytest

from drivers.idcard.samples import ELDERLY
from kiosk.i18n import load_messages
from kiosk.services.engine import mask
from tests.screen_reader.atspi import AtspiClient, focused
from tests.screen_reader.desktop import PrivateDesktop
from tests.screen_reader.kiosk import RunningKiosk, focus_kiosk_window
from tests.screen_reader.orca import Orca

MESSAGES = load_messages()
PLACE_CARD = f"Place: {ELDERLY.name} (82-year-old resident)"


def text(key: str, **params: object) -> str:
    return MESSAGES.text(key, "zh_CN", **params)


class Resident:
    """Presses keys on the kiosk's keyboard, as the resident would, and listens to Orca."""

    def __init__(self, desktop: PrivateDesktop, kiosk: RunningKiosk, atspi: AtspiClient,
                 orca: Orca) -> None:
        self.desktop, self.kiosk, self.atspi, self.orca = desktop, kiosk, atspi, orca
        self.heard = 0  # Orca's utterances up to here have been checked

    def key(self, name: str) -> None:
        self.desktop.run(["xdotool", "key", "--clearmodifiers", name])

    def hears(self, phrase: str) -> str:
        said = self.orca.wait_spoken(phrase, since=self.heard)
        self.heard = self.orca.spoken.index(said, self.heard) + 1
        return said

    def focus(self, name: str, key: str, limit: int = 40) -> None:
        """Press `key` (Up or Down) until the focus is on the object named `name`, listening
        to what Orca says of each stop before pressing again, as a listener does (Orca
        drops what it has not said yet when the next key comes)."""
        for _ in range(limit):
            self.atspi.wait_until_quiet(self.kiosk.app)  # the last move's events are all in
            mark = self.atspi.mark()
            self.key(key)
            event = self.atspi.wait_for(
                lambda e: e.kind == "object:state-changed:focused" and e.detail1 == 1,
                since=mark, what="the focus moving")
            stop = event.source_name() or ""
            self.hears(stop)
            if stop == name:
                return
        raise AssertionError(f"{name!r} not reached with {key}")

    def press(self, name: str, key: str = "Down") -> None:
        self.focus(name, key)
        self.key("Return")


@pytest.mark.slow
def test_orca_walks_through_a_whole_service(desktop, kiosk, atspi, orca):
    resident = Resident(desktop, kiosk, atspi, orca)
    focus_kiosk_window(desktop, kiosk)
    resident.hears(text("attract.start"))
    resident.key("Return")
    resident.hears(text("home.title"))  # the window's name is the title: Orca says it

    mark = atspi.mark()
    kiosk.dev_panel.find(role="push button", name=PLACE_CARD).press()
    # asked before anything of hers is read: Orca says the focused "agree" of the consent
    # screen, and the window's new name with it unless the focus event comes first (it then
    # drops the name change: both orders happen)
    resident.hears(text("consent.accept"))
    resident.key("Return")  # the focus starts on "agree"
    resident.hears(text("home.greeting", name=ELDERLY.name))  # the card was read

    resident.press("社保卡补换")
    resident.hears("社保卡补换")  # the form's title
    resident.hears(text("form.next"))  # the focus starts on the primary action
    # Up from the action reads the step back to the top: every value, with its source.
    resident.focus(text("form.check"), "Up")
    said = " ".join(orca.spoken[:resident.heard])
    for row in (f"姓名：{mask(ELDERLY.name)}", f"身份证号：{mask(ELDERLY.id_number)}",
                text("form.source.card"), "寄送地址：上海市宝山区"):
        assert row in said, f"Orca never said {row!r}; it said: {said}"
    assert ELDERLY.id_number not in said  # from the loudspeaker: masked

    resident.press(text("form.next"))  # the applicant's step, to the card's
    resident.press("卡片丢失")
    assert resident.hears("checked") == "checked"  # its state, said when it changes
    resident.press(text("form.to_check"))
    start = resident.heard
    # Check your answers: the focus starts on its action; Up reads every answer, with where
    # it came from, back to the page's intro (the window keeps the service's title).
    resident.hears(text("check_answers.confirm"))
    resident.focus(text("check_answers.intro"), "Up")
    said = " ".join(orca.spoken[start:resident.heard])
    for row in (f"姓名：{mask(ELDERLY.name)}，{text('form.source.card')}",
                f"补换原因：卡片丢失，{text('form.source.entered')}"):
        assert row in said, f"Orca never said {row!r} on check your answers; it said: {said}"
    assert ELDERLY.id_number not in said and ELDERLY.name not in said  # masked here too
    resident.press(text("check_answers.confirm"))
    resident.hears(text("sign.title"))
    resident.press(text("sign.cannot_sign"))
    said = resident.hears("BSYY001-")  # the receipt: the focus starts on the reference number
    assert text("outcome.delivered") in said  # submitted, then the number
    mark = atspi.mark()
    resident.key("Down")
    atspi.wait_for(focused(text("receipt_screen.take_receipt")), since=mark,
                   what="the next line of the receipt")
    resident.hears(text("receipt_screen.take_receipt"))
