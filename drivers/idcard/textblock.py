"""The 256-byte UTF-16LE text block of an ID card, decoded into an IdCard and encoded back
(emulators need the inverse). Bad data is rejected with TextBlockError, never half-decoded."""

from __future__ import annotations

from datetime import date

from drivers.idcard.card import CardType, IdCard

BLOCK_SIZE = 256
LONG_TERM = "长期"  # valid_to of a card that does not expire

SEX_NAMES = {"0": "未知的性别", "1": "男", "2": "女", "9": "未说明的性别"}  # GB/T 2261.1

# GB 3304, named as the card prints them (without 族).
ETHNICITY_NAMES = {
    "01": "汉", "02": "蒙古", "03": "回", "04": "藏", "05": "维吾尔", "06": "苗", "07": "彝",
    "08": "壮", "09": "布依", "10": "朝鲜", "11": "满", "12": "侗", "13": "瑶", "14": "白",
    "15": "土家", "16": "哈尼", "17": "哈萨克", "18": "傣", "19": "黎", "20": "傈僳",
    "21": "佤", "22": "畲", "23": "高山", "24": "拉祜", "25": "水", "26": "东乡", "27": "纳西",
    "28": "景颇", "29": "柯尔克孜", "30": "土", "31": "达斡尔", "32": "仫佬", "33": "羌",
    "34": "布朗", "35": "撒拉", "36": "毛南", "37": "仡佬", "38": "锡伯", "39": "阿昌",
    "40": "普米", "41": "塔吉克", "42": "怒", "43": "乌孜别克", "44": "俄罗斯", "45": "鄂温克",
    "46": "德昂", "47": "保安", "48": "裕固", "49": "京", "50": "塔塔尔", "51": "独龙",
    "52": "鄂伦春", "53": "赫哲", "54": "门巴", "55": "珞巴", "56": "基诺",
    "97": "其他", "98": "外国血统中国籍人士",
}

# (byte offset, byte length) of each field. Resident ID cards and HMT residence permits
# share one layout; the permit adds its pass number and issue count in the reserved area.
RESIDENT_LAYOUT = {
    "name": (0, 30), "sex": (30, 2), "ethnicity": (32, 4), "birth_date": (36, 16),
    "address": (52, 70), "id_number": (122, 36), "issuer": (158, 30),
    "valid_from": (188, 16), "valid_to": (204, 16), "pass_number": (220, 18),
    "issue_count": (238, 4), "card_type": (248, 2),
}
# Foreigner's permanent residence card, as public SDK documents describe it (unverified).
FOREIGN_LAYOUT = {
    "english_name": (0, 120), "sex": (120, 2), "id_number": (122, 30),
    "nationality": (152, 6), "name": (158, 30), "valid_from": (188, 16),
    "valid_to": (204, 16), "birth_date": (220, 16), "version": (236, 4),
    "issuer": (240, 8), "card_type": (248, 2),
}
TYPE_LETTERS = {"J": CardType.HMT_RESIDENCE_PERMIT, "I": CardType.FOREIGN_PERMANENT}


class TextBlockError(ValueError):
    """A text block that does not hold a readable card."""


def decode_text_block(block: bytes, photo: bytes = b"") -> IdCard:
    if len(block) != BLOCK_SIZE:
        raise TextBlockError(f"text block is {len(block)} bytes, expected {BLOCK_SIZE}")
    card_type = TYPE_LETTERS.get(chr(block[248]), CardType.RESIDENT_ID)
    layout = FOREIGN_LAYOUT if card_type == CardType.FOREIGN_PERMANENT else RESIDENT_LAYOUT
    fields = {key: _text(block, key, offset, size) for key, (offset, size) in layout.items()}
    if card_type == CardType.FOREIGN_PERMANENT:
        return _foreign_card(fields, photo)

    name = _required(fields, "name")
    id_number = fields["id_number"].upper()
    if len(id_number) != 18 or not id_number[:17].isdigit() or id_number[17] not in "0123456789X":
        raise TextBlockError(f"ID number {id_number!r} is not 17 digits and a check character")
    pass_number, issue_count, ethnicity = "", None, ""
    if card_type == CardType.HMT_RESIDENCE_PERMIT:
        pass_number = _required(fields, "pass_number")
        issue_count = _number(fields["issue_count"], "issue count")
    else:
        ethnicity = _lookup(ETHNICITY_NAMES, fields["ethnicity"], "ethnicity code")
    return IdCard(
        name=name,
        sex=_lookup(SEX_NAMES, fields["sex"], "sex code"),
        ethnicity=ethnicity,
        birth_date=_date(fields["birth_date"], "birth date"),
        address=fields["address"],
        id_number=id_number,
        issuer=fields["issuer"],
        valid_from=_date(fields["valid_from"], "valid-from date"),
        valid_to=_valid_to(fields["valid_to"]),
        card_type=card_type,
        pass_number=pass_number,
        issue_count=issue_count,
        photo=photo,
    )


