"""Test doubles that are not mocks: a clock the test moves, fixed facts, and image files
whose size would be costly to produce by drawing them."""

from __future__ import annotations

import struct
import zlib
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 28)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def white_png(width: int, height: int, *, pixels: bool = True) -> bytes:
    """A real 1-bit gray PNG of width x height, all white, compressed a thousand rows at a
    time so that even 20000x20000 (90 KB) costs little memory here. Without `pixels` it holds
    the header and one row: a decompression bomb, claiming 65535x65535 in under 100 bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    row = b"\0" + b"\xff" * -(-width // 8)  # filter type 0, then 8 pixels a byte
    packer = zlib.compressobj(9)
    parts, left = [], height if pixels else 1
    while left:
        parts.append(packer.compress(row * min(left, 1000)))
        left -= min(left, 1000)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit, gray
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", header),
        chunk(b"IDAT", b"".join(parts) + packer.flush()),
        chunk(b"IEND", b""),
    ))  # fmt: skip
