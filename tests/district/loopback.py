"""Small loopback servers for the client's failure tests: one that answers every request with
the same status and body, and one that accepts connections and never answers. Each counts
what it was sent, by method."""

from __future__ import annotations

import collections
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class Counts:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_method: collections.Counter[str] = collections.Counter()

    def add(self, method: str) -> None:
        with self._lock:
            self._by_method[method] += 1

    def __getitem__(self, method: str) -> int:
        with self._lock:
            return self._by_method[method]


@contextmanager
def answering(status: int, body: bytes, content_type: str = "application/json", *,
              tls: tuple[Path, Path] | None = None) -> Iterator[tuple[str, Counts]]:
    """A server that answers every request `status` with `body`, closing each connection;
    over TLS with `tls` (certificate, key)."""
    counts = Counts()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            counts.add(self.command)
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_PUT = do_POST = do_DELETE = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = False  # server_close joins every handler thread
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="answering-server")
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}", counts
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def silent() -> Iterator[tuple[str, Counts]]:
    """A server that accepts each connection, reads the request line and never answers."""
    counts = Counts()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()
    accepted: list[socket.socket] = []

    def accept_forever() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            accepted.append(connection)
            connection.settimeout(5)
            line = connection.makefile("rb").readline()
            if line:
                counts.add(line.split(b" ", 1)[0].decode("ascii", "replace"))

    thread = threading.Thread(target=accept_forever, name="silent-server")
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", counts
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


def free_port() -> int:
    """A port nothing listens on (it was free a moment ago)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with the openssl command."""
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key),
                    "-out", str(certificate)], check=True, capture_output=True)
    return certificate, key
