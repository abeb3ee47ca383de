"""The kiosk, free of Qt: it holds the session, the devices' status and the current mode,
passes every touch, key and device event to the mode, runs slow work as jobs of the visit,
and after each of these publishes the screen state. It also owns the one wipe."""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from district.contract import Platform, PlatformError
from district.models import AuditRecord
from drivers.base import CodeScanned, DeviceEvent, PaperState, PaperThreshold, StatusChanged
from kiosk import settings_audit
from kiosk.announcements import field_speech
from kiosk.audit_log import AuditLog, AuditLogError, detail, print_outcome
from kiosk.codes.kiosk_trust import open_trust, verifier_for
from kiosk.codes.sync import CodeSync
from kiosk.config import Settings
from kiosk.daily_restart import DailyRestart
from kiosk.delivery import Delivery
from kiosk.device_policy import DevicePolicy, Verdict
from kiosk.guidance import Guide
from kiosk.heartbeat import HeartbeatSender
from kiosk.i18n import Messages
from kiosk.jobs import Background, Jobs, Ticket, run_now
from kiosk.log_book import LogBook
from kiosk.materials import DocumentCamera
from kiosk.metrics import KioskMetrics
from kiosk.modes import (
    AttractMode,
    MaintenanceMode,
    Mode,
    ModeName,
    OutOfServiceMode,
    SentinelMode,
    VisitMode,
)
from kiosk.navigation import route
from kiosk.outbox import Outbox, OutboxError
from kiosk.platform.watch import PlatformWatch
from kiosk.presenter import Presenter
from kiosk.services.catalogue import Catalogue
from kiosk.session import Session
from kiosk.startup_check import Problem
from kiosk.state import ReadOnly, ScreenState, publish
from kiosk.storage import StorageWatch
from kiosk.submitting import Printer
from kiosk.view import MODES, KeyAction
from kiosk.voice import Voice

log = logging.getLogger(__name__)


