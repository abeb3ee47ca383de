"""Synthetic sample cards for the simulator, the developer panel, demo data and tests.
Nobody real: names are common, numbers are made up with valid check digits."""

from __future__ import annotations

from datetime import date

from drivers.idcard.card import CardType, IdCard, id_check_digit


def _number(first17: str) -> str:
    return first17 + id_check_digit(first17)


ELDERLY = IdCard(
    name="王秀英",
    sex="女",
    ethnicity="汉",
    birth_date=date(1944, 3, 15),
    address="上海市宝山区友谊路街道密山路8弄12号301室",
    id_number=_number("31011319440315002"),
    issuer="上海市公安局宝山分局",
    valid_from=date(2014, 5, 6),
    valid_to=None,
)

ADULT = IdCard(
    name="李明",
    sex="男",
    ethnicity="汉",
    birth_date=date(1991, 6, 20),
    address="上海市宝山区牡丹江路1560弄3号602室",
    id_number=_number("31011319910620123"),
    issuer="上海市公安局宝山分局",
    valid_from=date(2019, 8, 1),
    valid_to=date(2039, 8, 1),
)

HMT_RESIDENT = IdCard(
    name="陈嘉欣",
    sex="女",
    ethnicity="",
    birth_date=date(1988, 9, 9),
    address="上海市宝山区淞宝路155弄5号1101室",
    id_number=_number("81000019880909004"),
    issuer="上海市公安局宝山分局",
    valid_from=date(2023, 2, 14),
    valid_to=date(2028, 2, 14),
    card_type=CardType.HMT_RESIDENCE_PERMIT,
    pass_number="H60123456",
    issue_count=1,
)

SAMPLE_CARDS: dict[str, IdCard] = {
    "elderly": ELDERLY,
    "adult": ADULT,
    "hmt": HMT_RESIDENT,
}
