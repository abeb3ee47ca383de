"""The serial driver against the emulator on a real pty: cards placed, read and taken away;
every injected fault ends in the card or a clear error, never a crash or a stuck thread, and
the reader recovers once the fault clears."""

from __future__ import annotations

import itertools
import os
import time

import pytest

from drivers.base import (
    Actor,
    CardInserted,
    CardRead,
    CardRemoved,
    DeviceError,
    DeviceFault,
    DeviceState,
    MediaState,
    StatusChanged,
)
from drivers.idcard.card import IdCard
from drivers.idcard.emulator import Fault, ReaderEmulator
from drivers.idcard.protocol import Command
from drivers.idcard.serial_reader import SamSerialReader


def read_once(emulator: ReaderEmulator, timeout: float = 0.5) -> IdCard:
    return SamSerialReader("test", port=emulator.port).read_once(timeout)


def served(emulator: ReaderEmulator, command: Command) -> list[float]:
    return [at for at, seen in list(emulator.served) if seen == command]


def test_card_placed_read_once_and_taken_away(emulator, start_reader, resident) -> None:
    reader, events = start_reader()
    events.wait_for(StatusChanged, lambda e: e.status.media == MediaState.ABSENT)
    assert reader.status.state == DeviceState.ONLINE

    emulator.set_card(resident)
    events.wait_for(CardInserted)
    read = events.wait_for(CardRead)
    assert read.card == resident and read.card.photo == resident.photo
    assert reader.status.media == MediaState.PRESENT

    # While the card stays, the reader keeps polling but does not read it again.
    reads = len(served(emulator, Command.READ_TEXT_PHOTO))
    finds = len(served(emulator, Command.FIND_CARD))
    deadline = time.monotonic() + 2
    while len(served(emulator, Command.FIND_CARD)) < finds + 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(served(emulator, Command.READ_TEXT_PHOTO)) == reads
    assert not [e for e in events.drain() if isinstance(e, CardRead) and e is not read]

    emulator.set_card(None)
    events.wait_for(CardRemoved)
    assert reader.status.media == MediaState.ABSENT


def test_polls_no_faster_than_every_300_ms(emulator, start_reader) -> None:
    reader, _ = start_reader(poll_interval=0.01)
    assert reader.poll_interval >= 0.3
    deadline = time.monotonic() + 2
    while len(served(emulator, Command.FIND_CARD)) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    finds = served(emulator, Command.FIND_CARD)
    assert len(finds) >= 3
    assert min(b - a for a, b in itertools.pairwise(finds)) >= 0.29


@pytest.mark.parametrize(
    ("fault", "count", "on"),
    [
        (Fault.BAD_CHECKSUM, 1, Command.READ_TEXT_PHOTO),
        (Fault.NO_REPLY, 1, Command.SELECT_CARD),
        (Fault.GARBAGE, None, None),
        (Fault.SPLIT, None, Command.READ_TEXT_PHOTO),
        (Fault.READ_FAILED, 4, None),
        (Fault.SELECT_FAILED, 2, None),
    ],
    ids=["checksum-once", "lost-reply-once", "garbage", "split-frame", "status-41-x4",
         "status-81-x2"],
)
def test_passing_faults_are_absorbed(emulator, resident, fault, count, on) -> None:
    emulator.set_card(resident)
    emulator.inject(fault, count, on)
    assert read_once(emulator) == resident


@pytest.mark.parametrize(
    ("fault", "code", "actor", "state", "words"),
    [
        (Fault.BAD_CHECKSUM, "bad_frame", Actor.PROGRAM, DeviceState.HARDWARE_ERROR, "checksum"),
        (Fault.NO_REPLY, "no_reply", Actor.PROGRAM, DeviceState.OFFLINE, "no answer"),
        (Fault.READ_FAILED, "read_failed", Actor.PROGRAM, DeviceState.ONLINE, "status 41"),
        (Fault.SELECT_FAILED, "select_failed", Actor.PROGRAM, DeviceState.ONLINE, "status 81"),
        (Fault.NO_CARD, "no_card", Actor.PROGRAM, DeviceState.ONLINE, "no card"),
        (Fault.SAM_FAILED, "sam_self_test", Actor.ENGINEER, DeviceState.HARDWARE_ERROR,
         "status 60"),
    ],
)
def test_lasting_faults_give_a_clear_error_then_recover(
    emulator, resident, fault, code, actor, state, words
) -> None:
    emulator.set_card(resident)
    emulator.inject(fault)
    started = time.monotonic()
    with pytest.raises(DeviceError) as caught:
        read_once(emulator, timeout=0.3)
    assert time.monotonic() - started < 2.5
    error = caught.value
    assert (error.code, error.actor, error.state) == (code, actor, state)
    assert words in error.message

    emulator.clear()
    assert read_once(emulator) == resident


