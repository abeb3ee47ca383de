"""The shape of a service definition: its fields and where each is pre-filled from, its
pre-check rules, the devices it needs, and what it prints. Both languages are required."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DeviceName = Literal["idcard", "scanner", "printer", "camera"]

# Where a field can be pre-filled from: the card a resident placed, or their platform profile.
CARD_SOURCES = ("name", "sex", "ethnicity", "birth_date", "address", "id_number", "valid_to")


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


class FieldSpec(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Bilingual
    source: str | None = Field(default=None, pattern=r"^(card|profile)\.[a-z_]+$")
    kind: Literal["text", "choice"] = "text"
    options: tuple[Option, ...] = ()
    personal: bool = False  # masked on screen and on paper, spoken only in headphones


class Check(_Strict):
    rule: Literal["age_at_least", "card_not_expired", "resident_id_card", "profile_has"]
    value: int | str | None = None
    message: Bilingual  # what the resident reads when the check fails, and what to do


class Service(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Bilingual
    summary: Bilingual
    icon: str  # a qtawesome name, e.g. mdi6.account-cash
    needs: tuple[DeviceName, ...] = ("idcard", "printer")
    fields: tuple[FieldSpec, ...] = ()
    checks: tuple[Check, ...] = ()

    @property
    def reads_profile(self) -> bool:
        """Some field comes from the platform profile: the resident's consent is needed."""
        return any(spec.source and spec.source.startswith("profile.") for spec in self.fields)
    done_note: Bilingual  # what happens next, printed on the receipt and shown on screen
