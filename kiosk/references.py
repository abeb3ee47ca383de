"""The references a kiosk gives its submissions (BSYY001-261201-0007): the kiosk's code, the
day, and a number from the outbox's counter, which never repeats. Given by the kiosk, so a
receipt printed before the platform hears of the submission already holds."""

from __future__ import annotations

import re
from datetime import date

_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")


def kiosk_code(kiosk_id: str) -> str:
    """The kiosk id without its non-alphanumerics, upper case: BS-YY-001 -> BSYY001."""
    code = _NOT_ALPHANUMERIC.sub("", kiosk_id).upper()
    if not code:
        raise ValueError(f"kiosk id {kiosk_id!r} has no letters or digits for a reference")
    return code


def format_reference(kiosk_id: str, day: date, number: int) -> str:
    """The reference for the `number`th submission; four digits, more once it needs them."""
    if not 1 <= number <= 999_999:
        raise ValueError(f"reference number {number} is out of range (1 to 999999)")
    return f"{kiosk_code(kiosk_id)}-{day:%y%m%d}-{number:04d}"