def test_failed_read_is_retried_five_times(emulator, resident) -> None:
    emulator.set_card(resident)
    emulator.inject(Fault.READ_FAILED)
    with pytest.raises(DeviceError, match="reading the card failed"):
        read_once(emulator)
    assert len(served(emulator, Command.READ_TEXT_PHOTO)) == SamSerialReader.READ_ATTEMPTS


def test_unreadable_card_reports_a_fault_then_reads_once_fixed(
    emulator, start_reader, resident
) -> None:
    emulator.set_card(resident)
    emulator.inject(Fault.READ_FAILED)
    reader, events = start_reader()
    events.wait_for(CardInserted)
    fault = events.wait_for(DeviceFault)
    assert fault.error.code == "read_failed" and fault.error.actor == Actor.PROGRAM
    emulator.clear()
    assert events.wait_for(CardRead).card == resident
    assert reader.status.state == DeviceState.ONLINE


def test_silent_reader_goes_offline_and_comes_back(emulator, start_reader, resident) -> None:
    _reader, events = start_reader()
    events.wait_state(DeviceState.ONLINE)
    emulator.inject(Fault.NO_REPLY)
    fault = events.wait_for(DeviceFault)
    assert fault.error.code == "no_reply" and "no answer" in fault.error.message
    events.wait_state(DeviceState.OFFLINE)

    emulator.clear()
    emulator.set_card(resident)
    events.wait_state(DeviceState.ONLINE)
    assert events.wait_for(CardRead).card == resident


def test_broken_sam_calls_an_engineer_until_repaired(emulator, start_reader, resident) -> None:
    emulator.inject(Fault.SAM_FAILED)
    reader, events = start_reader()
    fault = events.wait_for(DeviceFault)
    assert fault.error.actor == Actor.ENGINEER and "SAM self-test" in fault.error.message
    assert reader.status.state == DeviceState.HARDWARE_ERROR

    emulator.clear()
    emulator.set_card(resident)
    assert events.wait_for(CardRead).card == resident
    assert reader.status.state == DeviceState.ONLINE


def test_port_vanishing_mid_frame_and_coming_back(emulator, start_reader, resident) -> None:
    emulator.inject(Fault.VANISH, 1, Command.READ_TEXT_PHOTO)
    emulator.set_card(resident)
    reader, events = start_reader()
    events.wait_for(CardInserted)
    lost = events.wait_for(DeviceFault)
    assert lost.error.code == "port_lost" and lost.error.state == DeviceState.NO_DEVICE
    events.wait_for(CardRemoved)  # nobody knows where the card is while the port is gone
    gone = events.wait_for(DeviceFault)
    assert gone.error.code == "no_device" and emulator.vanished
    assert not os.path.exists(emulator.port)

    emulator.reappear()
    events.wait_state(DeviceState.ONLINE)
    events.wait_for(CardInserted)
    assert events.wait_for(CardRead).card == resident
    assert reader.status.media == MediaState.PRESENT


def test_read_once_runs_on_the_device_thread_when_started(
    emulator, start_reader, resident
) -> None:
    reader, events = start_reader()
    events.wait_state(DeviceState.ONLINE)
    emulator.set_card(resident)
    assert reader.read_once(timeout=1) == resident


def test_stop_is_prompt_even_while_the_reader_is_silent(emulator, start_reader) -> None:
    emulator.inject(Fault.NO_REPLY)
    reader, _events = start_reader()
    time.sleep(0.2)  # let the thread get stuck waiting for replies
    started = time.monotonic()
    reader.stop()
    assert time.monotonic() - started < 1.5 and not reader.running


def test_missing_port_is_no_device_for_an_engineer(tmp_path) -> None:
    with pytest.raises(DeviceError) as caught:
        SamSerialReader(port=str(tmp_path / "ttyNONE")).read_once(0.1)
    assert caught.value.state == DeviceState.NO_DEVICE
    assert caught.value.actor == Actor.ENGINEER and "no reader there" in caught.value.message


def test_something_that_is_no_serial_port_is_reported(tmp_path) -> None:
    plain = tmp_path / "plain-file"
    plain.write_bytes(b"not a tty")
    with pytest.raises(DeviceError, match="cannot open the port") as caught:
        SamSerialReader(port=str(plain)).read_once(0.1)
    assert caught.value.state == DeviceState.NO_DEVICE


@pytest.mark.skipif(os.geteuid() == 0, reason="root opens any file; cannot deny permission")
def test_permission_denied_says_what_to_do(tmp_path) -> None:
    locked = tmp_path / "ttyLOCKED"
    locked.write_bytes(b"")
    locked.chmod(0)
    with pytest.raises(DeviceError, match="permission denied"):
        SamSerialReader(port=str(locked)).read_once(0.1)
