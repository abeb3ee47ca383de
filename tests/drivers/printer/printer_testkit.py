"""Test tools for printers, written from the ESC/POS manual and not from the driver's code: a
parser that walks a byte stream command by command, and fake printers (TCP and pty) that
answer DLE EOT status requests and can fall silent or hang up part-way through a job."""

from __future__ import annotations

import os
import select
import socket
import threading
from dataclasses import dataclass, field

ESC, GS, FS, DLE, LF = 0x1B, 0x1D, 0x1C, 0x10, 0x0A
STATUS_OK = {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12}


@dataclass
class Line:
    text: str
    width: int = 1
    height: int = 1
    bold: bool = False
    align: str = "left"


@dataclass
class Qr:
    data: str
    module: int
    error_level: str
    model: int


@dataclass
class Raster:
    width_dots: int
    height: int
    rows: list[bytes] = field(repr=False, default_factory=list)


@dataclass
class CutOp:
    partial: bool


@dataclass
class FeedOp:
    lines: int


@dataclass
class Stream:
    ops: list[object]
    chinese_mode: bool = False
    initialised: bool = False

    def lines(self) -> list[Line]:
        return [op for op in self.ops if isinstance(op, Line)]

    def texts(self) -> list[str]:
        return [line.text for line in self.lines()]

    def of(self, kind: type) -> list:
        return [op for op in self.ops if isinstance(op, kind)]


class StreamError(AssertionError):
    pass


def parse(data: bytes, encoding: str = "gb18030") -> Stream:
    """Walks the stream; unknown commands fail the test rather than being skipped."""
    stream = Stream([])
    style = {"width": 1, "height": 1, "bold": False, "align": "left"}
    text = bytearray()
    qr: dict[str, object] = {}
    i = 0

    def need(count: int) -> bytes:
        if i + count > len(data):
            raise StreamError(f"command at {i} is cut short")
        return data[i : i + count]

    while i < len(data):
        byte = data[i]
        if byte >= 0x20 and byte != 0x7F:
            text.append(byte)
            i += 1
        elif byte == LF:
            stream.ops.append(Line(text.decode(encoding), **style))
            text.clear()
            i += 1
        elif text:
            raise StreamError(f"text {bytes(text)!r} not ended by LF before command at {i}")
        elif byte == ESC:
            cmd = need(2)[1]
            if cmd == ord("@"):
                stream.initialised = True
                style = {"width": 1, "height": 1, "bold": False, "align": "left"}
                i += 2
            elif cmd == ord("E"):
                style["bold"] = bool(need(3)[2] & 1)
                i += 3
            elif cmd == ord("a"):
                n = need(3)[2]
                style["align"] = {0: "left", 1: "center", 2: "right"}[n - 48 if n >= 48 else n]
                i += 3
            elif cmd == ord("d"):
                stream.ops.append(FeedOp(need(3)[2]))
                i += 3
            elif cmd == ord("!"):
                i += 3
            else:
                raise StreamError(f"unknown ESC {cmd:#x} at {i}")
        elif byte == GS:
            cmd = need(2)[1]
            if cmd == ord("!"):
                n = need(3)[2]
                style["width"], style["height"] = (n >> 4) + 1, (n & 0x0F) + 1
                i += 3
            elif cmd == ord("V"):
                m = need(3)[2]
                if m in (65, 66):
                    stream.ops.append(CutOp(partial=m == 66))
                    i += 4
                else:
                    stream.ops.append(CutOp(partial=m in (1, 49)))
                    i += 3
            elif cmd == ord("(") and need(3)[2] == ord("k"):
                low, high = need(5)[3:5]
                length = low + 256 * high
                body = need(5 + length)[5:]
                cn, fn, params = body[0], body[1], body[2:]
                if cn != 49:
                    raise StreamError(f"GS ( k for symbol {cn} at {i}")
                if fn == 65:
                    qr["model"] = params[0] - 48
                elif fn == 67:
                    qr["module"] = params[0]
                elif fn == 69:
                    qr["error_level"] = "LMQH"[params[0] - 48]
                elif fn == 80:
                    if params[0] != 48:
                        raise StreamError("GS ( k store must have m = 48")
                    qr["data"] = params[1:].decode("utf-8")
                elif fn == 81:
                    stream.ops.append(Qr(**qr))  # type: ignore[arg-type]
                else:
                    raise StreamError(f"unknown GS ( k function {fn} at {i}")
                i += 5 + length
            elif cmd == ord("v") and need(3)[2] == ord("0"):
                head = need(8)
                width_bytes = head[4] + 256 * head[5]
                height = head[6] + 256 * head[7]
                body = need(8 + width_bytes * height)[8:]
                rows = [body[r * width_bytes : (r + 1) * width_bytes] for r in range(height)]
                stream.ops.append(Raster(width_bytes * 8, height, rows))
                i += 8 + width_bytes * height
            else:
                raise StreamError(f"unknown GS {cmd:#x} at {i}")
        elif byte == FS:
            cmd = need(2)[1]
            if cmd == ord("&"):
                stream.chinese_mode = True
            elif cmd == ord("."):
                stream.chinese_mode = False
            else:
                raise StreamError(f"unknown FS {cmd:#x} at {i}")
            i += 2
        elif byte == DLE:
            raise StreamError(f"a real-time command inside a job at {i}")
        else:
            raise StreamError(f"unexpected control byte {byte:#x} at {i}")
    if text:
        raise StreamError(f"text {bytes(text)!r} left without LF: it would never print")
    return stream


