"""One resident's visit and its clock. Everything a visit knows is one `Visit` object; the
wipe replaces it with a new one, so nothing of the last resident can be forgotten in it, and
the object itself is the visit's identity (a background result for another object is stale).
Idle time warns before it ends and one touch extends it. Time comes from an injected clock,
so tests never sleep."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from district.models import Attribute, VisitGrant
from drivers.idcard.card import IdCard
from kiosk import log_book
from kiosk.appointment_desk import Appointments
from kiosk.catalogue_view import FinderVisit
from kiosk.config import Timeouts
from kiosk.enterprise import EnterpriseVisit
from kiosk.form_flow import FormVisit
from kiosk.help_desk import HelpVisit
from kiosk.materials import MaterialResult, MaterialVisit
from kiosk.navigation import route
from kiosk.offline_code_view import CheckVisit, OfflineCodeVisit
from kiosk.personal_page import PersonalVisit
from kiosk.progress_view import ProgressVisit
from kiosk.record_view import RecordVisit
from kiosk.service_map import MapVisit
from kiosk.signature import Signature
from kiosk.submitting import Outcome
from kiosk.view import Notice, ScreenName

log = logging.getLogger(__name__)


class Phase(StrEnum):
    ATTRACT = "attract"  # nobody at the screen
    BROWSING = "browsing"  # touched, not yet identified
    IDENTIFIED = "identified"
    IN_SERVICE = "in_service"
    DONE = "done"


@dataclass(frozen=True)
class Resident:
    """Who is at the screen: the card's fields plus what the platform already knows."""

    card: IdCard
    profile: dict[str, str] = field(default_factory=dict)  # item -> value
    # item -> where the value came from and when it last changed (district.models.Attribute)
    provenance: dict[str, Attribute] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.card.name

    @property
    def id_number(self) -> str:
        return self.card.id_number

    def age_on(self, day: date) -> int:
        return self.card.age_on(day)


@dataclass(frozen=True)
class Idle:
    """What the idle clock says now."""

    warning: bool = False
    remaining: float = 0.0  # seconds left in the warning countdown
    expired: bool = False


@dataclass(eq=True)
class Visit:
    """Everything of one visit. Compared by value in tests (a wiped kiosk equals a new one);
    identified by the object itself (`is`) for background results."""

    started_at: float
    language: str
    display_mode: str
    begun_at: float | None = None  # when someone began it (for maintenance's usage page)
    # a random id naming this visit in the audit log (kiosk/audit_log.py); never a person's
    audit_id: str = field(default="", compare=False)
    phase: Phase = Phase.ATTRACT
    screen: ScreenName = ScreenName.ATTRACT
    voice_on: bool = False  # spoken guidance: care mode, headphones or the keypad turn it on
    keypad: bool = False  # the keypad has been used: its focus is shown on texts too
    headphones: bool = False
    resident: Resident | None = None
    reading_card: str | None = None  # the ID number whose profile is being fetched
    waiting_card: IdCard | None = None  # read, waiting for the resident's consent
    consented: bool | None = None  # None: not asked yet; False: declined (no platform reads)
    grant: VisitGrant | None = None  # the platform's grant for reads in this visit
    pending_service: str | None = None  # chosen before identifying; entered once identified
    service_id: str | None = None
    answers: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # keys of choices asked for and not yet made
    signature: Signature = field(default_factory=Signature)
    signed_by: str | None = None  # hand (drawn on screen) or keypad (confirmed with a key)
    idempotency_key: str | None = None  # one per submission, kept across retries
    outcome: Outcome | None = None
    reprint: str | None = None  # the outbox key of this resident's receipt that never printed
    rating: int | None = None
    rating_reasons: tuple[str, ...] = ()  # ticked after a low score, sent with it
    notice: Notice | None = None
    helper_called: bool = False
    goodbye_at: float | None = None
    last_activity: float = 0.0
    warning_since: float | None = None
    extensions_used: int = 0
    holds: set[str] = field(default_factory=set)  # reasons no timeout may end the visit now
    appointments: Appointments = field(default_factory=Appointments)  # kiosk/booking.py
    form: FormVisit = field(default_factory=FormVisit)  # kiosk/form_flow.py
    temp_dir: Path | None = None
    # progress, help, the service map
    came_from: dict[ScreenName, ScreenName] = field(default_factory=dict)  # where back returns
    progress: ProgressVisit = field(default_factory=ProgressVisit)
    help: HelpVisit = field(default_factory=HelpVisit)
    service_map: MapVisit = field(default_factory=MapVisit)
    finder: FinderVisit = field(default_factory=FinderVisit)  # home's page, a category, search
    # paper materials: each photographed one by material key, and the camera screen's state
    materials: dict[str, MaterialResult] = field(default_factory=dict)
    material: MaterialVisit = field(default_factory=MaterialVisit)
    record: RecordVisit = field(default_factory=RecordVisit)  # kiosk/record_desk.py
    # identification by 随申码 or a company's licence; the personal page
    resolving_code: bool = False  # a 随申码 is being resolved by the platform
    enterprise: EnterpriseVisit = field(default_factory=EnterpriseVisit)
    personal: PersonalVisit = field(default_factory=PersonalVisit)
    # offline codes: a paper code asked for and printed; a scanned code's check
    offline_code: OfflineCodeVisit = field(default_factory=OfflineCodeVisit)
    code_check: CheckVisit = field(default_factory=CheckVisit)

    @property
    def place(self) -> ScreenName:
        """Where the resident is: under help, the screen help returns to."""
        if route(self.screen).over:
            return self.came_from.get(ScreenName.HELP, ScreenName.HOME)
        return self.screen


