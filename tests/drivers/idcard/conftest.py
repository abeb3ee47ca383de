"""Fixtures for the ID card tests: synthetic cards (nobody real), a running emulator, and
readers that are always stopped (tests/conftest.py checks that no thread outlives a test)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from drivers.base import Backoff
from drivers.idcard.card import CardType, IdCard, id_check_digit
from drivers.idcard.emulator import ReaderEmulator
from drivers.idcard.serial_reader import SamSerialReader
from tests.drivers.recorder import Recorder

PHOTO = bytes(range(256)) * 4  # stands in for the 1024 "wlt" bytes


def _number(first17: str) -> str:
    return first17 + id_check_digit(first17)


RESIDENT = IdCard(
    name="赵测试", sex="女", ethnicity="回", birth_date=date(1975, 12, 24),
    address="上海市宝山区测试路88弄6号202室", id_number=_number("31011319751224002"),
    issuer="上海市公安局宝山分局", valid_from=date(2015, 1, 1), valid_to=date(2035, 1, 1),
    photo=PHOTO,
)
HMT_PERMIT = IdCard(
    name="陈测试", sex="男", ethnicity="", birth_date=date(1990, 2, 28),
    address="上海市宝山区测试路1号", id_number=_number("81000019900228003"),
    issuer="上海市公安局宝山分局", valid_from=date(2022, 3, 1), valid_to=date(2027, 3, 1),
    card_type=CardType.HMT_RESIDENCE_PERMIT, pass_number="H01234567", issue_count=2,
    photo=PHOTO,
)


@pytest.fixture
def resident() -> IdCard:
    return RESIDENT


@pytest.fixture
def hmt_permit() -> IdCard:
    return HMT_PERMIT


@pytest.fixture
def emulator() -> Iterator[ReaderEmulator]:
    emulator = ReaderEmulator().start()
    yield emulator
    emulator.stop()


@pytest.fixture
def new_recorder() -> type[Recorder]:
    return Recorder


@pytest.fixture
def start_reader(emulator: ReaderEmulator) -> Iterator[Callable[..., tuple]]:
    """Starts SamSerialReaders on the emulator's port, with quick reconnects; stops them all."""
    readers: list[SamSerialReader] = []

    def start(**options: object) -> tuple[SamSerialReader, Recorder]:
        options.setdefault("port", emulator.port)
        reader = SamSerialReader("test-reader", backoff=Backoff(0.05, 0.2), **options)
        recorder = Recorder()
        reader.subscribe(recorder)
        readers.append(reader)
        reader.start()
        return reader, recorder

    yield start
    for reader in readers:
        reader.stop()
        assert not reader.running
