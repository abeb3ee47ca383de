"""The real reference server on a free loopback port: uvicorn in a thread over a store the
test opened (so the test's clock is the server's), stopped cleanly at the end."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from district.server.app import create_app


@contextmanager
def serving(store: Any) -> Iterator[str]:
    """Serve `store` and yield the base URL. The socket listens before uvicorn starts, so the
    URL takes connections at once; they are answered when uvicorn is up."""
    listener = socket.create_server(("127.0.0.1", 0))
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
