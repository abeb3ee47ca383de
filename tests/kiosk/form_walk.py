"""Walking a form as a resident does, page by page, whatever steps the service's definition
has: answering what each page asks from the answers given, then going on, up to
check-your-answers."""

from __future__ import annotations

from kiosk.view import ScreenName as S

MOST_PAGES = 30  # a form has fewer pages: more means the walk is stuck


def to_check(kiosk, **answers: str) -> None:
    """From the form's first page to check-your-answers; fails where a page will not let go."""
    for _ in range(MOST_PAGES):
        if kiosk.state.screen != S.FORM:
            break
        for key in kiosk.state.form_page.keys:
            if key in answers:
                kiosk.answer(key, answers[key])
        if kiosk.state.screen == S.FORM:  # care mode's big buttons go on by themselves
            kiosk.confirm_form()
    assert kiosk.state.screen == S.CHECK_ANSWERS, kiosk.state.form_page


def to_sign(kiosk, **answers: str) -> None:
    to_check(kiosk, **answers)
    kiosk.confirm_form()
    assert kiosk.state.screen == S.SIGN
