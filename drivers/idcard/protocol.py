"""Frames of the SAM serial protocol (GA/T 467 style, see shared/protocols/idcard-sam.md):
building requests and replies, strict parsing, a streaming frame reader, and status codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import reduce

from drivers.base import Actor, DeviceError, DeviceState

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_SIZE = len(PREAMBLE) + 2  # preamble and the 2-byte LEN
# The longest known reply (text, photo, 1024-byte fingerprint) has LEN 2311; anything far
# beyond is line noise that happens to contain a preamble, not a frame worth waiting for.
MAX_LEN = 4096

SW_SUCCESS = 0x90
SW_CARD_FOUND = 0x9F
SW_NO_CARD = 0x80


class Command(Enum):
    """Request bytes CMD and PARA."""

    RESET_SAM = (0x10, 0xFF)
    SAM_STATUS = (0x11, 0xFF)
    READ_SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_TEXT_PHOTO = (0x30, 0x01)
    READ_TEXT_PHOTO_FINGERPRINT = (0x30, 0x10)
    READ_NEWEST_ADDRESS = (0x30, 0x03)

    @classmethod
    def lookup(cls, cmd: int, para: int) -> Command | None:
        return next((command for command in cls if command.value == (cmd, para)), None)


def checksum(data: bytes) -> int:
    """XOR of every byte from the first LEN byte up to the byte before CHK."""
    return reduce(lambda acc, byte: acc ^ byte, data, 0)


def _frame(body: bytes) -> bytes:
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([checksum(length + body)])


def build_request(command: Command, data: bytes = b"") -> bytes:
    cmd, para = command.value
    return _frame(bytes([cmd, para]) + data)


def build_response(sw3: int, data: bytes = b"", *, sw1: int = 0, sw2: int = 0) -> bytes:
    return _frame(bytes([sw1, sw2, sw3]) + data)


class FrameError(DeviceError):
    """A reply that is not a well-formed frame: noise on the line or a confused reader."""

    def __init__(self, message: str) -> None:
        super().__init__(message, actor=Actor.PROGRAM, state=DeviceState.HARDWARE_ERROR,
                         code="bad_frame")


@dataclass(frozen=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes


@dataclass(frozen=True)
class Request:
    cmd: int
    para: int
    data: bytes

    @property
    def command(self) -> Command | None:
        return Command.lookup(self.cmd, self.para)


def _body(frame: bytes) -> bytes:
    """The bytes between LEN and CHK of one complete frame, after every strict check."""
    if not frame.startswith(PREAMBLE):
        raise FrameError("frame does not start with the preamble AA AA AA 96 69")
    if len(frame) < HEADER_SIZE + 1:
        raise FrameError(f"frame of {len(frame)} bytes is too short")
    if len(frame) > HEADER_SIZE + MAX_LEN:
        raise FrameError(f"frame of {len(frame)} bytes is longer than any reply ({MAX_LEN})")
    length = int.from_bytes(frame[5:7], "big")
    if len(frame) != HEADER_SIZE + length:
        raise FrameError(f"frame LEN says {length} bytes follow, but {len(frame) - 7} do")
    expected = checksum(frame[5:-1])
    if frame[-1] != expected:
        raise FrameError(f"frame checksum {frame[-1]:02X} should be {expected:02X}")
    return frame[7:-1]


def parse_response(frame: bytes) -> Response:
    body = _body(frame)
    if len(body) < 3:
        raise FrameError("reply too short to hold SW1 SW2 SW3")
    return Response(body[0], body[1], body[2], body[3:])


def parse_request(frame: bytes) -> Request:
    body = _body(frame)
    if len(body) < 2:
        raise FrameError("request too short to hold CMD PARA")
    return Request(body[0], body[1], body[2:])


class FrameReader:
    """Collects bytes as they arrive and hands out complete frames. Bytes before a preamble
    are skipped; a frame split across reads is joined; a frame with a bad LEN or checksum
    is dropped with a FrameError, and reading continues after it."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self.skipped = 0  # bytes thrown away before a preamble, for diagnostics

    def feed(self, data: bytes) -> None:
        self._buffer += data

    def pending(self) -> int:
        return len(self._buffer)

    def pop(self) -> bytes | None:
        """The next complete frame (preamble to CHK), or None until more bytes arrive."""
        start = self._buffer.find(PREAMBLE)
        if start < 0:
            # Keep a tail that may be the first bytes of a preamble still on its way.
            keep = len(PREAMBLE) - 1
            self._skip(max(0, len(self._buffer) - keep))
            return None
        self._skip(start)
        if len(self._buffer) < HEADER_SIZE:
            return None
        length = int.from_bytes(self._buffer[5:7], "big")
        if not 3 <= length <= MAX_LEN:
            self._skip(1)  # resynchronise on the next preamble
            raise FrameError(f"frame length {length} is out of range")
        if len(self._buffer) < HEADER_SIZE + length:
            return None
        frame = bytes(self._buffer[: HEADER_SIZE + length])
        del self._buffer[: HEADER_SIZE + length]
        _body(frame)  # raises FrameError on a bad checksum; the frame is gone either way
        return frame

    def _skip(self, count: int) -> None:
        if count:
            self.skipped += count
            del self._buffer[:count]


