"""The QR decoder on hostile input: image files mutated from real samples (the shared corpus's
photos, and codes saved as PNG, JPEG, BMP and TIFF of odd sample formats), headers claiming
any size, and arrays of any shape and depth. A file raises only UnreadableImage; an array
never raises; nothing over the pixel budget is decoded."""

from __future__ import annotations

import io
import struct
import tempfile
import zlib
from pathlib import Path

import cv2
import numpy as np
import qrcode
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from PIL import Image

from drivers.scanner.decoder import (
    MAX_PIXELS,
    DecoderOptions,
    QrDecoder,
    UnreadableImage,
    load_gray,
)
from tests.fakes import REPO
from tests.property.mutations import bounded, mutated

CORPUS = REPO.parent / "shared" / "corpora" / "qr" / "zxing" / "qrcode-1"
LIVE = QrDecoder(DecoderOptions.live())


def _samples() -> list[bytes]:
    gray = np.array(qrcode.make("办事回执 BS202611280001".encode()).convert("L"))
    gray = cv2.resize(gray, (120, 120), interpolation=cv2.INTER_NEAREST)
    encoded = [cv2.imencode(ext, gray)[1].tobytes() for ext in (".png", ".jpg", ".bmp")]
    for dtype in (np.float32, np.int8, np.int16, np.uint16):
        encoded.append(cv2.imencode(".tiff", gray.astype(dtype))[1].tobytes())
    buffer = io.BytesIO()
    Image.fromarray(gray).convert("LA").save(buffer, "PNG")
    encoded.append(buffer.getvalue())
    if CORPUS.exists():  # real photographs of codes, beside the repository
        encoded += [(CORPUS / name).read_bytes() for name in ("1.png", "3.png")]
    return encoded


SAMPLES = _samples()


def _check_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "image"
        path.write_bytes(data)
        try:
            gray = load_gray(path)
        except UnreadableImage as error:
            assert str(error).startswith(str(path)) and "\n" not in str(error)
            return
    assert gray.dtype == np.uint8 and gray.ndim == 2 and gray.size <= MAX_PIXELS
    assert isinstance(LIVE.decode(gray), list)


def test_the_samples_themselves_load():
    for data in SAMPLES:
        _check_file(data)


@bounded(150)
@given(mutated(SAMPLES))
def test_a_mutated_image_file_is_read_or_refused_in_one_line(data):
    _check_file(data)


def _png_header(width: int, height: int, depth: int, colour: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def _bmp_header(width: int, height: int, bits: int) -> bytes:
    info = struct.pack("<IiiHHIIiiII", 40, width, height, 1, bits, 0, 0, 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + 40 + 64, 0, 0, 14 + 40) + info + b"\0" * 64


@bounded(80)
@given(width=st.integers(-(2**31), 2**31 - 1), height=st.integers(-(2**31), 2**31 - 1),
       depth=st.sampled_from([1, 2, 4, 8, 16, 3, 0, 255]),
       colour=st.sampled_from([0, 2, 3, 4, 6, 1, 7]), bmp=st.booleans())
def test_a_header_claiming_any_size_is_never_decoded_past_the_budget(width, height, depth,
                                                                     colour, bmp):
    if bmp:  # a negative height is a top-down bitmap
        data = _bmp_header(width, height, depth)
    else:
        data = _png_header(abs(width), abs(height), depth, colour)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.png"
        path.write_bytes(data)
        try:
            gray = load_gray(path)
        except UnreadableImage as error:
            assert "\n" not in str(error)
            return
    assert gray.size <= MAX_PIXELS and abs(width * height) <= MAX_PIXELS


_DTYPES = st.sampled_from([np.uint8, np.int8, np.uint16, np.int16, np.int32, np.uint32,
                           np.int64, np.float16, np.float32, np.float64, np.bool_,
                           np.complex64, np.dtype(">u2"), np.dtype(">f4")])
_SHAPES = hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=48)


@bounded(200)
@given(hnp.arrays(_DTYPES, _SHAPES))
def test_an_array_of_any_shape_and_depth_never_raises(array):
    assert isinstance(LIVE.decode(array), list)


@bounded(30)
@given(st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.integers(), max_size=4)))
def test_what_is_no_array_at_all_never_raises(thing):
    assert LIVE.decode(thing) == []
