"""The ID card reader's frame parser on hostile input: the replies the emulator sends for the
sample cards, mutated, cut into random reads and mixed with line noise. Only DeviceError
(FrameError is one) comes out; no frame is longer than the protocol's limit; the reader's
buffer never holds more than one frame's worth; a clean frame after the noise is still read."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from drivers.base import DeviceError
from drivers.idcard.emulator import PHOTO_SIZE
from drivers.idcard.protocol import (
    HEADER_SIZE,
    MAX_LEN,
    PREAMBLE,
    SW_SUCCESS,
    Command,
    FrameReader,
    build_request,
    build_response,
    card_data,
    parse_request,
    parse_response,
)
from drivers.idcard.samples import SAMPLE_CARDS
from drivers.idcard.serial_reader import decode_card_data
from drivers.idcard.textblock import encode_text_block
from tests.property.mutations import bounded, mutated


def _read_reply(card) -> bytes:
    """The reply to READ_TEXT_PHOTO the emulator sends for `card` (emulator._reply)."""
    photo = card.photo[:PHOTO_SIZE].ljust(PHOTO_SIZE, b"\x00")
    return build_response(SW_SUCCESS, card_data(encode_text_block(card), photo))


READS = [_read_reply(card) for card in SAMPLE_CARDS.values()]
FRAMES = [*READS, build_response(0x9F, bytes(4)), build_response(0x80),
          build_request(Command.FIND_CARD), build_request(Command.READ_TEXT_PHOTO)]


def _parse_all(frame: bytes) -> None:
    """Every parser a frame can meet; only DeviceError may escape."""
    for parse in (parse_request, parse_response):
        with contextlib.suppress(DeviceError):
            parse(frame)
    with contextlib.suppress(DeviceError):
        decode_card_data(parse_response(frame).data)


@bounded(300)
@given(mutated(FRAMES, head=16))
def test_a_mutated_frame_is_parsed_or_refused_as_a_device_error(frame):
    _parse_all(frame)


@bounded(200)
@given(mutated(READS, head=300))
def test_mutated_card_data_is_a_card_or_a_device_error(frame):
    data = frame[HEADER_SIZE:-1]  # the body, so mutations reach the text block's fields
    with contextlib.suppress(DeviceError):
        decode_card_data(data[3:])


def _drain(reader: FrameReader) -> list[bytes]:
    frames = []
    while True:
        try:
            frame = reader.pop()
        except DeviceError:
            continue
        if frame is None:
            return frames
        assert len(frame) <= HEADER_SIZE + MAX_LEN
        _parse_all(frame)
        frames.append(frame)


@bounded(150)
@given(pieces=st.lists(st.one_of(mutated(FRAMES, head=16), st.binary(max_size=64),
                                 st.just(PREAMBLE + b"\xff\xff")), max_size=6),
       cuts=st.lists(st.integers(1, 900), max_size=12))
def test_the_stream_reader_survives_noise_and_never_holds_more_than_a_frame(pieces, cuts):
    stream = b"".join(pieces) + READS[0]
    reader, at = FrameReader(), 0
    for size in [*cuts, len(stream)]:
        reader.feed(stream[at : at + size])
        at += size
        _drain(reader)
        assert reader.pending() < HEADER_SIZE + MAX_LEN


@bounded(100)
@given(noise=st.binary(max_size=2000).filter(lambda b: PREAMBLE[:2] not in b),
       cuts=st.lists(st.integers(1, 900), max_size=12))
def test_a_frame_after_line_noise_is_read_whole(noise, cuts):
    stream = noise + READS[1]
    reader, frames, at = FrameReader(), [], 0
    for size in [*cuts, len(stream)]:
        reader.feed(stream[at : at + size])
        at += size
        frames += _drain(reader)
    assert frames == [READS[1]]
    assert decode_card_data(parse_response(frames[0]).data).name == SAMPLE_CARDS["adult"].name
