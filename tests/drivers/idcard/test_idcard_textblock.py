"""The 256-byte text block: decoding resident cards, HMT permits and foreigner cards from
blocks laid out by hand after the protocol document, the inverse encoder, and rejection of
every kind of bad block."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from drivers.idcard.card import CardType, IdCard, id_check_digit
from drivers.idcard.textblock import (
    ETHNICITY_NAMES,
    SEX_NAMES,
    TextBlockError,
    decode_text_block,
    encode_text_block,
)

ID_NUMBER = "31011319751224002" + id_check_digit("31011319751224002")
HMT_NUMBER = "81000019900228003" + id_check_digit("81000019900228003")


def field(text: str, size: int) -> bytes:
    data = text.encode("utf-16-le")
    assert len(data) <= size
    return data + " ".encode("utf-16-le") * ((size - len(data)) // 2)


def block(*, name: str = "赵测试", sex: str = "2", ethnicity: str = "03",
          birth: str = "19751224", address: str = "上海市宝山区测试路88弄6号202室",
          number: str = ID_NUMBER, issuer: str = "上海市公安局宝山分局",
          valid_from: str = "20150101", valid_to: str = "20350101",
          reserved: bytes | None = None) -> bytes:
    """A text block built field by field from the table in the protocol document."""
    data = (field(name, 30) + field(sex, 2) + field(ethnicity, 4) + field(birth, 16)
            + field(address, 70) + field(number, 36) + field(issuer, 30)
            + field(valid_from, 16) + field(valid_to, 16))
    return data + (reserved if reserved is not None else field("", 36))


def test_resident_card_decodes_every_field() -> None:
    card = decode_text_block(block(), photo=b"\x01" * 1024)
    assert card.card_type == CardType.RESIDENT_ID
    assert (card.name, card.sex, card.ethnicity) == ("赵测试", "女", "回")
    assert card.birth_date == date(1975, 12, 24)
    assert card.address == "上海市宝山区测试路88弄6号202室"
    assert card.id_number == ID_NUMBER and card.check_digit_ok
    assert card.issuer == "上海市公安局宝山分局"
    assert (card.valid_from, card.valid_to) == (date(2015, 1, 1), date(2035, 1, 1))
    assert (card.pass_number, card.issue_count) == ("", None)
    assert card.photo == b"\x01" * 1024


def test_encoder_writes_the_same_bytes_the_document_describes(resident: IdCard) -> None:
    assert encode_text_block(resident) == block()
    assert decode_text_block(encode_text_block(resident), resident.photo) == resident


def test_long_term_expiry_decodes_as_no_end_date() -> None:
    card = decode_text_block(block(valid_from="20200101", valid_to="长期"))
    assert card.valid_to is None and not card.expired_on(date(2099, 1, 1))
    assert card.to_json()["valid_to"] == "长期"
    assert encode_text_block(card) == block(valid_from="20200101", valid_to="长期")


def test_hmt_residence_permit_is_recognised_by_byte_248(hmt_permit: IdCard) -> None:
    reserved = field("H01234567", 18) + field("02", 4) + field("", 6) + field("J", 2)
    reserved += field("", 6)
    raw = block(name="陈测试", sex="1", ethnicity="", birth="19900228",
                address="上海市宝山区测试路1号", number=HMT_NUMBER, valid_from="20220301",
                valid_to="20270301", reserved=reserved)
    assert raw[248] == ord("J")
    card = decode_text_block(raw, hmt_permit.photo)
    assert card.card_type == CardType.HMT_RESIDENCE_PERMIT
    assert (card.pass_number, card.issue_count, card.ethnicity) == ("H01234567", 2, "")
    assert card == hmt_permit
    assert encode_text_block(hmt_permit) == raw


def test_foreigner_permanent_residence_card_is_recognised_best_effort() -> None:
    raw = (field("SMITH, JOHN TEST", 120) + field("1", 2) + field("USA310000800101", 30)
           + field("USA", 6) + field("史测试", 30) + field("20200101", 16)
           + field("20300101", 16) + field("19800101", 16) + field("02", 4)
           + field("1500", 8) + field("I", 2) + field("", 6))
    card = decode_text_block(raw)
    assert card.card_type == CardType.FOREIGN_PERMANENT
    assert (card.name, card.sex, card.id_number) == ("史测试", "男", "USA310000800101")
    assert card.birth_date == date(1980, 1, 1) and card.valid_to == date(2030, 1, 1)
    assert decode_text_block(encode_text_block(card)) == card


def test_bad_check_digit_is_flagged_not_rejected() -> None:
    wrong = ID_NUMBER[:17] + ("0" if ID_NUMBER[17] != "0" else "1")
    card = decode_text_block(block(number=wrong))
    assert card.id_number == wrong and not card.check_digit_ok
    assert card.to_json()["check_digit_ok"] is False


def test_check_character_x_is_accepted_in_either_case() -> None:
    first17 = next(f"3101131975122400{d}" for d in range(10)
                   if id_check_digit(f"3101131975122400{d}") == "X")
    card = decode_text_block(block(number=first17 + "x"))
    assert card.id_number == first17 + "X" and card.check_digit_ok


def test_every_gb3304_ethnicity_and_sex_code_round_trips(resident: IdCard) -> None:
    assert sorted(ETHNICITY_NAMES) == [f"{n:02d}" for n in range(1, 57)] + ["97", "98"]
    assert ETHNICITY_NAMES["01"] == "汉" and ETHNICITY_NAMES["56"] == "基诺"
    assert ETHNICITY_NAMES["98"] == "外国血统中国籍人士"
    for code, name in ETHNICITY_NAMES.items():
        assert decode_text_block(block(ethnicity=code)).ethnicity == name
    assert SEX_NAMES == {"0": "未知的性别", "1": "男", "2": "女", "9": "未说明的性别"}
    for code, name in SEX_NAMES.items():
        assert decode_text_block(block(sex=code)).sex == name


def test_nul_padding_is_accepted_like_space_padding() -> None:
    raw = block().replace(" ".encode("utf-16-le"), b"\x00\x00")
    assert decode_text_block(raw).name == "赵测试"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (block()[:255], "255 bytes"),
        (block() + b"  ", "258 bytes"),
        (b"", "0 bytes"),
        (block(birth="19750231"), "not a real date"),
        (block(valid_from="2015010"), "not YYYYMMDD"),
        (block(valid_to="永久"), "not YYYYMMDD"),
        (block(sex="5"), "sex code"),
        (block(ethnicity="57"), "ethnicity code"),
        (block(ethnicity=""), "ethnicity code"),
        (block(number="3101131975"), "ID number"),
        (block(number="31011319751224002Y"), "ID number"),
        (block(name=""), "name is empty"),
        (block(name="赵\x07"), "control characters"),
        (b"\x00\xd8" + block()[2:], "not UTF-16LE"),
    ],
    ids=["short", "long", "empty", "feb-31", "short-date", "bad-expiry", "sex", "ethnicity",
         "no-ethnicity", "short-number", "bad-check-char", "no-name", "control-char",
         "lone-surrogate"],
)
def test_malformed_blocks_are_rejected_with_a_clear_reason(raw: bytes, why: str) -> None:
    with pytest.raises(TextBlockError, match=why) as caught:
        decode_text_block(raw)
    assert isinstance(caught.value, ValueError)


def test_hmt_permit_without_pass_number_is_rejected() -> None:
    reserved = field("", 18) + field("02", 4) + field("", 6) + field("J", 2) + field("", 6)
    with pytest.raises(TextBlockError, match="pass number"):
        decode_text_block(block(ethnicity="", number=HMT_NUMBER, reserved=reserved))


def test_encoder_refuses_what_a_card_cannot_hold(resident: IdCard) -> None:
    with pytest.raises(TextBlockError, match="does not fit"):
        encode_text_block(replace(resident, name="名" * 16))
    with pytest.raises(TextBlockError, match="ethnicity"):
        encode_text_block(replace(resident, ethnicity="火星"))
