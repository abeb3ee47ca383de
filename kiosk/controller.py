"""The kiosk's behaviour, free of Qt: it takes device events and what the resident touched,
moves the session, and tells the view which screen to show. Screens only read its state.
Slow work (platform calls, printing) runs through an injected background runner."""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from drivers.base import (
    CardRead,
    CodeScanned,
    DeviceError,
    DeviceEvent,
    DeviceFault,
    DeviceStatus,
    PaperState,
    PaperThreshold,
    StatusChanged,
)
from drivers.printer.document import Document
from kiosk.announcements import Speech, announcement, idle_warning
from kiosk.config import Settings
from kiosk.i18n import Messages
from kiosk.platform import Accepted, Platform, PlatformUnavailable, Submission
from kiosk.receipt import PROGRESS_PREFIX, build_receipt
from kiosk.services.catalogue import Catalogue
from kiosk.services.engine import FieldValue, failed_checks, form_values, missing_fields, prefill
from kiosk.services.model import Service
from kiosk.session import Idle, Phase, Resident, Session
from kiosk.submitting import Background, Outcome, Printer, run_now, submit_and_print
from kiosk.view import MODES, STEPS, Notice, ScreenName, View
from kiosk.voice import Voice

log = logging.getLogger(__name__)


# With all of these out, the kiosk can do nothing for anyone: it says so and rests.
ESSENTIAL_DEVICES = ("idcard", "scanner", "printer")
# Reader answers that mean "this card could not be read" rather than "the reader is broken".
CARD_PROBLEMS = ("read_failed", "check_failed", "unknown_card", "select_failed",
                 "card_auth_sam", "sam_auth_card")


