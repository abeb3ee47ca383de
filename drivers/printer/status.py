"""Reads the four DLE EOT status bytes of an ESC/POS printer into one printer status, and says
what it means for the kiosk: a DeviceStatus, and a DeviceError naming who must act.
Hand-written: python-escpos v3.1 wraps only n=1 and n=4, and calls a silent printer's paper
"adequate"; here no reply or an invalid one is always unknown, never "paper OK"."""

from __future__ import annotations

from dataclasses import dataclass

from drivers.base import Actor, DeviceError, DeviceState, DeviceStatus, PaperState

DLE_EOT = b"\x10\x04"
QUERIES = (1, 2, 3, 4)  # printer, offline cause, error cause, paper sensor
_PAPER_NOTE = {
    PaperState.LOW: "paper near end: load a new roll soon",
    PaperState.UNKNOWN: "paper state unknown",
}


def query(n: int) -> bytes:
    """The real-time status request DLE EOT n."""
    if n not in QUERIES:
        raise ValueError(f"DLE EOT takes 1 to 4, not {n}")
    return DLE_EOT + bytes((n,))


def is_valid_reply(byte: int) -> bool:
    """Every status byte has the form 0xx1xx10: bits 7 and 0 clear, bits 4 and 1 set."""
    return 0 <= byte <= 0xFF and byte & 0b1001_0011 == 0b0001_0010


def parse_reply(data: bytes | None) -> int | None:
    """The status byte in a reply, or None when there was none or it is not a status byte."""
    if not data or len(data) != 1 or not is_valid_reply(data[0]):
        return None
    return data[0]


def _bit(byte: int | None, bit: int) -> bool | None:
    return None if byte is None else bool(byte & (1 << bit))


@dataclass(frozen=True)
class PrinterStatus:
    """The replies to DLE EOT 1–4; None where the printer gave no valid answer."""

    printer: int | None = None
    offline_cause: int | None = None
    error_cause: int | None = None
    paper_sensor: int | None = None

    @classmethod
    def from_replies(cls, replies: dict[int, bytes | None]) -> PrinterStatus:
        return cls(*(parse_reply(replies.get(n)) for n in QUERIES))

    @property
    def answered(self) -> bool:
        return self.printer is not None

    @property
    def offline(self) -> bool:
        return self.printer is None or bool(self.printer & 0x08)

    @property
    def cover_open(self) -> bool | None:
        return _bit(self.offline_cause, 2)

    @property
    def feeding_by_button(self) -> bool | None:
        return _bit(self.offline_cause, 3)

    @property
    def stopped_by_paper_end(self) -> bool | None:
        return _bit(self.offline_cause, 5)

    @property
    def error(self) -> bool | None:
        return _bit(self.offline_cause, 6)

    @property
    def cutter_error(self) -> bool | None:
        return _bit(self.error_cause, 3)

    @property
    def unrecoverable(self) -> bool | None:
        return _bit(self.error_cause, 5)

    @property
    def auto_recoverable(self) -> bool | None:
        return _bit(self.error_cause, 6)

    @property
    def paper(self) -> PaperState:
        # Epson sets both bits of a pair; a printer that sets one of them still means it.
        if self.paper_sensor is None:
            return PaperState.OUT if self.stopped_by_paper_end else PaperState.UNKNOWN
        if self.paper_sensor & 0x60 or self.stopped_by_paper_end:
            return PaperState.OUT
        if self.paper_sensor & 0x0C:
            return PaperState.LOW
        return PaperState.FULL

    def problem(self) -> DeviceError | None:
        """The most urgent thing wrong, with who must act; None when it can print."""
        if not self.answered:
            return DeviceError(
                "printer does not answer status requests",
                actor=Actor.PROGRAM, state=DeviceState.OFFLINE, code="no_answer",
            )
        if self.unrecoverable:
            return DeviceError(
                "printer reports an unrecoverable error: power it off and call an engineer",
                actor=Actor.ENGINEER, state=DeviceState.HARDWARE_ERROR, code="unrecoverable",
            )
        if self.cutter_error:
            return DeviceError(
                "printer's autocutter is jammed or faulty",
                actor=Actor.ENGINEER, state=DeviceState.HARDWARE_ERROR, code="cutter",
            )
        if self.cover_open:
            return DeviceError(
                "printer cover is open: close it",
                actor=Actor.STAFF, state=DeviceState.USER_ERROR, code="cover_open",
            )
        if self.paper == PaperState.OUT:
            return DeviceError(
                "printer is out of paper: load a new roll",
                actor=Actor.STAFF, state=DeviceState.USER_ERROR, code="paper_out",
            )
        if self.auto_recoverable:
            return DeviceError(
                "printer paused on an error it recovers from by itself (e.g. head too hot)",
                actor=Actor.PROGRAM, state=DeviceState.OFFLINE, code="auto_recoverable",
            )
        if self.error:
            return DeviceError(
                "printer reports an error of unknown cause",
                actor=Actor.ENGINEER, state=DeviceState.HARDWARE_ERROR, code="error",
            )
        if self.offline:
            cause = " (paper being fed by the button)" if self.feeding_by_button else ""
            return DeviceError(
                f"printer is offline{cause}",
                actor=Actor.PROGRAM, state=DeviceState.OFFLINE, code="offline",
            )
        return None

    def device_status(self) -> DeviceStatus:
        problem = self.problem()
        return DeviceStatus(
            problem.state if problem else DeviceState.ONLINE,
            paper=self.paper,
            cover_open=bool(self.cover_open),
            detail=problem.message if problem else _PAPER_NOTE.get(self.paper, ""),
        )

    def describe(self) -> str:
        """The raw replies, for logs and the print-test command."""
        return " ".join(
            f"{n}={'--' if byte is None else format(byte, '02x')}"
            for n, byte in zip(QUERIES, self.replies(), strict=True)
        )

    def replies(self) -> tuple[int | None, ...]:
        return (self.printer, self.offline_cause, self.error_cause, self.paper_sensor)
