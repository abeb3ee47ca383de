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


TOTAL_STEPS = 4
ROUTES: dict[ScreenName, Route] = {
    S.ATTRACT: Route(home=False, end=False),
    S.HOME: Route(home=False),
    S.IDENTIFY: Route(back=S.HOME),
    S.CONSENT: Route(home=False),  # two plain answers, agree or not; end still applies
    S.FORM: Route(back=S.HOME, step=1),
    S.SIGN: Route(back=S.FORM, step=2),
    S.PRINTING: Route(home=False, end=False, step=3, keeps_visit_when_out=True),
    S.RECEIPT: Route(step=3, keeps_visit_when_out=True),
    S.RATING: Route(back=S.RECEIPT, step=4),
    S.GOODBYE: Route(home=False),
    S.NOTICE: Route(),
    S.OUT_OF_SERVICE: Route(home=False, end=False),
}


def route(screen: ScreenName) -> Route:
    return ROUTES[screen]


def nav(screen: ScreenName) -> Nav:
    """The bottom bar for this screen: help everywhere, the rest where it applies."""
    r = ROUTES[screen]
    return Nav(back=r.back is not None, home=r.home, help=True, end=r.end)


def step(screen: ScreenName, in_service: bool) -> Step | None:
    number = ROUTES[screen].step
    return Step(number, TOTAL_STEPS) if in_service and number is not None else None