class Session:
    """Holds the current visit and keeps its time."""

    def __init__(
        self,
        clock: Callable[[], float],
        timeouts: Timeouts,
        temp_root: Path | None = None,
        *,
        language: str = "zh_CN",
        mode: str = "standard",
    ) -> None:
        self._clock = clock
        self.timeouts = timeouts
        self._temp_root = temp_root
        self.default_language = language
        self.default_mode = mode
        self.visit = self._new_visit()

    def _new_visit(self) -> Visit:
        now = self._clock()
        return Visit(started_at=now, last_activity=now, language=self.default_language,
                     display_mode=self.default_mode)

    # --- the visit ----------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.visit.phase != Phase.ATTRACT

    def begin(self) -> None:
        """Someone is at the screen: the language and mode chosen on the attract screen stay."""
        if not self.active:
            self.visit.phase = Phase.BROWSING
            self.visit.begun_at = self._clock()
            self.touch()

    def identify(self, resident: Resident) -> None:
        visit = self.visit
        visit.resident = resident
        log_book.hide_name(resident.name)  # masked in the logs and copies until the wipe
        for address in (resident.card.address, *(value for item, value in
                                                  resident.profile.items() if "address" in item)):
            log_book.hide_address(address)
        visit.reading_card = None
        visit.waiting_card = None
        if visit.phase in (Phase.ATTRACT, Phase.BROWSING):
            visit.phase = Phase.IDENTIFIED
        self.touch()

    def enter_service(self, service_id: str, answers: dict[str, str]) -> None:
        visit = self.visit
        visit.service_id = service_id
        visit.answers = answers
        visit.problems = ()
        visit.signature = Signature()
        visit.signed_by = None
        visit.idempotency_key = None
        visit.outcome = None
        visit.rating = None
        visit.rating_reasons = ()
        visit.phase = Phase.IN_SERVICE
        self.touch()

    def leave_service(self) -> None:
        visit = self.visit
        visit.service_id = None
        visit.answers = {}
        visit.problems = ()
        visit.signature = Signature()
        visit.signed_by = None
        visit.idempotency_key = None
        visit.outcome = None
        visit.holds.discard("signing")
        visit.form = FormVisit()
        visit.phase = Phase.IDENTIFIED if visit.resident else Phase.BROWSING
        self.touch()

    def complete(self, outcome: Outcome) -> None:
        self.visit.outcome = outcome
        self.visit.idempotency_key = None
        self.visit.phase = Phase.DONE
        self.touch()

    def wipe(self) -> Visit:
        """The one end of every visit: its temporary files go, and a new visit takes its
        place, equal to the first visit of a freshly started kiosk. Returns the old one."""
        old = self.visit
        log_book.forget_names()
        if old.temp_dir is not None:
            shutil.rmtree(old.temp_dir, ignore_errors=True)
        self.visit = self._new_visit()
        return old

    def remove_leftovers(self) -> None:
        """After a crash or power cut: the folders of visits that never ended."""
        if self._temp_root is None or not self._temp_root.is_dir():
            return
        for folder in self._temp_root.glob("kiosk-visit-*"):
            log.warning("removing %s, left by a visit that never ended", folder)
            shutil.rmtree(folder, ignore_errors=True)

    def temp_dir(self) -> Path:
        """A private folder for this visit's files; removed when the visit is wiped."""
        visit = self.visit
        if visit.temp_dir is None:
            if self._temp_root is not None:
                self._temp_root.mkdir(parents=True, exist_ok=True)
            visit.temp_dir = Path(tempfile.mkdtemp(prefix="kiosk-visit-", dir=self._temp_root))
        return visit.temp_dir

    def now(self) -> float:
        return self._clock()

    # --- idle time ----------------------------------------------------------------------------

    def touch(self) -> None:
        """Any touch or key: the resident is here."""
        visit = self.visit
        if visit.warning_since is not None:
            visit.extensions_used += 1
        visit.warning_since = None
        visit.last_activity = self._clock()

    def hold(self, reason: str) -> None:
        """No timeout while the resident signs or the printer works."""
        self.visit.holds.add(reason)

    def release(self, reason: str) -> None:
        self.visit.holds.discard(reason)
        self.touch()

    @property
    def timeout_factor(self) -> float:
        """Care mode (长辈模式) gives three times as long for everything."""
        return 3.0 if self.visit.display_mode == "care" else 1.0

    @property
    def idle_seconds(self) -> float:
        return self.timeouts.idle_seconds * self.timeout_factor

    @property
    def warning_seconds(self) -> float:
        return self.timeouts.warning_seconds * self.timeout_factor

    def warning_left(self) -> float | None:
        """Seconds left in the idle warning's countdown; None when there is no warning."""
        since = self.visit.warning_since
        if since is None:
            return None
        return max(0.0, self.warning_seconds - (self._clock() - since))

    def goodbye_left(self) -> float:
        at = self.visit.goodbye_at
        return 0.0 if at is None else max(0.0, at - self._clock())

    def tick(self) -> Idle:
        """Where the idle clock stands; the caller ends the visit when it has expired."""
        visit = self.visit
        if not self.active or visit.holds or visit.goodbye_at is not None:
            return Idle()
        now = self._clock()
        if visit.warning_since is None:
            if now - visit.last_activity < self.idle_seconds:
                return Idle()
            visit.warning_since = now
        remaining = self.warning_seconds - (now - visit.warning_since)
        if remaining <= 0:
            return Idle(expired=True)
        return Idle(warning=True, remaining=remaining)
