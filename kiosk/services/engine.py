"""Runs a service's rules for a resident: pre-fills each field with where its value came from
(the card, a government record, the resident, a confirmed licence) and whether it is locked,
and evaluates the service's checks on entering it, on leaving a step and before signing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from district.models import Licence, LicenceRef
from drivers.idcard.card import CardType
from kiosk.services.model import Check, FieldSpec, Service

if TYPE_CHECKING:
    from kiosk.session import Resident

Origin = Literal["card", "government", "resident", "licence", "entered"]
VERIFIED: tuple[Origin, ...] = ("card", "government", "licence")


@dataclass(frozen=True)
class Source:
    """Where a value came from and when that source last changed it."""

    origin: Origin = "entered"
    agency: str = ""  # a government record's keeper, or a licence's issuer
    updated: date | None = None
    item: str = ""  # the profile item or licence item it fills from

    @property
    def verified(self) -> bool:
        return self.origin in VERIFIED


@dataclass(frozen=True)
class FieldValue:
    spec: FieldSpec
    value: str  # "" when nothing is known yet
    source: Source = Source()

    @property
    def prefilled(self) -> bool:
        return bool(self.value) and self.spec.source is not None

    @property
    def locked(self) -> bool:
        """A verified value the resident may not change (unless the field is editable)."""
        return bool(self.value) and self.source.verified and not self.spec.editable


@dataclass(frozen=True)
class Known:
    """What the kiosk knows of the resident besides the card: their licences (references),
    and the licences they confirmed for this service (by type)."""

    refs: tuple[LicenceRef, ...] = ()
    confirmed: tuple[Licence, ...] = ()

    def licence(self, type_code: str) -> Licence | None:
        return next((lic for lic in self.confirmed if lic.ref.type_code == type_code), None)


def source_value(source: str, resident: Resident, known: Known = Known()) -> tuple[str, Source]:
    where, _, name = source.partition(".")
    if where == "card":
        value = getattr(resident.card, name, "")
        if name == "valid_to" and value is None:
            value = "长期"
        text = value.isoformat() if isinstance(value, date) else str(value or "")
        return text, Source("card", resident.card.issuer, resident.card.valid_from, name)
    if where == "licence":
        type_code, _, item = name.partition(".")
        licence = known.licence(type_code)
        if licence is None or not licence.fields.get(item):
            return "", Source()
        return licence.fields[item], Source("licence", licence.ref.issuer, licence.ref.issued_on,
                                            source.partition(".")[2])
    value = resident.profile.get(name, "")
    attribute = resident.provenance.get(name)
    if not value:
        return "", Source()
    if attribute is None:  # a profile value without its envelope is not taken as verified
        return value, Source("resident", item=name)
    return value, Source("government" if attribute.source == "government" else "resident",
                         attribute.agency, attribute.updated, name)


def prefill(service: Service, resident: Resident, known: Known = Known()) -> dict[str, str]:
    return {key: value.value for key, value in prefilled(service, resident, known).items()}


def prefilled(service: Service, resident: Resident,
              known: Known = Known()) -> dict[str, FieldValue]:
    out = {}
    for spec in service.fields:
        value, source = source_value(spec.source, resident, known) if spec.source else ("",
                                                                                       Source())
        out[spec.key] = FieldValue(spec, value, source)
    return out


def form_values(service: Service, answers: dict[str, str],
                sources: dict[str, Source] | None = None) -> list[FieldValue]:
    sources = sources or {}
    return [FieldValue(spec, answers.get(spec.key, ""), sources.get(spec.key, Source()))
            for spec in service.fields]


def missing_fields(service: Service, answers: dict[str, str]) -> list[FieldSpec]:
    return [spec for spec in service.fields if not spec.optional and not answers.get(spec.key)]


def field_problem(spec: FieldSpec, value: str) -> str | None:
    """What is wrong with one answer, as a message key; None when it will do."""
    if not value:  # text is typed at a counter when no record has it: the kiosk has no keyboard
        if spec.optional or spec.kind == "text":
            return None
        return "form.error.date" if spec.kind == "date" else "form.error.missing"
    if spec.kind in ("number", "phone") and not value.isdigit():
        return "form.error.digits"
    if spec.kind == "phone" and not re.fullmatch(r"1[3-9][0-9]{9}|0[0-9]{9,11}", value):
        return "form.error.phone"
    if spec.kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return "form.error.date"
    if spec.kind == "choice" and value not in {option.value for option in spec.options}:
        return "form.error.missing"
    if spec.min_length is not None and len(value) < spec.min_length:
        return "form.error.too_short"
    if spec.max_length is not None and len(value) > spec.max_length:
        return "form.error.too_long"
    return None


@dataclass(frozen=True)
class Facts:
    """What the checks look at: the resident, the day, the answers, their licences, and which
    materials are accounted for (key -> a photographed material's check passed, or True for
    one a licence replaces)."""

    resident: Resident
    today: date
    answers: dict[str, str]
    known: Known = Known()
    materials: dict[str, bool] | None = None


def checks_at(service: Service, step: str | None) -> tuple[Check, ...]:
    """The checks run on entering the service (None) or on leaving `step`."""
    return tuple(check for check in service.checks if check.step == step)


def failed_checks(service: Service, resident: Resident, today: date) -> list[Check]:
    """Every check of the service that fails on what the card and profile say."""
    return failing(service, Facts(resident, today, {}))


def failing(service: Service, facts: Facts,
            checks: tuple[Check, ...] | None = None) -> list[Check]:
    """The given checks (every check of the service when None) that fail."""
    chosen = service.checks if checks is None else checks
    return [check for check in chosen if not passes(check, facts)]


def passes(check: Check, facts: Facts) -> bool:
    resident, today, value = facts.resident, facts.today, check.value
    rule = check.rule
    if rule == "age_at_least":
        return resident.age_on(today) >= int(value or 0)
    if rule == "age_below":
        return resident.age_on(today) < int(value or 0)
    if rule == "card_not_expired":
        return not resident.card.expired_on(today)
    if rule == "resident_id_card":
        return resident.card.card_type == CardType.RESIDENT_ID
    if rule == "profile_has":
        return bool(resident.profile.get(str(value), ""))
    if rule == "profile_equals":
        item, _, expected = str(value).partition("=")
        return resident.profile.get(item, "") == expected
    if rule == "licence_valid":
        return any(ref.type_code == str(value) and (
            ref.valid_until is None or ref.valid_until >= today) for ref in facts.known.refs)
    if rule == "licence_expires_within":
        type_code, _, days = str(value).partition(":")
        until = today + timedelta(days=int(days or 0))
        return any(ref.type_code == type_code and ref.valid_until is not None
                   and today <= ref.valid_until <= until for ref in facts.known.refs)
    if rule == "field_matches":
        key, _, pattern = str(value).partition("=")
        answer = facts.answers.get(key, "")  # an empty answer is the field's own problem
        return not answer or re.fullmatch(pattern, answer) is not None
    if rule == "material_date_within":
        material = str(value).partition(":")[0]
        # the materials desk compares the paper's date; a licence needs no date check
        return (facts.materials or {}).get(material) is not False
    raise ValueError(f"unknown rule {rule}")


def prefill_ratio(service: Service) -> float:
    """Share of fields the kiosk can fill from what is already known (the plan asks ≥ 70%)."""
    if not service.fields:
        return 1.0
    return sum(1 for spec in service.fields if spec.source) / len(service.fields)


def mask(value: str) -> str:
    """Show enough to recognise, hide the rest: 310113********0029, 138****5678, 王*英."""
    if len(value) >= 11:
        keep = 6 if len(value) >= 15 else 3
        return value[:keep] + "*" * (len(value) - keep - 4) + value[-4:]
    if len(value) >= 3:
        return value[0] + "*" * (len(value) - 2) + value[-1]
    return value[:1] + "*" * (len(value) - 1)
