"""Frames of the SAM protocol: requests as the protocol document writes them, strict replies,
the streaming reader's resynchronisation, and what each status code asks of whom."""

from __future__ import annotations

import pytest

from drivers.base import Actor, DeviceState
from drivers.idcard.protocol import (
    MAX_LEN,
    STATUS,
    Command,
    FrameError,
    FrameReader,
    build_request,
    build_response,
    card_data,
    parse_request,
    parse_response,
    split_card_data,
    status_error,
)

PRE = "AA AA AA 96 69 "


def frame(text: str) -> bytes:
    return bytes.fromhex(PRE + text)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (Command.RESET_SAM, "00 03 10 FF EC"),
        (Command.SAM_STATUS, "00 03 11 FF ED"),
        (Command.READ_SAM_ID, "00 03 12 FF EE"),
        (Command.FIND_CARD, "00 03 20 01 22"),
        (Command.SELECT_CARD, "00 03 20 02 21"),
        (Command.READ_TEXT_PHOTO, "00 03 30 01 32"),
        (Command.READ_TEXT_PHOTO_FINGERPRINT, "00 03 30 10 23"),
        (Command.READ_NEWEST_ADDRESS, "00 03 30 03 30"),
    ],
)
def test_requests_match_the_protocol_document(command: Command, expected: str) -> None:
    assert build_request(command) == frame(expected)
    assert parse_request(frame(expected)).command == command


@pytest.mark.parametrize(
    ("reply", "sw3", "data"),
    [
        ("00 04 00 00 90 94", 0x90, b""),
        ("00 08 00 00 9F 00 00 00 00 97", 0x9F, bytes(4)),
        ("00 04 00 00 80 84", 0x80, b""),
        ("00 04 00 00 81 85", 0x81, b""),
        ("00 04 00 00 41 45", 0x41, b""),
    ],
)
def test_replies_from_the_protocol_document_parse(reply: str, sw3: int, data: bytes) -> None:
    response = parse_response(frame(reply))
    assert (response.sw1, response.sw2, response.sw3, response.data) == (0, 0, sw3, data)
    assert build_response(sw3, data) == frame(reply)


def test_read_reply_has_the_documented_length_and_blocks() -> None:
    text, photo = bytes(range(256)), bytes(1024)
    reply = build_response(0x90, card_data(text, photo))
    assert len(reply) == 1295 and reply[5:10] == bytes.fromhex("05 08 00 00 90")
    assert reply[10:14] == bytes.fromhex("01 00 04 00")
    blocks = split_card_data(parse_response(reply).data)
    assert (blocks.text, blocks.photo, blocks.fingerprint) == (text, photo, b"")


def test_read_reply_with_fingerprint_splits_three_blocks() -> None:
    data = card_data(bytes(256), b"\x01" * 1024, b"\x02" * 512)
    blocks = split_card_data(data, fingerprint=True)
    assert blocks.fingerprint == b"\x02" * 512 and blocks.photo == b"\x01" * 1024


@pytest.mark.parametrize(
    "data",
    [b"", bytes.fromhex("01 00 04 00") + bytes(100), bytes.fromhex("00 10 04 00") + bytes(1040),
     card_data(bytes(256), bytes(1024)) + b"\x00"],
    ids=["empty", "truncated", "text-not-256", "trailing-byte"],
)
def test_card_data_with_wrong_lengths_is_rejected(data: bytes) -> None:
    with pytest.raises(FrameError):
        split_card_data(data)


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        (frame("00 04 00 00 90 95"), "checksum"),
        (frame("00 05 00 00 90 94"), "LEN"),
        (frame("00 04 00 00 90"), "LEN"),
        (bytes.fromhex("AA AA AA 96 00 04 00 00 90 94"), "preamble"),
        (frame("00 02 00 02"), "too short"),
    ],
)
def test_strict_parsing_rejects_malformed_replies(bad: bytes, why: str) -> None:
    with pytest.raises(FrameError, match=why):
        parse_response(bad)


def test_reader_skips_garbage_and_joins_a_frame_split_byte_by_byte() -> None:
    reply = build_response(0x90, card_data(bytes(256), bytes(1024)))
    reader = FrameReader()
    stream = b"\x00\x13\xaa\xaa\x96 noise" + reply
    for index in range(len(stream) - 1):
        reader.feed(stream[index : index + 1])
        assert reader.pop() is None
    reader.feed(stream[-1:])
    assert reader.pop() == reply
    assert reader.skipped == len(stream) - len(reply)


def test_reader_returns_two_frames_from_one_chunk_in_order() -> None:
    first, second = build_response(0x9F, bytes(4)), build_response(0x90, bytes(8))
    reader = FrameReader()
    reader.feed(first + second)
    assert (reader.pop(), reader.pop(), reader.pop()) == (first, second, None)


def test_reader_drops_a_bad_frame_and_continues_with_the_next() -> None:
    good = build_response(0x90)
    reader = FrameReader()
    reader.feed(good[:-1] + b"\x00" + good)
    with pytest.raises(FrameError, match="checksum"):
        reader.pop()
    assert reader.pop() == good


def test_reader_resynchronises_after_an_impossible_length() -> None:
    good = build_response(0x80)
    reader = FrameReader()
    reader.feed(frame("FF FF 00") + good)
    with pytest.raises(FrameError, match="length"):
        reader.pop()
    assert reader.pop() == good


def test_every_documented_status_code_has_a_meaning() -> None:
    documented = {0x90, 0x9F, 0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40,
                  0x41, 0x47, 0x60, 0x66, 0x80, 0x81}
    assert documented <= STATUS.keys()


def test_no_card_is_not_a_fault_of_the_reader() -> None:
    error = status_error(0x80)
    assert error.code == "no_card" and error.state == DeviceState.ONLINE
    assert error.actor == Actor.PROGRAM and not error.retry


@pytest.mark.parametrize("sw3", [0x41, 0x81, 0x47])
def test_card_read_failures_are_retried_by_the_program(sw3: int) -> None:
    error = status_error(sw3, "read card")
    assert error.retry and error.actor == Actor.PROGRAM and error.state == DeviceState.ONLINE
    assert f"(status {sw3:02X})" in error.message and error.message.startswith("read card: ")


@pytest.mark.parametrize("sw3", [0x60, 0x66, 0x21])
def test_sam_failures_call_an_engineer(sw3: int) -> None:
    error = status_error(sw3)
    assert error.actor == Actor.ENGINEER and error.state == DeviceState.HARDWARE_ERROR
    assert not error.retry


def test_an_unknown_status_is_reported_not_guessed() -> None:
    error = status_error(0x5C)
    assert "unknown status" in error.message and "5C" in error.message
    assert error.actor == Actor.ENGINEER


def test_a_frame_longer_than_any_reply_is_refused_before_its_checksum_is_read() -> None:
    with pytest.raises(FrameError, match="longer than any reply"):
        parse_response(build_response(0x90, bytes(MAX_LEN)))
