"""Printing a record (社保缴费记录, 公积金缴存证明, 户籍证明 …): the platform is asked for it as a
job of the visit, it is laid out on A4 at once (so the preview can say how many pages), and
the resident chooses 打印 or 存到手机 (a one-time code from `share_record`, shown large).
State lives in the Visit (`visit.record`, kiosk/record_view.py), so the wipe takes it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from district.contract import PlatformRefused, PlatformUnavailable
from district.models import RecordRequest
from kiosk.appointment_slips import try_print
from kiosk.record_view import RecordVisit
from kiosk.records import Printable, printable
from kiosk.view import LARGE_PRINT, ScreenName

if TYPE_CHECKING:
    from kiosk.modes.visit import VisitMode

log = logging.getLogger(__name__)
S = ScreenName


class RecordDesk:
    def __init__(self, kiosk, mode: VisitMode) -> None:
        self.kiosk = kiosk
        self.mode = mode

    @property
    def r(self) -> RecordVisit:
        return self.kiosk.session.visit.record

    def start(self, service) -> None:
        """Entered from the catalogue (identified and consented): fetch at once."""
        a4 = "a4" in getattr(self.kiosk.printer, "capabilities", ())
        self.kiosk.session.visit.record = RecordVisit(kind=service.record or "",
                                                      service_id=service.id, a4=a4)
        self.mode.show(S.RECORD_PREVIEW)
        self._fetch()

    def _fetch(self) -> None:
        kiosk, visit, r = self.kiosk, self.kiosk.session.visit, self.r
        if visit.grant is None:
            log.error("a record asked for without the resident's consent; nothing sent")
            r.problem = "record.failed"
            return
        request = RecordRequest(kind=r.kind, service_id=r.service_id)
        visit_id, language = visit.grant.visit_id, visit.language
        large = visit.display_mode in LARGE_PRINT
        site, messages = kiosk.settings.site, kiosk.messages
        verify_url = kiosk.settings.receipts.verify_url

        def work() -> Printable:  # on a worker thread: nothing of the visit is read here
            record = kiosk.platform.record(visit_id, request)
            return printable(record, site=site, messages=messages, language=language,
                             verify_url=verify_url, printed_at=kiosk.wall_clock(),
                             large_print=large)

        r.busy, r.problem = "fetch", ""
        kiosk.run_job("record", work, self._fetched)

    def _fetched(self, result: Any) -> None:
        r = self.r
        r.busy = ""
        if isinstance(result, Exception):
            r.problem = _problem(result, "record.failed")
            return
        r.made = result

    def print(self) -> None:
        r, kiosk = self.r, self.kiosk
        if self.mode.place != S.RECORD_PREVIEW or r.made is None or r.busy or not r.a4:
            return
        document, printer, timeout = r.made.document, kiosk.printer, kiosk.print_timeout
        r.busy, r.problem = "print", ""
        kiosk.session.hold("printing")
        kiosk.run_job("record_print", lambda: try_print(printer, document, timeout),
                      lambda problem: self.mode.at_place(lambda: self._printed(problem)))

    def _printed(self, problem: Any) -> None:
        self.kiosk.session.release("printing")
        r = self.r
        r.busy = ""
        if isinstance(problem, Exception):
            log.error("printing a record failed: %r", problem)
            problem = str(problem)
        if problem:
            log.warning("a record did not print: %s", problem)
        else:
            self.kiosk.metrics.transaction(r.service_id, "record")
        r.printed, r.share = not problem, None
        self.kiosk.audit_print("record", str(problem or ""), service=r.service_id)
        self.mode.show(S.RECORD_DONE)

    def share(self) -> None:
        kiosk, visit, r = self.kiosk, self.kiosk.session.visit, self.r
        if self.mode.place != S.RECORD_PREVIEW or r.made is None or r.busy:
            return
        if visit.grant is None:
            r.problem = "record.share_failed"
            return
        visit_id, number = visit.grant.visit_id, r.made.number
        r.busy, r.problem = "share", ""
        kiosk.run_job("record_share", lambda: kiosk.platform.share_record(visit_id, number),
                      self._shared)

    def _shared(self, result: Any) -> None:
        r = self.r
        r.busy = ""
        if isinstance(result, Exception):
            r.problem = _problem(result, "record.share_failed")
            return
        r.share, r.printed = result, None
        self.mode.show(S.RECORD_DONE)

    def retry(self) -> None:
        if self.r.made is None and not self.r.busy:
            self._fetch()


def _problem(error: Exception, otherwise: str) -> str:
    if isinstance(error, PlatformRefused) and error.reason in ("not_found", "forbidden"):
        log.warning("record refused: %s", error.reason)
        return "record.refused"
    if isinstance(error, PlatformUnavailable):
        log.warning("record: platform unavailable: %s", error)
    else:
        log.error("record failed: %r", error)
    return otherwise
