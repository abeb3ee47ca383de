"""What the screens show, as one plain object that announces each change of each field
(`state.events.<field>.connect(slot)`), so a screen updates only the widgets whose data
changed. The kiosk computes it (kiosk/presenter.py) and publishes it; screens only read it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from psygnal import Signal, evented

from kiosk.catalogue_view import CategoryView, HomeView, SearchView
from kiosk.enterprise import EnterpriseView
from kiosk.help_desk import ArticleView, HelpView
from kiosk.maintenance.view import MaintenanceView
from kiosk.materials import MaterialView
from kiosk.offline_code_view import CodeCheckView, OfflineCodeView
from kiosk.personal_page import PersonalList, PersonalView
from kiosk.progress_view import ApplicationsView, ProgressView
from kiosk.rating_reasons import ReasonView
from kiosk.record_view import RecordView
from kiosk.sentinel.view import SentinelView
from kiosk.service_map import MapView
from kiosk.signature import Signature
from kiosk.view import ScreenName


@dataclass(frozen=True)
class Step:
    """Where a service's screen stands: "第 2 步，共 4 步"."""

    number: int
    total: int


@dataclass(frozen=True)
class Nav:
    """Which of the bottom bar's four buttons can be used now. The buttons never move: one
    that does not apply is shown disabled."""

    back: bool = False
    home: bool = False
    help: bool = True
    end: bool = False


@dataclass(frozen=True)
class ServiceTile:
    id: str
    title: str
    note: str  # what it is for, or why it is paused: spoken, and shown unless large print
    icon: str
    available: bool
    badge: str = ""  # 跨省通办: a small mark in words on tiles of cross-region services


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FormRow:
    """One field of the form as the screen shows it: personal values already masked."""

    key: str
    label: str
    shown: str  # the value on screen: masked when personal, a hint when not on record
    read: str = ""  # the row as it is read out: "姓名：王秀英"
    kind: str = "text"  # text, choice, date, number or phone
    options: tuple[Option, ...] = ()
    chosen: str = ""  # the chosen option's value
    problem: bool = False  # an answer asked for and not (or not rightly) given
    personal: bool = False  # masked on screen; its full value spoken only into headphones
    # the form flow (kiosk/form_view.py)
    page: str = ""  # the form page it is on
    source: str = ""  # "来自市公安局人口管理，2024年3月1日更新", "读自您的身份证"
    locked: bool = False  # a verified value, shown with its source, not to be changed here
    changeable: bool = False  # offers a change button
    error: str = ""  # what is wrong with it, shown beside it; what was entered stays
    help: str = ""  # one plain sentence under the question
    entry: str = ""  # what its keypad or date picker holds (the resident's own entry)


@dataclass(frozen=True)
class FormPage:
    """The form page on screen: one step, one question (care mode), what was filled in, the
    materials, or check-your-answers; which rows it shows and a failed rule's words."""

    id: str
    kind: str  # step, question, filled, materials, licence, check
    title: str
    keys: tuple[str, ...] = ()
    number: int = 0  # "第 2 页，共 3 页"; 0 on check-your-answers
    total: int = 0
    problem: str = ""  # a rule that failed: what is wrong and what to do
    intro: str = ""  # one line above the rows
    action: str = ""  # the primary button's words
    typing: str = ""  # the keypad field the on-screen keypad types into
    filled: tuple[str, ...] = ()  # care mode's check: what was filled in, shown together


@dataclass(frozen=True)
class MaterialRow:
    """A material the matter needs, and what stands in for its paper."""

    key: str
    name: str
    state: str  # licence (one can be used), used, camera, photographed, photo_problem, counter
    licence: str = ""  # the licence offered or used: title, issuer, masked number
    note: str = ""  # what was found on a photo, or what to do
    optional: bool = False


@dataclass(frozen=True)
class LicencePreview:
    """A fetched licence shown before it is used: what it says, personal values masked."""

    title: str
    issuer: str
    number: str
    valid: str
    purpose: str  # why it is read: the matter
    fields: tuple[tuple[str, str], ...] = ()  # label, shown value


@dataclass(frozen=True)
class NoticeView:
    title: str
    body: str
    retry: bool = False
    problem: bool = False
    reprint: bool = False  # offers "print your receipt again"


@dataclass(frozen=True)
class ConsentView:
    """Before anything personal is read: who asks, for what, which items, for how long."""

    asker: str
    purpose: str
    items: tuple[str, ...]
    duration: str
    decline_note: str  # what declining still allows


@dataclass(frozen=True)
class ReceiptView:
    reference: str
    printed: bool
    done_note: str
    delivered: bool = True  # False: saved on this kiosk, sent automatically later


@dataclass(frozen=True)
class CentreChoice:
    """A centre to book at, as its button shows it."""

    id: str
    name: str
    address: str
    hours: str
    distance: str  # "约 1.2 公里"; "" when the kiosk's place is not known


@dataclass(frozen=True)
class DayChoice:
    value: str  # ISO date
    label: str  # "明天 11月29日 周日"
    places: str  # "还有 12 个名额"


@dataclass(frozen=True)
class SlotChoice:
    id: str
    label: str  # "09:00–10:00"
    places: str


@dataclass(frozen=True)
class BookingView:
    """One booking in plain words: on the confirm, done and cancel screens, and in a list."""

    id: str
    matter: str
    centre: str
    address: str
    when: str  # "11月29日 周日 09:00–10:00"
    state: str  # 预约成功, 已签到, 已过号 …
    changeable: bool = False  # can be cancelled
    movable: bool = False  # can be moved to another time
    printed: bool = True  # its slip came out of the printer
    was: str = ""  # when moving: the time it had