def split_status(data: bytes) -> tuple[list[int], bytes]:
    """Separates the DLE EOT n requests from the job bytes (fine for jobs without images)."""
    queries, job = [], bytearray()
    i = 0
    while i < len(data):
        if data[i : i + 2] == b"\x10\x04" and i + 2 < len(data):
            queries.append(data[i + 2])
            i += 3
        else:
            job.append(data[i])
            i += 1
    return queries, bytes(job)


class _FakePrinterCore:
    """What both fakes share: answer status requests, count job bytes, and misbehave on cue."""

    def __init__(self) -> None:
        self.status = dict(STATUS_OK)
        self.received = bytearray()
        self.silent = False
        self.silent_after_job_bytes: int | None = None
        self.hang_up_after_job_bytes: int | None = None
        self.answer_invalid = False
        self.job_bytes = 0
        self.lock = threading.Lock()
        self._pending = bytearray()

    def feed(self, chunk: bytes) -> tuple[bytes, bool]:
        """Takes bytes from the host; returns the replies to send and whether to hang up."""
        replies = bytearray()
        with self.lock:
            self.received.extend(chunk)
            self._pending.extend(chunk)
            while self._pending:
                if self._pending[:2] == b"\x10\x04":
                    if len(self._pending) < 3:
                        break
                    n = self._pending[2]
                    del self._pending[:3]
                    if not self.silent:
                        replies.append(0xFF if self.answer_invalid else self.status[n])
                    continue
                if self._pending[:1] == b"\x10" and len(self._pending) < 2:
                    break
                del self._pending[:1]
                self.job_bytes += 1
                if self.silent_after_job_bytes is not None and (
                    self.job_bytes >= self.silent_after_job_bytes
                ):
                    self.silent = True
                    replies.clear()
                if self.hang_up_after_job_bytes is not None and (
                    self.job_bytes >= self.hang_up_after_job_bytes
                ):
                    self.hang_up_after_job_bytes = None
                    return b"", True
        return bytes(replies), False

    def job(self) -> bytes:
        return split_status(bytes(self.received))[1]


class FakeTcpPrinter(_FakePrinterCore):
    """A raw-port printer on 127.0.0.1 that takes one connection at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.drop_idle_connection = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-tcp-printer", daemon=True)
        self._thread.start()

    @property
    def uri(self) -> str:
        return f"escpos+tcp://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(0.05)
                while not self._stop.is_set():
                    try:
                        chunk = conn.recv(4096)
                    except TimeoutError:
                        if self.drop_idle_connection:
                            self.drop_idle_connection = False
                            break
                        continue
                    except OSError:
                        break
                    if not chunk:
                        break
                    replies, hang_up = self.feed(chunk)
                    if hang_up:
                        break
                    if replies:
                        conn.sendall(replies)

    def close(self) -> None:
        self._stop.set()
        self.server.close()
        self._thread.join(2)


class FakePtyPrinter(_FakePrinterCore):
    """A serial printer on a pseudo-terminal: the driver opens `port` like /dev/ttyUSB0."""

    def __init__(self) -> None:
        super().__init__()
        self.master, self.slave = os.openpty()
        self.port = os.ttyname(self.slave)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-pty-printer", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                continue  # no reader on the other side yet
            replies, _ = self.feed(chunk)
            if replies:
                os.write(self.master, replies)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        os.close(self.master)
        os.close(self.slave)
