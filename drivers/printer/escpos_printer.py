"""A receipt printer speaking ESC/POS over USB, serial or TCP (python-escpos transports), that
reads its DLE EOT status before and after every job, so a job sent into a printer that stops
answering is reported as failed, never as printed."""

from __future__ import annotations

import itertools
import logging
import socket
from dataclasses import dataclass

from escpos.constants import HW_INIT
from escpos.escpos import Escpos
from escpos.exceptions import Error as EscposError
from escpos.printer import Network, Serial, Usb

from drivers.base import (
    Actor,
    Backoff,
    CancelToken,
    Command,
    CommandCancelled,
    Device,
    DeviceError,
    DeviceState,
    DeviceStatus,
)
from drivers.printer.document import Document, PrintResult
from drivers.printer.escpos_render import EscPosSettings, render_blocks
from drivers.printer.status import QUERIES, PrinterStatus, parse_reply, query

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UsbTransport:
    vendor: int
    product: int
    in_ep: int = 0x82
    out_ep: int = 0x01
    interface: int = 0

    def describe(self) -> str:
        return f"USB {self.vendor:04x}:{self.product:04x}"


@dataclass(frozen=True)
class SerialTransport:
    port: str
    baud: int = 9600  # python-escpos's default; many printers are set to 115200

    def describe(self) -> str:
        return f"serial {self.port} at {self.baud} baud"


@dataclass(frozen=True)
class TcpTransport:
    host: str
    port: int = 9100

    def describe(self) -> str:
        return f"TCP {self.host}:{self.port}"


Transport = UsbTransport | SerialTransport | TcpTransport


