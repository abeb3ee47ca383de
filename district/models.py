"""What crosses between a kiosk and its platform: pydantic models, shared by the embedded
platform, the HTTP client and the reference server, so all three speak one shape and the
server's OpenAPI description is this file."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Base64Bytes, BaseModel, ConfigDict, Field, StringConstraints

from district.codes.lists import SignedList

Key = Annotated[str, StringConstraints(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
# A reference a kiosk gives a submission: kiosk code, day, number (BSYY001-261201-0007).
Reference = Annotated[str, StringConstraints(min_length=6, max_length=40,
                                             pattern=r"^[A-Z0-9]+-[0-9]{6}-[0-9]{4,6}$")]
Short = Annotated[str, StringConstraints(max_length=200)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=64,
                                        pattern=r"^[a-z][a-z0-9_.]*$")]
# 统一社会信用代码: 18 characters from GB 32100's alphabet (its check character is the kiosk's
# and the platform's to verify)
CreditCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-HJ-NPQRTUWXY]{18}$")]
IdNumber = Annotated[str, StringConstraints(min_length=6, max_length=32,
                                            pattern=r"^[0-9A-Z]+$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- consent and reads ---------------------------------------------------------------------

class Consent(_Model):
    """What the resident agreed to on the consent screen, before anything personal is read."""

    id_number: IdNumber
    purpose: Name  # the service asking, or "personal_page"
    items: tuple[Name, ...] = Field(max_length=40)  # profile items, e.g. "phone"
    minutes: int = Field(default=15, ge=1, le=60)  # how long the grant lasts
    # an enterprise's visit: the person must be its legal representative or an agent it
    # authorised, or open_visit is refused ("forbidden")
    on_behalf_of: CreditCode | None = None


class Attribute(_Model):
    """One profile item as the platform hands it out, with where it came from (Myinfo's
    envelope): a government record is shown locked; what a resident gave earlier is not."""

    value: Annotated[str, StringConstraints(max_length=500)]
    source: Annotated[str, StringConstraints(pattern=r"^(government|resident)$")]
    agency: Short = ""  # who keeps the record, e.g. 市公安局人口管理
    updated: dt.date | None = None  # when its source last changed it


class Identity(_Model):
    """Who a 随申码 stands for, as the platform resolved it (short-lived, single-use)."""

    id_number: IdNumber
    name: Short
    sex: Short
    birth_date: dt.date
    card_type: Annotated[str, StringConstraints(
        pattern=r"^(resident_id|hmt_residence_permit|foreign_permanent)$")] = "resident_id"
    valid_to: dt.date | None = None


class Enterprise(_Model):
    """A company as its e-business licence names it (企业专属网页's head)."""

    credit_code: CreditCode
    name: Short
    legal_representative: Short  # masked: 张*明
    address: Short = ""
    kind: Short = ""  # e.g. 有限责任公司


# --- electronic licences, benefits received without applying, records ---------------------

class LicenceRef(_Model):
    """An electronic licence as a reference (GB/T 36901-36906 in spirit): the issuer keeps the
    licence; a kiosk fetches it only with a stated purpose, after the resident confirms."""

    uri: Short  # issuer-type-number, e.g. sh.gaj-HUKOU-310113000123
    type_code: Name  # household_register, residence_permit, marriage, disability, ...
    title_zh: Short
    title_en: Short
    issuer: Short
    number: Short  # already masked where it is personal
    issued_on: dt.date
    valid_until: dt.date | None = None  # None: no expiry


class LicenceRequest(_Model):
    uri: Short
    service_id: Name
    purpose: Annotated[str, StringConstraints(min_length=1, max_length=200)]  # 申请事由


class Licence(_Model):
    ref: LicenceRef
    fields: dict[Name, Short] = Field(default_factory=dict, max_length=40)  # what it says


class Benefit(_Model):
    """A policy received without applying (免申即享): what, how much, when paid."""

    id: Name
    title_zh: Short
    title_en: Short
    monthly_yuan: int = Field(ge=0)
    schedule_zh: Short  # e.g. 每季度首月15日发放
    schedule_en: Short
    paid_to_zh: Short = ""  # e.g. 敬老卡
    paid_to_en: Short = ""
    since: dt.date | None = None
    last_paid_on: dt.date | None = None
    last_paid_yuan: int = Field(default=0, ge=0)
    next_pay_on: dt.date | None = None


class RecordRequest(_Model):
    kind: Name  # social_security_contributions, housing_fund_deposits, household_certificate, ...
    service_id: Name
    months: int = Field(default=12, ge=1, le=120)


class Record(_Model):
    """An official record for A4 paper (社保缴费记录, 公积金缴存证明, 户籍证明 ...), issued by the
    platform with a number its verification page takes."""

    kind: Name
    number: Short  # 验证编号
    title_zh: Short
    title_en: Short
    issuer: Short
    issued_at: dt.datetime
    header: tuple[tuple[Short, Short], ...] = Field(default=(), max_length=40)  # label, value
    columns: tuple[Short, ...] = Field(default=(), max_length=12)
    rows: tuple[tuple[Short, ...], ...] = Field(default=(), max_length=2000)
    note: Annotated[str, StringConstraints(max_length=1000)] = ""


class RecordShare(_Model):
    """A one-time code to take a record on the phone instead of paper."""

    url: Short  # https, opened once
    expires_at: dt.datetime


class VisitGrant(_Model):
    visit_id: Key
    expires_at: dt.datetime


class DataRead(_Model):
    """One read of a resident's data by the platform on behalf of a kiosk (the Data Tracker)."""

    at: dt.datetime
    kiosk_id: Short
    item: Name
    purpose: Name
    detail: Short = ""  # the reason stated for it, e.g. a licence's 申请事由


# --- submissions and ratings ----------------------------------------------------------------

class Attachment(_Model):
    """A paper material photographed under the document camera, with what OCR found."""

    material: Name
    png: Base64Bytes = Field(max_length=1_500_000)
    checked: bool = False  # its name, ID number and dates matched the application
    findings: tuple[Short, ...] = Field(default=(), max_length=10)  # what did not match


class Submission(_Model):
    idempotency_key: Key  # the same key delivered twice records one submission
    reference: Reference  # given by the kiosk, so a receipt printed before delivery holds
    service_id: Name
    id_number: IdNumber
    answers: dict[Name, Annotated[str, StringConstraints(max_length=2000)]] = Field(
        max_length=100)
    signature_png: Base64Bytes = Field(default=b"", max_length=2_000_000)  # empty: keypad
    signed_by: Annotated[str, StringConstraints(pattern=r"^(hand|keypad)$")] = "hand"
    signed_at: dt.datetime  # when the resident submitted, on the kiosk's clock
    # FormSG's check: the consented visit the values came from, and which answers are
    # verified profile items handed out in it (field key -> item); the platform refuses
    # ("altered") a submission whose locked answer differs from what it handed out
    visit_id: Key | None = None
    locked: dict[Name, Name] = Field(default_factory=dict, max_length=100)
    licences: tuple[Short, ...] = Field(default=(), max_length=20)  # licence URIs used
    attachments: tuple[Attachment, ...] = Field(default=(), max_length=6)
    on_behalf_of: CreditCode | None = None  # an enterprise's matter
    first_try: bool = True  # pre-check passed at the first attempt (the plan's 90%)


class Accepted(_Model):
    reference: Reference
    received_at: dt.datetime
    status: Name = "received"


class Rating(_Model):
    """好差评: five levels; reasons only on a low score; tied to the case number."""

    idempotency_key: Key
    reference: Reference
    score: int = Field(ge=1, le=5)
    reasons: tuple[Name, ...] = Field(default=(), max_length=10)


class AuditRecord(_Model):
    """Something a kiosk did that the district keeps (never personal data)."""

    idempotency_key: Key
    at: dt.datetime
    event: Name
    detail: Annotated[str, StringConstraints(max_length=500)] = ""


# --- progress --------------------------------------------------------------------------------

class Stage(_Model):
    name: Name  # received, accepted, reviewing, approved, ready, done, rejected
    at: dt.datetime | None = None  # None: not reached yet


class Progress(_Model):
    """办件进度: one application and its stages, in order."""

    reference: Reference
    service_id: Name
    submitted_at: dt.datetime
    status: Name
    stages: tuple[Stage, ...]
    subscribed: bool = False  # SMS reminders to the number on file


# --- appointments ---------------------------------------------------------------------------

class Centre(_Model):
    """A service centre or a 24-hour terminal, for the service map and for bookings."""

    id: Name
    kind: Annotated[str, StringConstraints(pattern=r"^(centre|terminal)$")]
    name_zh: Short
    name_en: Short
    address_zh: Short
    address_en: Short
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    hours_zh: Short  # e.g. 周一至周五 9:00-17:00; "24小时" for terminals
    hours_en: Short
    open_24h: bool = False
    # The same hours in OpenStreetMap's opening_hours syntax ("Mo-Fr 09:00-17:00"), so a
    # kiosk can say whether it is open now; "" when not known (then it says nothing).
    opening_hours: Short = ""
    offers: tuple[Name, ...] = ()  # service ids


class Slot(_Model):
    id: Key
    centre_id: Name
    matter: Name
    day: dt.date
    start: dt.time
    end: dt.time
    places_left: int = Field(ge=0)


class BookingState(StrEnum):
    RESERVED = "reserved"  # held for a few minutes while the resident confirms
    CONFIRMED = "confirmed"
    CHECKED_IN = "checked_in"
    CALLED = "called"
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # a hold the resident never confirmed


class Booking(_Model):
    id: Key
    code: Short  # what the booking's QR code says; scanning it checks in
    slot: Slot
    state: BookingState
    held_until: dt.datetime | None = None
    queue_number: Short | None = None  # given at check-in


class HoldRequest(_Model):
    idempotency_key: Key  # a double touch or a retry holds one place
    slot_id: Key
    visit_id: Key


class HomeServiceRequest(_Model):
    """上门办 / 代办 for a resident who cannot travel."""

    idempotency_key: Key
    visit_id: Key
    kind: Annotated[str, StringConstraints(pattern=r"^(home_visit|proxy)$")]
    matter: Name
    note: Annotated[str, StringConstraints(max_length=500)] = ""


class HomeService(_Model):
    id: Key
    kind: str
    matter: Name
    status: Name  # received, assigned, scheduled, done, cancelled
    created_at: dt.datetime


# --- help --------------------------------------------------------------------------------------

class HelpArticle(_Model):
    id: Name
    question_zh: Short
    question_en: Short
    answer_zh: Annotated[str, StringConstraints(max_length=2000)]
    answer_en: Annotated[str, StringConstraints(max_length=2000)]
    video: Short = ""  # a configured short help video, if any


class HelpCall(_Model):
    idempotency_key: Key
    screen: Name  # where the resident was when they asked


class HelpRequest(_Model):
    id: Key
    status: Annotated[str, StringConstraints(pattern=r"^(waiting|on_the_way|done|cancelled)$")]
    created_at: dt.datetime
    wait_minutes: int = Field(ge=0)  # the platform's estimate
    ahead: int = Field(ge=0)  # requests before this one at the same centre


# --- the fleet: what a kiosk says of itself ------------------------------------------------

class DeviceBeat(_Model):
    """One device as the kiosk last saw it (drivers.base.DeviceStatus in words)."""

    state: Name  # online, offline, no_device, hardware_error, user_error, busy
    media: Name = "not_supported"
    paper: Name = "not_supported"  # full, low, out, jammed, unknown, not_supported
    last_error: Short = ""  # the device's last error in plain words, never personal data


class Heartbeat(_Model):
    """Every 30 s (`[heartbeat] interval_seconds`), the kiosk's health for the district's
    fleet page. Newest wins: a beat not yet delivered is replaced by the next, not queued.
    The sending kiosk is the one its token names. Never personal data."""

    sent_at: dt.datetime
    version: Short
    mode: Name  # attract, visit, out_of_service, maintenance, sentinel
    uptime_seconds: int = Field(ge=0)
    devices: dict[Name, DeviceBeat] = Field(max_length=16)
    outbox_pending: int = Field(ge=0)
    outbox_failed: int = Field(ge=0)  # refused by the platform, kept for maintenance
    free_disk_mb: int = Field(ge=0)
    total_disk_mb: int = Field(ge=0)
    last_error: Short = ""  # the latest error logged, masked
    # since the previous beat that was delivered: visits, transactions, errors, prints,
    # transactions.<service id>
    counts: dict[Name, int] = Field(default_factory=dict, max_length=200)


# --- offline codes (district/codes/) -------------------------------------------------------

class OfflineCodeRequest(_Model):
    """A paper offline code for the resident of a consented visit (their ID card read):
    "new" the first, "reissue" a fresh one, "lost" the old one reported lost. Reissuing and
    reporting lost both revoke the code held before."""

    visit_id: Key
    reason: Annotated[str, StringConstraints(pattern=r"^(new|reissue|lost)$")] = "new"


class OfflineCode(_Model):
    """A code the platform signed, as the kiosk prints it. Only masked personal data."""

    code_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    text: Annotated[str, StringConstraints(min_length=8, max_length=4296)]  # TB1:…
    name: Short  # masked: 王*英
    group: Name  # elderly, minor, disabled
    issued_at: dt.datetime
    expires_at: dt.datetime
    replaced: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")] | None = None


class CodeLists(_Model):
    """The three signed lists a kiosk caches to verify codes alone (district/codes/lists.py)."""

    trust: SignedList
    revocations: SignedList
    status: SignedList
