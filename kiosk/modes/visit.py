"""A resident's visit: identify, choose a service, check the pre-filled form, sign, submit
and print, rate, goodbye. Every slow step runs as a job of this visit; a second person's
card ends the visit first, so nothing of one resident reaches the next."""

from __future__ import annotations

import logging
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from district.contract import PlatformUnavailable
from district.models import Rating, Submission, VisitGrant
from drivers.base import CardRead, CodeScanned, DeviceEvent, DeviceFault
from kiosk import navigation
from kiosk.appointment_actions import AppointmentActions
from kiosk.appointment_view import APPOINTMENT_SCREENS
from kiosk.check_in import looks_like_booking_code
from kiosk.consent import consent_for
from kiosk.modes.base import Mode, ModeName
from kiosk.receipt import PROGRESS_PREFIX, build_receipt
from kiosk.services.engine import failed_checks, missing_fields, prefill
from kiosk.services.model import Service
from kiosk.session import Phase, Resident, Visit
from kiosk.signature import Signature
from kiosk.submitting import Outcome, submit_and_print
from kiosk.view import LARGE_PRINT, Notice, ScreenName

log = logging.getLogger(__name__)
S = ScreenName

IGNORES_CARDS = frozenset({S.PRINTING, S.GOODBYE})
IGNORES_CODES = frozenset({S.PRINTING, S.SIGN, S.GOODBYE, S.CONSENT})
TAKES_CARD_PROBLEMS = frozenset({S.HOME, S.IDENTIFY})


