"""The shape of a service definition (`config/services/*.toml`): its steps, its fields with
where each is pre-filled from and its privacy class, its pre-check rules, the materials it
needs and which electronic licence replaces each, the devices it needs, and what it produces.
Both languages are required everywhere a resident reads something."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DeviceName = Literal["idcard", "scanner", "printer", "camera"]

# Where a field can be pre-filled from: the card a resident placed ("card.name"), their
# platform profile ("profile.phone"), or an electronic licence they confirmed
# ("licence.household_register.address").
CARD_SOURCES = ("name", "sex", "ethnicity", "birth_date", "address", "id_number", "valid_to")
SOURCE_PATTERN = r"^(card\.[a-z_]+|profile\.[a-z_]+|licence\.[a-z_]+\.[a-z_]+)$"

# What a value's privacy class decides (DESIGN.md, Privacy):
#   public     shown and printed in full, may be spoken from the loudspeaker
#   personal   masked on screen and on paper; spoken only into headphones
#   sensitive  masked on screen, never printed, spoken only into headphones and then masked
Privacy = Literal["public", "personal", "sensitive"]

Category = Literal[
    "elderly", "social_security", "medical", "housing_fund", "residence", "disability",
    "family", "property", "tax", "household", "appointments", "enquiry",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Strict):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


class Option(_Strict):
    value: str
    label: Bilingual


class Step(_Strict):
    """A page of the form in standard mode (care mode asks one question per screen)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Bilingual


class FieldSpec(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Bilingual
    help: Bilingual | None = None  # one plain sentence under the question
    # text: shown (from a source) or typed on the app's keyboard; choice: big buttons;
    # date: a picker; number, phone: the keypad
    kind: Literal["text", "choice", "date", "number", "phone"] = "text"
    source: str | None = Field(default=None, pattern=SOURCE_PATTERN)
    options: tuple[Option, ...] = ()
    privacy: Privacy | None = None  # None is a lint error: every field needs a class
    step: str | None = None  # a Step id; None: the first step
    optional: bool = False
    # a value from a verified source is locked unless the service lets the resident change it
    # (FormSG's rule: e.g. a contact phone the resident may update)
    editable: bool = False
    min_length: int | None = None  # for text, number and phone
    max_length: int | None = None

    @property
    def personal(self) -> bool:
        """Masked on screen and on paper, spoken only into headphones."""
        return self.privacy in ("personal", "sensitive")

    @property
    def sensitive(self) -> bool:
        return self.privacy == "sensitive"


Rule = Literal[
    "age_at_least",       # value: years
    "age_below",          # value: years
    "card_not_expired",
    "resident_id_card",   # a 居民身份证, not a residence permit or a foreigner's card
    "profile_has",        # value: a profile item that must be on record
    "profile_equals",     # value: "item=expected", e.g. "household_district=宝山区"
    "licence_valid",      # value: a licence type the resident holds, still valid
    "licence_expires_within",  # value: "type:days" (居住证签注: within 30 days of expiry)
    "field_matches",      # value: "field=regex" on the answer, e.g. "phone=^1[3-9][0-9]{9}$"
    "material_date_within",  # value: "material:days", a photographed material's date
]


class Check(_Strict):
    rule: Rule
    value: int | str | None = None
    message: Bilingual  # what the resident reads when the check fails, and what to do
    step: str | None = None  # checked on entering the service (None) or on leaving this step
    covers: str | None = None  # the key of the condition it checks (Service.conditions)


class Condition(_Strict):
    """A published condition of the matter (who qualifies), as its rules source states it;
    the lint counts it covered when a check names it (`Check.covers`)."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: Bilingual


class Material(_Strict):
    """A document the matter needs (申请材料): an electronic licence replaces it where one
    exists (两个免于提交); otherwise the paper goes under the document camera."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: Bilingual
    licence: str | None = None  # the licence type that replaces it, e.g. "household_register"
    camera: bool = False  # may be photographed when no licence replaces it
    optional: bool = False


class Service(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Bilingual
    summary: Bilingual
    icon: str  # a qtawesome name, e.g. mdi6.account-cash
    category: Category = "enquiry"
    department: Bilingual | None = None  # who decides the matter, e.g. 区民政局
    cross_region: bool = False  # 长三角跨省通办: can also be handled across the Delta
    keywords: tuple[str, ...] = ()  # more words residents search by (Chinese)
    needs: tuple[DeviceName, ...] = ("idcard", "printer")
    steps: tuple[Step, ...] = ()
    fields: tuple[FieldSpec, ...] = ()
    checks: tuple[Check, ...] = ()
    conditions: tuple[Condition, ...] = ()
    materials: tuple[Material, ...] = ()
    done_note: Bilingual  # what happens next, printed on the receipt and shown on screen
    time_limit: Bilingual | None = None  # the published time limit, e.g. 30 个工作日
    # where its rules were published, and whether they are illustrative ([U] in the context)
    rules_source: str = ""
    illustrative: bool = False
    # What choosing it leads into: its form (fields, sign, submit), a record to print
    # (`record` names the platform's record kind), or a flow of its own
    # (kiosk/booking.py, kiosk/home_service.py, the progress desk), which then has no fields.
    flow: Literal["form", "record", "booking", "home_service", "progress",
                  "offline_code"] = "form"
    record: str | None = None  # for flow = "record": e.g. social_security_contributions
    produces: Literal["receipt", "record", "booking", "ticket", "none"] = "receipt"
    # 一件事: a bundle files several matters in one flow (one set of questions, one
    # signature, one submission per matter); its own fields are the union of theirs
    bundle: tuple[str, ...] = ()

    @property
    def reads_profile(self) -> bool:
        """Something of the resident's comes from the platform (a field from the profile or a
        licence, a record, their bookings and requests): the resident's consent is needed."""
        return self.flow not in ("form",) or any(
            spec.source and not spec.source.startswith("card.") for spec in self.fields)

    def step_of(self, spec: FieldSpec) -> str | None:
        return spec.step or (self.steps[0].id if self.steps else None)