class Kiosk:
    """The `Actions` the screens call, and the `state` they show (through `view`)."""

    def __init__(
        self,
        *,
        settings: Settings,
        platform: Platform,
        catalogue: Catalogue,
        printer: Printer,
        messages: Messages,
        outbox: Outbox,
        delivery: Delivery,
        voice: Voice | None = None,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        background: Background = run_now,
        chores: Background | None = None,  # the kiosk's own calls (not a visit's); default:
        # background. The platform check and closing a visit's grant run here.
        print_timeout: float = 30.0,
        camera: DocumentCamera | None = None,  # the document camera, for paper materials
        log_book: LogBook | None = None,  # the recent log lines (the app attaches it to logging)
        faults: Sequence[Problem] = (),  # the start-up self-test's: out of service till a restart
    ) -> None:
        self.settings = settings
        self.platform = platform
        self.catalogue = catalogue
        self.metrics = KioskMetrics(outbox)  # counters and timings (Prometheus, heartbeat)
        self.printer = self.metrics.timed(printer)  # every print path, timed
        self.camera = camera
        self.log_book = log_book or LogBook()
        self.started_at = clock()  # for uptime (maintenance's about page, the heartbeat)
        # Called with an exit status when a technician asks to restart (75) or exit (0):
        # the app quits its event loop with it (ui/app.py); `stop_requested` keeps it.
        self.on_stop: list[Callable[[int], None]] = []
        self.stop_requested: int | None = None
        self.messages = messages
        self.outbox = outbox  # what must reach the platform, kept first (kiosk/outbox.py)
        # the hash-chained record of what was done here (kiosk/audit_log.py), beside the outbox's
        self.audit_log = AuditLog.in_folder(settings.data_dir, clock=wall_clock)
        self.delivery = delivery
        self.storage = StorageWatch(settings.data_dir, outbox, settings.storage.min_free_mb)
        self.today = today
        self.wall_clock = wall_clock  # the platform's times (a hold's end) are wall-clock times
        self.print_timeout = print_timeout
        self.session = Session(clock, settings.timeouts, temp_root=settings.data_dir / "visits",
                               language=settings.display.language, mode=settings.display.mode)
        self.devices = DevicePolicy()
        self.state = ScreenState()
        self.view = ReadOnly(self.state)
        self.presenter = Presenter(messages, settings.site, catalogue, today)
        self.jobs = Jobs(background, lambda: self.session.visit)
        self.guide = Guide(voice, self.session, self.state, self.text)
        self.usage: dict[str, int] = {}
        # offline codes: the signed lists cached on disk, and the verifier that needs no network
        self.codes = open_trust(settings)
        self.verifier = verifier_for(settings, self.codes, wall_clock)
        # where the kiosk rests between visits: attract, or the sentinel mode at an entrance
        # (`[sentinel] enabled`, or chosen on maintenance's menu until the next restart)
        self.resting = ModeName.SENTINEL if settings.sentinel.enabled else ModeName.ATTRACT
        self.modes: dict[ModeName, Mode] = {
            mode.name: mode for mode in (AttractMode(self), VisitMode(self),
                                         OutOfServiceMode(self), MaintenanceMode(self),
                                         SentinelMode(self))}
        self.faults = tuple(faults)  # kiosk/startup_check.py; shown on the out-of-service screen
        self.mode: Mode = self.modes[ModeName.OUT_OF_SERVICE if self.faults else self.resting]
        self.load_usage()
        self._settings_at_start()
        self.session.remove_leftovers()  # a visit a crash or power cut never let end
        self._after_a_stop()
        self.mode.activate()
        where = (settings.platform.url if settings.platform.kind == "http"
                 else str(settings.data_dir / settings.platform.database))
        self.chores = chores or background
        self.watch = PlatformWatch(platform, self.chores, self.handle_device_event, where)
        self.watch.tick(self.session.now())
        self.heartbeat = HeartbeatSender(self)  # to the district, on the tick, by chores
        self.code_sync = CodeSync(self)  # the offline codes' lists: now, then on the tick
        self.code_sync.sync_now()
        self.daily_restart = DailyRestart(self)  # `[restart] daily_at`, at the next rest
        self.publish()

    # --- the state the screens show -------------------------------------------------------

    def publish(self) -> list[str]:
        """Recompute the screen state; only the fields that changed announce it."""
        idle_before = self.state.idle_seconds
        paused = self.storage.problem is not None
        values = self.presenter.values(self.session, self.devices, self.usage,
                                       self.wall_clock(), storage_paused=paused)
        for mode in self.modes.values():
            values.update(mode.present(self.text))
        changed = publish(self.state, values)
        self.guide.published(changed, idle_before)
        return changed

    def text(self, key: str, **params: object) -> str:
        return self.messages.text(key, self.session.visit.language, **params)

    # --- modes and the one wipe -------------------------------------------------------------

    def switch_to(self, name: ModeName) -> None:
        """Leave the current mode for another; the visit, if any, goes on."""
        mode = self.modes[name]
        if mode is self.mode:
            return
        if name == ModeName.VISIT:
            self.metrics.visit_started()
        self.mode.deactivate()
        self.mode = mode
        mode.activate()

    def end_visit(self, reason: str) -> None:
        """The one wipe, for every way a visit ends (finished, exit, timeout, a second card,
        out of service): afterwards session, visit, voice and screens are as a new kiosk's,
        resting on the attract screen, or out of service when no device works."""
        log.info("visit ended: %s", reason)
        if self.mode.name == ModeName.VISIT:
            self.metrics.visit_ended(reason)
        self.mode.deactivate()
        grant = self.session.wipe().grant
        if grant is not None:  # the consent ends with the visit, not when it would expire
            platform = self.platform
            self.chores(lambda: platform.close_visit(grant.visit_id), _log_failure)
        self.jobs.forget()
        self.guide.reset()
        out = self._verdict() == Verdict.OUT_OF_SERVICE
        self.mode = self.modes[ModeName.OUT_OF_SERVICE if out else self.resting]
        self.mode.activate()

    def run_job(self, kind: str, work: Callable[[], Any], apply: Callable[[Any], None], *,
                always: Callable[[Any], None] | None = None) -> Ticket:
        """Slow work for the current visit; its result is applied (and the state published)
        only if it is still wanted when it comes back."""

        def applied(result: Any) -> None:
            apply(result)
            self.publish()

        return self.jobs.run(kind, work, applied, always=always)

    # --- what the resident touched (the Actions the screens call) ----------------------------

    def activity(self) -> None:
        """Any touch or key anywhere: the resident is still here, and speech stops."""
        self.guide.interrupt()
        self.session.touch()
        self.publish()

    def _act(self, action: Callable[[], None]) -> None:
        action()
        self.publish()

    def start(self) -> None:
        self._act(self.mode.start)

    def consent(self, accept: bool) -> None:
        self._act(lambda: self.mode.consent(accept))

    def choose_service(self, service_id: str) -> None:
        self._act(lambda: self.mode.choose_service(service_id))

    def answer(self, key: str, value: str) -> None:
        self._act(lambda: self.mode.answer(key, value))

    def confirm_form(self) -> None:
        self._act(self.mode.confirm_form)

    def add_stroke(self, stroke: tuple[tuple[float, float], ...], width: float,
                   height: float) -> None:
        self._act(lambda: self.mode.add_stroke(stroke, width, height))

    def clear_signature(self) -> None:
        self._act(self.mode.clear_signature)

    def submit_signature(self) -> None:
        self._act(self.mode.submit_signature)

    def confirm_without_signature(self) -> None:
        self._act(self.mode.confirm_without_signature)

    def retry(self) -> None:
        self._act(self.mode.retry)

    def reprint(self) -> None:
        self._act(self.mode.reprint)

    def to_rating(self) -> None:
        self._act(self.mode.to_rating)

    def rate(self, rating: int) -> None:
        self._act(lambda: self.mode.rate(rating))

    def finish(self) -> None:
        self._act(self.mode.finish)

    def end_now(self) -> None:
        self._act(self.mode.end_now)

    def go_home(self) -> None:
        self._act(self.mode.go_home)

    def go_back(self) -> None:
        self._act(self.mode.go_back)

    def call_helper(self) -> None:
        self._act(self.mode.call_helper)

    # progress, help, ratings' reasons, the service map

    def open_help(self) -> None:
        self._act(self.mode.open_help)

    def _desk(self, step: Callable[[VisitMode], None]) -> None:
        """What a resident does in progress, help, ratings' reasons or the service map: each
        feature in its own file, reached through the visit (and nowhere else)."""
        if isinstance(self.mode, VisitMode):
            step(self.mode)
        self.publish()

    def open_applications(self) -> None:
        self._desk(lambda visit: visit.progress.open_list())

    def choose_application(self, reference: str) -> None:
        self._desk(lambda visit: visit.progress.choose(reference))

    def subscribe_progress(self) -> None:
        self._desk(lambda visit: visit.progress.subscribe())

    def search_help(self, query: str) -> None:
        self._desk(lambda visit: visit.help.search(query))

    def read_help(self, article_id: str) -> None:
        self._desk(lambda visit: visit.help.read(article_id))

    def toggle_reason(self, reason: str) -> None:
        self._desk(lambda visit: visit.ratings.toggle(reason))

    def send_rating(self) -> None:
        self._desk(lambda visit: visit.ratings.send())

    def skip_reasons(self) -> None:
        self._desk(lambda visit: visit.ratings.skip())

    def open_map(self) -> None:
        self._desk(lambda visit: visit.service_map.open())

    def print_record(self) -> None:
        self._desk(lambda visit: visit.record.print())

    def share_record(self) -> None:
        self._desk(lambda visit: visit.record.share())

    def turn_page(self, step: int) -> None:
        """The list on this screen (applications, help's questions, centres), a page on."""

        def turn(visit: VisitMode) -> None:
            for desk in (visit.progress, visit.help, visit.service_map, visit.personal,
                         visit.finder):
                desk.page(step)  # each turns only on its own screen

        if isinstance(self.mode, MaintenanceMode):
            self._maintenance(lambda m: m.turn_page(step))
            return
        self._desk(turn)

    # finding a service (kiosk/catalogue_view.py)

    def open_category(self, category: str) -> None:
        self._desk(lambda visit: visit.finder.open_category(category))

    def open_search(self) -> None:
        self._desk(lambda visit: visit.finder.open_search())

    def press_key(self, key: str) -> None:
        self._desk(lambda visit: visit.finder.press(key))
    # the form flow (kiosk/form_flow.py)

    def change_answer(self, key: str) -> None:
        self._desk(lambda visit: visit.change_answer(key))

    def use_licence(self, material_key: str) -> None:
        self._desk(lambda visit: visit.use_licence(material_key))

    def confirm_licence(self) -> None:
        self._desk(lambda visit: visit.confirm_licence())

    def photograph(self, material_key: str) -> None:
        self._desk(lambda visit: visit.photograph(material_key))
    # paper materials under the document camera (kiosk/materials.py)

    def shoot_material(self) -> None:
        self._desk(lambda visit: visit.materials.shoot())

    def retake_material(self) -> None:
        self._desk(lambda visit: visit.materials.retake())

    def use_material(self) -> None:
        self._desk(lambda visit: visit.materials.use())

    def material_preview(self) -> Any:
        mode = self.mode
        return mode.materials.preview() if isinstance(mode, VisitMode) else None
    # the personal page (kiosk/personal_page.py)

    def open_personal_page(self) -> None:
        self._desk(lambda visit: visit.personal.open())

    def open_section(self, section: str) -> None:
        self._desk(lambda visit: visit.personal.open_section(section))

    def ask_consent_again(self) -> None:
        self._desk(lambda visit: visit.personal.ask_again())

    # maintenance mode (kiosk/modes/maintenance.py, kiosk/maintenance/)

    def _maintenance(self, step: Callable[[MaintenanceMode], None]) -> None:
        """What a technician does inside maintenance mode (ignored in any other mode)."""
        if isinstance(self.mode, MaintenanceMode):
            step(self.mode)
        self.publish()

    # maintenance: getting in, the menu, cleaning, restart and exit, about

    def corner_tap(self) -> None:
        """A tap in the top-left corner: the fifth within 3 s on a resting screen (never in a
        resident's visit) opens the PIN pad."""
        maintenance = self._maintenance_mode
        if self._resting and maintenance.corner_tap(self.session.now()):
            self.switch_to(ModeName.MAINTENANCE)
        self.publish()

    def maintenance_chord(self) -> None:
        """The keyboard's way to the PIN pad (Ctrl+Alt+M), on a resting screen only."""
        if self._resting:
            self.switch_to(ModeName.MAINTENANCE)
        self.publish()

    @property
    def _resting(self) -> bool:
        return self.mode.name in (ModeName.ATTRACT, ModeName.OUT_OF_SERVICE,
                                  ModeName.SENTINEL) and not self.session.active

    @property
    def _maintenance_mode(self) -> MaintenanceMode:
        mode = self.modes[ModeName.MAINTENANCE]
        assert isinstance(mode, MaintenanceMode)
        return mode

    def pin_key(self, key: str) -> None:
        self._maintenance(lambda m: m.pin_key(key))

    def submit_pin(self) -> None:
        self._maintenance(lambda m: m.submit_pin())

    def cancel_maintenance(self) -> None:
        self._maintenance(lambda m: m.cancel())

    def open_maintenance_page(self, screen: str) -> None:
        self._maintenance(lambda m: m.open_page(screen))

    def restart_kiosk(self) -> None:
        self._maintenance(lambda m: m.restart())

    def exit_to_desktop(self) -> None:
        self._maintenance(lambda m: m.exit_to_desktop())

    def leave_maintenance(self) -> None:
        self._maintenance(lambda m: m.leave())

    def request_stop(self, code: int) -> None:
        """The program is to stop with this exit status (75: start me again)."""
        self.stop_requested = code
        for listener in self.on_stop:
            listener(code)

    # maintenance: devices, logs, network

    def choose_device(self, device: str) -> None:
        self._maintenance(lambda m: m.device_tests.choose(device))

    def run_device_test(self, device: str) -> None:
        """idcard, scanner, printer, camera or platform (kiosk/maintenance/device_tests.py)."""
        self._maintenance(lambda m: m.device_tests.run(device))

    def maintenance_camera_frame(self) -> Any:
        """The document camera's newest frame while its test runs (the devices page polls)."""
        mode = self.mode
        return mode.device_tests.frame() if isinstance(mode, MaintenanceMode) else None

    def filter_logs(self, level: str) -> None:
        self._maintenance(lambda m: m.log_page.filter(level))

    def type_log_search(self) -> None:
        self._maintenance(lambda m: m.log_page.type())

    def press_log_key(self, key: str) -> None:
        self._maintenance(lambda m: m.log_page.press(key))

    def turn_log_page(self, step: int) -> None:
        self._maintenance(lambda m: m.log_page.turn(step))

    def check_network(self) -> None:
        """The network page's checks again."""
        self._maintenance(lambda m: m.network_check.run())

    # maintenance: configuration, outbox, usage

    def look_for_config(self) -> None:
        self._maintenance(lambda m: m.config.look())

    def apply_config(self) -> None:
        self._maintenance(lambda m: m.config.apply())

    def retry_outbox(self) -> None:
        self._maintenance(lambda m: m.outbox.retry())

    def ask_discard(self, key: str) -> None:
        self._maintenance(lambda m: m.outbox.ask_discard(key))

    def confirm_discard(self, confirmed: bool) -> None:
        self._maintenance(lambda m: m.outbox.discard() if confirmed
                          else m.outbox.cancel_discard())

    # offline codes (kiosk/offline_code_desk.py, kiosk/code_check.py)

    def choose_offline_code(self, reason: str) -> None:
        self._desk(lambda visit: visit.offline_code.choose(reason))

    def confirm_offline_code(self, confirmed: bool) -> None:
        self._desk(lambda visit: visit.offline_code.confirm(confirmed))

    def reprint_offline_code(self) -> None:
        self._desk(lambda visit: visit.offline_code.reprint())

    def renew_offline_code(self) -> None:
        self._desk(lambda visit: visit.code_check.renew())

    # appointments (kiosk/booking.py, kiosk/home_service.py)

    def choose_matter(self, matter: str) -> None:
        self._act(lambda: self.mode.choose_matter(matter))

    def choose_centre(self, centre_id: str) -> None:
        self._act(lambda: self.mode.choose_centre(centre_id))

    def choose_day(self, day: str) -> None:
        self._act(lambda: self.mode.choose_day(day))

    def choose_slot(self, slot_id: str) -> None:
        self._act(lambda: self.mode.choose_slot(slot_id))

    def confirm_booking(self) -> None:
        self._act(self.mode.confirm_booking)

    def open_appointments(self) -> None:
        self._act(self.mode.open_appointments)

    def open_booking(self, booking_id: str) -> None:
        self._act(lambda: self.mode.open_booking(booking_id))

    def cancel_booking(self) -> None:
        self._act(self.mode.cancel_booking)

    def confirm_cancel(self) -> None:
        self._act(self.mode.confirm_cancel)

    def move_booking(self) -> None:
        self._act(self.mode.move_booking)

    def choose_home_kind(self, kind: str) -> None:
        self._act(lambda: self.mode.choose_home_kind(kind))

    def request_home_service(self) -> None:
        self._act(self.mode.request_home_service)

    def keypad_used(self) -> None:
        """The first key turns the voice on: whoever uses the keypad may not see the screen."""
        visit = self.session.visit
        visit.keypad = True
        if not visit.voice_on:
            visit.voice_on = True
            self.guide.announce()

    def key(self, action: KeyAction) -> None:
        """A keypad key that is not a focus move (the window moves the focus and presses the
        focused control itself): the mode says what it does here."""
        self.keypad_used()
        self._act(lambda: self.mode.key(action))

    def speak_control(self, label: str) -> None:
        self.guide.control(label)

    def speak_field(self, key: str) -> None:
        """The keypad reached a form field: its label and value, the full value of a personal
        field only into headphones."""
        row = next((row for row in self.state.form if row.key == key), None)
        if row is None:
            return
        self.guide.speak([field_speech(row, self.session.visit.answers.get(key, ""),
                                       self.text)])

    # --- the frame's toggles, the same in every mode ------------------------------------------

    def toggle_language(self) -> None:
        visit = self.session.visit
        visit.language = "en" if visit.language == "zh_CN" else "zh_CN"
        self.publish()

    def toggle_display_mode(self, mode: str) -> None:
        """One touch turns a display mode on, a second one turns it off again."""
        if mode not in MODES:
            raise ValueError(f"unknown display mode {mode!r}")
        visit = self.session.visit
        visit.display_mode = "standard" if visit.display_mode == mode else mode
        if visit.display_mode == "care":
            visit.voice_on = True  # 长辈模式 speaks
        self.publish()

    def toggle_headphones(self) -> None:
        """Headphone mode: private speech, and personal data spoken."""
        visit = self.session.visit
        visit.headphones = not visit.headphones
        visit.voice_on = visit.voice_on or visit.headphones
        self.guide.headphones(visit.headphones)
        self.publish()

    # --- time -------------------------------------------------------------------------------

    def tick(self, now: float | None = None) -> None:
        """About once a second: the goodbye and the idle warning count down, and end the
        visit when they run out."""
        visit = self.session.visit
        now = self.session.now() if now is None else now
        self.watch.tick(now)
        self.heartbeat.tick(now)
        self.code_sync.tick(now)
        if visit.goodbye_at is not None and now >= visit.goodbye_at:
            self.end_visit("finished")
        elif self.session.tick().expired:
            self.end_visit("timed out")
        else:
            self.mode.tick(now)
        self.daily_restart.tick()
        self.publish()

    # --- devices ----------------------------------------------------------------------------

    def handle_device_event(self, event: DeviceEvent) -> None:
        if isinstance(event, StatusChanged):
            self._status_changed(event)
        elif isinstance(event, PaperThreshold):
            if event.paper == PaperState.LOW:
                log.warning("staff: %s paper is low; refill it (printing goes on)", event.device)
        elif isinstance(event, self.mode.takes):
            self.mode.handle(event)
        if isinstance(event, CodeScanned) and event.decode_seconds is not None:
            self.metrics.decoded(event.decode_seconds)
        self.publish()

    def _status_changed(self, event: StatusChanged) -> None:
        news = self.devices.update(event.device, event.status)
        self.metrics.device(event.device, event.status)
        if event.device == "platform" and event.status.usable:
            self.delivery.urge()  # it answers again: what waits in the outbox goes now
        out_of_service = self.modes[ModeName.OUT_OF_SERVICE]
        if self._verdict() == Verdict.OUT_OF_SERVICE:
            if self.mode is out_of_service:
                return
            if route(self.session.visit.place).keeps_visit_when_out:
                return  # the resident needs the reference; the visit's end goes out of service
            self.end_visit("every device is out")
            return
        if self.mode is out_of_service:
            self.end_visit("a device works again")  # offer what it can
            return
        if news.went_out and self.session.active:
            self.guide.say("speak.device_out", device=self.text(f"device.{event.device}"))

    def _verdict(self) -> Verdict:
        """Out of service or not, by the rule of where the kiosk rests (the sentinel needs
        only its reader or scanner, and never the platform); a failed self-test, always."""
        if self.faults:
            return Verdict.OUT_OF_SERVICE
        if self.resting == ModeName.SENTINEL:
            return self.devices.sentinel_verdict
        return self.devices.verdict

    # --- the outbox -----------------------------------------------------------------------------

    def _after_a_stop(self) -> None:
        """At start: each submission whose receipt never printed (the kiosk stopped during
        its visit) is logged once and offered to its resident for a day."""
        try:
            for item in self.outbox.take_interrupted():
                log.warning("a visit stopped before its receipt printed: reference %s (its "
                            "resident is offered a reprint for 24 h)", item.reference)
                self.audit("visit.interrupted", item.reference or "")
        except OutboxError as error:
            log.error("outbox: %s", error)
        self.before_visit()

    def before_visit(self) -> None:
        """Can a submission be kept? (services that submit pause if not). Payloads past
        `[privacy] retention_days` are purged (Outbox.purge)."""
        try:
            self.outbox.purge()
        except OutboxError as error:
            log.error("outbox: %s", error)
        self.storage.check()

    def audit(self, event: str, detail: str = "") -> bool:
        """Something done here that is kept (never personal data: ids only): in the chained
        audit log, and through the outbox for the district. A full disk costs one log line
        each, never the visit. True when the audit log has it."""
        kept = True
        try:
            self.audit_log.append(event, detail)
        except AuditLogError as error:
            log.error("%s", error)
            kept = False
        try:
            self.outbox.put(AuditRecord(idempotency_key=uuid.uuid4().hex,
                                        at=self.outbox.now(), event=event,
                                        detail=detail[:500]))
        except OutboxError as error:
            log.error("audit record %s not kept: %s", event, error)
        return kept

    def audit_visit(self, event: str, **fields: object) -> bool:
        """A record of the current visit: its audit id, then `fields` (ids, never a person's
        data)."""
        return self.audit(event, detail(visit=self.session.visit.audit_id or None, **fields))

    def audit_print(self, what: str, problem: str, **fields: object) -> bool:
        """What was printed for the visit, and whether it printed or the printer's fault."""
        return self.audit_visit(f"print.{what}", **fields, **print_outcome(problem))

    def _settings_at_start(self) -> None:
        """One `settings.changed` record when the settings differ from the last start's."""
        folder = self.audit_log.folder
        changed = settings_audit.settings_changed(folder, self.settings)
        if changed is None or not self.audit("settings.changed", changed):
            return
        try:
            settings_audit.remember(folder, self.settings)
        except OSError as error:
            log.error("%s: cannot keep this start's settings: %s", folder, error)

    def load_usage(self) -> None:
        with contextlib.suppress(PlatformError):  # keep the last known order
            self.usage = self.platform.usage_counts()


def _log_failure(result: Any) -> None:
    if isinstance(result, Exception):
        log.info("the platform did not hear that the visit ended: %s (its grant expires)",
                 result)
