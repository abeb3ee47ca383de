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


def stage(kiosk: Kiosk, screen: ScreenName) -> None:
    if screen == S.CHECK_ANSWERS:
        kiosk.choose_service(SAMPLE_SERVICE)
        kiosk.answer("reason", "damaged")
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
