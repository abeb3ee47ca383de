"""The real reference server on a free loopback port: uvicorn in a thread over a store the
test opened (so the test's clock is the server's), or the `platform serve` command in a
subprocess; each stopped cleanly at the end."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
import uvicorn

from district.server.app import create_app
from tests.district.loopback import free_port

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def serving(store: Any, port: int = 0) -> Iterator[str]:
    """Serve `store` (on `port`, else a free one) and yield the base URL. The socket listens
    before uvicorn starts, so the URL takes connections at once; they are answered when
    uvicorn is up."""
    listener = socket.create_server(("127.0.0.1", port))
    config = uvicorn.Config(create_app(store), log_config=None, access_log=False,
                            lifespan="on", ws="none", timeout_graceful_shutdown=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]},
                              name="uvicorn")
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join()
        listener.close()


@contextmanager
def serving_process(database_url: str | None, *, workers: int = 1,
                    options: tuple[str, ...] = (),
                    startup_seconds: float = 60) -> Iterator[tuple[str, int]]:
    """`python -m kiosk platform serve` in a subprocess on a free port, as an operator runs
    it; yields (base URL, process id) once /healthz answers; stopped with SIGTERM at the end."""
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
