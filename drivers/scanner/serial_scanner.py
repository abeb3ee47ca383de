"""A code scanner on a USB-CDC or RS-232 serial port: the byte stream is cut into scans at a
terminator (CR, LF, CRLF) or at a pause, each code is reported once through the repeat filter,
and the port is reopened when it vanishes (a scanner unplugged and plugged in again)."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from enum import StrEnum
from typing import ClassVar

import serial

from drivers.base import (
    Actor,
    Backoff,
    CodeScanned,
    Device,
    DeviceError,
    DeviceState,
    DeviceStatus,
)
from drivers.limits import MAX_SCAN_BYTES
from drivers.scanner.decoder import decode_text
from drivers.scanner.repeat_filter import RepeatFilter

log = logging.getLogger(__name__)


class Terminator(StrEnum):
    """What ends one scan. NONE suits scanners with no suffix: a pause of `idle_gap` ends it."""

    CR = "cr"
    LF = "lf"
    CRLF = "crlf"
    NONE = "none"


_NOT_ANSWERING = "is not answering"
_TERMINATOR_BYTES = {Terminator.CR: b"\r", Terminator.LF: b"\n", Terminator.CRLF: b"\r\n"}


class ScanFramer:
    """Cuts a byte stream into scans. Pure (the time comes in with the bytes), so it is tested
    without a port. A code that itself holds the terminator byte needs Terminator.NONE."""

    def __init__(
        self,
        terminator: Terminator = Terminator.CR,
        idle_gap: float = 0.05,
        stale_after: float = 1.0,
        max_length: int = MAX_SCAN_BYTES,
    ) -> None:
        self.terminator = Terminator(terminator)
        self.idle_gap = idle_gap
        self.stale_after = stale_after
        self.max_length = max_length
        self._buffer = bytearray()
        self._last_byte = 0.0

    def feed(self, data: bytes, now: float) -> list[bytes]:
        """Add what the port delivered (possibly nothing) and return the scans now complete."""
        if data:
            self._buffer += data
            self._last_byte = now
        scans: list[bytes] = []
        separator = _TERMINATOR_BYTES.get(self.terminator)
        if separator is not None and separator in self._buffer:
            *complete, rest = bytes(self._buffer).split(separator)
            scans = [scan for scan in complete if scan and self._fits(scan)]
            self._buffer = bytearray(rest)
        if self._buffer and now - self._last_byte >= self._quiet_limit():
            if separator is None:
                if self._fits(self._buffer):
                    scans.append(bytes(self._buffer))
            else:
                # A fragment with no terminator after a long pause would otherwise be glued to
                # the front of the next scan.
                log.warning("scanner: dropped %d bytes with no terminator", len(self._buffer))
            self._buffer.clear()
        if len(self._buffer) > self.max_length:
            log.warning("scanner: dropped %d bytes without a terminator", len(self._buffer))
            self._buffer.clear()
        return scans

    def reset(self) -> None:
        self._buffer.clear()

    def _fits(self, scan: bytes | bytearray) -> bool:
        """A scan longer than max_length is noise or a stuck scanner: dropped unparsed."""
        if len(scan) <= self.max_length:
            return True
        log.warning("scanner: dropped a scan of %d bytes (at most %d)", len(scan), self.max_length)
        return False

    def _quiet_limit(self) -> float:
        return self.idle_gap if self.terminator is Terminator.NONE else self.stale_after


class SerialScanner(Device):
    kind: ClassVar[str] = "scanner"
    capabilities: ClassVar[frozenset[str]] = frozenset({"qr"})

    def __init__(
        self,
        name: str,
        port: str,
        *,
        baudrate: int = 9600,
        terminator: Terminator | str = Terminator.CR,
        idle_gap: float = 0.05,
        repeat_window: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
        poll_interval: float = 0.02,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(name, poll_interval=poll_interval, backoff=backoff)
        self.port = port
        self.baudrate = baudrate
        self._framer = ScanFramer(Terminator(terminator), idle_gap)
        self._repeats = RepeatFilter(repeat_window, clock)
        self._clock = clock
        self._serial: serial.SerialBase | None = None

    # --- hooks (device thread) ------------------------------------------------

    def _open(self) -> None:
        try:
            # timeout=0: reads return at once, so the device thread never blocks on the port
            self._serial = serial.serial_for_url(self.port, baudrate=self.baudrate, timeout=0)
        except (OSError, ValueError, serial.SerialException) as error:
            raise self._port_error(f"cannot be opened ({_reason(error)})") from None
        self._framer.reset()

    def _close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            with contextlib.suppress(OSError, serial.SerialException):  # already gone
                port.close()

    def _poll(self) -> None:
        port = self._require_port()
        try:
            data = port.read(port.in_waiting or 1)
        except (OSError, serial.SerialException) as error:
            log.info("scanner port %s: %s", self.port, _reason(error))
            # Closed now, so the status read that follows every error fails the same way and
            # the base class reconnects with back-off instead of reading a dead port again.
            self._close()
            raise self._port_error(_NOT_ANSWERING) from None
        for raw in self._framer.feed(data, self._clock()):
            self._report(raw)

    def _read_status(self) -> DeviceStatus:
        port = self._require_port()
        # A USB-CDC scanner that is unplugged takes its device node with it.
        if not port.is_open or (_is_device_path(self.port) and not os.path.exists(self.port)):
            raise self._port_error(_NOT_ANSWERING)
        return DeviceStatus(DeviceState.ONLINE)

    # --- helpers ------------------------------------------------

    def _report(self, raw: bytes) -> None:
        if not self._repeats.accept(raw):
            return
        # Scanners sold in China send UTF-8 or GBK; Shift_JIS guessing would only misread GBK.
        text = decode_text(raw, shift_jis=False)
        self._emit(CodeScanned(self.name, text, raw, symbology="unknown"))

    def _require_port(self) -> serial.SerialBase:
        if self._serial is None:
            raise self._port_error(_NOT_ANSWERING)
        return self._serial

    def _port_error(self, what: str) -> DeviceError:
        return DeviceError(
            f"scanner port {self.port} {what}: check the scanner's cable",
            actor=Actor.STAFF,
            state=DeviceState.NO_DEVICE,
            code="no_port",
        )


def _is_device_path(port: str) -> bool:
    return "://" not in port and os.sep in port


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
