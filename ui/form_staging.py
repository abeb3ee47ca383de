"""Drives the kiosk to the form flow's screens for screenshots and the audit, through the
calls a resident's touches make: check-your-answers of the sample service, and the
materials and a licence's preview of the first service whose material a licence of the
sample resident replaces (or, when the catalogue has none, of the first with materials)."""

from __future__ import annotations

from kiosk.controller import Kiosk
from kiosk.view import ScreenName

S = ScreenName
FORM_SCREENS = frozenset({S.CHECK_ANSWERS, S.MATERIALS, S.LICENCE_PREVIEW})
SAMPLE_SERVICE = "social_security_card"


MOST_PAGES = 30


def to_question(kiosk: Kiosk, key: str) -> None:
    """On through the form's pages to the one that asks `key`."""
    for _ in range(MOST_PAGES):
        page = kiosk.state.form_page
        if kiosk.state.screen != S.FORM or page is None or key in page.keys:
            return
        kiosk.confirm_form()


def to_sign(kiosk: Kiosk) -> None:
    """On through the rest of the form and check-your-answers, to signing."""
    for _ in range(MOST_PAGES):
        if kiosk.state.screen not in (S.FORM, S.CHECK_ANSWERS):
            return
        kiosk.confirm_form()


def stage(kiosk: Kiosk, screen: ScreenName) -> None:
    if screen == S.CHECK_ANSWERS:
        kiosk.choose_service(SAMPLE_SERVICE)
        to_question(kiosk, "reason")
        kiosk.answer("reason", "damaged")
        for _ in range(MOST_PAGES):
            if kiosk.state.screen != S.FORM:
                return
            kiosk.confirm_form()
        return
    with_materials = [s for s in kiosk.catalogue if s.materials and s.flow == "form"]
    licensed = [s for s in with_materials if any(m.licence for m in s.materials)]
    for service in licensed + with_materials:
        kiosk.choose_service(service.id)
        if kiosk.state.screen != S.MATERIALS:
            kiosk.go_home()
            continue
        if screen == S.MATERIALS:
            return
        for row in kiosk.state.materials:
            if row.state == "licence":
                kiosk.use_licence(row.key)
                return
        kiosk.go_home()
