"""Drives the kiosk to the screens of progress, help, ratings' reasons and the service map for
screenshots and the audit, through the calls a resident's touches make: the sample resident
identified at home, or with the receipt of the sample service in hand."""

from __future__ import annotations

from kiosk.controller import Kiosk
from kiosk.receipt import progress_code
from kiosk.view import ScreenName

S = ScreenName
FROM_HOME = frozenset({S.APPLICATIONS, S.HELP, S.HELP_ARTICLE, S.SERVICE_MAP, S.CATEGORY,
                       S.SEARCH})
SEARCH_KEYS = ("s", "h", "e", "b")  # 社保…: results found, and candidates for the pinyin
FROM_RECEIPT = frozenset({S.PROGRESS})
FROM_RATING = frozenset({S.RATING_REASONS})


def from_home(kiosk: Kiosk, screen: ScreenName) -> None:
    if screen == S.APPLICATIONS:
        kiosk.open_applications()
    elif screen == S.CATEGORY:  # the category of the most services
        categories = [service.category for service in kiosk.catalogue]
        kiosk.open_category(max(categories, key=categories.count))
    elif screen == S.SEARCH:
        kiosk.open_search()
        for key in SEARCH_KEYS:
            kiosk.press_key(key)
    elif screen == S.SERVICE_MAP:
        kiosk.open_map()
    elif screen == S.HELP:  # the topics and words, with a helper on the way
        kiosk.open_help()
        kiosk.call_helper()
    elif screen == S.HELP_ARTICLE:
        kiosk.open_help()
        kiosk.search_help(kiosk.state.help.topics[1].value)  # the ID card
        results = kiosk.state.help.results
        if results:
            kiosk.read_help(results[0].value)


def from_receipt(kiosk: Kiosk, screen: ScreenName) -> None:
    """The resident scans the receipt just printed."""
    from drivers.base import CodeScanned

    code = progress_code(kiosk.session.visit.outcome.reference)
    kiosk.handle_device_event(CodeScanned("scanner", code, code.encode()))


def from_rating(kiosk: Kiosk, screen: ScreenName) -> None:
    kiosk.rate(2)
    kiosk.toggle_reason("slow")  # one ticked, as the resident leaves it
