"""The outbox delivers exactly once across crashes: a child process (outbox_child.py) putting
and delivering 1,000 items is SIGKILLed at random points and started again until its outbox
is empty; then the platform holds every item exactly once."""

from __future__ import annotations

import os
import random
import selectors
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from district.store.store import Store

CHILD = Path(__file__).with_name("outbox_child.py")
COUNT = 1000
HANG_GUARD = 120.0  # seconds without a line from the child: it hangs (not a speed guess)


class Child:
    """One run of the child; its lines are read as they come."""

    def __init__(self, data: Path, platform: str, token: str = "") -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(data), platform, str(COUNT), token],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.process.stdout, selectors.EVENT_READ)

    def line(self) -> str:
        if not self._selector.select(HANG_GUARD):
            self.kill()
            pytest.fail(f"the child printed nothing for {HANG_GUARD:.0f} s")
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait()
            errors = self.process.stderr.read()
            self.close()
            pytest.fail(f"the child stopped (exit {code}) without emptying its outbox:\n"
                        f"{errors[-3000:]}")
        return line.strip()

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.close()

    def close(self) -> None:
        self._selector.close()
        self.process.stdout.close()
        self.process.stderr.close()


def run_until_empty(data: Path, platform: str, rng: random.Random, token: str = "",
                    between_runs=None) -> list[str]:
    """Start the child, kill it after a random number of lines, again and again, until one
    run empties the outbox. Returns the last line each killed run printed."""
    killed_after: list[str] = []
    while True:
        assert len(killed_after) < 200, "the outbox never emptied"
        child = Child(data, platform, token)
        lines = rng.randint(1, 150)
        last = ""
        for _ in range(lines):
            last = child.line()
            if last.startswith("empty"):
                assert child.process.wait() == 0
                child.close()
                assert last == "empty failed=0"
                return killed_after
        child.kill()
        killed_after.append(last)
        if between_runs is not None:
            between_runs(len(killed_after))


def check_exactly_once(data: Path, district_db: Path) -> None:
    outbox = sqlite3.connect(data / "outbox.sqlite")
    district = sqlite3.connect(district_db)
    try:
        kept = dict(outbox.execute("SELECT state, COUNT(*) FROM items GROUP BY state"))
        assert kept == {"delivered": COUNT}
        ours = dict(outbox.execute(
            "SELECT idempotency_key, reference FROM items WHERE kind = 'submission'"))
        theirs = district.execute(
            "SELECT idempotency_key, reference, COUNT(*) FROM applications"
            " GROUP BY idempotency_key").fetchall()
        assert {key: ref for key, ref, _ in theirs} == ours
        assert all(times == 1 for _, _, times in theirs)
        assert len(ours) == len(range(0, COUNT, 3))
        for table, kind in (("ratings", 1), ("audit_records", 2)):
            keys = district.execute(f"SELECT idempotency_key, COUNT(*) FROM {table}"
                                    " GROUP BY idempotency_key").fetchall()
            assert sorted(key for key, _ in keys) == [f"kill-{n:06d}" for n in range(COUNT)
                                                      if n % 3 == kind]
            assert all(times == 1 for _, times in keys)
        (stages,), = district.execute("SELECT COUNT(*) FROM application_stages")
        assert stages == 5 * len(ours)  # no application was half recorded
    finally:
        outbox.close()
        district.close()


@pytest.mark.slow
def test_killed_anywhere_the_store_gets_every_item_exactly_once(tmp_path):
    district_db = tmp_path / "district.sqlite"
    Store.open(f"sqlite:///{district_db}").close()
    data = tmp_path / "kiosk"
    killed_after = run_until_empty(data, f"sqlite:///{district_db}", random.Random(20261201))
    assert len(killed_after) >= 5
    assert any(line.startswith("put") for line in killed_after)
    assert any(line.startswith("delivered") for line in killed_after)
    check_exactly_once(data, district_db)