class EscPosPrinter(Device):
    kind = "printer"
    capabilities = frozenset({"receipt", "cut", "qr", "status", "paper_sensor"})

    def __init__(
        self,
        name: str,
        transport: Transport,
        settings: EscPosSettings | None = None,
        *,
        status_timeout: float = 1.0,
        io_timeout: float = 10.0,
        poll_interval: float = 0.3,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(name, poll_interval=poll_interval, backoff=backoff)
        self.transport = transport
        self.settings = settings or EscPosSettings()
        self.status_timeout = status_timeout
        self.io_timeout = io_timeout
        self._link: _Link | None = None
        self._jobs = itertools.count(1)

    def print_document(self, document: Document, timeout: float = 30.0) -> Command[PrintResult]:
        """Queue a job: its result says it printed; its error says why it did not, or may not."""
        return self.call("print", lambda token: self._print(document, token), timeout=timeout)

    # --- hooks (device thread) -------------------------------------------------------------

    def _open(self) -> None:
        # A new python-escpos object each time: USB is found again after a power cycle.
        self._link = _connect(self.transport, self.io_timeout, self.status_timeout)

    def _close(self) -> None:
        if self._link is not None:
            self._link.close()
            self._link = None

    def _read_status(self) -> DeviceStatus:
        printer = self._query_status()
        if not printer.answered:
            raise printer.problem() or DeviceError("printer does not answer")
        return printer.device_status()

    # --- the job ---------------------------------------------------------------------------

    def _print(self, document: Document, token: CancelToken) -> PrintResult:
        printer = self._status_before_job()
        before = printer.device_status()
        self._set_status(before)
        problem = printer.problem()
        if problem is not None:
            raise problem
        pieces = render_blocks(document, self.settings)
        sent = self._send(pieces, token)
        try:
            printer = self._query_status()
        except DeviceError as error:
            raise _unknown(f"connection lost after the job was sent ({error.message})") from None
        if not printer.answered:
            raise _unknown("printer stopped answering during the job")
        after = printer.device_status()
        self._set_status(after)
        problem = printer.problem()
        if problem is not None:
            raise DeviceError(
                f"job failed: {problem.message}",
                actor=problem.actor, state=problem.state, code=problem.code,
            )
        return PrintResult(f"{self.name}-{next(self._jobs):04d}", before=before, after=after,
                           bytes_sent=sent)

    def _send(self, pieces: list[bytes], token: CancelToken) -> int:
        link = self._require_link()
        total = sum(len(piece) for piece in pieces)
        sent = 0
        try:
            for piece in pieces:
                if token.cancelled:
                    link.write(HW_INIT)  # drop style state; the paper already printed stays
                    raise CommandCancelled("print cancelled part-way")
                link.write(piece)
                sent += len(piece)
        except OSError as error:
            lost = f"connection lost after {sent} of {total} bytes ({_one_line(error)})"
            raise _unknown(lost) from None
        return sent

    def _status_before_job(self) -> PrinterStatus:
        try:
            return self._query_status()
        except DeviceError as error:
            if error.code != "connection_lost":
                raise
        # Network printers drop idle connections: nothing was sent yet, so connect again.
        log.info("printer %s: connection lost while idle; reconnecting", self.name)
        self._close()
        self._open()
        return self._query_status()

    def _query_status(self) -> PrinterStatus:
        link = self._require_link()
        replies: dict[int, bytes | None] = {}
        try:
            for n in QUERIES:
                link.drain()
                link.write(query(n))
                replies[n] = link.read_byte(self.status_timeout)
                if n == 1 and parse_reply(replies[1]) is None:
                    break  # a printer that does not answer the first will not answer the rest
        except OSError as error:
            raise DeviceError(
                f"lost the connection to the printer ({_one_line(error)})",
                actor=Actor.PROGRAM, state=DeviceState.OFFLINE, code="connection_lost",
            ) from None
        return PrinterStatus.from_replies(replies)

    def _require_link(self) -> _Link:
        if self._link is None:
            raise DeviceError("printer is not connected", state=DeviceState.OFFLINE)
        return self._link


def _unknown(what: str) -> DeviceError:
    return DeviceError(
        f"{what}: the receipt may not have printed",
        actor=Actor.PROGRAM, state=DeviceState.OFFLINE, code="job_unknown",
    )


def _one_line(error: object) -> str:
    return " ".join(str(error).split())


# --- transports: python-escpos objects plus the one-byte status read they lack ------------


class _Link:
    def __init__(self, printer: Escpos) -> None:
        self.printer = printer

    def write(self, data: bytes) -> None:
        self.printer._raw(data)

    def read_byte(self, timeout: float) -> bytes | None:
        raise NotImplementedError

    def drain(self) -> None:
        """Discard late replies, so the next read answers the next query."""

    def close(self) -> None:
        try:
            self.printer.close()
        except (OSError, EscposError) as error:
            log.debug("closing printer: %s", error)
        self.printer._device = False  # its __del__ must not close it again


class _TcpLink(_Link):
    def __init__(self, printer: Network, io_timeout: float) -> None:
        super().__init__(printer)
        self.socket: socket.socket = printer.device
        self.io_timeout = io_timeout

    def read_byte(self, timeout: float) -> bytes | None:
        self.socket.settimeout(timeout)
        try:
            data = self.socket.recv(1)
        except TimeoutError:
            return None
        finally:
            self.socket.settimeout(self.io_timeout)
        if not data:
            raise ConnectionError("the printer closed the connection")
        return data

    def drain(self) -> None:
        self.socket.setblocking(False)
        try:
            while True:
                if not self.socket.recv(64):
                    raise ConnectionError("the printer closed the connection")
        except BlockingIOError:
            pass
        finally:
            self.socket.settimeout(self.io_timeout)


class _SerialLink(_Link):
    def read_byte(self, timeout: float) -> bytes | None:
        port = self.printer.device
        port.timeout = timeout
        return port.read(1) or None

    def drain(self) -> None:
        self.printer.device.reset_input_buffer()


class _UsbLink(_Link):
    def read_byte(self, timeout: float) -> bytes | None:
        import usb.core  # only here when pyusb is installed: Usb.open needs it

        try:  # pyusb takes milliseconds, and 0 means wait for ever
            data = self.printer.device.read(self.printer.in_ep, 64, max(1, int(timeout * 1000)))
        except usb.core.USBTimeoutError:
            return None
        return bytes(data[-1:]) or None  # the latest byte answers the latest query

    def drain(self) -> None:
        self.read_byte(0.005)


def _connect(transport: Transport, io_timeout: float, status_timeout: float) -> _Link:
    where = transport.describe()
    try:
        if isinstance(transport, TcpTransport):
            connection = socket.create_connection((transport.host, transport.port), io_timeout)
            network = Network(transport.host, transport.port, timeout=io_timeout)
            network.device = connection  # Network.open leaks its socket when refused
            return _TcpLink(network, io_timeout)
        if isinstance(transport, SerialTransport):
            serial_printer = Serial(transport.port, baudrate=transport.baud,
                                    timeout=status_timeout, dsrdtr=False)
            serial_printer.open()
            # python-escpos leaves writes unbounded: a printer holding flow control would hang us.
            serial_printer.device.write_timeout = io_timeout
            return _SerialLink(serial_printer)
        if not Usb.is_usable():  # check first: a Usb object without pyusb raises in __del__
            raise RuntimeError("pyusb is not installed")
        usb_printer = Usb(transport.vendor, transport.product, timeout=int(io_timeout * 1000),
                          in_ep=transport.in_ep, out_ep=transport.out_ep)
        usb_printer.open()
        _detach_kernel_driver(usb_printer, transport.interface)
        return _UsbLink(usb_printer)
    except RuntimeError as error:  # python-escpos's word for a missing pyusb or pyserial
        raise DeviceError(
            f"cannot use {where}: {_one_line(error)} (USB printers need pyusb and libusb)",
            actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE, code="missing_library",
        ) from None
    except (EscposError, OSError) as error:
        raise DeviceError(
            f"no printer at {where}: {_one_line(error)}",
            actor=Actor.PROGRAM, state=DeviceState.NO_DEVICE, code="not_found",
        ) from None


def _detach_kernel_driver(printer: Usb, interface: int) -> None:
    """python-escpos frees only interface 0 from the kernel's usblp driver."""
    if interface == 0:
        return
    try:
        if printer.device.is_kernel_driver_active(interface):
            printer.device.detach_kernel_driver(interface)
    except (NotImplementedError, OSError) as error:
        log.warning("could not detach the kernel driver from interface %d: %s", interface, error)
