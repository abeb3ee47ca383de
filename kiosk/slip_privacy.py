"""What of a resident's data may go on paper: the one rule every slip, receipt and record the
kiosk prints follows, so that nothing on one piece of paper together rebuilds an ID number.

The rule:
- an ID number keeps its first 3 and last 4 characters (310***********0029): the district
  code and the birth date inside it are never printed;
- a birth date is printed as its year alone, so a slip never holds the 8 digits the masked
  ID number hides (a masked 310113********0029 beside 1946-03-05 is the whole number);
- a name keeps its first and last characters (王*英), a phone its first 3 and last 4;
- a home address keeps its city and district (上海市宝山区***) and nothing of the street,
  building or room;
- other personal values are masked like a name or a number (a card or account number
  keeps its last 4 digits); sensitive values (a bank account in a form) are never printed
  at all; public values are printed in full.
"""

from __future__ import annotations

import re

from drivers.printer.document import Document, Text
from kiosk.services.model import FieldSpec

HIDDEN = "*"
_DATE = re.compile(r"^\s*(\d{4})[-./年]?\d{1,2}[-./月]?\d{1,2}日?\s*$")
# the end of a Chinese address's district part: 上海市宝山区, 某某县, 浦东新区
_DISTRICT_END = re.compile(r"^.{2,12}?(?:区|县|旗)")


def id_number(value: str) -> str:
    """310***********0029; a short number keeps only its last character."""
    value = value.strip()
    if len(value) >= 15:
        return value[:3] + HIDDEN * (len(value) - 7) + value[-4:]
    if len(value) >= 2:
        return HIDDEN * (len(value) - 1) + value[-1]
    return HIDDEN * len(value)


def birth_date(value: str) -> str:
    """The year alone ("1946"); anything not a date is hidden whole."""
    found = _DATE.match(value)
    return found.group(1) if found else HIDDEN * 4


def name(value: str) -> str:
    """王*英, 王*, J**n S***h (each word of a Latin name on its own)."""
    value = value.strip()
    if " " in value:
        return " ".join(name(part) for part in value.split())
    if len(value) >= 3:
        return value[0] + HIDDEN * (len(value) - 2) + value[-1]
    return value[:1] + HIDDEN * (len(value) - 1)


def phone(value: str) -> str:
    """139****7358."""
    value = value.strip()
    if len(value) >= 7:
        return value[:3] + HIDDEN * (len(value) - 7) + value[-4:]
    return HIDDEN * len(value)


def address(value: str) -> str:
    """上海市宝山区*** : the city and district, nothing of the street or the room."""
    found = _DISTRICT_END.match(value.strip())
    return (found.group(0) if found else "") + HIDDEN * 3


def other(value: str) -> str:
    """Any other personal value: a number keeps its last 4 digits, text its first and last
    characters."""
    value = value.strip()
    if len(value) >= 8 and value.replace(" ", "").isdigit():
        return HIDDEN * (len(value) - 4) + value[-4:]
    return name(value)


def what_it_is(spec: FieldSpec) -> str:
    """Which rule a field's value follows, from where it is filled from or its key."""
    where = (spec.source or spec.key).rsplit(".", 1)[-1]
    for kind in ("id_number", "birth_date", "phone", "address", "name"):
        if where == kind or where.endswith("_" + kind):
            return kind
    if spec.kind == "phone":
        return "phone"
    if spec.kind == "date" and "birth" in spec.key:
        return "birth_date"
    return "other"


_RULES = {"id_number": id_number, "birth_date": birth_date, "name": name, "phone": phone,
          "address": address, "other": other}


def printed(spec: FieldSpec, value: str) -> str | None:
    """The value as it may be printed; None when it must not be printed at all."""
    if spec.sensitive:
        return None
    if not spec.personal or not value:
        return value
    return _RULES[what_it_is(spec)](value)


_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_PHONE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")
_LABELS = (  # what a record's header label says its value is: Chinese anywhere in the label,
    # English at its start ("Name", not "Employer name")
    ("id_number", ("身份证", "身份号码", "证件号"), ("id number", "id no", "citizen id")),
    ("birth_date", ("出生",), ("date of birth", "birth")),
    ("name", ("姓名",), ("name",)),
    ("address", ("地址", "住址"), ("address", "home address")),
    ("phone", ("电话", "手机"), ("phone", "mobile")),
    ("other", ("卡号", "账号", "账户"), ("card number", "account")),  # keeps its last 4 digits
)


def labelled(label: str, value: str) -> str:
    """A value known only by its label (a platform record's header): the same rules, chosen
    by the label's words; ID and phone numbers in any other value are masked too."""
    lowered = label.strip().lower()
    for kind, chinese, english in _LABELS:
        if any(word in label for word in chinese) or lowered.startswith(english):
            return _RULES[kind](value)
    return in_text(value)


def in_text(text: str) -> str:
    """Free text with every ID number and mobile number in it masked."""
    text = _ID_IN_TEXT.sub(lambda found: id_number(found.group(1)), text)
    return _PHONE_IN_TEXT.sub(lambda found: phone(found.group(1)), text)


def guarded(document: Document) -> Document:
    """The document with any ID or mobile number left in its text masked: the last check
    before paper, for text that came from anywhere (a note, a platform's words)."""
    blocks = tuple(
        Text(in_text(block.text), block.size, block.bold, block.align)
        if isinstance(block, Text) else block for block in document.blocks)
    return Document(blocks, title=document.title)
