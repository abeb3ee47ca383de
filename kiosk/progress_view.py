"""办件进度: one application's stages as a plain timeline, found from a receipt's QR code or,
once the resident is identified, from their own applications; and SMS reminders to the
number on file (the platform keeps the number; the screen shows it masked)."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from district.contract import PlatformRefused, PlatformUnavailable
from district.models import Progress
from kiosk.config import LOCAL_TIME
from kiosk.services.catalogue import Catalogue
from kiosk.view import LARGE_PRINT, ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.modes.visit import VisitMode
    from kiosk.session import Visit

log = logging.getLogger(__name__)
S = ScreenName
PER_PAGE = 3  # applications a page; two in large print
STAGES = ("received", "accepted", "reviewing", "approved", "ready", "done", "rejected")


# --- what the visit keeps, and what the screens show ---------------------------------------

@dataclass
class ProgressVisit:
    shown: Progress | None = None  # the application on the progress screen
    asked: str = ""  # the reference last looked up from a code
    looking_up: bool = False
    problem: str = ""  # a message key, for the progress screen
    applications: tuple[Progress, ...] | None = None  # the resident's own; None: not fetched
    loading: bool = False
    list_problem: str = ""  # a message key, for the list
    page: int = 0
    waiting: bool = False  # the list was asked for before the card: shown once it is read
    subscribing: bool = False
    subscribe_problem: str = ""  # a message key


@dataclass(frozen=True)
class StageView:
    name: str
    label: str  # 已受理
    when: str  # 11月28日 14:05, or 尚未到这一步
    reached: bool
    current: bool  # the last stage reached
    read: str = ""  # label and date as one sentence


@dataclass(frozen=True)
class ProgressView:
    reference: str = ""
    service: str = ""
    status: str = ""  # where it stands, one plain sentence
    submitted: str = ""
    stages: tuple[StageView, ...] = ()
    subscribed: bool = False
    can_subscribe: bool = False
    sms: str = ""  # where reminders go (masked), or that they are on
    busy: bool = False  # looking it up, or subscribing
    problem: str = ""  # a sentence instead of the timeline, or about subscribing


@dataclass(frozen=True)
class ApplicationRow:
    reference: str
    service: str
    status: str
    submitted: str
    read: str = ""  # the row as one sentence


@dataclass(frozen=True)
class ApplicationsView:
    rows: tuple[ApplicationRow, ...] = ()  # this page's
    page: int = 0
    pages: int = 1
    loading: bool = False
    problem: str = ""  # a sentence instead of the list
    needs_card: bool = False  # no card yet; when the card is read without consent, a problem


# --- the flow, called by the visit mode ----------------------------------------------------

class ProgressDesk:
    def __init__(self, kiosk: Kiosk, mode: VisitMode, visit_id: Callable[[Visit], str | None]
                 ) -> None:
        self.kiosk, self.mode, self._visit_id = kiosk, mode, visit_id

    @property
    def state(self) -> ProgressVisit:
        return self.kiosk.session.visit.progress

    def look_up(self, reference: str) -> None:
        """A receipt's code was scanned: its progress, on the progress screen."""
        state = self.state
        state.shown, state.asked, state.looking_up, state.problem = None, reference, True, ""
        state.subscribe_problem = ""
        self.mode.show(S.PROGRESS)
        platform = self.kiosk.platform
        self.kiosk.run_job("progress", lambda: platform.progress(reference),
                           lambda result: self._looked_up(reference, result))

    def _looked_up(self, reference: str, result: Any) -> None:
        state = self.state
        state.looking_up = False
        if isinstance(result, Progress):
            state.shown = result
        elif isinstance(result, PlatformUnavailable):
            state.problem = "progress.offline"
        else:
            if isinstance(result, Exception):
                log.warning("progress lookup refused: %s", result)
            state.problem = "progress.not_found"

    def open_list(self) -> None:
        """我的办件, from home: the resident's own applications (fetched once a visit)."""
        state = self.state
        if self.mode.screen != S.HOME:
            return
        self.mode.show(S.APPLICATIONS)
        state.page = 0
        if state.applications is None and not state.loading:
            self.fetch_list()

    def identified(self) -> None:
        """The card was read (and the reads agreed to) while the list waited for it."""
        state = self.state
        if state.waiting and self._visit_id(self.kiosk.session.visit) is not None:
            state.waiting = False
            self.mode.show(S.APPLICATIONS)
            self.fetch_list()

    def fetch_list(self) -> None:
        state = self.state
        visit = self.kiosk.session.visit
        visit_id = self._visit_id(visit)
        if visit_id is None:
            state.waiting = visit.resident is None  # the list asks for the card, and waits
            return
        state.loading, state.list_problem = True, ""
        platform = self.kiosk.platform
        self.kiosk.run_job("applications", lambda: platform.applications(visit_id),
                           self._listed)

    def _listed(self, result: Any) -> None:
        state = self.state
        state.loading = False
        if isinstance(result, Exception):
            log.warning("applications not listed: %s", result)
            state.list_problem = ("progress.offline" if isinstance(result, PlatformUnavailable)
                                  else "applications.refused")
            return
        state.applications = tuple(sorted(result, key=lambda p: p.submitted_at, reverse=True))

    def page(self, step: int) -> None:
        state = self.state
        if self.mode.screen == S.APPLICATIONS and state.applications:
            size = per_page(self.kiosk.session.visit.display_mode)
            pages = max(1, math.ceil(len(state.applications) / size))
            state.page = min(max(0, state.page + step), pages - 1)

    def choose(self, reference: str) -> None:
        state = self.state
        if self.mode.screen != S.APPLICATIONS:
            return
        chosen = next((p for p in state.applications or () if p.reference == reference), None)
        if chosen is not None:
            state.shown, state.problem, state.subscribe_problem = chosen, "", ""
            self.mode.show(S.PROGRESS)

    def subscribe(self) -> None:
        """SMS reminders for the application shown, to the number the platform has on file."""
        state, visit = self.state, self.kiosk.session.visit
        visit_id = self._visit_id(visit)
        if (self.mode.screen != S.PROGRESS or state.shown is None or state.shown.subscribed
                or visit_id is None or state.subscribing):
            return
        reference = state.shown.reference
        state.subscribing, state.subscribe_problem = True, ""
        platform = self.kiosk.platform
        self.kiosk.run_job("subscribe", lambda: platform.subscribe(visit_id, reference),
                           self._subscribed)

    def _subscribed(self, result: Any) -> None:
        state = self.state
        state.subscribing = False
        if isinstance(result, PlatformUnavailable):
            state.subscribe_problem = "progress.subscribe_offline"
        elif isinstance(result, PlatformRefused):
            log.warning("SMS reminders refused: %s", result)
            state.subscribe_problem = "progress.subscribe_refused"
        elif isinstance(result, Exception):
            log.error("SMS reminders failed: %r", result)
            state.subscribe_problem = "progress.subscribe_offline"
        else:
            if state.shown is not None and state.shown.reference == result.reference:
                state.shown = result
            if state.applications is not None:
                state.applications = tuple(result if p.reference == result.reference else p
                                           for p in state.applications)