# --- reading card data ----------------------------------------------------------------------


@dataclass(frozen=True)
class CardData:
    text: bytes
    photo: bytes
    fingerprint: bytes = b""


def split_card_data(data: bytes, *, fingerprint: bool = False) -> CardData:
    """The blocks of a read reply's data: big-endian lengths, then the blocks, nothing else."""
    count = 3 if fingerprint else 2
    if len(data) < 2 * count:
        raise FrameError("card data too short to hold its block lengths")
    lengths = [int.from_bytes(data[i : i + 2], "big") for i in range(0, 2 * count, 2)]
    if lengths[0] != 256:
        raise FrameError(f"card text block is {lengths[0]} bytes, expected 256")
    if 2 * count + sum(lengths) != len(data):
        raise FrameError(f"card data holds {len(data)} bytes; its lengths say "
                         f"{2 * count + sum(lengths)}")
    blocks, offset = [], 2 * count
    for length in lengths:
        blocks.append(data[offset : offset + length])
        offset += length
    return CardData(*blocks)


def card_data(text: bytes, photo: bytes, fingerprint: bytes | None = None) -> bytes:
    """The inverse of split_card_data, for emulators."""
    blocks = [text, photo] if fingerprint is None else [text, photo, fingerprint]
    lengths = b"".join(len(block).to_bytes(2, "big") for block in blocks)
    return lengths + b"".join(blocks)


# --- status codes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusInfo:
    slug: str
    message: str
    actor: Actor
    state: DeviceState
    retry: bool  # worth repeating the same step on the same card


_P, _E = Actor.PROGRAM, Actor.ENGINEER
_ON, _HW, _USER = DeviceState.ONLINE, DeviceState.HARDWARE_ERROR, DeviceState.USER_ERROR

# Card-side failures leave the reader ONLINE: the reader works, the card or its placement
# does not. Failures only an engineer can clear (SAM, authorisation) are hardware errors.
STATUS: dict[int, StatusInfo] = {
    0x90: StatusInfo("success", "success", _P, _ON, False),
    0x9F: StatusInfo("card_found", "card found", _P, _ON, False),
    0x91: StatusInfo("no_content", "the card has no such content", _P, _ON, False),
    0x10: StatusInfo("request_checksum", "reader saw a checksum error in the request",
                     _P, _ON, True),
    0x11: StatusInfo("request_length", "reader saw a length error in the request",
                     _P, _ON, True),
    0x21: StatusInfo("unknown_command", "reader does not know the command; "
                     "check that it is a SAM reader", _E, _HW, False),
    0x23: StatusInfo("not_authorised", "operation not authorised by the reader", _E, _HW, False),
    0x24: StatusInfo("unrecognised", "reader reported an unrecognised error", _P, _ON, True),
    0x31: StatusInfo("card_auth_sam", "card could not authenticate the SAM",
                     _P, _USER, True),
    0x32: StatusInfo("sam_auth_card", "SAM could not authenticate the card",
                     _P, _USER, True),
    0x33: StatusInfo("check_failed", "card information check failed", _P, _USER, True),
    0x40: StatusInfo("unknown_card", "card type not recognised; is it an ID card?",
                     _P, _USER, False),
    0x41: StatusInfo("read_failed", "reading the card failed", _P, _ON, True),
    0x47: StatusInfo("random_failed", "random number step failed", _P, _ON, True),
    0x60: StatusInfo("sam_self_test", "SAM self-test failed; the reader needs repair",
                     _E, _HW, False),
    0x66: StatusInfo("sam_not_authorised", "SAM not authorised; the reader needs its "
                     "SAM licensed", _E, _HW, False),
    0x80: StatusInfo("no_card", "no card on the reader", _P, _ON, False),
    0x81: StatusInfo("select_failed", "selecting the card failed", _P, _ON, True),
}


class ReaderStatusError(DeviceError):
    """The reader answered with a failure status (SW3)."""

    def __init__(self, sw3: int, info: StatusInfo, context: str = "") -> None:
        prefix = f"{context}: " if context else ""
        super().__init__(f"{prefix}{info.message} (status {sw3:02X})", actor=info.actor,
                         state=info.state, code=info.slug)
        self.sw3 = sw3
        self.retry = info.retry


def status_info(sw3: int) -> StatusInfo:
    return STATUS.get(sw3) or StatusInfo(
        f"status_{sw3:02x}", "reader answered with an unknown status", _E, _HW, False
    )


def status_error(sw3: int, context: str = "") -> ReaderStatusError:
    return ReaderStatusError(sw3, status_info(sw3), context)


def require(response: Response, *expected: int, context: str = "") -> Response:
    """The response itself if SW3 is one of `expected`, else the matching error."""
    if response.sw3 not in expected:
        raise status_error(response.sw3, context)
    return response