class VisitMode(AppointmentActions, Mode):
    name = ModeName.VISIT
    description = "a resident's visit, from choosing a service to the goodbye"
    screens = frozenset({S.HOME, S.IDENTIFY, S.CONSENT, S.FORM, S.SIGN, S.PRINTING, S.RECEIPT,
                         S.RATING, S.GOODBYE, S.NOTICE}) | APPOINTMENT_SCREENS
    takes = (CardRead, CodeScanned, DeviceFault)

    def __init__(self, kiosk) -> None:
        super().__init__(kiosk)
        self.open_desks()

    @property
    def visit(self) -> Visit:
        return self.kiosk.session.visit

    @property
    def screen(self) -> ScreenName:
        return self.visit.screen

    @property
    def service(self) -> Service | None:
        sid = self.visit.service_id
        return self.kiosk.catalogue.get(sid) if sid else None

    def show(self, screen: ScreenName) -> None:
        self.visit.screen = screen

    def activate(self) -> None:
        self.kiosk.session.begin()
        self.show(S.HOME)

    def deactivate(self) -> None:
        self.booking.release()  # a place held and never confirmed goes back at once

    # --- devices ---------------------------------------------------------------------------

    def handle(self, event: DeviceEvent) -> None:
        if isinstance(event, CardRead):
            self._card_read(event)
        elif isinstance(event, CodeScanned):
            self._code_scanned(event.text)
        elif isinstance(event, DeviceFault) and event.device == "idcard":
            self._card_unreadable(event)

    def _card_read(self, event: CardRead) -> None:
        if self.screen in IGNORES_CARDS:
            return
        card, visit = event.card, self.visit
        known = (visit.resident.id_number if visit.resident
                 else visit.waiting_card.id_number if visit.waiting_card else visit.reading_card)
        if known == card.id_number:
            return  # the same card laid down again
        if known is not None:  # another person: nothing of the first may remain
            self.kiosk.end_visit("a second card")
            self.kiosk.handle_device_event(event)
            return
        visit.waiting_card = card
        visit.notice = None
        self.show(S.CONSENT)  # nothing is read from the platform before the resident agrees

    # --- consent: who asks, for what, which items, for how long ---------------------------------

    def consent(self, accept: bool) -> None:
        visit = self.visit
        if self.screen != S.CONSENT or visit.reading_card is not None:
            return  # not asked, or already agreed and being read
        card = visit.waiting_card or (visit.resident.card if visit.resident else None)
        if card is None:
            return
        if not accept:
            visit.consented = False if visit.consented is None else visit.consented
            self._identified(card, {})
            return
        kiosk = self.kiosk
        consent = consent_for(card.id_number, kiosk.catalogue)
        platform = kiosk.platform

        def read() -> tuple[VisitGrant, dict[str, str]]:
            grant = platform.open_visit(consent)
            return grant, platform.profile(grant.visit_id)

        visit.consented = True
        visit.reading_card = card.id_number
        kiosk.run_job("profile", read, lambda result: self._consented(card, result))

    def _consented(self, card: Any, result: Any) -> None:
        if isinstance(result, Exception):
            log.warning("profile read failed: %s", result)
            self._identified(card, {})
            return
        grant, profile = result
        self.visit.grant = grant
        self._identified(card, profile)

    def _identified(self, card: Any, profile: dict[str, str]) -> None:
        self.kiosk.session.identify(Resident(card, profile))
        pending, self.visit.pending_service = self.visit.pending_service, None
        self.visit.notice = None
        self.show(S.HOME)
        if pending:
            self.choose_service(pending)

    def _card_unreadable(self, event: DeviceFault) -> None:
        if not self.kiosk.devices.card_problem(event.error) or (
                self.screen not in TAKES_CARD_PROBLEMS):
            return
        self._notice(Notice("notice.card_unreadable.title", "notice.card_unreadable.body",
                            tone="problem"))

    def _code_scanned(self, text: str) -> None:
        if self.screen in IGNORES_CODES:
            return
        if not text.startswith(PROGRESS_PREFIX) and looks_like_booking_code(text):
            self.check_in.scan(text)  # the platform says whether it is a booking's code
            return
        if not text.startswith(PROGRESS_PREFIX):
            self._notice(Notice("notice.unknown_code.title", "notice.unknown_code.body",
                                tone="problem"))
            return
        reference = text.removeprefix(PROGRESS_PREFIX)
        platform = self.kiosk.platform
        self.kiosk.run_job("lookup", lambda: platform.progress(reference),
                           lambda result: self._looked_up(reference, result))

    def _looked_up(self, reference: str, result: Any) -> None:
        if self.screen in IGNORES_CODES:
            return  # the resident moved on to sign or print meanwhile
        if isinstance(result, PlatformUnavailable):
            notice = Notice("notice.offline.title", "notice.offline.lookup", tone="problem")
        elif isinstance(result, Exception) or result is None:
            notice = Notice("notice.progress.title", "notice.progress.not_found",
                            params={"reference": reference}, tone="problem")
        else:
            notice = Notice("notice.progress.title", f"status.{result.status}",
                            params={"reference": reference})
        self._notice(notice)

    def _notice(self, notice: Notice) -> None:
        self.visit.notice = notice
        self.show(S.NOTICE)

    # --- choosing and filling in -----------------------------------------------------------

    def choose_service(self, service_id: str) -> None:
        if self.screen != S.HOME or service_id not in self.kiosk.catalogue:
            return
        service = self.kiosk.catalogue.get(service_id)
        if not self.kiosk.devices.available(service):
            self._notice(Notice("notice.unavailable.title", "notice.unavailable.body",
                                tone="problem"))
            return
        resident = self.visit.resident
        if resident is None:
            self.visit.pending_service = service_id
            self.show(S.IDENTIFY)
            return
        if service.reads_profile and not self.visit.consented:
            self.visit.pending_service = service_id  # it fills in from the platform: ask first
            self.show(S.CONSENT)
            return
        failed = failed_checks(service, resident, self.kiosk.today())
        if failed:
            self._notice(Notice("notice.precheck.title", text=failed[0].message, tone="problem"))
            return
        if service.flow != "form":  # appointments: a flow of their own, with no form
            self.kiosk.session.enter_service(service_id, {})
            (self.booking if service.flow == "booking" else self.home_service).start()
            return
        self.kiosk.session.enter_service(service_id, prefill(service, resident))
        self.show(S.FORM)

    def answer(self, key: str, value: str) -> None:
        service = self.service
        if self.screen != S.FORM or service is None:
            return
        spec = next((f for f in service.fields if f.key == key and f.kind == "choice"), None)
        if spec is None or value not in {option.value for option in spec.options}:
            return
        self.visit.answers = {**self.visit.answers, key: value}
        self.visit.problems = tuple(k for k in self.visit.problems if k != key)

    def confirm_form(self) -> None:
        service = self.service
        if self.screen != S.FORM or service is None:
            return
        missing = [spec for spec in missing_fields(service, self.visit.answers)
                   if spec.kind == "choice"]
        self.visit.problems = tuple(spec.key for spec in missing)
        if missing:
            self.kiosk.guide.say("form.please_choose",
                                 field=missing[0].label.get(self.visit.language))
            return
        self.kiosk.session.hold("signing")
        self.show(S.SIGN)

    # --- signing and submitting ------------------------------------------------------------

    def add_stroke(self, stroke: tuple[tuple[float, float], ...], width: float,
                   height: float) -> None:
        if self.screen == S.SIGN:
            self.visit.signature = self.visit.signature.add(stroke, width, height)

    def clear_signature(self) -> None:
        if self.screen == S.SIGN:
            self.visit.signature = Signature()

    def submit_signature(self) -> None:
        if self.screen == S.SIGN and not self.visit.signature.empty:
            self._submit(signed_by="hand")

    def confirm_without_signature(self) -> None:
        """For a resident who cannot sign (cannot see the box, or cannot hold a finger still):
        a deliberate confirmation instead, recorded as such with the submission."""
        if self.screen == S.SIGN:
            self.visit.signature = Signature()
            self._submit(signed_by="keypad")

    def retry(self) -> None:
        if self.screen in APPOINTMENT_SCREENS:
            self.booking.refresh()
            return
        notice = self.visit.notice
        if self.screen == S.NOTICE and notice and notice.retry and self.visit.signed_by:
            self.visit.notice = None
            self._submit(signed_by=self.visit.signed_by)

    def _submit(self, signed_by: str) -> None:
        kiosk, visit, service = self.kiosk, self.visit, self.service
        if service is None or visit.resident is None:
            return
        kiosk.session.release("signing")
        visit.signed_by = signed_by
        if visit.idempotency_key is None:
            visit.idempotency_key = uuid.uuid4().hex
        signed_at = datetime.now(UTC)
        submission = Submission(
            idempotency_key=visit.idempotency_key,
            reference=interim_reference(kiosk.settings.site.kiosk_id, signed_at),
            service_id=service.id,
            id_number=visit.resident.id_number,
            answers=dict(visit.answers),
            signature_png=b"",  # drawn off the screen's thread, in the job below
            signed_by=signed_by,
            signed_at=signed_at,
        )
        signature = visit.signature if signed_by == "hand" else None
        language, large = visit.language, visit.display_mode in LARGE_PRINT

        def receipt(accepted):
            return build_receipt(site=kiosk.settings.site, service=service,
                                 answers=submission.answers, accepted=accepted,
                                 messages=kiosk.messages, language=language, large_print=large)

        kiosk.session.hold("printing")
        self.show(S.PRINTING)
        def work() -> Outcome:
            signed = submission if signature is None else submission.model_copy(
                update={"signature_png": signature.png()})
            return submit_and_print(kiosk.platform, kiosk.printer, signed, receipt,
                                    kiosk.print_timeout)

        kiosk.run_job("submission", work, self._submitted, always=_log_orphan_submission)

    def _submitted(self, result: Outcome | Exception) -> None:
        self.kiosk.session.release("printing")
        if isinstance(result, PlatformUnavailable):
            self._notice(Notice("notice.offline.title", "notice.offline.submit", retry=True,
                                tone="problem"))
            return
        if isinstance(result, Exception):
            log.error("submission failed: %r", result)
            self._notice(Notice("notice.submit_failed.title", "notice.submit_failed.body",
                                retry=True, tone="problem"))
            return
        if not result.printed:
            log.warning("receipt %s not printed: %s", result.accepted.reference,
                        result.print_problem)
        self.kiosk.session.complete(result)
        self.kiosk.load_usage()
        self.show(S.RECEIPT)

    # --- after submitting --------------------------------------------------------------------

    def to_rating(self) -> None:
        if self.screen == S.RECEIPT:
            self.show(S.RATING)

    def rate(self, rating: int) -> None:
        outcome = self.visit.outcome
        if self.screen != S.RATING or outcome is None or rating not in range(1, 6):
            return
        self.visit.rating = rating
        reference, platform = outcome.accepted.reference, self.kiosk.platform

        def failed(result: Any) -> None:
            if isinstance(result, Exception):
                log.warning("rating for %s not recorded: %s", reference, result)

        given = Rating(idempotency_key=uuid.uuid4().hex, reference=reference, score=rating)
        self.kiosk.run_job("rating", lambda: platform.rate(given), lambda _: None,
                           always=failed)
        self._goodbye()

    def finish(self) -> None:
        """退出: thank the resident, then wipe; on the goodbye screen, wipe now."""
        if self.screen == S.GOODBYE:
            self.end_now()
        elif self.screen != S.PRINTING:
            self._goodbye()

    def end_now(self) -> None:
        if self.screen != S.PRINTING:
            self.kiosk.end_visit("finished")

    def _goodbye(self) -> None:
        seconds = self.kiosk.settings.timeouts.goodbye_seconds
        self.visit.goodbye_at = self.kiosk.session.now() + seconds
        self.show(S.GOODBYE)

    # --- moving around -----------------------------------------------------------------------

    def go_home(self) -> None:
        if not navigation.route(self.screen).home:
            return
        if self.visit.phase in (Phase.IN_SERVICE, Phase.DONE):
            self.kiosk.session.leave_service()
        self.booking.leave()
        self.visit.pending_service = None
        self.visit.notice = None
        self.show(S.HOME)

    def go_back(self) -> None:
        back = navigation.route(self.screen).back
        if back is None:
            return
        back = self.booking.back(self.screen, back)
        if back == S.HOME:
            self.go_home()
            return
        if self.screen == S.SIGN:
            self.kiosk.session.release("signing")
        self.show(back)


def _log_orphan_submission(result: Any) -> None:
    """A submission the platform accepted is never silent, even when its visit is gone."""
    if isinstance(result, Outcome):
        log.info("submission %s accepted (printed: %s)", result.accepted.reference,
                 result.printed)


def interim_reference(kiosk_id: str, at: datetime) -> str:
    """The kiosk's reference for a submission: its code, the day and the tenth of a second
    it was signed. Until the outbox numbers submissions in order."""
    code = re.sub(r"[^A-Za-z0-9]", "", kiosk_id).upper()
    local = at.astimezone()
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    tenths = seconds * 10 + local.microsecond // 100_000
    return f"{code}-{local:%y%m%d}-{tenths:06d}"

