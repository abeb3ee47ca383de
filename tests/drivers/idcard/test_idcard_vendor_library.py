"""The vendor-library driver against a tiny real C library compiled here: it reports a card
when the test drops one in its control folder, and writes wz.txt / xp.wlt like vendor SDKs."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drivers.base import (
    Actor,
    Backoff,
    CardInserted,
    CardRead,
    CardRemoved,
    DeviceFault,
    DeviceState,
    MediaState,
    StatusChanged,
)
from drivers.idcard.card import IdCard
from drivers.idcard.textblock import encode_text_block
from drivers.idcard.vendor_library import VendorLibraryConfig, VendorLibraryReader

SOURCE = r"""
#include <stdio.h>
#include <unistd.h>

static int opened = 0;

int InitComm(int port) { opened = (port == 1001); return opened; }
int CloseComm(void) { opened = 0; return 1; }
int Authenticate(void) { return opened && access(CONTROL "/card.bin", R_OK) == 0; }

int Read_Content(int what) {
    unsigned char card[256 + 1024];
    FILE *in, *text, *photo;
    size_t size;
    if (!opened || what != 1 || !(in = fopen(CONTROL "/card.bin", "rb"))) return 0;
    size = fread(card, 1, sizeof card, in);
    fclose(in);
    if (size != sizeof card) return 0;
    if (!(text = fopen(OUTPUT "/wz.txt", "wb"))) return 0;
    fwrite(card, 1, 256, text);
    fclose(text);
    if (!(photo = fopen(OUTPUT "/xp.wlt", "wb"))) return 0;
    fwrite(card + 256, 1, 1024, photo);
    fclose(photo);
    return 1;
}
"""


class FakeVendorReader:
    def __init__(self, root: Path) -> None:
        self.control = root / "control"
        self.output = root / "output"
        self.control.mkdir()
        self.output.mkdir()
        self.library = root / "libfakereader.so"
        source = root / "fakereader.c"
        source.write_text(SOURCE)
        subprocess.run(
            ["gcc", "-shared", "-fPIC", f'-DCONTROL="{self.control}"',
             f'-DOUTPUT="{self.output}"', "-o", str(self.library), str(source)],
            check=True, capture_output=True, timeout=60,
        )

    def place(self, data: bytes) -> None:
        staging = self.control / "card.tmp"
        staging.write_bytes(data)
        os.replace(staging, self.control / "card.bin")  # never seen half-written

    def remove(self) -> None:
        (self.control / "card.bin").unlink()

    def config(self, **changes: object) -> VendorLibraryConfig:
        return VendorLibraryConfig(library=str(self.library), output_dir=str(self.output),
                                   **changes)


@pytest.fixture
def fake(tmp_path: Path) -> FakeVendorReader:
    if shutil.which("gcc") is None:
        pytest.skip("gcc not found: this test compiles a small C reader library")
    return FakeVendorReader(tmp_path)


@pytest.fixture
def start(new_recorder) -> Iterator[Callable[[VendorLibraryConfig], tuple]]:
    readers: list[VendorLibraryReader] = []

    def start_reader(config: VendorLibraryConfig) -> tuple:
        reader = VendorLibraryReader(config, "vendor", backoff=Backoff(0.05, 0.2))
        events = new_recorder()
        reader.subscribe(events)
        readers.append(reader)
        reader.start()
        return reader, events

    yield start_reader
    for reader in readers:
        reader.stop()


def test_reads_a_card_through_the_library(fake, start, resident: IdCard) -> None:
    reader, events = start(fake.config())
    events.wait_for(StatusChanged, lambda e: e.status.media == MediaState.ABSENT)

    fake.place(encode_text_block(resident) + resident.photo)
    events.wait_for(CardInserted)
    assert events.wait_for(CardRead).card == resident
    assert reader.status.media == MediaState.PRESENT
    assert list(fake.output.iterdir()) == []  # personal data is not left on disk

    fake.remove()
    events.wait_for(CardRemoved)
    assert reader.status.media == MediaState.ABSENT


def test_unreadable_card_data_is_a_fault_and_a_good_card_reads_after(
    fake, start, resident: IdCard
) -> None:
    fake.place(b"\xff\xfe" * 128 + resident.photo)
    _reader, events = start(fake.config())
    fault = events.wait_for(DeviceFault)
    assert fault.error.code == "bad_card_data" and "unreadable" in fault.error.message
    fake.place(encode_text_block(resident) + resident.photo)
    assert events.wait_for(CardRead).card == resident


def test_no_reader_on_the_port_is_no_device(fake, start) -> None:
    _reader, events = start(fake.config(port=7))
    fault = events.wait_for(DeviceFault)
    assert fault.error.state == DeviceState.NO_DEVICE and fault.error.actor == Actor.ENGINEER
    assert "InitComm(7)" in fault.error.message


def test_missing_library_names_the_file(tmp_path, start) -> None:
    missing = tmp_path / "libnothere.so"
    _reader, events = start(VendorLibraryConfig(library=str(missing)))
    fault = events.wait_for(DeviceFault)
    assert fault.error.code == "no_library" and str(missing) in fault.error.message


def test_missing_entry_point_names_it(fake, start) -> None:
    _reader, events = start(fake.config(authenticate="Authenticate_Ex"))
    fault = events.wait_for(DeviceFault)
    assert fault.error.code == "no_entry_point" and "Authenticate_Ex" in fault.error.message
    assert fault.error.actor == Actor.ENGINEER
