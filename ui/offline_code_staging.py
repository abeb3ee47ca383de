"""Drives the kiosk to the offline-code screens for screenshots and the audit, as a resident
does: the elderly sample resident, identified and agreed, opens 离线码 (its choices); for the
check, she prints her code, the kiosk takes the platform's lists, and she scans the slip."""

from __future__ import annotations

import logging

from drivers.base import CodeScanned
from kiosk.controller import Kiosk
from kiosk.view import ScreenName

S = ScreenName
SCREENS = frozenset({S.OFFLINE_CODE, S.CODE_CHECK})
SERVICE = "offline_code"
log = logging.getLogger(__name__)


def stage(kiosk: Kiosk, screen: ScreenName) -> None:
    """From the sample resident identified and consented (jobs run at once)."""
    if kiosk.state.notice is not None and kiosk.state.notice.reprint:
        # an earlier staged screen (a record printing) left her a receipt to reprint: she
        # says not now, as a resident in a hurry for her code would
        kiosk.go_home()
    kiosk.choose_service(SERVICE)
    if screen == S.OFFLINE_CODE:
        return
    kiosk.choose_offline_code("new")
    code = kiosk.session.visit.offline_code.code
    take_lists(kiosk)
    kiosk.go_home()
    text = code.text if code is not None else "TB1:not-a-code"  # no platform: unreadable
    kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))


def take_lists(kiosk: Kiosk) -> None:
    """The platform's signed lists into the kiosk's cache now, as its sync takes them (the
    staged kiosk's chores may run on another thread)."""
    from kiosk.codes.sync import take

    try:
        take(kiosk.codes, kiosk.platform.code_lists(), kiosk.wall_clock)
    except Exception as error:  # staging only: the check then says what it can
        log.warning("staging: no code lists (%s)", error)


def own_words(state) -> list[str]:
    """The holder's masked name, as the code carries it (the audit allows it any language)."""
    words = []
    for view in (state.offline_code, state.code_check):
        if view is not None and view.name:
            words.append(view.name)
    return words
