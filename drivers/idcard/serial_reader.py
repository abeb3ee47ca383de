"""An ID card reader that speaks the SAM protocol over a serial port: its device thread polls
find → select → read and emits CardInserted / CardRead / CardRemoved; read_once() serves the
command line. All port I/O happens on one thread, so there is no lock around the port."""

from __future__ import annotations

import contextlib
import errno
import logging
import time
from dataclasses import replace
from typing import ClassVar

import serial

from drivers.base import (
    Actor,
    Backoff,
    CancelToken,
    CardInserted,
    CardRead,
    CardRemoved,
    CommandCancelled,
    Device,
    DeviceError,
    DeviceState,
    DeviceStatus,
    MediaState,
)
from drivers.idcard.card import IdCard
from drivers.idcard.protocol import (
    SW_CARD_FOUND,
    SW_NO_CARD,
    SW_SUCCESS,
    Command,
    FrameError,
    FrameReader,
    ReaderStatusError,
    Response,
    build_request,
    parse_response,
    require,
    split_card_data,
    status_error,
)
from drivers.idcard.textblock import TextBlockError, decode_text_block

log = logging.getLogger(__name__)

try:
    import termios

    # pyserial lets termios.error through from a vanished port's tcflush.
    _PORT_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError, termios.error)
except ImportError:  # Windows has no termios
    _PORT_ERRORS = (serial.SerialException, OSError)

# How long one pyserial read may block; short, so a reply deadline is kept to within this.
_READ_SLICE = 0.05


class NoReply(DeviceError):
    """The reader said nothing (or not a whole frame) within the reply timeout."""

    def __init__(self, message: str) -> None:
        super().__init__(message, actor=Actor.PROGRAM, state=DeviceState.OFFLINE, code="no_reply")


