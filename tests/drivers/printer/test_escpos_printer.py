"""The ESC/POS printer device over real transports: a fake printer on a TCP port of 127.0.0.1
and on a pseudo-terminal, answering DLE EOT, falling silent or hanging up part-way."""

from __future__ import annotations

import time

import pytest

from drivers.base import (
    Actor,
    Backoff,
    DeviceError,
    DeviceFault,
    DeviceState,
    PaperState,
    PaperThreshold,
)
from drivers.printer.document import Cut, Document, QrCode, Text, TextSize
from drivers.printer.escpos_printer import EscPosPrinter, SerialTransport, TcpTransport
from tests.drivers.printer.printer_testkit import FakePtyPrinter, FakeTcpPrinter, Qr, parse

RECEIPT = Document((Text("办事回执：１２３", TextSize.LARGE), QrCode("REF-123"), Cut()))
FAST = {"status_timeout": 0.2, "io_timeout": 2.0, "backoff": Backoff(first=0.05, limit=0.2)}


@pytest.fixture
def fake():
    printer = FakeTcpPrinter()
    yield printer
    printer.close()


@pytest.fixture
def device(fake):
    printer = EscPosPrinter("receipt", TcpTransport("127.0.0.1", fake.port), **FAST)
    events = []
    printer.subscribe(events.append)
    printer.events = events
    printer.start()
    yield printer
    printer.stop()


def wait_for(condition, timeout=3.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError("condition not met in time")


def test_prints_and_reports_status_before_and_after(device, fake):
    result = device.print_document(RECEIPT, timeout=5).result()
    assert result.before.state == DeviceState.ONLINE and result.before.paper == PaperState.FULL
    assert result.after.state == DeviceState.ONLINE and result.after.paper == PaperState.FULL
    assert result.bytes_sent == len(fake.job())
    stream = parse(fake.job())
    assert "办事回执：１２３" in stream.texts()
    assert stream.of(Qr)[0].data == "REF-123"


def test_status_is_read_before_and_after_the_job(device, fake):
    device.print_document(RECEIPT, timeout=5).result()
    received = bytes(fake.received)
    first_job_byte = received.index(b"\x1b@")
    last_job_byte = received.rindex(b"\x1dV")
    assert received[:first_job_byte].count(b"\x10\x04") >= 4
    assert received[last_job_byte:].count(b"\x10\x04") == 4


def test_paper_near_end_prints_and_raises_a_threshold_event(device, fake):
    wait_for(lambda: device.status.state == DeviceState.ONLINE)
    fake.status[4] = 0x12 | 0x0C
    result = device.print_document(RECEIPT, timeout=5).result()
    assert result.after.paper == PaperState.LOW
    assert PaperThreshold("receipt", PaperState.LOW) in device.events


@pytest.mark.parametrize(
    ("status", "code", "actor"),
    [
        ({1: 0x1A, 4: 0x72}, "paper_out", Actor.STAFF),
        ({1: 0x1A, 2: 0x16}, "cover_open", Actor.STAFF),
        ({1: 0x1A, 2: 0x52, 3: 0x1A}, "cutter", Actor.ENGINEER),
    ],
)
def test_a_printer_in_trouble_gets_no_job(device, fake, status, code, actor):
    wait_for(lambda: device.status.state == DeviceState.ONLINE)
    fake.status.update(status)
    with pytest.raises(DeviceError) as caught:
        device.print_document(RECEIPT, timeout=5).result()
    assert (caught.value.code, caught.value.actor) == (code, actor)
    assert b"\x1b@" not in fake.received  # nothing of the job was sent


def test_printer_that_falls_silent_mid_job_is_not_reported_as_printed(device, fake):
    wait_for(lambda: device.status.state == DeviceState.ONLINE)
    fake.silent_after_job_bytes = 10
    with pytest.raises(DeviceError) as caught:
        device.print_document(RECEIPT, timeout=5).result()
    assert caught.value.code == "job_unknown"
    assert caught.value.actor == Actor.PROGRAM
    assert "may not have printed" in caught.value.message
    wait_for(lambda: device.status.state == DeviceState.OFFLINE)
    assert any(isinstance(e, DeviceFault) for e in device.events)


def test_printer_that_hangs_up_mid_job_is_not_reported_as_printed(device, fake):
    wait_for(lambda: device.status.state == DeviceState.ONLINE)
    fake.hang_up_after_job_bytes = 10
    with pytest.raises(DeviceError) as caught:
        device.print_document(RECEIPT, timeout=5).result()
    assert caught.value.code == "job_unknown"


def test_reconnects_when_the_printer_comes_back(device, fake):
    wait_for(lambda: device.status.state == DeviceState.ONLINE)
    fake.hang_up_after_job_bytes = 10
    with pytest.raises(DeviceError):
        device.print_document(RECEIPT, timeout=5).result()
    wait_for(lambda: fake.connections >= 2 and device.status.state == DeviceState.ONLINE)
    assert device.print_document(RECEIPT, timeout=5).result().after.state == DeviceState.ONLINE


def test_connection_dropped_while_idle_is_made_again_before_the_job(device, fake):
    wait_for(lambda: device.status.state == DeviceState.ONLINE)
    fake.drop_idle_connection = True
    wait_for(lambda: not fake.drop_idle_connection)
    result = device.print_document(RECEIPT, timeout=5).result()
    assert result.after.state == DeviceState.ONLINE
    assert fake.connections == 2
    assert "办事回执：１２３" in parse(fake.job()).texts()


def test_silent_printer_never_comes_online(fake):
    fake.silent = True
    printer = EscPosPrinter("receipt", TcpTransport("127.0.0.1", fake.port), **FAST)
    printer.start()
    try:
        with pytest.raises(DeviceError) as caught:
            printer.print_document(RECEIPT, timeout=5).result()
        assert caught.value.code == "no_answer"
        assert printer.status.state == DeviceState.OFFLINE
    finally:
        printer.stop()


def test_invalid_status_replies_count_as_no_answer(fake):
    fake.answer_invalid = True
    printer = EscPosPrinter("receipt", TcpTransport("127.0.0.1", fake.port), **FAST)
    printer.start()
    try:
        with pytest.raises(DeviceError) as caught:
            printer.print_document(RECEIPT, timeout=5).result()
        assert caught.value.code == "no_answer"
    finally:
        printer.stop()


def test_no_printer_on_the_port():
    fake = FakeTcpPrinter()
    port = fake.port
    fake.close()  # the port is now refused
    printer = EscPosPrinter("receipt", TcpTransport("127.0.0.1", port), **FAST)
    printer.start()
    try:
        with pytest.raises(DeviceError) as caught:
            printer.print_document(RECEIPT, timeout=5).result()
        assert caught.value.code == "not_found"
        assert caught.value.state == DeviceState.NO_DEVICE
    finally:
        printer.stop()


@pytest.fixture
def pty_fake():
    printer = FakePtyPrinter()
    yield printer
    printer.close()


def test_serial_printer_on_a_pty(pty_fake):
    printer = EscPosPrinter("receipt", SerialTransport(pty_fake.port, 115200), **FAST)
    printer.start()
    try:
        result = printer.print_document(RECEIPT, timeout=5).result()
        assert result.after.state == DeviceState.ONLINE
        wait_for(lambda: "办事回执：１２３" in parse(pty_fake.job()).texts())
        pty_fake.silent_after_job_bytes = pty_fake.job_bytes + 10
        with pytest.raises(DeviceError) as caught:
            printer.print_document(RECEIPT, timeout=5).result()
        assert caught.value.code == "job_unknown"
    finally:
        printer.stop()
