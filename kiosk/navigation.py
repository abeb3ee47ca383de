"""Where a resident can go from each screen, as one table instead of tests scattered through
the code: what 返回 (back) leads to, whether 首页 (home), 求助 (help) and 退出 (end) apply,
and where a service's screens stand in its steps."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.state import Nav, Step
from kiosk.view import ScreenName

S = ScreenName


@dataclass(frozen=True)
class Route:
    back: ScreenName | None = None  # where back leads; None: back does not apply here
    home: bool = True
    end: bool = True
    step: int | None = None  # the step of a service this screen is, when in a service
    keeps_visit_when_out: bool = False  # stays even when every device stops (the reference)
    returns: bool = False  # back returns to the screen it was opened from
    # Shown over the resident's place (help): home and end apply as they do there, and a
    # background result (a receipt, say) moves the place, not the resident.
    over: bool = False
    steps: int | None = None  # its flow's number of steps, when not a service's four
    help: bool = True  # a technician in maintenance is the staff help would call


TOTAL_STEPS = 4
ROUTES: dict[ScreenName, Route] = {
    S.ATTRACT: Route(home=False, end=False),
    S.HOME: Route(home=False),
    S.IDENTIFY: Route(back=S.HOME),
    S.CONSENT: Route(home=False),  # two plain answers, agree or not; end still applies
    S.FORM: Route(back=S.HOME, step=1),
    S.SIGN: Route(back=S.CHECK_ANSWERS, step=2),
    S.PRINTING: Route(home=False, end=False, step=3, keeps_visit_when_out=True),
    S.RECEIPT: Route(step=3, keeps_visit_when_out=True),
    S.RATING: Route(back=S.RECEIPT, step=4),
    S.GOODBYE: Route(home=False),
    S.NOTICE: Route(),
    S.OUT_OF_SERVICE: Route(home=False, end=False),
    # progress, help, ratings' reasons, the service map
    S.PROGRESS: Route(returns=True),
    S.APPLICATIONS: Route(returns=True),  # home, or the personal page
    S.HELP: Route(returns=True, over=True),
    S.HELP_ARTICLE: Route(back=S.HELP, over=True),
    S.RATING_REASONS: Route(back=S.RATING, step=4),
    S.SERVICE_MAP: Route(back=S.HOME),
    # appointments: five steps to a booking; the rest stand alone
    S.BOOKING_MATTER: Route(back=S.HOME, step=1, steps=5),
    S.BOOKING_CENTRE: Route(back=S.BOOKING_MATTER, step=2, steps=5),
    S.BOOKING_DAY: Route(back=S.BOOKING_CENTRE, step=3, steps=5),
    S.BOOKING_TIME: Route(back=S.BOOKING_DAY, step=4, steps=5),
    S.BOOKING_CONFIRM: Route(back=S.BOOKING_TIME, step=5, steps=5),
    S.BOOKING_DONE: Route(keeps_visit_when_out=True),
    S.MY_APPOINTMENTS: Route(back=S.BOOKING_MATTER),
    S.BOOKING_DETAIL: Route(back=S.MY_APPOINTMENTS),
    S.CHECKED_IN: Route(keeps_visit_when_out=True),
    S.HOME_SERVICE: Route(back=S.HOME),
    S.HOME_SERVICE_DONE: Route(keeps_visit_when_out=True),
    # finding a service
    S.CATEGORY: Route(back=S.HOME),
    S.SEARCH: Route(back=S.HOME),
    # the form flow: back goes a page back (kiosk/form_flow.py), home from the first
    S.MATERIALS: Route(back=S.HOME, step=1),
    S.LICENCE_PREVIEW: Route(back=S.MATERIALS, step=1),
    S.CHECK_ANSWERS: Route(back=S.FORM, step=2),
    # a paper under the document camera: back returns to the materials step it came from
    S.MATERIAL_CAMERA: Route(returns=True),
    # records: the preview with its two choices, then printed or on the phone
    S.RECORD_PREVIEW: Route(back=S.HOME),
    S.RECORD_DONE: Route(keeps_visit_when_out=True),
    # a company's licence scanned; the personal page and its sections
    S.ENTERPRISE: Route(back=S.HOME),
    S.PERSONAL_PAGE: Route(back=S.HOME),
    S.MY_LICENCES: Route(back=S.PERSONAL_PAGE),
    S.MY_BENEFITS: Route(back=S.PERSONAL_PAGE),
    S.MY_REMINDERS: Route(back=S.PERSONAL_PAGE),
    S.DATA_READS: Route(back=S.PERSONAL_PAGE),
    # maintenance: no visit to go home or end; a technician at work stays when devices stop
    S.MAINTENANCE: Route(home=False, end=False, help=False, keeps_visit_when_out=True),
    S.MAINTENANCE_ENTRY: Route(home=False, end=False, help=False, keeps_visit_when_out=True),
    S.MAINTENANCE_CLEANING: Route(home=False, end=False, help=False, keeps_visit_when_out=True),
    # maintenance's pages: back leads to the menu
    S.MAINTENANCE_DEVICES: Route(back=S.MAINTENANCE, home=False, end=False, help=False,
                                 keeps_visit_when_out=True),
    S.MAINTENANCE_LOGS: Route(back=S.MAINTENANCE, home=False, end=False, help=False,
                              keeps_visit_when_out=True),
    S.MAINTENANCE_NETWORK: Route(back=S.MAINTENANCE, home=False, end=False, help=False,
                                 keeps_visit_when_out=True),
    S.MAINTENANCE_CONFIG: Route(back=S.MAINTENANCE, home=False, end=False, help=False,
                                keeps_visit_when_out=True),
    S.MAINTENANCE_OUTBOX: Route(back=S.MAINTENANCE, home=False, end=False, help=False,
                                keeps_visit_when_out=True),
    S.MAINTENANCE_USAGE: Route(back=S.MAINTENANCE, home=False, end=False, help=False,
                               keeps_visit_when_out=True),
    # the sentinel mode: nobody's visit, nowhere to go; the doorkeeper is the staff
    S.SENTINEL: Route(home=False, end=False, help=False),
    S.SENTINEL_RESULT: Route(home=False, end=False, help=False),
}


def route(screen: ScreenName) -> Route:
    return ROUTES[screen]


def nav(screen: ScreenName, place: ScreenName | None = None) -> Nav:
    """The bottom bar for this screen: help everywhere but maintenance, the rest where it
    applies (over a place, home and end as they apply there)."""
    r = ROUTES[screen]
    at = ROUTES[place] if r.over and place is not None else r
    return Nav(back=r.back is not None or r.returns, home=at.home, help=r.help, end=at.end)


def step(screen: ScreenName, in_service: bool) -> Step | None:
    r = ROUTES[screen]
    if not in_service or r.step is None:
        return None
    return Step(r.step, r.steps or TOTAL_STEPS)
