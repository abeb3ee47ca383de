"""DLE EOT replies into one printer status: every bit the kiosk cares about, no reply and
invalid replies (never "paper OK"), and who must act on each fault."""

from __future__ import annotations

import pytest
from escpos.printer import Dummy

from drivers.base import Actor, DeviceState, PaperState
from drivers.printer.status import PrinterStatus, is_valid_reply, parse_reply, query

OK = 0x12  # 0001 0010: the fixed bits and nothing else


def status(n1=OK, n2=OK, n3=OK, n4=OK) -> PrinterStatus:
    values = {1: n1, 2: n2, 3: n3, 4: n4}
    return PrinterStatus.from_replies(
        {n: None if v is None else bytes((v,)) for n, v in values.items()}
    )


def test_query_bytes():
    assert [query(n) for n in (1, 2, 3, 4)] == [b"\x10\x04\x01", b"\x10\x04\x02",
                                                 b"\x10\x04\x03", b"\x10\x04\x04"]
    with pytest.raises(ValueError):
        query(5)


def test_valid_form_is_0xx1xx10():
    valid = [b for b in range(256) if is_valid_reply(b)]
    assert len(valid) == 16  # four free bits
    assert all(format(b, "08b")[0] == "0" and format(b, "08b")[3] == "1" for b in valid)
    assert all(format(b, "08b")[6:] == "10" for b in valid)
    assert not any(is_valid_reply(b) for b in (0x00, 0xFF, 0x13, 0x02, 0x10, 0x92))


@pytest.mark.parametrize("reply", [None, b"", b"\x00", b"\xff", b"\x13", b"\x12\x12", b"\x92"])
def test_no_reply_or_invalid_reply_is_never_paper_ok(reply):
    printer = PrinterStatus.from_replies({1: reply, 2: reply, 3: reply, 4: reply})
    assert parse_reply(reply) is None
    assert not printer.answered and printer.offline
    assert printer.paper == PaperState.UNKNOWN
    device = printer.device_status()
    assert device.state == DeviceState.OFFLINE and not device.usable
    problem = printer.problem()
    assert problem is not None and problem.actor == Actor.PROGRAM and problem.code == "no_answer"


def test_python_escpos_calls_a_silent_printer_adequate_and_we_do_not():
    silent = Dummy()
    silent._read = lambda: b""
    assert silent.paper_status() == 2  # "adequate": the trap in the doc
    assert PrinterStatus.from_replies({4: silent.query_status(b"\x10\x04\x04")}).paper == (
        PaperState.UNKNOWN
    )


def test_all_clear():
    printer = status()
    assert printer.answered and not printer.offline
    assert printer.problem() is None
    device = printer.device_status()
    assert (device.state, device.paper, device.cover_open) == (
        DeviceState.ONLINE, PaperState.FULL, False
    )


def test_paper_unknown_when_only_the_sensor_does_not_answer():
    printer = status(n4=None)
    assert printer.paper == PaperState.UNKNOWN
    assert printer.device_status().paper == PaperState.UNKNOWN


def test_n1_bit3_offline():
    printer = status(n1=OK | 0x08)
    assert printer.offline
    problem = printer.problem()
    assert (problem.actor, problem.state, problem.code) == (
        Actor.PROGRAM, DeviceState.OFFLINE, "offline"
    )


@pytest.mark.parametrize(
    ("replies", "code", "actor", "state", "paper", "cover"),
    [
        # n = 2, offline cause
        ({"n1": OK | 8, "n2": OK | 0x04}, "cover_open", Actor.STAFF, DeviceState.USER_ERROR,
         PaperState.FULL, True),
        ({"n1": OK | 8, "n2": OK | 0x08}, "offline", Actor.PROGRAM, DeviceState.OFFLINE,
         PaperState.FULL, False),
        ({"n1": OK | 8, "n2": OK | 0x20}, "paper_out", Actor.STAFF, DeviceState.USER_ERROR,
         PaperState.OUT, False),
        ({"n1": OK | 8, "n2": OK | 0x40}, "error", Actor.ENGINEER, DeviceState.HARDWARE_ERROR,
         PaperState.FULL, False),
        # n = 3, error cause
        ({"n1": OK | 8, "n2": OK | 0x40, "n3": OK | 0x08}, "cutter", Actor.ENGINEER,
         DeviceState.HARDWARE_ERROR, PaperState.FULL, False),
        ({"n1": OK | 8, "n2": OK | 0x40, "n3": OK | 0x20}, "unrecoverable", Actor.ENGINEER,
         DeviceState.HARDWARE_ERROR, PaperState.FULL, False),
        ({"n1": OK | 8, "n2": OK | 0x40, "n3": OK | 0x40}, "auto_recoverable", Actor.PROGRAM,
         DeviceState.OFFLINE, PaperState.FULL, False),
        # n = 4, paper sensor
        ({"n1": OK | 8, "n4": OK | 0x60}, "paper_out", Actor.STAFF, DeviceState.USER_ERROR,
         PaperState.OUT, False),
        ({"n1": OK | 8, "n4": OK | 0x20}, "paper_out", Actor.STAFF, DeviceState.USER_ERROR,
         PaperState.OUT, False),
        ({"n1": OK | 8, "n4": OK | 0x40}, "paper_out", Actor.STAFF, DeviceState.USER_ERROR,
         PaperState.OUT, False),
        # several at once: the engineer's fault comes first
        ({"n1": OK | 8, "n2": OK | 0x64, "n3": OK | 0x28, "n4": OK | 0x6C}, "unrecoverable",
         Actor.ENGINEER, DeviceState.HARDWARE_ERROR, PaperState.OUT, True),
        ({"n1": OK | 8, "n2": OK | 0x24, "n4": OK | 0x6C}, "cover_open", Actor.STAFF,
         DeviceState.USER_ERROR, PaperState.OUT, True),
    ],
)
def test_faults(replies, code, actor, state, paper, cover):
    printer = status(**replies)
    problem = printer.problem()
    assert (problem.code, problem.actor, problem.state) == (code, actor, state)
    device = printer.device_status()
    assert (device.state, device.paper, device.cover_open) == (state, paper, cover)
    assert device.detail == problem.message


@pytest.mark.parametrize("n4", [OK | 0x0C, OK | 0x04, OK | 0x08])
def test_paper_near_end_still_prints(n4):
    printer = status(n4=n4)
    assert printer.problem() is None
    device = printer.device_status()
    assert (device.state, device.paper) == (DeviceState.ONLINE, PaperState.LOW)
    assert device.usable


def test_paper_end_from_n2_when_the_sensor_is_silent():
    assert status(n1=OK | 8, n2=OK | 0x20, n4=None).paper == PaperState.OUT


def test_describe_shows_raw_replies():
    assert status(n3=None).describe() == "1=12 2=12 3=-- 4=12"
