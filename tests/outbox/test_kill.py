"""The outbox delivers exactly once across crashes: a child process (outbox_child.py) putting
and delivering 1,000 items is SIGKILLed at random points and started again until its outbox
is empty; then the platform holds every item exactly once. Into the store in the child's own
process, then through the reference server on loopback, and the same with the server killed
and started again while the child delivers."""

from __future__ import annotations

import os
import queue
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from district.store.store import Store

CHILD = Path(__file__).with_name("outbox_child.py")
COUNT = 1000
HANG_GUARD = 120.0  # seconds without a line from the child: it hangs (not a speed guess)


class Lines:
    """A process's output, a line at a time as it comes (a thread reads it into a queue)."""

    def __init__(self, process: subprocess.Popen, stream) -> None:
        self.process = process
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, args=(stream,), name="lines")
        self._reader.start()

    def _read(self, stream) -> None:
        for line in stream:
            self._lines.put(line.strip())
        self._lines.put(None)

    def line(self, what: str) -> str:
        try:
            line = self._lines.get(timeout=HANG_GUARD)
        except queue.Empty:
            os.kill(self.process.pid, signal.SIGABRT)  # faulthandler prints where it hangs
            self.kill()
            pytest.fail(f"the {what} printed nothing for {HANG_GUARD:.0f} s")
        if line is None:
            code = self.process.wait()
            self.close()
            pytest.fail(f"the {what} stopped (exit {code}) before it should have")
        return line

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.close()

    def close(self) -> None:
        self._reader.join()
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


class Child(Lines):
    def __init__(self, data: Path, platform: str, token: str = "") -> None:
        # The child's errors go to this test's own stderr, where pytest shows them.
        process = subprocess.Popen(
            [sys.executable, str(CHILD), str(data), platform, str(COUNT), token],
            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONFAULTHANDLER": "1"})
        super().__init__(process, process.stdout)


class Server(Lines):
    """The reference server (`python -m kiosk platform serve`) over a SQLite store."""

    def __init__(self, database: str, port: int) -> None:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "platform", "serve", "--database", database,
             "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            cwd=Path(__file__).resolve().parents[2],
            env={**os.environ, "PYTHONFAULTHANDLER": "1"})
        super().__init__(process, process.stderr)
        while "Uvicorn running on" not in self.line("server"):
            pass  # its start-up lines, until it listens


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def run_until_empty(data: Path, platform: str, rng: random.Random, token: str = "",
                    on_line: Callable[[], None] | None = None) -> list[str]:
    """Start the child, kill it after a random number of lines, again and again, until one
    run empties the outbox. `on_line` runs after every line the child prints. Returns the
    last line each killed run printed."""
    killed_after: list[str] = []
    while True:
        assert len(killed_after) < 200, "the outbox never emptied"
        child = Child(data, platform, token)
        lines = rng.randint(1, 150)
        last = ""
        for _ in range(lines):
            last = child.line("child")
            if last.startswith("empty"):
                assert child.process.wait() == 0
                child.close()
                assert last == "empty failed=0"
                return killed_after
            if on_line is not None:
                on_line()
        child.kill()
        killed_after.append(last)


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


@pytest.fixture
def served(tmp_path):
    """A store file with this kiosk registered, and the server on it, on a free port;
    `restart()` kills the server and starts it again."""
    district_db = tmp_path / "district.sqlite"
    database = f"sqlite:///{district_db}"
    store = Store.open(database)
    token = store.register_kiosk("BS-YY-001")
    store.close()
    port = free_port()
    running = [Server(database, port)]

    def restart() -> None:
        running[0].kill()
        running[0] = Server(database, port)

    yield district_db, f"http://127.0.0.1:{port}", token, restart
    running[0].kill()


@pytest.mark.slow
def test_killed_anywhere_the_server_gets_every_item_exactly_once(tmp_path, served):
    district_db, url, token, _ = served
    data = tmp_path / "kiosk"
    killed_after = run_until_empty(data, url, random.Random(1201), token)
    assert len(killed_after) >= 5
    check_exactly_once(data, district_db)


@pytest.mark.slow
def test_the_server_killed_and_restarted_too_loses_and_doubles_nothing(tmp_path, served):
    district_db, url, token, restart = served
    rng = random.Random(2612)
    restarts = []
    next_restart = [rng.randint(20, 200)]

    def now_and_then() -> None:
        next_restart[0] -= 1
        if next_restart[0] == 0:
            restart()
            restarts.append(1)
            next_restart[0] = rng.randint(20, 200)

    data = tmp_path / "kiosk"
    run_until_empty(data, url, rng, token, on_line=now_and_then)
    assert len(restarts) >= 3
    check_exactly_once(data, district_db)