@dataclass(frozen=True)
class TicketView:
    """A check-in's queue ticket: the number first."""

    queue_number: str
    matter: str
    centre: str
    when: str
    printed: bool


@dataclass(frozen=True)
class HomeServiceView:
    """上门办 / 代办: what is chosen, and once sent, the request's status."""

    kind: str = ""
    matter: str = ""
    missing: tuple[str, ...] = ()  # "kind", "matter": asked for and not chosen
    status: str = ""  # plain words once the platform has the request
    matter_label: str = ""
    kind_label: str = ""
    printed: bool = True


# `screen` is first: when a publish changes it with other fields, its event goes out first,
# after every field already holds its new value, so a screen is built from current data.
@evented
@dataclass
class ScreenState:
    # After each publish, once every changed field has announced itself: the names that did.
    # A view restructures here (a new screen, a display mode), once per publish.
    published: ClassVar[Signal] = Signal(tuple)

    screen: ScreenName = ScreenName.ATTRACT
    language: str = "zh_CN"
    display_mode: str = "standard"
    headphones: bool = False
    keypad: bool = False  # someone is using the keypad: show where its focus is, on texts too
    title: str = ""
    step: Step | None = None
    nav: Nav = Nav()
    site_name: str = ""
    devices_out: str = ""  # "暂停：打印机", for residents and passing staff
    paper_low: bool = False
    helper_called: bool = False
    idle_seconds: int | None = None  # the "are you still there?" countdown; None: no warning
    goodbye_seconds: int = 0
    reading_card: bool = False  # a card is on the reader and its holder not yet known
    greeting: str = ""
    offers: str = ""  # the attract screen's line of what can be done here
    services: tuple[ServiceTile, ...] = ()
    service_title: str = ""
    form: tuple[FormRow, ...] = ()
    form_page: FormPage | None = None  # the form flow's page (kiosk/form_view.py)
    materials: tuple[MaterialRow, ...] = ()
    licence_preview: LicencePreview | None = None
    form_busy: bool = False  # a licence is being fetched
    signature: Signature = field(default_factory=Signature)
    consent: ConsentView | None = None
    notice: NoticeView | None = None
    receipt: ReceiptView | None = None
    helpline: str = ""
    out_of_service_reason: str = ""  # a failed start-up self-test, for the technician
    # progress, help, ratings' reasons, the service map
    progress: ProgressView | None = None
    applications: ApplicationsView | None = None
    help: HelpView | None = None
    help_article: ArticleView | None = None
    help_call: str = ""  # the call for a helper: where it stands ("" when none)
    help_wait: str = ""  # and how long it may take
    rating_reasons: tuple[ReasonView, ...] = ()
    service_map: MapView | None = None
    material: MaterialView | None = None  # the document camera screen's
    # appointments (kiosk/appointment_view.py)
    matters: tuple[Option, ...] = ()
    centres: tuple[CentreChoice, ...] = ()
    days: tuple[DayChoice, ...] = ()
    booking_day: str = ""  # the chosen day, in words
    slots: tuple[SlotChoice, ...] = ()
    booking: BookingView | None = None  # the one being booked, moved, cancelled or just made
    hold_seconds: int | None = None  # the hold's countdown on the confirm screen
    bookings: tuple[BookingView, ...] = ()  # my appointments
    cancel_asked: bool = False  # the booking's screen asks "cancel it?"
    ticket: TicketView | None = None
    home_service: HomeServiceView = HomeServiceView()
    booking_busy: bool = False  # waiting for the platform
    booking_problem: str = ""  # what went wrong, in plain words, and what to do
    # finding a service (kiosk/catalogue_view.py), each only on its screen
    home: HomeView | None = None  # this page of home
    category: CategoryView | None = None
    search: SearchView | None = None
    record: RecordView | None = None  # a record's preview, or where it went (kiosk/record_desk.py)
    # a company's licence scanned; the personal page (kiosk/enterprise.py, personal_page.py)
    enterprise: EnterpriseView | None = None
    personal: PersonalView | None = None
    personal_list: PersonalList | None = None  # licences, benefits, reminders or reads
    # offline codes (kiosk/offline_code_desk.py, kiosk/code_check.py), each on its screen
    offline_code: OfflineCodeView | None = None
    code_check: CodeCheckView | None = None
    # maintenance mode (kiosk/modes/maintenance.py): None unless a technician is in it
    maintenance: MaintenanceView | None = None
    # the sentinel mode (kiosk/modes/sentinel.py): None unless it is on
    sentinel: SentinelView | None = None
    sentinel_switch: str = ""  # maintenance menu's button: to the sentinel mode, or out of it


FIELD_ORDER = tuple(f.name for f in fields(ScreenState))


def publish(state: ScreenState, values: dict[str, Any]) -> list[str]:
    """Set every field in `values`, then announce the ones that changed, in field order.
    Returns the names of the fields that changed."""
    changed = {name: (value, getattr(state, name)) for name, value in values.items()
               if getattr(state, name) != value}
    with state.events.blocked():
        for name, (value, _old) in changed.items():
            setattr(state, name, value)
    names = [name for name in FIELD_ORDER if name in changed]
    for name in names:
        getattr(state.events, name).emit(*changed[name])
    if names:
        state.published.emit(tuple(names))
    return names


class ReadOnly:
    """The screens' window onto the state: every field and its events, nothing to set."""

    __slots__ = ("_state",)

    def __init__(self, state: ScreenState) -> None:
        object.__setattr__(self, "_state", state)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state, name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"the screen state is read-only here ({name})")