# --- what the screens show ------------------------------------------------------------------

def present_progress(state: ProgressVisit, catalogue: Catalogue, phone: str, identified: bool,
                     today: date, language: str, t: Callable[..., str]) -> ProgressView:
    """`phone` is the number on file, already masked ("" when not known)."""
    shown = state.shown
    if shown is None:
        if state.looking_up:
            return ProgressView(reference=state.asked, busy=True, status=t("progress.looking_up"))
        return ProgressView(reference=state.asked,
                            problem=t(state.problem, reference=state.asked) if state.problem
                            else "")
    stages = _stages(shown, today, t)
    if shown.subscribed:
        sms = t("progress.sms_on", phone=phone) if phone else t("progress.sms_on_file")
    elif identified:
        sms = t("progress.sms_offer", phone=phone) if phone else t("progress.sms_file")
    else:
        sms = t("progress.sms_needs_card")
    problem = t(state.subscribe_problem) if state.subscribe_problem else ""
    return ProgressView(
        reference=shown.reference,
        service=_service(shown.service_id, catalogue, language, t),
        status=t(f"status.{_stage(shown.status)}"),
        submitted=t("progress.submitted", when=_date(shown.submitted_at, today, t)),
        stages=stages,
        subscribed=shown.subscribed,
        can_subscribe=identified and not shown.subscribed,
        sms=sms,
        busy=state.subscribing,
        problem=problem,
    )


