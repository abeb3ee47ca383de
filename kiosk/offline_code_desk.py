"""离线码 at the kiosk (`flow = "offline_code"`): after the ID card and consent, the resident
is told who may have one and chooses: print my code, print a new one (the old one stops
working), or my code is lost. The two that revoke ask once more. The platform issues the
code and the slip prints in one visit job, then the kiosk's lists are synced (the code it
replaced is revoked here at once); a printer fault keeps the code, which prints again from
the same screen without a second issue. State lives in `visit.offline_code`."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from district.contract import PlatformRefused, PlatformUnavailable
from district.models import OfflineCode, OfflineCodeRequest
from drivers.idcard.card import IdCard
from kiosk.appointment_slips import try_print
from kiosk.offline_code_slip import PAPER_DOTS, offline_code_slip
from kiosk.offline_code_view import REASONS, REVOKES, OfflineCodeVisit
from kiosk.suishen_code import ISSUER as SUISHEN_ISSUER
from kiosk.view import LARGE_PRINT, ScreenName

if TYPE_CHECKING:
    from kiosk.modes.visit import VisitMode

log = logging.getLogger(__name__)
S = ScreenName


class OfflineCodeDesk:
    def __init__(self, kiosk, mode: VisitMode) -> None:
        self.kiosk, self.mode = kiosk, mode

    @property
    def o(self) -> OfflineCodeVisit:
        return self.kiosk.session.visit.offline_code

    def start(self) -> None:
        """Entered from the catalogue, identified and consented. A paper code is had with
        the holder's own ID card: one identified by 随申码 is asked to lay it down first."""
        visit = self.kiosk.session.visit
        by_phone = visit.resident is not None and visit.resident.card.issuer == SUISHEN_ISSUER
        visit.offline_code = OfflineCodeVisit(stage="id_card" if by_phone else "choose")
        self.mode.show(S.OFFLINE_CODE)

    def card_read(self, card: IdCard) -> None:
        """The same person's card laid down: asked for here, it stands for them now."""
        visit, o = self.kiosk.session.visit, self.o
        if self.mode.place != S.OFFLINE_CODE or o.stage != "id_card" or visit.resident is None:
            return
        visit.resident = replace(visit.resident, card=card)
        o.stage = "choose"

    def choose(self, reason: str) -> None:
        o = self.o
        if self.mode.place != S.OFFLINE_CODE or o.stage != "choose" or o.busy or (
                reason not in REASONS):
            return
        o.reason, o.problem = reason, ""
        if reason in REVOKES:
            o.stage = "confirm"  # the old code stops working: asked once more
            return
        self._issue()

    def confirm(self, yes: bool) -> None:
        o = self.o
        if self.mode.place != S.OFFLINE_CODE or o.stage != "confirm" or o.busy:
            return
        if not yes:
            o.stage, o.reason = "choose", ""
            return
        self._issue()

    def back(self) -> bool:
        """Back from the confirm question or a refusal returns to the choices."""
        o = self.o
        if self.mode.screen != S.OFFLINE_CODE or o.busy or o.stage not in (
                "confirm", "unavailable"):
            return False
        o.stage, o.reason, o.problem = "choose", "", ""
        return True

    def _issue(self) -> None:
        kiosk, visit, o = self.kiosk, self.kiosk.session.visit, self.o
        if visit.grant is None:
            log.error("an offline code asked for without the resident's consent; nothing sent")
            o.stage = "unavailable"
            return
        request = OfflineCodeRequest(visit_id=visit.grant.visit_id, reason=o.reason)
        platform, printer, timeout = kiosk.platform, kiosk.printer, kiosk.print_timeout
        slip = self._slip_maker()

        def work() -> tuple[OfflineCode, str]:  # on a worker thread
            code = platform.issue_offline_code(request)
            return code, _print(printer, slip(code), timeout)

        o.busy = "issue"
        kiosk.session.hold("printing")
        kiosk.run_job("offline_code", work,
                      lambda result: self.mode.at_place(lambda: self._issued(result)))

    def _issued(self, result: Any) -> None:
        self.kiosk.session.release("printing")
        o = self.o
        o.busy = ""
        if isinstance(result, PlatformRefused) and result.reason == "not_eligible":
            log.info("offline code: not eligible")
            o.stage = "not_eligible"
            return
        if isinstance(result, Exception):
            if isinstance(result, PlatformUnavailable):
                log.warning("offline code not issued: platform unavailable: %s", result)
            else:
                log.error("offline code not issued: %s", _why(result))
            o.stage = "unavailable"  # nothing issued, nothing printed: try later
            return
        code, problem = result
        o.code, o.stage = code, "done"
        self._printed(problem)
        self.kiosk.code_sync.sync_now()  # the code it replaced is revoked here at once
        log.info("offline code %s issued (%s)%s", code.code_id[:8], o.reason,
                 f", replacing {code.replaced[:8]}" if code.replaced else "")
        self.kiosk.metrics.transaction("offline_code", "offline_code")

    def reprint(self) -> None:
        """The same code again (after a printer fault): the platform is not asked twice."""
        o, kiosk = self.o, self.kiosk
        if self.mode.place != S.OFFLINE_CODE or o.code is None or o.busy or o.printed:
            return
        document = self._slip_maker()(o.code)
        printer, timeout = kiosk.printer, kiosk.print_timeout
        o.busy, o.problem = "print", ""
        kiosk.session.hold("printing")
        kiosk.run_job("offline_code_print", lambda: _print(printer, document, timeout),
                      lambda problem: self.mode.at_place(lambda: self._reprinted(problem)))

    def _reprinted(self, problem: Any) -> None:
        self.kiosk.session.release("printing")
        self.o.busy = ""
        self._printed(problem if isinstance(problem, str) else _why(problem))

    def _printed(self, problem: str) -> None:
        o = self.o
        o.printed = not problem
        o.problem = "offline_code.print_failed" if problem else ""
        self.kiosk.audit_print("offline_code", problem,
                               code=o.code.code_id[:8] if o.code is not None else None)
        if problem:
            log.warning("offline code slip not printed: %s", problem)

    def _slip_maker(self):
        kiosk, visit = self.kiosk, self.kiosk.session.visit
        site, messages, language = kiosk.settings.site, kiosk.messages, visit.language
        large = visit.display_mode in LARGE_PRINT
        inner = getattr(kiosk.printer, "inner", kiosk.printer)  # the timed printer's own
        width = getattr(inner, "width_dots", PAPER_DOTS)
        width = width if isinstance(width, int) else PAPER_DOTS
        return lambda code: offline_code_slip(code, site=site, messages=messages,
                                              language=language, large_print=large,
                                              width_dots=width)


def _print(printer, document, timeout: float) -> str:
    try:
        return try_print(printer, document, timeout)
    except Exception as error:  # a printer's bug is a fault like paper out: the code is kept
        return _why(error)


def _why(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
