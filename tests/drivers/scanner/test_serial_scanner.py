"""The serial scanner against a real pseudo-terminal: the test writes what a scanner would
send on the other end, then unplugs it and plugs it back in."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.base import Actor, Backoff, CodeScanned, DeviceFault, DeviceState
from drivers.limits import MAX_SCAN_BYTES
from drivers.scanner.serial_scanner import ScanFramer, SerialScanner, Terminator


class PtyScanner:
    """The far end of a pseudo-terminal, reached through a symlink the way udev names a USB
    scanner (/dev/serial/by-id/...), so it can vanish and come back under the same name."""

    def __init__(self, folder: Path) -> None:
        self.link = folder / "scanner-tty"
        self._master: int | None = None
        self.plug()

    def plug(self) -> None:
        master, slave = os.openpty()
        os.symlink(os.ttyname(slave), self.link)
        os.close(slave)  # the scanner driver opens it by name
        self._master = master

    def unplug(self) -> None:
        self.link.unlink()
        self.close()

    def send(self, data: bytes) -> None:
        assert self._master is not None
        os.write(self._master, data)

    def close(self) -> None:
        if self._master is not None:
            os.close(self._master)
            self._master = None


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[PtyScanner]:
    far_end = PtyScanner(tmp_path)
    yield far_end
    far_end.close()


@pytest.fixture
def start_scanner(pty: PtyScanner, run_device) -> Callable[..., tuple[SerialScanner, object]]:
    def start(**options: object) -> tuple[SerialScanner, object]:
        options.setdefault("backoff", Backoff(0.05, 0.2))
        scanner = SerialScanner("serial-scanner", str(pty.link), **options)
        recorder = run_device(scanner)
        recorder.wait_state(DeviceState.ONLINE)  # the port is raw from here on
        return scanner, recorder

    return start


# --- the framer, pure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terminator", "stream"),
    [
        (Terminator.CR, [b"ABC", b"123\rXY", b"Z\r"]),
        (Terminator.LF, [b"ABC1", b"23\nXYZ\n"]),
        (Terminator.CRLF, [b"ABC123\r", b"\nXYZ\r\n"]),
    ],
)
def test_the_framer_cuts_scans_at_the_terminator_across_writes(terminator, stream) -> None:
    framer = ScanFramer(terminator)
    scans = [scan for data in stream for scan in framer.feed(data, now=1.0)]
    assert scans == [b"ABC123", b"XYZ"]


def test_with_no_terminator_a_pause_ends_the_scan() -> None:
    framer = ScanFramer(Terminator.NONE, idle_gap=0.05)
    assert framer.feed(b"ABC", now=1.00) == []
    assert framer.feed(b"123", now=1.03) == []
    assert framer.feed(b"", now=1.07) == []
    assert framer.feed(b"", now=1.09) == [b"ABC123"]
    assert framer.feed(b"", now=2.00) == []


def test_a_fragment_that_never_gets_its_terminator_is_not_glued_to_the_next_scan() -> None:
    framer = ScanFramer(Terminator.CR, stale_after=1.0)
    assert framer.feed(b"half a co", now=1.0) == []
    assert framer.feed(b"", now=2.5) == []
    assert framer.feed(b"NEXT\r", now=2.6) == [b"NEXT"]


def test_empty_scans_and_runaway_input_are_dropped() -> None:
    framer = ScanFramer(Terminator.CR, max_length=16)
    assert framer.feed(b"\r\r", now=1.0) == []
    assert framer.feed(b"x" * 17, now=1.0) == []
    assert framer.feed(b"OK\r", now=1.0) == [b"OK"]


# --- the scanner on a pseudo-terminal -----------------------------------------------------------


def test_scans_become_events_with_text_and_raw_bytes(pty: PtyScanner, start_scanner) -> None:
    _, recorder = start_scanner()
    pty.send(b"https://zwdt.sh.gov.cn/?id=1\r")
    event = recorder.wait_for(CodeScanned)
    assert event == CodeScanned(
        "serial-scanner", "https://zwdt.sh.gov.cn/?id=1", b"https://zwdt.sh.gov.cn/?id=1", "unknown"
    )


def test_a_scan_split_over_several_writes_arrives_whole(pty: PtyScanner, start_scanner) -> None:
    _, recorder = start_scanner(terminator="crlf")
    for part in (b"SH-3101", b"01-", b"2024\r", b"\n"):
        pty.send(part)
        time.sleep(0.03)  # longer than the driver's poll, so each part is read on its own
    assert recorder.wait_for(CodeScanned).text == "SH-310101-2024"


def test_chinese_from_a_gbk_scanner_survives(pty: PtyScanner, start_scanner) -> None:
    _, recorder = start_scanner()
    pty.send("姓名:张三;".encode("gb18030") + b"\r" + "地址:上海".encode() + b"\r")
    assert recorder.wait_for(CodeScanned).text == "姓名:张三;"
    assert recorder.wait_for(CodeScanned).text == "地址:上海"


def test_the_same_code_scanned_twice_is_reported_once(pty: PtyScanner, start_scanner) -> None:
    _, recorder = start_scanner(repeat_window=3.0)
    pty.send(b"CODE-1\rCODE-1\rCODE-2\r")
    assert recorder.wait_for(CodeScanned).text == "CODE-1"
    assert recorder.wait_for(CodeScanned).text == "CODE-2"
    scans = [e for e in recorder.drain(settle=0.1) if isinstance(e, CodeScanned)]
    assert [e.text for e in scans] == ["CODE-1", "CODE-2"]


def test_with_no_terminator_a_pause_ends_the_scan_on_the_port(pty, start_scanner) -> None:
    _, recorder = start_scanner(terminator=Terminator.NONE, idle_gap=0.05)
    pty.send(b"NO-SUFFIX-123")
    assert recorder.wait_for(CodeScanned).text == "NO-SUFFIX-123"


def test_a_vanished_port_is_reported_and_reopened(pty: PtyScanner, start_scanner) -> None:
    scanner, recorder = start_scanner()
    pty.unplug()
    fault = recorder.wait_for(DeviceFault)
    assert fault.error.actor == Actor.STAFF
    assert "scanner-tty" in fault.error.message
    recorder.wait_state(DeviceState.NO_DEVICE)
    assert not scanner.status.usable

    pty.plug()
    recorder.wait_state(DeviceState.ONLINE)
    pty.send(b"AFTER-REPLUG\r")
    assert recorder.wait_for(CodeScanned).text == "AFTER-REPLUG"


def test_a_port_that_is_not_there_leaves_the_scanner_waiting_for_it(tmp_path, run_device) -> None:
    scanner = SerialScanner(
        "serial-scanner", str(tmp_path / "no-such-tty"), backoff=Backoff(0.05, 0.1)
    )
    recorder = run_device(scanner)
    recorder.wait_state(DeviceState.NO_DEVICE)
    assert "no-such-tty" in scanner.status.detail
    assert scanner.running


def test_a_terminated_scan_over_the_limit_is_dropped_unparsed() -> None:
    framer = ScanFramer(Terminator.CR, max_length=16)
    assert framer.feed(b"x" * 17 + b"\rOK\r", now=1.0) == [b"OK"]
    untermintated = ScanFramer(Terminator.NONE, idle_gap=0.05, max_length=16)
    assert untermintated.feed(b"y" * 17, now=1.0) == []
    assert untermintated.feed(b"", now=1.1) == []
    assert ScanFramer().max_length == MAX_SCAN_BYTES
