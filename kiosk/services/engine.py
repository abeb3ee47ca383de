"""Runs a service for a resident: pre-fills its fields from the card and the profile, and
pre-checks its conditions, so the resident only confirms and signs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from drivers.idcard.card import CardType
from kiosk.services.model import Check, FieldSpec, Service
from kiosk.session import Resident


@dataclass(frozen=True)
class FieldValue:
    spec: FieldSpec
    value: str  # "" when nothing is known yet

    @property
    def prefilled(self) -> bool:
        return bool(self.value) and self.spec.source is not None


def source_value(source: str, resident: Resident) -> str:
    where, _, name = source.partition(".")
    if where == "card":
        value = getattr(resident.card, name, "")
        if name == "valid_to" and value is None:
            return "长期"
        return value.isoformat() if isinstance(value, date) else str(value or "")
    return resident.profile.get(name, "")


def prefill(service: Service, resident: Resident) -> dict[str, str]:
    return {
        spec.key: source_value(spec.source, resident) if spec.source else ""
        for spec in service.fields
    }


def form_values(service: Service, answers: dict[str, str]) -> list[FieldValue]:
    return [FieldValue(spec, answers.get(spec.key, "")) for spec in service.fields]


def missing_fields(service: Service, answers: dict[str, str]) -> list[FieldSpec]:
    return [spec for spec in service.fields if not answers.get(spec.key)]


def failed_checks(service: Service, resident: Resident, today: date) -> list[Check]:
    return [check for check in service.checks if not _passes(check, resident, today)]


def _passes(check: Check, resident: Resident, today: date) -> bool:
    if check.rule == "age_at_least":
        return resident.age_on(today) >= int(check.value or 0)
    if check.rule == "card_not_expired":
        return not resident.card.expired_on(today)
    if check.rule == "resident_id_card":
        return resident.card.card_type == CardType.RESIDENT_ID
    if check.rule == "profile_has":
        return bool(resident.profile.get(str(check.value), ""))
    raise ValueError(f"unknown rule {check.rule}")


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
