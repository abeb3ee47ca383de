"""A resident's visit: identify, choose a service, check the pre-filled form, sign, submit
and print, rate, goodbye. Every slow step runs as a job of this visit; a second person's
card ends the visit first, so nothing of one resident reaches the next."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from district.models import Attribute, Rating, VisitGrant
from drivers.base import CardRead, CodeScanned, DeviceEvent, DeviceFault
from kiosk import navigation, reprint_offer
from kiosk.appointment_actions import AppointmentActions
from kiosk.appointment_view import APPOINTMENT_SCREENS
from kiosk.audit_log import detail, print_outcome
from kiosk.card_rules import card_problem
from kiosk.catalogue_view import FINDER_SCREENS, FinderDesk
from kiosk.check_in import looks_like_booking_code
from kiosk.code_check import CodeCheckDesk, looks_like_offline_code
from kiosk.consent import consent_for
from kiosk.enterprise import EnterpriseDesk, credit_code_in
from kiosk.form_flow import FLOW_SCREENS, FormFlow
from kiosk.form_submission import Signed, photos_of, submissions
from kiosk.help_desk import HELP_SCREENS, HelpDesk
from kiosk.materials import MaterialDesk
from kiosk.modes.base import Mode, ModeName
from kiosk.offline_code_desk import OfflineCodeDesk
from kiosk.outbox import OutboxError, OutboxFull
from kiosk.personal_page import PERSONAL_SCREENS, PersonalDesk
from kiosk.progress_view import ProgressDesk
from kiosk.rating_reasons import RatingDesk
from kiosk.receipt import build_receipt, reference_in
from kiosk.record_desk import RecordDesk
from kiosk.record_view import RECORD_SCREENS
from kiosk.service_map import ServiceMapDesk
from kiosk.services.engine import failed_checks
from kiosk.services.model import Check, Service
from kiosk.session import Phase, Resident, Visit
from kiosk.signature import Signature
from kiosk.storage import StorageProblem
from kiosk.submitting import Outcome, Refused, reprint, submit_all_and_print
from kiosk.suishen_code import ISSUER, CodeDesk, looks_like_code
from kiosk.view import LARGE_PRINT, Notice, ScreenName

log = logging.getLogger(__name__)
S = ScreenName

IGNORES_CARDS = frozenset({S.PRINTING, S.GOODBYE})
IGNORES_CODES = frozenset({S.PRINTING, S.SIGN, S.GOODBYE, S.CONSENT})
TAKES_CARD_PROBLEMS = frozenset({S.HOME, S.IDENTIFY})
# where a 随申码 or a company's licence identifies (the attract screen hands its scan on)
TAKES_IDENTITY_CODES = frozenset({S.HOME, S.IDENTIFY, S.NOTICE, S.ENTERPRISE, S.PERSONAL_PAGE})
# where a paper offline code (or an EU DCC) is checked: "is my code still valid?"
TAKES_PAPER_CODES = TAKES_IDENTITY_CODES | {S.CODE_CHECK, S.OFFLINE_CODE}


class VisitMode(AppointmentActions, Mode):
    name = ModeName.VISIT
    description = "a resident's visit, from choosing a service to the goodbye"
    screens = frozenset({S.HOME, S.IDENTIFY, S.CONSENT, S.FORM, S.SIGN, S.PRINTING, S.RECEIPT,
                         S.RATING, S.GOODBYE, S.NOTICE,
                         S.PROGRESS, S.APPLICATIONS, S.HELP, S.HELP_ARTICLE, S.RATING_REASONS,
                         S.SERVICE_MAP, S.MATERIAL_CAMERA, S.ENTERPRISE,
                         S.OFFLINE_CODE, S.CODE_CHECK}) | (
        APPOINTMENT_SCREENS | FLOW_SCREENS | RECORD_SCREENS | PERSONAL_SCREENS | FINDER_SCREENS)
    takes = (CardRead, CodeScanned, DeviceFault)

    def __init__(self, kiosk) -> None:
        super().__init__(kiosk)
        self.progress = ProgressDesk(kiosk, self, _visit_id)
        self.help = HelpDesk(kiosk, self)
        self.ratings = RatingDesk(kiosk, self)
        self.service_map = ServiceMapDesk(kiosk, self)
        self.finder = FinderDesk(kiosk, self)
        self.form = FormFlow(kiosk, self)
        self.materials = MaterialDesk(kiosk, self)  # paper under the document camera
        self.record = RecordDesk(kiosk, self)
        self.codes = CodeDesk(kiosk, self, lambda card: self._card_read(CardRead("code", card)))
        self.enterprise = EnterpriseDesk(kiosk, self)
        self.personal = PersonalDesk(kiosk, self, _visit_id)
        self.offline_code = OfflineCodeDesk(kiosk, self)  # a paper offline code printed
        self.code_check = CodeCheckDesk(kiosk, self)  # a scanned one checked, no network
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

    @property
    def place(self) -> ScreenName:
        """Where the resident is: under help, the screen help returns to."""
        return self.visit.place

    def show(self, screen: ScreenName) -> None:
        visit = self.visit
        if navigation.route(screen).returns and visit.screen != screen and not (
                screen == S.HELP and visit.screen in HELP_SCREENS):
            visit.came_from[screen] = visit.screen
        visit.screen = screen

    def at_place(self, step: Callable[[], None]) -> None:
        """A background result moves the visit on from the resident's place; under help, the
        place moves (help returns there) and the resident goes on reading."""
        visit = self.visit
        over = visit.screen
        if not navigation.route(over).over:
            step()
            return
        visit.screen = visit.place
        step()
        visit.came_from[S.HELP], visit.screen = visit.screen, over

    def activate(self) -> None:
        self.kiosk.before_visit()  # can a submission be kept?
        self.kiosk.session.begin()
        if not self.visit.audit_id:
            self.visit.audit_id = uuid.uuid4().hex[:12]
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
        if self.place in IGNORES_CARDS:
            return
        card, visit = event.card, self.visit
        known = (visit.resident.id_number if visit.resident
                 else visit.waiting_card.id_number if visit.waiting_card else visit.reading_card)
        if known == card.id_number:
            self.offline_code.card_read(card)  # the card 离线码 asks a 随申码's holder for
            return  # the same card laid down again
        if known is not None:  # another person: nothing of the first may remain
            self.kiosk.end_visit("a second card")
            self.kiosk.handle_device_event(event)
            return
        problem = card_problem(card, self.kiosk.today())
        if problem is not None:
            log.warning("card refused: %s", problem)
            self.kiosk.audit_visit("identification.refused", kind=self._kind(card),
                                   reason=problem)
            self._notice(Notice("notice.card_refused.title", f"notice.card_refused.{problem}",
                                tone="problem"))
            return
        visit.waiting_card = card
        visit.notice = None
        self.kiosk.audit_visit("identification", kind=self._kind(card))
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
            self.kiosk.audit_visit("consent.declined", kind=self._kind(card))
            visit.consented = False if visit.consented is None else visit.consented
            # the service chosen before the card needs what was just refused: asking again at
            # once would bounce the resident back here; home says what each service needs
            pending = visit.pending_service
            if pending in self.kiosk.catalogue and self.kiosk.catalogue.get(
                    pending).reads_profile:
                visit.pending_service = None
            self._identified(card, {})
            return
        kiosk = self.kiosk
        consent = self.enterprise.consent(consent_for(card.id_number, kiosk.catalogue))
        platform = kiosk.platform

        def read() -> tuple[VisitGrant, dict[str, Attribute]]:
            grant = platform.open_visit(consent)
            return grant, platform.profile(grant.visit_id)

        self.kiosk.audit_visit("consent.given", kind=self._kind(card),
                               company="yes" if self.enterprise.active else None)
        visit.consented = True
        visit.reading_card = card.id_number
        kiosk.run_job("profile", read,
                      lambda result: self.at_place(lambda: self._consented(card, result)))

    def _consented(self, card: Any, result: Any) -> None:
        if self.enterprise.refused(result):
            return  # not the company's representative or agent: nobody is greeted
        if isinstance(result, Exception):
            log.warning("profile read failed: %s", result)
            self._identified(card, {})
            return
        grant, attributes = result
        self.visit.grant = grant
        self.kiosk.audit_visit("consent.granted", platform_visit=grant.visit_id)
        self._identified(card, attributes)

    def _identified(self, card: Any, attributes: dict[str, Attribute]) -> None:
        profile = {item: attribute.value for item, attribute in attributes.items()}
        self.kiosk.session.identify(Resident(card, profile, provenance=attributes))
        pending, self.visit.pending_service = self.visit.pending_service, None
        self.visit.notice = None
        self.show(S.HOME)
        if self._offer_reprint(card.id_number):
            return
        if pending:
            self.choose_service(pending)
        self.progress.identified()
        self.personal.identified()

    def _kind(self, card: Any) -> str:
        """How the resident identified, for the audit log: a company's licence (then the
        card), a 随申码, or the ID card itself."""
        return "licence" if self.enterprise.active else (
            "suishen_code" if card.issuer == ISSUER else "card")

    def _card_unreadable(self, event: DeviceFault) -> None:
        if not self.kiosk.devices.card_problem(event.error) or (
                self.screen not in TAKES_CARD_PROBLEMS):
            return
        self._notice(Notice("notice.card_unreadable.title", "notice.card_unreadable.body",
                            tone="problem"))

    def _code_scanned(self, text: str) -> None:
        if self.place in IGNORES_CODES:
            return
        if looks_like_offline_code(text):  # verified here alone; it identifies nobody
            if self.place in TAKES_PAPER_CODES and not self.visit.offline_code.busy:
                if self.screen in HELP_SCREENS:
                    self.show(self.place)
                self.code_check.scan(text)
            return
        credit_code = credit_code_in(text)
        if looks_like_code(text) or credit_code:
            if self.place in TAKES_IDENTITY_CODES:
                if self.screen in HELP_SCREENS:
                    self.show(self.place)
                if credit_code:
                    self.enterprise.scan(text, credit_code)
                else:
                    self.codes.scan(text)
            return
        reference = reference_in(text, self.kiosk.settings.receipts.verify_url)
        if reference is None and looks_like_booking_code(text):
            self.check_in.scan(text)  # the platform says whether it is a booking's code
            return
        if reference is None:
            self._notice(Notice("notice.unknown_code.title", "notice.unknown_code.body",
                                tone="problem"))
            return
        if self.screen in HELP_SCREENS:
            self.show(self.place)  # the resident showed a receipt: that is what they want
        self.progress.look_up(reference)

    def _notice(self, notice: Notice) -> None:
        self.visit.notice = notice
        self.show(S.NOTICE)

    notice = _notice  # for the desks (a 随申码 refused, a company's code wrong)

    # --- choosing and filling in -----------------------------------------------------------

    def choose_service(self, service_id: str) -> None:
        if self.screen not in FINDER_SCREENS or service_id not in self.kiosk.catalogue:
            return
        service = self.kiosk.catalogue.get(service_id)
        if not self.kiosk.devices.available(service):
            self._notice(Notice("notice.unavailable.title", "notice.unavailable.body",
                                tone="problem"))
            return
        if self.kiosk.storage.problem is not None:  # every catalogue service submits
            self._notice(Notice("notice.storage.title", "notice.storage.paused",
                                tone="problem"))
            return
        resident = self.visit.resident
        if resident is None:
            self.visit.pending_service = service_id
            self.show(S.IDENTIFY)
            return
        if self._offer_reprint(resident.id_number, service_id):
            return  # already submitted: print that receipt instead of submitting again
        if service.reads_profile and not self.visit.consented:
            self.visit.pending_service = service_id  # it fills in from the platform: ask first
            self.show(S.CONSENT)
            return
        if service.flow == "form":  # its pages, rules and pre-fill: kiosk/form_flow.py
            self.form.enter(service)
            return
        failed = failed_checks(service, resident, self.kiosk.today())
        if failed:
            self.precheck_failed(failed[0])
            return
        if service.flow == "progress":  # 办件进度: the resident's own applications
            self.progress.open_list()
            return
        if service.flow == "offline_code":  # 离线码: kiosk/offline_code_desk.py
            self.kiosk.session.enter_service(service_id, {})
            self.offline_code.start()
            return
        self.kiosk.session.enter_service(service_id, {})  # a flow of its own, with no form
        if service.flow == "record":  # a record to print or take on the phone
            self.record.start(service)
        else:
            (self.booking if service.flow == "booking" else self.home_service).start()

    def precheck_failed(self, check: Check) -> None:
        self._notice(Notice("notice.precheck.title", text=check.message, tone="problem"))

    def answer(self, key: str, value: str) -> None:
        self.form.answer(key, value)

    def confirm_form(self) -> None:
        """The primary action of each form page, the materials and check-your-answers."""
        self.form.next()

    def change_answer(self, key: str) -> None:
        self.form.change(key)

    def use_licence(self, material_key: str) -> None:
        self.form.use_licence(material_key)

    def confirm_licence(self) -> None:
        self.form.confirm_licence()

    def photograph(self, material_key: str) -> None:
        """A paper with no licence to replace it goes under the document camera."""
        if self.screen == S.MATERIALS:
            self.materials.start(material_key)

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
        if self.screen in RECORD_SCREENS:
            self.record.retry()
            return
        if self.screen in PERSONAL_SCREENS or self.screen == S.ENTERPRISE:
            self.personal.retry()
            self.enterprise.retry()
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
        answers = dict(visit.answers)
        signed = Signed(visit.idempotency_key, visit.resident.id_number, answers,
                        _visit_id(visit), visit.form, signed_by, photos_of(visit),
                        visit.enterprise.credit_code or None)
        parts = [kiosk.catalogue.get(m) for m in service.bundle] or [self.form.service()]
        signature = visit.signature if signed_by == "hand" else None
        kiosk_id, day, outbox = kiosk.settings.site.kiosk_id, kiosk.today(), kiosk.outbox
        receipt = self._receipt_maker(self.form.service() or service, answers, parts)
        took = kiosk.session.now() - (visit.begun_at or visit.started_at)  # usage page

        def work() -> Outcome:
            png = signature.png() if signature is not None else b""  # off the screen's thread
            made = submissions(signed, parts, lambda: outbox.new_reference(kiosk_id, day), png,
                               outbox.now())
            outcome = submit_all_and_print(outbox=outbox, delivery=kiosk.delivery,
                                           printer=kiosk.printer, submissions=made,
                                           receipt=receipt, print_timeout=kiosk.print_timeout,
                                           visit_seconds=took)
            for one in made:  # kept on this kiosk or delivered: either way, done here
                kiosk.metrics.transaction(one.service_id, "submission")
            return outcome

        kiosk.session.hold("printing")
        self.show(S.PRINTING)
        kiosk.run_job("submission", work, lambda result: self.at_place(
            lambda: self._submitted(result)), always=self._audited(service.id))

    def _receipt_maker(self, service: Service, answers: dict[str, str],
                       parts: list[Service] | None = None):
        kiosk, visit = self.kiosk, self.visit
        language, large = visit.language, visit.display_mode in LARGE_PRINT
        replaced = {key: licence.ref for key, licence in visit.form.confirmed.items()}
        titles = tuple(part.title.get(language) for part in parts or ()) if (
            parts and len(parts) > 1) else ()

        def receipt(outcome: Outcome):
            return build_receipt(site=kiosk.settings.site, service=service, answers=answers,
                                 outcome=outcome, messages=kiosk.messages, language=language,
                                 large_print=large, replaced=replaced, members=titles,
                                 verify_url=kiosk.settings.receipts.verify_url)

        return receipt

    def _submitted(self, result: Outcome | Exception) -> None:
        self.kiosk.session.release("printing")
        if isinstance(result, OutboxError):  # nothing was kept: say so, and pause
            full = isinstance(result, OutboxFull)
            self.kiosk.storage.found(StorageProblem("full" if full else "broken", str(result)))
            self._notice(Notice("notice.storage.title",
                                "notice.storage.full" if full else "notice.storage.broken",
                                tone="problem"))
            return
        if isinstance(result, Refused):
            log.warning("submission %s refused by the platform (%s); kept in the outbox",
                        result.reference, result.reason)
            if result.reason == "altered":  # a verified value changed since it was handed out
                self._notice(Notice("notice.altered.title", "notice.altered.body",
                                    tone="problem"))
                return
            self._notice(Notice("notice.refused.title", "notice.refused.body",
                                params={"reference": result.reference}, tone="problem"))
            return
        if isinstance(result, Exception):
            log.error("submission not kept: %s", _why(result))
            self._notice(Notice("notice.submit_failed.title", "notice.submit_failed.body",
                                retry=True, tone="problem"))
            return
        if not result.printed:
            log.warning("receipt %s not printed: %s", result.reference, result.print_problem)
        self.kiosk.session.complete(result)
        self.kiosk.load_usage()
        self.show(S.RECEIPT)

    def _audited(self, service: str | None, again: bool = False) -> Callable[[Any], None]:
        """What a submission's job brought back, into the audit log even when its visit
        has ended meanwhile (the job's `always`), then logged as before."""
        kiosk, visit_id = self.kiosk, self.visit.audit_id or None

        def audit(result: Any) -> None:
            if isinstance(result, Outcome):
                if not again:
                    kiosk.audit("submission", detail(
                        visit=visit_id, reference=",".join(result.references or (
                            result.reference,)), service=service,
                        delivered="yes" if result.delivered else "later"))
                kiosk.audit("print.receipt", detail(visit=visit_id, reference=result.reference,
                                                    **print_outcome(result.print_problem)))
            elif isinstance(result, Refused):
                kiosk.audit("submission.refused", detail(
                    visit=visit_id, reference=result.reference, service=service,
                    reason=result.reason))
            elif isinstance(result, Exception):
                kiosk.audit("submission.not_kept", detail(visit=visit_id, service=service,
                                                          error=type(result).__name__))
            _log_orphan_submission(result)

        return audit

    # --- a receipt that never printed ----------------------------------------------------------

    def _offer_reprint(self, id_number: str, service_id: str | None = None) -> bool:
        kiosk = self.kiosk
        found = reprint_offer.unprinted(kiosk.outbox, kiosk.catalogue, id_number, service_id)
        if found is None:
            return False
        self.visit.reprint = found.key
        self._notice(reprint_offer.offer(found, kiosk.catalogue, self.visit.language))
        return True

    def reprint(self) -> None:
        kiosk, visit, notice = self.kiosk, self.visit, self.visit.notice
        if self.screen != S.NOTICE or notice is None or not notice.reprint or not visit.reprint:
            return
        try:
            item = kiosk.outbox.get(visit.reprint)
        except OutboxError as error:
            log.error("outbox: %s", error)
            return
        if item is None or visit.resident is None or item.service_id not in kiosk.catalogue:
            return
        try:  # after the retention's purge, the receipt says what is left: matter, reference
            answers = {} if item.purged else dict(item.model().answers)
        except OutboxError as error:
            log.error("outbox: %s", error)
            answers = {}
        service = kiosk.catalogue.get(item.service_id)
        kiosk.session.enter_service(service.id, answers)
        visit.notice, visit.reprint = None, None
        receipt = self._receipt_maker(service, answers)
        outbox, printer, timeout = kiosk.outbox, kiosk.printer, kiosk.print_timeout
        kiosk.audit("receipt.reprinted", item.reference or "")
        kiosk.session.hold("printing")
        self.show(S.PRINTING)
        kiosk.run_job("submission", lambda: reprint(outbox, printer, item, receipt, timeout),
                      self._submitted, always=self._audited(service.id, again=True))

    # --- after submitting --------------------------------------------------------------------

    def to_rating(self) -> None:
        if self.screen == S.RECEIPT:
            self.show(S.RATING)

    def rate(self, rating: int) -> None:
        if self.screen == S.RATING and self.visit.outcome is not None and rating in range(1, 6):
            self.ratings.rated(rating)  # a low score asks why first

    def deliver_rating(self, rating: Rating) -> None:
        """好差评, tied to the case number: kept in the outbox, which delivers it; the visit
        says goodbye."""
        outbox = self.kiosk.outbox

        def failed(result: Any) -> None:
            if isinstance(result, Exception):
                log.error("rating for %s not kept: %s", rating.reference, _why(result))

        self.kiosk.run_job("rating", lambda: outbox.put(rating), lambda _: None, always=failed)
        self._goodbye()

    def finish(self) -> None:
        """退出: thank the resident, then wipe; on the goodbye screen, wipe now."""
        if self.screen == S.GOODBYE:
            self.end_now()
        elif self.place != S.PRINTING:
            self._goodbye()

    def end_now(self) -> None:
        if self.place != S.PRINTING:
            self.kiosk.end_visit("finished")

    def _goodbye(self) -> None:
        seconds = self.kiosk.settings.timeouts.goodbye_seconds
        self.visit.goodbye_at = self.kiosk.session.now() + seconds
        self.show(S.GOODBYE)

    # --- moving around -----------------------------------------------------------------------

    def go_home(self) -> None:
        if not navigation.route(self.place).home:
            return
        if self.visit.phase in (Phase.IN_SERVICE, Phase.DONE):
            self.kiosk.session.leave_service()
        self.booking.leave()
        self.visit.pending_service = None
        self.visit.notice = None
        self.visit.came_from.clear()
        self.show(S.HOME)

    def go_back(self) -> None:
        route = navigation.route(self.screen)
        if self.help.back():
            return  # from a topic's questions to the topics
        if self.offline_code.back():
            return  # from the confirm question to the choices
        if route.returns:  # to where it was opened from, just as it was left
            self.visit.screen = self.visit.came_from.pop(self.screen, S.HOME)
            return
        if self.form.back():
            return  # a page back within the form
        back = route.back
        if back is None:
            return
        back = self.booking.back(self.screen, back)
        if back == S.HOME:
            self.go_home()
            return
        if self.screen == S.SIGN:
            self.kiosk.session.release("signing")
        self.show(back)


    # --- progress, help, ratings' reasons, the service map (each in its own file) -----------

    def open_help(self) -> None:
        self.help.open()

    def call_helper(self) -> None:
        self.help.call(self.place)

    def tick(self, now: float) -> None:
        self.help.tick(now)


def _visit_id(visit: Visit) -> str | None:
    """The platform's id for the resident's consented visit; None before consent."""
    return visit.grant.visit_id if visit.grant is not None else None


def _log_orphan_submission(result: Any) -> None:
    """A submission kept is never silent, even when its visit is gone."""
    if isinstance(result, Outcome):
        log.info("submission %s %s (printed: %s)", result.reference,
                 "delivered" if result.delivered else "saved in the outbox", result.printed)


def _why(error: BaseException) -> str:
    """An error in one line for the log; a validation error by its fields only, since its
    message quotes the values (an ID number, a phone)."""
    if isinstance(error, ValidationError):
        fields = ", ".join(".".join(str(part) for part in e["loc"]) for e in error.errors())
        return f"invalid {fields}"
    return f"{type(error).__name__}: {error}"
