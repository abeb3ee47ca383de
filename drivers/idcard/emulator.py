"""A SAM ID card reader emulated on a pseudo-terminal, with a settable card and injectable
faults, so tests, benchmarks and developers drive the real serial driver without hardware.

    python -m drivers.idcard.emulator            # serves a synthetic card until Ctrl-C
"""

from __future__ import annotations

import collections
import contextlib
import os
import select
import shutil
import tempfile
import threading
import time
import tty
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from drivers.idcard.card import IdCard, id_check_digit
from drivers.idcard.protocol import (
    Command,
    FrameError,
    FrameReader,
    Request,
    build_response,
    card_data,
    parse_request,
)
from drivers.idcard.textblock import encode_text_block

PHOTO_SIZE = 1024
_SAM_ID = bytes(range(16))  # any fixed 16 bytes; nobody checks it
_WRITE_CHUNK = 64  # bytes per write when pacing at a baud rate


class Fault(StrEnum):
    BAD_CHECKSUM = "bad_checksum"  # the reply's CHK is wrong
    GARBAGE = "garbage"  # noise before the reply's preamble
    SPLIT = "split"  # the reply arrives in several writes with delays between them
    NO_REPLY = "no_reply"  # the request is swallowed
    READ_FAILED = "read_failed"  # SW3 41 to a read
    NO_CARD = "no_card"  # SW3 80 to find card, whatever lies on the reader
    SELECT_FAILED = "select_failed"  # SW3 81 to select card
    SAM_FAILED = "sam_failed"  # SW3 60 to SAM status
    VANISH = "vanish"  # half the reply, then the port disappears until reappear()


# Status faults answer only the command they belong to; the others hit any command.
_NATURAL_COMMAND = {
    Fault.READ_FAILED: {Command.READ_TEXT_PHOTO, Command.READ_TEXT_PHOTO_FINGERPRINT},
    Fault.NO_CARD: {Command.FIND_CARD},
    Fault.SELECT_FAILED: {Command.SELECT_CARD},
    Fault.SAM_FAILED: {Command.SAM_STATUS},
}
_STATUS_OF = {Fault.READ_FAILED: 0x41, Fault.NO_CARD: 0x80, Fault.SELECT_FAILED: 0x81,
              Fault.SAM_FAILED: 0x60}


@dataclass
class _Injection:
    fault: Fault
    remaining: int | None  # None: until cleared
    on: set[Command] | None  # None: any command


