"""OCR-assisted pre-review of a paper material (plan item 26): in the lines read from the
photo, find the resident's name, an 18-character ID number (check character verified) and
the dates, and say what matches and what does not. Free of Qt; never logs what it read."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from drivers.idcard.card import is_valid_id_number

# What can be wrong with a paper, as message keys under material.finding.* (resident's words)
UNREADABLE = "unreadable"  # no text at all: blank, dark or out of focus
NAME_DIFFERS = "name_differs"  # a name is on the paper, and it is not the resident's
NO_NAME = "no_name"  # the resident's name could not be found
NUMBER_DIFFERS = "number_differs"  # a valid ID number is on it, not the resident's
NO_NUMBER = "no_number"  # no readable ID number
TOO_OLD = "too_old"  # dated more than the allowed days ago
NO_DATE = "no_date"  # a date is needed and none could be read

NAME_LABELS = ("姓名", "户名", "持证人", "申请人", "名字", "账户名称", "户主")
NEXT_LABELS = ("性别", "性", "民族", "出生", "身份", "证件", "住址", "电话")
_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
_DATES = (
    re.compile(r"((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日"),
    re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])"),
    re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\.([0-9]{1,2})\.([0-9]{1,2})(?![0-9])"),
)
MIN_CONFIDENCE = 0.5  # lines read with less are ignored


@dataclass(frozen=True)
class MaterialCheck:
    """What the paper said, compared with the application."""

    ok: bool
    findings: tuple[str, ...]  # what did not match, as UNREADABLE, NAME_DIFFERS, ...
    name_found: bool = False
    number_found: bool = False
    dates: tuple[date, ...] = ()  # every date on the paper, oldest first
    newest: date | None = None  # the newest date not after today (the paper's own date)


def check_material(texts: Iterable[str], *, name: str, id_number: str, today: date,
                   answers: Mapping[str, str] | None = None,
                   max_age_days: int | None = None) -> MaterialCheck:
    """Compare the text lines of a photographed paper with the resident and the answers.
    Other people the answers name (a spouse's name or ID number) are not counted as
    differences; the resident's own name and number must be there."""
    lines = [_squash(text) for text in texts]
    lines = [line for line in lines if line]
    if not lines:
        return MaterialCheck(False, (UNREADABLE,))
    others = _others(answers or {})
    findings: list[str] = []

    # A labelled name (户名 李明) must be the resident's; with no label, the name anywhere.
    own = _squash(name)
    labelled = [value for value in (_labelled_name(line) for line in lines) if value]
    if labelled:
        name_found = bool(own) and any(_is_name(value, own) for value in labelled)
    else:
        name_found = bool(own) and any(own in line for line in lines)
    if not name_found:
        strangers = [v for v in labelled if not any(_is_name(v, o) for o in others)]
        findings.append(NAME_DIFFERS if strangers else NO_NAME)

    numbers = {match.group(0).upper() for line in lines for match in _NUMBER.finditer(line)}
    valid = {number for number in numbers if is_valid_id_number(number)}
    number_found = id_number.upper() in valid
    if not number_found:
        findings.append(NUMBER_DIFFERS if valid - others else NO_NUMBER)

    dates = sorted({day for line in lines for day in _dates_in(line)})
    past = [day for day in dates if day <= today]
    newest = past[-1] if past else None
    if max_age_days is not None:
        if newest is None:
            findings.append(NO_DATE)
        elif (today - newest).days > max_age_days:
            findings.append(TOO_OLD)
    return MaterialCheck(not findings, tuple(findings), name_found, number_found,
                         tuple(dates), newest)


def _squash(text: str) -> str:
    """OCR spacing is arbitrary (持证人 李明 / 持证人李明): compare without it."""
    return re.sub(r"[\s:：·•]+", "", text)


def _is_name(value: str, name: str) -> bool:
    """The labelled value is this name, alone or followed by the next label (姓名李明性别男)."""
    rest = value[len(name):] if value.startswith(name) else None
    return rest is not None and (rest == "" or rest.startswith(NEXT_LABELS))


def _labelled_name(line: str) -> str:
    for label in NAME_LABELS:
        if line.startswith(label) and len(line) > len(label):
            return line[len(label):][:20]
    return ""


def _others(answers: Mapping[str, str]) -> set[str]:
    """Names and ID numbers of other people the application itself gives."""
    known = set()
    for key, value in answers.items():
        value = _squash(str(value)).upper()
        if is_valid_id_number(value) or key.endswith("name"):
            known.add(value)
    return known


def _dates_in(line: str) -> list[date]:
    found = []
    for pattern in _DATES:
        for year, month, day in pattern.findall(line):
            try:
                found.append(date(int(year), int(month), int(day)))
            except ValueError:
                continue  # 2026-02-30: not a date
    return found


def max_age_for(checks: Iterable[object], material: str) -> int | None:
    """The days a `material_date_within` check allows this material ("material:days")."""
    for check in checks:
        if getattr(check, "rule", None) != "material_date_within":
            continue
        key, _, days = str(getattr(check, "value", "")).partition(":")
        if key == material and days.isdigit():
            return int(days)
    return None