def _foreign_card(fields: dict[str, str], photo: bytes) -> IdCard:
    # IdCard has no English-name or nationality fields: the Chinese name is preferred and the
    # English name used when a holder has none. Best effort, as the layout is unverified.
    name = fields["name"] or _required(fields, "english_name")
    id_number = fields["id_number"].upper()
    if len(id_number) != 15 or not id_number.isalnum():
        raise TextBlockError(f"permanent residence number {id_number!r} is not 15 characters")
    return IdCard(
        name=name,
        sex=_lookup(SEX_NAMES, fields["sex"], "sex code"),
        ethnicity="",
        birth_date=_date(fields["birth_date"], "birth date"),
        address="",
        id_number=id_number,
        issuer=fields["issuer"],
        valid_from=_date(fields["valid_from"], "valid-from date"),
        valid_to=_valid_to(fields["valid_to"]),
        card_type=CardType.FOREIGN_PERMANENT,
        photo=photo,
    )


def _text(block: bytes, key: str, offset: int, size: int) -> str:
    try:
        text = block[offset : offset + size].decode("utf-16-le")
    except UnicodeDecodeError:
        raise TextBlockError(f"{key} at byte {offset} is not UTF-16LE text") from None
    # Cards pad with spaces; some readers pad with NULs instead.
    text = text.rstrip(" \x00")
    if not text.isprintable():
        raise TextBlockError(f"{key} at byte {offset} holds control characters")
    return text


def _required(fields: dict[str, str], key: str) -> str:
    if not fields[key]:
        raise TextBlockError(f"{key.replace('_', ' ')} is empty")
    return fields[key]


def _lookup(table: dict[str, str], code: str, what: str) -> str:
    if code not in table:
        raise TextBlockError(f"unknown {what} {code!r}")
    return table[code]


def _number(text: str, what: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise TextBlockError(f"{what} {text!r} is not a number")
    return int(text)


def _date(text: str, what: str) -> date:
    if len(text) != 8 or not (text.isascii() and text.isdigit()):
        raise TextBlockError(f"{what} {text!r} is not YYYYMMDD")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise TextBlockError(f"{what} {text!r} is not a real date") from None


def _valid_to(text: str) -> date | None:
    return None if text == LONG_TERM else _date(text, "valid-to date")


# --- encoding, for emulators and simulators ----------------------------------------------------


def encode_text_block(card: IdCard) -> bytes:
    """The 256-byte block a reader would send for `card`; raises TextBlockError if a field
    does not fit or has no code."""
    valid_to = LONG_TERM if card.valid_to is None else card.valid_to.strftime("%Y%m%d")
    fields = {
        "sex": _code(SEX_NAMES, card.sex, "sex"),
        "birth_date": card.birth_date.strftime("%Y%m%d"),
        "id_number": card.id_number,
        "issuer": card.issuer,
        "valid_from": card.valid_from.strftime("%Y%m%d"),
        "valid_to": valid_to,
    }
    if card.card_type == CardType.FOREIGN_PERMANENT:
        layout = FOREIGN_LAYOUT
        fields.update(name=card.name, card_type="I")
    else:
        layout = RESIDENT_LAYOUT
        fields.update(name=card.name, address=card.address)
        if card.card_type == CardType.HMT_RESIDENCE_PERMIT:
            count = "" if card.issue_count is None else f"{card.issue_count:02d}"
            fields.update(pass_number=card.pass_number, issue_count=count, card_type="J")
        else:
            fields["ethnicity"] = _code(ETHNICITY_NAMES, card.ethnicity, "ethnicity")
    block = bytearray(" ".encode("utf-16-le") * (BLOCK_SIZE // 2))
    for key, text in fields.items():
        offset, size = layout[key]
        data = text.encode("utf-16-le")
        if len(data) > size:
            raise TextBlockError(f"{key} {text!r} does not fit in {size // 2} characters")
        block[offset : offset + len(data)] = data
    return bytes(block)


def _code(table: dict[str, str], name: str, what: str) -> str:
    for code, known in table.items():
        if known == name:
            return code
    raise TextBlockError(f"no {what} code for {name!r}")
