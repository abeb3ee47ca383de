"""The real reference server on a free loopback port: uvicorn in a thread over a store the
test opened (so the test's clock is the server's), stopped cleanly at the end; and the
`platform serve` command in a subprocess, shared with the benchmarks (bench/serve_process.py)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from bench.serve_process import REPO, serving_process
from district.server.app import create_app

__all__ = ["REPO", "serving", "serving_process"]


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
