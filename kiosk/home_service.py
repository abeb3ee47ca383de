"""上门办 / 代办 at the kiosk, for a resident who cannot travel: what they need (a home visit,
or someone to act for them) and for which matter, two touches and no typing; the request goes
to the platform once, whatever is touched twice, and a slip with its status is printed."""

from __future__ import annotations

from dataclasses import dataclass

from district.models import HomeService, HomeServiceRequest
from kiosk.appointment_desk import Desk, matters, new_key
from kiosk.appointment_slips import home_service_slip, try_print
from kiosk.appointment_words import AppointmentWords
from kiosk.view import ScreenName

S = ScreenName
KINDS = ("home_visit", "proxy")


@dataclass(frozen=True)
class Sent:
    request: HomeService
    print_problem: str = ""


class HomeServiceDesk(Desk):
    def start(self) -> None:
        a = self.a
        a.home_kind, a.home_matter, a.home_missing, a.home_key = "", "", (), ""
        a.home_request, a.problem = None, ""
        self.mode.show(S.HOME_SERVICE)
        self.ensure_centres()

    def choose_kind(self, kind: str) -> None:
        a = self.a
        if self.screen != S.HOME_SERVICE or kind not in KINDS:
            return
        if kind != a.home_kind:
            a.home_kind, a.home_key = kind, ""  # another request: another key
        a.home_missing = tuple(m for m in a.home_missing if m != "kind")

    def choose_matter(self, matter: str) -> None:
        a = self.a
        if self.screen != S.HOME_SERVICE or matter not in matters(a.centres):
            return
        if matter != a.home_matter:
            a.home_matter, a.home_key = matter, ""
        a.home_missing = tuple(m for m in a.home_missing if m != "matter")

    def send(self) -> None:
        a = self.a
        if self.screen != S.HOME_SERVICE or self.pending("home_service"):
            return
        a.home_missing = tuple(name for name, value in (("kind", a.home_kind),
                                                        ("matter", a.home_matter)) if not value)
        if a.home_missing:
            self.kiosk.guide.say(f"home_service.ask.{a.home_missing[0]}")
            return
        if not a.home_key:
            a.home_key = new_key()  # kept across retries: the platform records one request
        kiosk, key, kind, matter = self.kiosk, a.home_key, a.home_kind, a.home_matter
        language, large, site = self.visit.language, self.large_print, kiosk.settings.site
        catalogue = kiosk.catalogue
        done_note = catalogue.get("home_service").done_note.get(language) \
            if "home_service" in catalogue else ""
        centres = a.centres or ()

        def send(visit_id: str) -> None:
            request = HomeServiceRequest(idempotency_key=key, visit_id=visit_id, kind=kind,
                                         matter=matter)

            def work() -> Sent:  # on a worker thread: nothing of the visit is read here
                made = kiosk.platform.request_home_service(request)
                kiosk.metrics.transaction("home_service", kind)
                words = AppointmentWords(kiosk.messages, catalogue, language, centres)
                slip = home_service_slip(made, words, site=site, done_note=done_note,
                                         large_print=large)
                return Sent(made, try_print(kiosk.printer, slip, kiosk.print_timeout))

            kiosk.session.hold("printing")
            self.fetch("home_service", work, self._sent,
                       lambda _error: kiosk.session.release("printing"))

        self.with_visit(send)

    def _sent(self, sent: Sent) -> None:
        self.kiosk.session.release("printing")
        a = self.a
        a.home_request, a.home_printed = sent.request, not sent.print_problem
        self.kiosk.audit_print("home_service_slip", sent.print_problem, request=sent.request.id)
        self.mode.show(S.HOME_SERVICE_DONE)
