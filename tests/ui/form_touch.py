"""Walking a form by touch, page by page, whatever steps the service's definition has: the
choices given are tapped where they are asked, then 下一步, up to check-your-answers."""

from __future__ import annotations

from kiosk.view import ScreenName
from tests.ui.touch import tap

MOST_PAGES = 30


def to_check(qtbot, kiosk, **choices: str) -> None:
    state = kiosk.kiosk.state
    for _ in range(MOST_PAGES):
        if state.screen != ScreenName.FORM:
            break
        for key in state.form_page.keys:
            if key in choices:
                tap(qtbot, kiosk.window, f"choice:{key}:{choices[key]}")
        if state.screen == ScreenName.FORM:  # care mode's big buttons go on by themselves
            tap(qtbot, kiosk.window, "confirm")
    assert state.screen == ScreenName.CHECK_ANSWERS, state.form_page


def to_sign(qtbot, kiosk, **choices: str) -> None:
    to_check(qtbot, kiosk, **choices)
    tap(qtbot, kiosk.window, "confirm")
    assert kiosk.kiosk.state.screen == ScreenName.SIGN
