"""What an ID card carries, as typed fields, and the GB 11643 check digit (ISO 7064 MOD 11-2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


class CardType(StrEnum):
    RESIDENT_ID = "resident_id"  # 居民身份证
    HMT_RESIDENCE_PERMIT = "hmt_residence_permit"  # 港澳台居民居住证
    FOREIGN_PERMANENT = "foreign_permanent"  # 外国人永久居留身份证


def id_check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits of an ID number."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("an ID number starts with 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def is_valid_id_number(number: str) -> bool:
    number = number.strip().upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    return id_check_digit(number[:17]) == number[17]


@dataclass(frozen=True)
class IdCard:
    name: str
    sex: str  # as GB/T 2261.1 names it: 男, 女, 未知的性别, 未说明的性别
    ethnicity: str  # as GB 3304 names it, e.g. 汉; empty on residence permits
    birth_date: date
    address: str
    id_number: str
    issuer: str
    valid_from: date
    valid_to: date | None  # None: 长期, no expiry
    card_type: CardType = CardType.RESIDENT_ID
    pass_number: str = ""  # Hong Kong / Macau / Taiwan residence permits only
    issue_count: int | None = None
    photo: bytes = field(default=b"", repr=False)  # raw "wlt" bytes; only vendor code decodes it

    @property
    def check_digit_ok(self) -> bool:
        return is_valid_id_number(self.id_number)

    def age_on(self, day: date) -> int:
        had_birthday = (day.month, day.day) >= (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (0 if had_birthday else 1)

    def expired_on(self, day: date) -> bool:
        return self.valid_to is not None and day > self.valid_to

    def to_json(self) -> dict[str, object]:
        """The fields for printing or JSON, never the photo bytes."""
        return {
            "card_type": self.card_type.value,
            "name": self.name,
            "sex": self.sex,
            "ethnicity": self.ethnicity,
            "birth_date": self.birth_date.isoformat(),
            "address": self.address,
            "id_number": self.id_number,
            "issuer": self.issuer,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else "长期",
            "pass_number": self.pass_number,
            "issue_count": self.issue_count,
            "check_digit_ok": self.check_digit_ok,
            "photo_bytes": len(self.photo),
        }