class SamSerialReader(Device):
    kind = "idcard"
    capabilities = frozenset({"read_text", "read_photo", "card_removal"})
    MIN_POLL_INTERVAL: ClassVar[float] = 0.3  # the protocol asks for no faster polling
    READ_ATTEMPTS: ClassVar[int] = 5  # what open implementations do for a failed read
    LINK_ATTEMPTS: ClassVar[int] = 2  # one resend after a lost or garbled reply

    def __init__(
        self,
        name: str = "idcard",
        *,
        port: str,
        baudrate: int = 115200,
        reply_timeout: float = 0.5,
        read_timeout: float = 1.5,
        poll_interval: float = 0.3,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(
            name, poll_interval=max(poll_interval, self.MIN_POLL_INTERVAL), backoff=backoff
        )
        self.port = port
        self.baudrate = baudrate
        # The reader needs time to talk to the card before it answers a read; other
        # commands are answered by the reader alone.
        self.reply_timeout = max(reply_timeout, 0.5)
        self.read_timeout = max(read_timeout, self.reply_timeout)
        self._serial: serial.Serial | None = None
        self._media = MediaState.UNKNOWN
        self._card_read = False

    # --- public ---------------------------------------------------------------------------------

    def read_once(self, timeout: float = 3.0) -> IdCard:
        """Wait up to `timeout` seconds for a card and read it. Without a running device
        thread the port is opened and closed here; with one, this runs as a command on it."""
        if self.running:
            command = self.call(
                "read_once", lambda token: self._wait_and_read(timeout, token),
                timeout=timeout + 15,  # room for every retry the protocol allows
            )
            return command.result()
        self._open()
        try:
            self._read_status()  # a dead SAM or a silent port says so at once
            return self._wait_and_read(timeout, CancelToken())
        finally:
            self._close()

    # --- device hooks -----------------------------------------------------------------------------

    def _open(self) -> None:
        self._media = MediaState.UNKNOWN
        self._card_read = False
        try:
            self._serial = serial.Serial(
                self.port, self.baudrate, timeout=_READ_SLICE, write_timeout=self.reply_timeout
            )
        except (serial.SerialException, OSError, ValueError) as error:
            raise _open_error(self.port, error) from None

    def _close(self) -> None:
        self._drop_port()
        if self._media == MediaState.PRESENT:
            # Once the link is gone nobody knows where the card is; say so, so listeners
            # never hold on to a card that may have left while the reader was away.
            self._emit(CardRemoved(self.name))
        if self._media != MediaState.UNKNOWN:
            self._media = MediaState.UNKNOWN
            self._show_media()

    def _read_status(self) -> DeviceStatus:
        require(self._exchange(Command.SAM_STATUS), SW_SUCCESS, context="SAM status")
        return DeviceStatus(DeviceState.ONLINE, media=self._media)

    def _poll(self) -> None:
        if not self._find_card():
            self._card_gone()
            return
        if self._media != MediaState.PRESENT:
            self._media, self._card_read = MediaState.PRESENT, False
            self._emit(CardInserted(self.name))
            self._show_media()
        if self._card_read:
            return  # a reader that keeps reporting the card it has read: nothing new
        try:
            card = self._read_card()
        except ReaderStatusError as error:
            if error.code == "no_card":
                self._card_gone()
                return
            raise
        self._card_read = True
        self._emit(CardRead(self.name, card))

    # --- the protocol steps ----------------------------------------------------------------------

    def _card_gone(self) -> None:
        # "find fails after a success" is how the protocol shows a card has left.
        if self._media == MediaState.PRESENT:
            self._emit(CardRemoved(self.name))
        self._media, self._card_read = MediaState.ABSENT, False
        self._show_media()

    def _show_media(self) -> None:
        self._set_status(replace(self.status, media=self._media))

    def _find_card(self) -> bool:
        response = self._exchange(Command.FIND_CARD)
        if response.sw3 == SW_NO_CARD:
            return False
        require(response, SW_CARD_FOUND, context="find card")
        return True

    def _read_card(self) -> IdCard:
        """Select and read the card that was just found, retrying what the protocol allows."""
        last: ReaderStatusError | None = None
        for attempt in range(self.READ_ATTEMPTS):
            if self._stop.is_set():
                raise CommandCancelled("reader stopping")
            try:
                if attempt and not self._find_card():
                    raise status_error(SW_NO_CARD, "card left during the read")
                require(self._exchange(Command.SELECT_CARD), SW_SUCCESS, context="select card")
                response = require(
                    self._exchange(Command.READ_TEXT_PHOTO, timeout=self.read_timeout),
                    SW_SUCCESS, context="read card",
                )
            except ReaderStatusError as error:
                if not error.retry:
                    raise
                last = error
                continue
            return decode_card_data(response.data)
        assert last is not None
        raise last

    def _wait_and_read(self, timeout: float, token: CancelToken) -> IdCard:
        deadline = time.monotonic() + timeout
        while not self._find_card():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceError(f"no card on the reader at {self.port} within {timeout:g} s",
                                  actor=Actor.PROGRAM, state=DeviceState.ONLINE, code="no_card")
            if self._stop.wait(min(self.poll_interval, remaining)) or token.cancelled:
                raise CommandCancelled()
        return self._read_card()

    def _exchange(self, command: Command, *, timeout: float | None = None) -> Response:
        """One request and its reply, resent once after a lost or garbled reply."""
        error: DeviceError | None = None
        for _ in range(self.LINK_ATTEMPTS):
            if self._stop.is_set() and error is not None:
                break
            try:
                return self._transact(command, timeout or self.reply_timeout)
            except (FrameError, NoReply) as failure:
                error = failure
        assert error is not None
        raise error

    def _transact(self, command: Command, timeout: float) -> Response:
        port = self._serial
        if port is None:
            raise self._port_lost()
        try:
            port.reset_input_buffer()  # a late reply to an earlier request is not this reply
            port.write(build_request(command))
            return parse_response(self._read_frame(port, command, timeout))
        except serial.SerialTimeoutException:
            raise NoReply(f"{self.port}: reader does not accept requests") from None
        except _PORT_ERRORS as error:
            log.info("%s: port lost: %s", self.port, error)
            self._drop_port()
            raise self._port_lost() from None

    def _port_lost(self) -> DeviceError:
        # One message for every way a vanished port shows itself, so the fault is reported
        # once, and the base class reconnects.
        return DeviceError(f"{self.port}: connection to the reader lost", actor=Actor.PROGRAM,
                           state=DeviceState.NO_DEVICE, code="port_lost")

    def _drop_port(self) -> None:
        if self._serial is not None:
            with contextlib.suppress(*_PORT_ERRORS):
                self._serial.close()
            self._serial = None

    def _read_frame(self, port: serial.Serial, command: Command, timeout: float) -> bytes:
        frames = FrameReader()
        deadline = time.monotonic() + timeout
        while (frame := frames.pop()) is None:
            if time.monotonic() >= deadline:
                raise NoReply(
                    f"{self.port}: no answer to {command.name.lower()} within {timeout:g} s; "
                    f"is the reader on and set to {self.baudrate} baud?"
                )
            frames.feed(port.read(max(1, port.in_waiting)))
        return frame


def decode_card_data(data: bytes) -> IdCard:
    """The card in a read reply's data; DeviceError (FrameError too) when it holds none."""
    blocks = split_card_data(data)
    try:
        return decode_text_block(blocks.text, blocks.photo)
    except TextBlockError as error:
        raise DeviceError(f"card data unreadable: {error}", actor=Actor.PROGRAM,
                          state=DeviceState.USER_ERROR, code="bad_card_data") from None


def _open_error(port: str, error: Exception) -> DeviceError:
    number = getattr(error, "errno", None)
    if number in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
        message = f"{port}: no reader there; check the cable and the port name"
    elif number in (errno.EACCES, errno.EPERM):
        message = f"{port}: permission denied; add the kiosk user to the port's group (dialout)"
    elif number == errno.EBUSY:
        message = f"{port}: port busy; another program holds it"
    else:
        message = f"{port}: cannot open the port ({error})"
    return DeviceError(message, actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE,
                       code="no_device")