class ReaderEmulator:
    """Owns the master side of a pty and a symlink to its slave; the driver opens `port`."""

    def __init__(
        self,
        card: IdCard | None = None,
        *,
        link: str | Path | None = None,
        baudrate: int | None = None,
        split_delay: float = 0.05,
    ) -> None:
        self.card = card
        self.baudrate = baudrate  # pace replies like a wire at this rate; None: at once
        self.split_delay = split_delay
        self._own_dir: str | None = None  # a temporary directory for the link, removed at stop
        if link is None:
            self._own_dir = tempfile.mkdtemp(prefix="idcard-emulator-")
            link = Path(self._own_dir) / "ttyIDCARD"
        self._link = Path(link)
        self._lock = threading.Lock()
        self._injections: list[_Injection] = []
        self._master: int | None = None
        self._slave: int | None = None
        self._selected = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.served: collections.deque[tuple[float, Command | None]] = collections.deque(
            maxlen=1000
        )

    @property
    def port(self) -> str:
        return str(self._link)

    @property
    def vanished(self) -> bool:
        return self._master is None

    # --- control (any thread) ---------------------------------------------------------------

    def start(self) -> ReaderEmulator:
        if self._thread is None:
            self._create_pty()
            self._stop.clear()
            self._thread = threading.Thread(target=self._serve, name="idcard-emulator",
                                            daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        self._destroy_pty()
        if self._own_dir:
            shutil.rmtree(self._own_dir, ignore_errors=True)

    def __enter__(self) -> ReaderEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_card(self, card: IdCard | None) -> None:
        self.card = card

    def inject(self, fault: Fault, count: int | None = None,
               on: Command | set[Command] | None = None) -> None:
        """Apply `fault` to the next `count` matching replies (None: until clear())."""
        commands = {on} if isinstance(on, Command) else on
        with self._lock:
            self._injections.append(_Injection(fault, count, commands or
                                               _NATURAL_COMMAND.get(fault)))

    def clear(self) -> None:
        with self._lock:
            self._injections.clear()

    def reappear(self) -> None:
        """Bring the port back after a VANISH, at the same path."""
        with self._lock:
            if self._master is None:
                self._create_pty()

    # --- the pty ------------------------------------------------------------------------------

    def _create_pty(self) -> None:
        self._link.parent.mkdir(parents=True, exist_ok=True)  # also after a stop
        master, slave = os.openpty()
        # Raw at once, so nothing is echoed or translated before the driver configures it;
        # keeping our own slave fd open keeps the master readable while no driver is attached.
        tty.setraw(slave)
        os.set_blocking(master, False)
        temporary = self._link.with_name(self._link.name + ".new")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        os.symlink(os.ttyname(slave), temporary)
        os.replace(temporary, self._link)  # atomic: the path never points nowhere
        self._master, self._slave = master, slave

    def _destroy_pty(self) -> None:
        fds = (self._master, self._slave)
        self._master = self._slave = None  # vanished before a driver can notice
        with contextlib.suppress(FileNotFoundError):
            self._link.unlink()
        for fd in fds:
            if fd is not None:
                os.close(fd)

    # --- the thread ---------------------------------------------------------------------------

    def _serve(self) -> None:
        requests = FrameReader()
        while not self._stop.is_set():
            master = self._master
            if master is None:
                self._stop.wait(0.02)
                requests = FrameReader()
                continue
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                requests.feed(os.read(master, 4096))
            except (BlockingIOError, InterruptedError):
                continue
            while self._master is not None:
                try:
                    frame = requests.pop()
                except FrameError:
                    self._send(build_response(0x10))  # what a reader says to a bad request
                    continue
                if frame is None:
                    break
                self._answer(parse_request(frame))

    def _answer(self, request: Request) -> None:
        command = request.command
        self.served.append((time.monotonic(), command))
        fault = self._take_fault(command)
        if fault == Fault.NO_REPLY:
            return
        reply = build_response(_STATUS_OF[fault]) if fault in _STATUS_OF else self._reply(command)
        if fault == Fault.BAD_CHECKSUM:
            reply = reply[:-1] + bytes([reply[-1] ^ 0x5A])
        elif fault == Fault.GARBAGE:
            reply = b"\x00\xff\xaa\xaa\x96\x13noise" + reply
        if fault == Fault.SPLIT:
            third = max(1, len(reply) // 3)
            for start in range(0, len(reply), third):
                self._send(reply[start : start + third])
                time.sleep(self.split_delay)
        elif fault == Fault.VANISH:
            self._send(reply[: len(reply) // 2])
            with self._lock:
                self._destroy_pty()
        else:
            self._send(reply)

    def _take_fault(self, command: Command | None) -> Fault | None:
        with self._lock:
            for injection in self._injections:
                if injection.on is not None and command not in injection.on:
                    continue
                if injection.remaining is not None:
                    injection.remaining -= 1
                    if injection.remaining <= 0:
                        self._injections.remove(injection)
                return injection.fault
        return None

    def _reply(self, command: Command | None) -> bytes:
        card = self.card
        if command in (Command.SAM_STATUS, Command.RESET_SAM):
            return build_response(0x90)
        if command == Command.READ_SAM_ID:
            return build_response(0x90, _SAM_ID)
        if command == Command.FIND_CARD:
            self._selected = False
            return build_response(0x9F, bytes(4)) if card else build_response(0x80)
        if command == Command.SELECT_CARD:
            self._selected = card is not None
            return build_response(0x90, bytes(8)) if card else build_response(0x81)
        if command in (Command.READ_TEXT_PHOTO, Command.READ_TEXT_PHOTO_FINGERPRINT):
            if card is None or not self._selected:
                return build_response(0x41)  # a reader reads only a found, selected card
            photo = card.photo[:PHOTO_SIZE].ljust(PHOTO_SIZE, b"\x00")
            fingerprint = b"" if command == Command.READ_TEXT_PHOTO_FINGERPRINT else None
            return build_response(0x90, card_data(encode_text_block(card), photo, fingerprint))
        if command == Command.READ_NEWEST_ADDRESS:
            return build_response(0x91)
        return build_response(0x21)

    def _send(self, data: bytes) -> None:
        """Write to the master; paced like a wire when a baud rate is set. If the driver stops
        reading and the pty fills up, the rest is dropped rather than blocking this thread."""
        start = time.monotonic()
        sent = 0
        while sent < len(data) and self._master is not None:
            chunk = data[sent : sent + _WRITE_CHUNK] if self.baudrate else data[sent:]
            if not select.select([], [self._master], [], 0.5)[1]:
                return
            try:
                sent += os.write(self._master, chunk)
            except BlockingIOError:
                continue
            except OSError:
                return
            if self.baudrate:
                delay = start + sent * 10 / self.baudrate - time.monotonic()  # 8N1: 10 bits
                if delay > 0:
                    time.sleep(delay)


def demo_card() -> IdCard:
    """A synthetic person with a valid check digit; nobody real."""
    first17 = "31011319800101123"
    return IdCard(
        name="张示例", sex="男", ethnicity="汉", birth_date=date(1980, 1, 1),
        address="上海市宝山区示例路1号", id_number=first17 + id_check_digit(first17),
        issuer="上海市公安局宝山分局", valid_from=date(2020, 1, 1), valid_to=date(2040, 1, 1),
        photo=bytes(range(256)) * 4,
    )


def main() -> None:
    with ReaderEmulator(demo_card()) as emulator:
        print(f"emulated ID card reader at {emulator.port}; Ctrl-C to stop", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
