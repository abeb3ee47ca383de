"""The outbox on a real SQLite file in the test's folder, with a wall clock the test moves."""

from __future__ import annotations

import pytest

from kiosk.outbox import Outbox
from tests.outbox.items import WallClock


@pytest.fixture
def wall() -> WallClock:
    return WallClock()


@pytest.fixture
def outbox(tmp_path, wall):
    box = Outbox.in_folder(tmp_path / "data", now=wall)
    yield box
    box.close()
