"""`python -m kiosk platform serve` in a subprocess on a free loopback port, as an operator
runs it: for the tests and the benchmarks. Yields once /healthz answers; SIGTERM at the end."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A port nothing listens on (it was free a moment ago)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@contextmanager
def serving_process(database_url: str | None, *, workers: int = 1,
                    options: tuple[str, ...] = (),
                    startup_seconds: float = 60) -> Iterator[tuple[str, int]]:
    """Yields (base URL, process id) once the server answers."""
    port = free_port()
    database = ("--database", database_url) if database_url else ()
    command = [sys.executable, "-m", "kiosk", "platform", "serve", *database, *options,
               "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, process, startup_seconds)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stderr.close()


def _wait_until_healthy(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    with requests.Session() as session:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"platform serve exited {process.returncode}: "
                                   f"{process.stderr.read().strip()}")
            try:
                if session.get(f"{url}/healthz", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.05)  # polling the condition: the server says when it is up
    raise RuntimeError(f"platform serve did not answer at {url} within {seconds:g} s")