def per_page(display_mode: str) -> int:
    return 2 if display_mode in LARGE_PRINT else PER_PAGE


def present_applications(state: ProgressVisit, catalogue: Catalogue, identified: bool,
                         declined: bool, today: date, language: str, display_mode: str,
                         t: Callable[..., str]) -> ApplicationsView:
    """`identified`: the platform may read the resident's data; `declined`: they said no."""
    if declined:
        return ApplicationsView(problem=t("applications.declined"))
    if not identified:
        return ApplicationsView(needs_card=True)
    if state.applications is None:
        problem = t(state.list_problem) if state.list_problem else ""
        return ApplicationsView(loading=state.loading, problem=problem)
    if not state.applications:
        return ApplicationsView(problem=t("applications.none"))
    size = per_page(display_mode)
    pages = max(1, math.ceil(len(state.applications) / size))
    page = min(state.page, pages - 1)
    rows = tuple(_row(p, catalogue, today, language, t)
                 for p in state.applications[page * size:(page + 1) * size])
    return ApplicationsView(rows=rows, page=page, pages=pages)


def _row(progress: Progress, catalogue: Catalogue, today: date, language: str,
         t: Callable[..., str]) -> ApplicationRow:
    service = _service(progress.service_id, catalogue, language, t)
    status = t(f"stage.{_stage(progress.status)}")
    submitted = t("progress.submitted", when=_date(progress.submitted_at, today, t))
    return ApplicationRow(progress.reference, service, status, submitted,
                          t("list.pause").join((service, status, submitted)))


def _stages(progress: Progress, today: date, t: Callable[..., str]) -> tuple[StageView, ...]:
    reached = [index for index, stage in enumerate(progress.stages) if stage.at is not None]
    last = reached[-1] if reached else -1
    views = []
    for index, stage in enumerate(progress.stages):
        label = t(f"stage.{_stage(stage.name)}")
        when = _date(stage.at, today, t, clock=True) if stage.at else t("progress.not_yet")
        views.append(StageView(stage.name, label, when, reached=stage.at is not None,
                               current=index == last, read=t("list.pause").join((label, when))))
    return tuple(views)


def _stage(name: str) -> str:
    """A stage this kiosk has words for; any other is "in progress"."""
    return name if name in STAGES else "other"


def _service(service_id: str, catalogue: Catalogue, language: str, t: Callable[..., str]
             ) -> str:
    if service_id in catalogue:
        return catalogue.get(service_id).title.get(language)
    return t("progress.other_matter")


def _date(moment: datetime, today: date, t: Callable[..., str], clock: bool = False) -> str:
    """11月28日, 2025年11月28日, 28 Nov, 28 Nov 2025 (Shanghai's day); with the time of day
    when asked."""
    moment = moment.astimezone(LOCAL_TIME) if moment.tzinfo else moment
    months = t("when.months").split(",")
    key = "when.date" if moment.year == today.year else "when.date_year"
    text = t(key, day=moment.day, month=months[moment.month - 1], year=moment.year)
    return f"{text} {moment.hour}:{moment.minute:02d}" if clock else text