class KioskController:
    def __init__(
        self,
        *,
        settings: Settings,
        session: Session,
        platform: Platform,
        catalogue: Catalogue,
        printer: Printer,
        messages: Messages,
        background: Background = run_now,
        today: Callable[[], date] = date.today,
        print_timeout: float = 30.0,
        voice: Voice | None = None,
    ) -> None:
        self.settings = settings
        self.session = session
        self.platform = platform
        self.catalogue = catalogue
        self.printer = printer
        self.messages = messages
        self._background = background
        self._today = today
        self.print_timeout = print_timeout
        self.voice = voice
        self.screen = ScreenName.ATTRACT
        self.notice: Notice | None = None
        self.idle = Idle()
        self.device_status: dict[str, DeviceStatus] = {}
        self.form_problems: list[str] = []  # keys of fields still to answer
        self.outcome: Outcome | None = None
        self.usage: dict[str, int] = {}
        self._pending_service: str | None = None
        self._idempotency_key: str | None = None
        self._goodbye_at: float | None = None
        self._view: View | None = None
        self._load_usage()

    # --- wiring ---

    def attach(self, view: View) -> None:
        self._view = view
        view.show_screen(self.screen)

    def _show(self, screen: ScreenName) -> None:
        self.screen = screen
        if self._view is not None:
            self._view.show_screen(screen)
        self.announce()

    def _refresh(self) -> None:
        if self._view is not None:
            self._view.refresh()

    def text(self, key: str, **params: object) -> str:
        return self.messages.text(key, self.session.language, **params)

    # --- voice ---

    def _speak(self, parts: list[Speech]) -> None:
        if self.voice is None or not self.session.voice_on:
            return
        for index, part in enumerate(parts):
            self.voice.say(part.text, self.session.language, private=part.private,
                           interrupt=index == 0)

    def announce(self) -> None:
        """Say where the resident is and what to do; also the repeat key."""
        self._speak(announcement(self))

    def speak_control(self, label: str) -> None:
        """A control was focused or touched: say its label."""
        if label:
            self._speak([Speech(label)])

    def keypad_used(self) -> None:
        """Someone is using the keypad, likely without seeing the screen: turn the voice on."""
        if not self.session.voice_on:
            self.session.voice_on = True
            self.announce()

    def volume(self, up: bool) -> None:
        if self.voice is not None:
            self.voice.volume_up() if up else self.voice.volume_down()
            self._speak([Speech(self.text("speak.volume_up" if up else "speak.volume_down"))])

    def set_headphones(self, on: bool) -> None:
        """Headphone mode: private speech, personal data spoken; the screen may go dark."""
        self.session.headphones = on
        self.session.voice_on = self.session.voice_on or on
        if self.voice is not None:
            self.voice.set_headphones(on)
        self._refresh()
        self._speak([Speech(self.text("speak.headphones_on" if on else "speak.headphones_off"))])

    # --- state the screens read ---

    @property
    def language(self) -> str:
        return self.session.language

    @property
    def mode(self) -> str:
        return self.session.mode

    @property
    def resident(self) -> Resident | None:
        return self.session.resident

    @property
    def service(self) -> Service | None:
        sid = self.session.service_id
        return self.catalogue.get(sid) if sid else None

    @property
    def step(self) -> int | None:
        return STEPS.get(self.screen) if self.service else None

    def form(self) -> list[FieldValue]:
        service = self.service
        return form_values(service, self.session.answers) if service else []

    def services(self) -> list[Service]:
        """Most used first; care mode shows only the six most used, for a simpler home."""
        ranked = self.catalogue.ranked(self.usage)
        return ranked[:6] if self.session.mode == "care" else ranked

    def service_available(self, service: Service) -> bool:
        """Every device the service needs is working (unknown devices count as working)."""
        return all(
            self.device_status[name].usable
            for name in service.needs
            if name in self.device_status
        )

    # --- what the resident touched ---

    def activity(self) -> None:
        """Any touch or key anywhere: the resident is still here."""
        was_warning = self.idle.warning
        if self.voice is not None:
            self.voice.interrupt()
        self.session.touch()
        self.idle = Idle()
        if was_warning and self._view is not None:
            self._view.idle_changed()

    def start(self) -> None:
        """The attract screen was touched."""
        if self.screen == ScreenName.ATTRACT:
            self.session.begin()
            self._show(ScreenName.HOME)

    def choose_service(self, service_id: str) -> None:
        service = self.catalogue.get(service_id)
        if not self.service_available(service):
            self.notice = Notice("notice.unavailable.title", "notice.unavailable.body",
                                 tone="problem")
            self._show(ScreenName.NOTICE)
            return
        resident = self.session.resident
        if resident is None:
            self._pending_service = service_id
            self._show(ScreenName.IDENTIFY)
            return
        failed = failed_checks(service, resident, self._today())
        if failed:
            self.notice = Notice("notice.precheck.title", text=failed[0].message, tone="problem")
            self._show(ScreenName.NOTICE)
            return
        self.session.enter_service(service_id)
        self.session.answers = prefill(service, resident)
        self.form_problems = []
        self._idempotency_key = None
        self._show(ScreenName.FORM)

    def answer(self, key: str, value: str) -> None:
        if self.screen != ScreenName.FORM:
            return
        self.session.answers[key] = value
        if key in self.form_problems:
            self.form_problems.remove(key)
        self._refresh()

    def confirm_form(self) -> None:
        service = self.service
        if self.screen != ScreenName.FORM or service is None:
            return
        self.form_problems = [spec.key for spec in missing_fields(service, self.session.answers)
                              if spec.kind == "choice"]
        if self.form_problems:
            self._refresh()
            missing = next(spec for spec in service.fields if spec.key == self.form_problems[0])
            self._speak([Speech(self.text("form.please_choose",
                                          field=missing.label.get(self.language)))])
            return
        self.session.hold("signing")
        self._show(ScreenName.SIGN)

    def sign(self, signature_png: bytes) -> None:
        """The resident signed and pressed submit."""
        if self.screen != ScreenName.SIGN or not signature_png:
            return
        self.session.signature_png = signature_png
        self.session.signed_by = "hand"
        self.session.release("signing")
        self._submit()

    def confirm_without_signature(self) -> None:
        """For a resident who cannot sign (cannot see the box, or cannot hold a finger still):
        a deliberate confirmation instead, recorded as such with the submission."""
        if self.screen != ScreenName.SIGN:
            return
        self.session.signature_png = b""
        self.session.signed_by = "keypad"
        self.session.release("signing")
        self._submit()

    def retry(self) -> None:
        if self.notice and self.notice.retry and self.session.signed_by:
            self.notice = None
            self._submit()

    def rate(self, rating: int) -> None:
        reference = self.session.reference
        if self.screen != ScreenName.RATING or reference is None:
            return
        self.session.rating = rating

        def done(result: Any) -> None:
            if isinstance(result, Exception):
                log.warning("rating for %s not recorded: %s", reference, result)

        self._background(lambda: self.platform.rate(reference, rating), done)
        self._goodbye()

    def to_rating(self) -> None:
        if self.screen == ScreenName.RECEIPT:
            self._show(ScreenName.RATING)

    def finish(self) -> None:
        """The resident is done: thank them, then wipe."""
        if self.session.active and self.screen != ScreenName.PRINTING:
            self._goodbye()

    def end_now(self) -> None:
        """Leave the goodbye screen at once (or end from anywhere outside printing)."""
        if self.screen != ScreenName.PRINTING:
            self._end()

    def go_home(self) -> None:
        if self.screen in (ScreenName.PRINTING, ScreenName.ATTRACT, ScreenName.GOODBYE):
            return
        if self.screen == ScreenName.SIGN:
            self.session.release("signing")
        if self.session.phase in (Phase.IN_SERVICE, Phase.DONE):
            self.session.leave_service()
        self._pending_service = None
        self.notice = None
        self._show(ScreenName.HOME)

    def go_back(self) -> None:
        if self.screen == ScreenName.SIGN:
            self.session.release("signing")
            self._show(ScreenName.FORM)
        elif self.screen == ScreenName.RATING:
            self._show(ScreenName.RECEIPT)
        else:
            self.go_home()

    def call_helper(self) -> None:
        if self.screen in (ScreenName.PRINTING, ScreenName.ATTRACT):
            return
        self.notice = Notice("notice.helper.title", "notice.helper.body")
        self._show(ScreenName.NOTICE)

    def toggle_language(self) -> None:
        self.session.language = "en" if self.session.language == "zh_CN" else "zh_CN"
        self._refresh()
        self.announce()

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        self.session.mode = mode
        if mode == "care":
            self.session.voice_on = True
        self._refresh()
        self.announce()

    # --- time ---

    def tick(self, now: float) -> None:
        """Called about once a second with the session's clock."""
        if self._goodbye_at is not None:
            if now >= self._goodbye_at:
                self._end()
            return
        idle = self.session.tick()
        if idle.expired:
            self._end()
            return
        if idle != self.idle:
            starts = idle.warning and not self.idle.warning
            self.idle = idle
            if self._view is not None:
                self._view.idle_changed()  # the countdown only; the screen stays as it is
            if starts:
                self._speak(idle_warning(self))

    @property
    def goodbye_remaining(self) -> float:
        if self._goodbye_at is None:
            return 0.0
        return max(0.0, self._goodbye_at - self.session.now())

    # --- devices ---

    def handle_device_event(self, event: DeviceEvent) -> None:
        if isinstance(event, StatusChanged):
            self._status_changed(event.device, event.status)
        elif isinstance(event, PaperThreshold) and event.paper == PaperState.LOW:
            log.warning("staff: %s paper is low; refill it (printing goes on)", event.device)
        elif isinstance(event, DeviceFault) and event.device == "idcard":
            self._card_unreadable(event.error)
        elif isinstance(event, CardRead):
            self._card_read(event.card)
        elif isinstance(event, CodeScanned):
            self._code_scanned(event.text)

    def _status_changed(self, device: str, status: DeviceStatus) -> None:
        before = self.device_status.get(device)
        self.device_status[device] = status
        out = [self.device_status.get(name) for name in ESSENTIAL_DEVICES]
        if all(s is not None and not s.usable for s in out):
            if self.screen in (ScreenName.OUT_OF_SERVICE, ScreenName.PRINTING):
                return
            if self.session.active:
                self._end(then=ScreenName.OUT_OF_SERVICE)  # nobody's visit stays on screen
            else:
                self._show(ScreenName.OUT_OF_SERVICE)
            return
        if self.screen == ScreenName.OUT_OF_SERVICE:
            self._show(ScreenName.ATTRACT)  # something works again: offer what it can
            return
        self._refresh()
        if before is not None and before.usable and not status.usable and self.session.active:
            self._speak([Speech(self.text("speak.device_out",
                                          device=self.text(f"device.{device}")))])

    @property
    def paper_low(self) -> bool:
        status = self.device_status.get("printer")
        return status is not None and status.paper == PaperState.LOW

    def _card_read(self, card: Any) -> None:
        if self.screen in (ScreenName.PRINTING, ScreenName.GOODBYE, ScreenName.OUT_OF_SERVICE):
            return

        def done(result: Any) -> None:
            profile = {} if isinstance(result, Exception) else result
            if isinstance(result, Exception):
                log.warning("profile lookup failed: %s", result)
            self.session.identify(Resident(card, profile))
            pending, self._pending_service = self._pending_service, None
            if pending:
                self.choose_service(pending)
            else:
                self.notice = None
                self._show(ScreenName.HOME)

        self._background(lambda: self.platform.profile(card.id_number), done)

    def _card_unreadable(self, error: DeviceError) -> None:
        """A card the reader sees but cannot read: say so, and what to do."""
        if error.code not in CARD_PROBLEMS or self.screen not in (
                ScreenName.ATTRACT, ScreenName.HOME, ScreenName.IDENTIFY):
            return
        self.session.begin()
        self.notice = Notice("notice.card_unreadable.title", "notice.card_unreadable.body",
                             tone="problem")
        self._show(ScreenName.NOTICE)

    def _code_scanned(self, text: str) -> None:
        if self.screen in (ScreenName.PRINTING, ScreenName.SIGN, ScreenName.GOODBYE,
                           ScreenName.OUT_OF_SERVICE):
            return
        self.session.begin()
        if not text.startswith(PROGRESS_PREFIX):
            self.notice = Notice("notice.unknown_code.title", "notice.unknown_code.body",
                                 tone="problem")
            self._show(ScreenName.NOTICE)
            return
        reference = text.removeprefix(PROGRESS_PREFIX)

        def done(result: Any) -> None:
            if isinstance(result, PlatformUnavailable):
                self.notice = Notice("notice.offline.title", "notice.offline.lookup",
                                     tone="problem")
            elif isinstance(result, Exception) or result is None:
                self.notice = Notice("notice.progress.title", "notice.progress.not_found",
                                     params={"reference": reference}, tone="problem")
            else:
                self.notice = Notice("notice.progress.title", f"status.{result.status}",
                                     params={"reference": reference})
            self._show(ScreenName.NOTICE)

        self._background(lambda: self.platform.lookup(reference), done)

    # --- submitting and printing ---

    def _submit(self) -> None:
        service, resident = self.service, self.session.resident
        if service is None or resident is None or self.session.signed_by is None:
            return
        if self._idempotency_key is None:
            self._idempotency_key = uuid.uuid4().hex
        submission = Submission(
            idempotency_key=self._idempotency_key,
            service_id=service.id,
            id_number=resident.id_number,
            answers=dict(self.session.answers),
            signature_png=self.session.signature_png or b"",
            signed_by=self.session.signed_by,
            kiosk_id=self.settings.site.kiosk_id,
        )
        language = self.session.language
        large = self.session.mode in ("large", "care")  # a large-print receipt too
        self.session.hold("printing")
        self._show(ScreenName.PRINTING)

        def receipt(accepted: Accepted) -> Document:
            return build_receipt(site=self.settings.site, service=service,
                                 answers=submission.answers, accepted=accepted,
                                 messages=self.messages, language=language, large_print=large)

        self._background(lambda: submit_and_print(self.platform, self.printer, submission,
                                                  receipt, self.print_timeout),
                         self._submitted)

    def _submitted(self, result: Outcome | Exception) -> None:
        self.session.release("printing")
        if isinstance(result, PlatformUnavailable):
            self.notice = Notice("notice.offline.title", "notice.offline.submit", retry=True,
                                 tone="problem")
            self._show(ScreenName.NOTICE)
            return
        if isinstance(result, Exception):
            log.error("submission failed: %r", result)
            self.notice = Notice("notice.submit_failed.title", "notice.submit_failed.body",
                                 retry=True, tone="problem")
            self._show(ScreenName.NOTICE)
            return
        if not result.printed:
            log.warning("receipt %s not printed: %s", result.accepted.reference,
                        result.print_problem)
        self.outcome = result
        self._idempotency_key = None
        self.session.complete(result.accepted.reference)
        self._load_usage()
        self._show(ScreenName.RECEIPT)

    # --- ending ---

    def _goodbye(self) -> None:
        self._goodbye_at = self.session.now() + self.settings.timeouts.goodbye_seconds
        self._show(ScreenName.GOODBYE)

    def _end(self, then: ScreenName = ScreenName.ATTRACT) -> None:
        """Wipe everything personal, then rest on the attract (or out-of-service) screen."""
        self.session.end()
        if self.voice is not None:
            self.voice.reset()  # default volume, loudspeaker, nothing personal kept
        self.notice = None
        self.outcome = None
        self.form_problems = []
        self.idle = Idle()
        self._pending_service = None
        self._idempotency_key = None
        self._goodbye_at = None
        if self._view is not None:
            self._view.wipe()
        self.session.rest()
        self._show(then)

    def _load_usage(self) -> None:
        with contextlib.suppress(PlatformUnavailable):  # keep the last known order
            self.usage = self.platform.usage_counts()
