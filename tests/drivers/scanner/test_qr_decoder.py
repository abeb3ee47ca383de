"""The QR decoder on real photographs (the shared ZXing corpus), on codes made here with
Chinese and Japanese text in the encodings real encoders use, and on every odd array and bad
file we could think of: an array gives codes or none, a file codes or a one-line
UnreadableImage, and nothing else ever escapes."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import cv2
import numpy as np
import pytest
import zxingcpp
from PIL import Image

from drivers.scanner.decoder import (
    DecoderOptions,
    QrDecoder,
    UnreadableImage,
    _qr_version,
    _safely,
    decode_text,
    load_gray,
    to_gray,
    zbar_decode,
)
from tests.fakes import white_png

CHINESE = "上海市一网通办：张三，身份证 310101199001011234，地址 浦东新区世纪大道100号"

URL = "https://zwdt.sh.gov.cn/"


def _bgr(gray: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)


def _opaque(gray: np.ndarray) -> np.ndarray:
    return np.dstack([_bgr(gray), np.full_like(gray, 255)])


def _corpus_codes(root: Path) -> list[tuple[Path, str]]:
    return [
        (image, image.with_suffix(".txt").read_bytes().decode("utf-8"))
        for folder in sorted(root.glob("qrcode-*"))
        for image in sorted(folder.glob("*.png"))
    ]


def test_reads_at_least_172_of_the_179_corpus_codes_exactly(corpus: Path) -> None:
    decoder = QrDecoder()
    codes = _corpus_codes(corpus)
    missed = [
        str(image.relative_to(corpus))
        for image, expected in codes
        if expected not in [code.text for code in decoder.decode(image)]
    ]
    assert len(codes) == 179
    assert len(codes) - len(missed) >= 172, f"missed {len(missed)}: {missed}"


def test_reports_nothing_on_the_corpus_images_without_a_code(corpus: Path) -> None:
    decoder = QrDecoder()
    images = sorted((corpus / "falsepositives").glob("*.png"))
    assert images
    found = {image.name: decoder.decode(image) for image in images}
    assert {name: codes for name, codes in found.items() if codes} == {}


def test_japanese_codes_without_eci_keep_their_text(corpus: Path) -> None:
    # Shift_JIS full-width text and half-width katakana, as the corpus's Japanese codes carry.
    for name in ("qrcode-2/10", "qrcode-2/17", "qrcode-2/31"):
        expected = (corpus / f"{name}.txt").read_bytes().decode("utf-8")
        assert expected in [c.text for c in QrDecoder().decode(corpus / f"{name}.png")]


def test_zbar_is_a_configurable_second_opinion(corpus: Path) -> None:
    # zxing-cpp's quick pass misses this photo of a code burnt into a rice cracker; zbar reads it.
    image = corpus / "qrcode-2/28.png"
    quick = DecoderOptions(fallbacks=False, rescue_attempts=0, zbar=False)
    assert QrDecoder(quick).decode(image) == []
    codes = QrDecoder(DecoderOptions(fallbacks=False, rescue_attempts=0, zbar=True)).decode(image)
    assert [(c.text, c.engine) for c in codes] == [("http://www.webtech.co.jp/k/", "zbar")]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_chinese_text_survives_in_utf8_and_gb18030(make_qr, encoding: str) -> None:
    raw = CHINESE.encode(encoding)
    [code] = QrDecoder().decode(make_qr(raw))
    assert code.text == CHINESE
    assert code.raw == raw
    assert code.symbology == "QRCode"
    assert len(code.position) == 4


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_zbar_returns_the_raw_bytes_not_its_own_guess(make_qr, encoding: str) -> None:
    raw = CHINESE.encode(encoding)
    [code] = zbar_decode(make_qr(raw))
    assert (code.text, code.raw, code.engine) == (CHINESE, raw, "zbar")


@pytest.mark.parametrize(
    ("text", "eci"),
    [("Привет", 7), ("ﾃｽﾄ", 20), ("Müller", 3), ("上海 a\\000026b", 26), ("中文", 32)],
)
def test_a_code_that_declares_its_character_set_is_read_in_it(text: str, eci: int) -> None:
    # ECI 7 is ISO-8859-5, 20 Shift_JIS (these three bytes alone would read as GB18030),
    # 3 ISO-8859-1, 26 UTF-8 (with a backslash that looks like an ECI marker), 32 GB18030.
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, eci=eci)
    image = np.array(barcode.to_image(scale=4, add_quiet_zones=True), dtype=np.uint8)
    [code] = QrDecoder().decode(image)
    assert code.text == text


@pytest.mark.parametrize(
    "text",
    ["上海市", "李四", "姓名:王小明;", "上海市浦东新区", "身份证号码", "徐汇区漕溪北路"],
)
def test_short_gb18030_chinese_is_not_mistaken_for_japanese(text: str) -> None:
    # Bytes of common Chinese characters are often valid Shift_JIS half-width katakana too.
    assert decode_text(text.encode("gb18030")) == text


@pytest.mark.parametrize("text", ["ﾃﾞｻﾞｲﾝQR", "カタカナ", "日本語のテキスト", "東京都", "ﾊﾟｽﾎﾟｰﾄ"])
def test_shift_jis_japanese_is_read_as_japanese(text: str) -> None:
    assert decode_text(text.encode("shift_jis")) == text


def test_shift_jis_guessing_can_be_turned_off_for_chinese_only_sites() -> None:
    raw = "ﾃﾞｻﾞｲﾝ".encode("shift_jis")
    assert decode_text(raw, shift_jis=False) == raw.decode("gb18030")


def test_colour_and_transparent_images_are_read(make_qr, tmp_path: Path) -> None:
    gray = make_qr(b"https://zwdt.sh.gov.cn/")
    bgr = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    # Black modules on a transparent background: the paper must come out white, not black.
    bgra = np.zeros((*gray.shape, 4), np.uint8)
    bgra[:, :, 3] = 255 - gray
    path = tmp_path / "transparent.png"
    cv2.imwrite(str(path), bgra)
    for image in (bgr, bgra, path, str(path)):
        assert [c.text for c in QrDecoder().decode(image)] == ["https://zwdt.sh.gov.cn/"]


def _pil(mode: str, suffix: str = "png"):
    def write(path: Path, gray: np.ndarray) -> Path:
        path = path.with_suffix(f".{suffix}")
        Image.fromarray(gray).convert(mode).save(path)
        return path

    return write


def _cv(suffix: str, convert):
    def write(path: Path, gray: np.ndarray) -> Path:
        path = path.with_suffix(f".{suffix}")
        assert cv2.imwrite(str(path), convert(gray))
        return path

    return write


def _transparent_la(path: Path, gray: np.ndarray) -> Path:
    # Black modules on transparent paper, gray+alpha: OpenCV reads it as 4 channels.
    path = path.with_suffix(".png")
    Image.fromarray(np.dstack([np.zeros_like(gray), 255 - gray]), "LA").save(path)
    return path


def _chinese_name(path: Path, gray: np.ndarray) -> Path:
    path = path.with_name("二维码 回执.png")
    Image.fromarray(gray).save(path)
    return path


def _u16(gray: np.ndarray) -> np.ndarray:
    return gray.astype(np.uint16) * 257


READABLE_FILES = {
    "16-bit gray PNG": _cv("png", _u16),
    "16-bit BGR PNG": _cv("png", lambda g: _u16(_bgr(g))),
    "16-bit BGRA PNG": _cv("png", lambda g: _u16(_opaque(g))),
    "16-bit gray TIFF": _cv("tif", _u16),
    "16-bit BGR TIFF": _cv("tif", lambda g: _u16(_bgr(g))),
    "signed 16-bit TIFF": _cv("tif", lambda g: (g.astype(np.int16) - 128) * 100),
    "float32 TIFF": _cv("tif", lambda g: g.astype(np.float32) / 255),
    "gray+alpha PNG, transparent paper": _transparent_la,
    "palette PNG": _pil("P"),
    "1-bit PNG": _pil("1"),
    "JPEG": _pil("L", "jpg"),
    "BMP": _pil("RGB", "bmp"),
    "GIF": _pil("L", "gif"),
    "WebP": _pil("RGB", "webp"),
    "a Chinese file name": _chinese_name,
}


@pytest.mark.parametrize("kind", list(READABLE_FILES))
def test_image_files_of_any_depth_and_channel_count_are_read(make_qr, tmp_path, kind) -> None:
    path = READABLE_FILES[kind](tmp_path / "code", make_qr(URL.encode()))
    assert [c.text for c in QrDecoder().decode(path)] == [URL]


def test_a_one_pixel_image_file_has_no_code(tmp_path: Path) -> None:
    Image.new("L", (1, 1), 255).save(tmp_path / "dot.png")
    assert QrDecoder().decode(tmp_path / "dot.png") == []


def _bytes(data: bytes, suffix: str = "png"):
    def write(path: Path, gray: np.ndarray) -> Path:
        path = path.with_suffix(f".{suffix}")
        path.write_bytes(data)
        return path

    return write


def _white_png(width: int, height: int, pixels: bool = True):
    def write(path: Path, gray: np.ndarray) -> Path:
        path = path.with_suffix(".png")
        path.write_bytes(white_png(width, height, pixels=pixels))
        return path

    return write


def _cut(suffix: str, keep: float):
    def write(path: Path, gray: np.ndarray) -> Path:
        path = path.with_suffix(f".{suffix}")
        Image.fromarray(gray).save(path)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * keep)])
        return path

    return write


def _directory(path: Path, gray: np.ndarray) -> Path:
    path = path.with_suffix(".png")
    path.mkdir()
    return path


def _pipe(path: Path, gray: np.ndarray) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(path)  # opening it to read would wait for a writer forever
    return path


NOT_DECODED = "; the limit is 40 megapixels, so it was not decoded"
UNREADABLE_FILES = {
    "missing": (lambda path, gray: path.with_suffix(".png"), "No such file or directory"),
    "a directory": (_directory, "a directory, not an image file"),
    "a named pipe": (_pipe, "not a regular file"),
    "empty": (_bytes(b""), "an empty file"),
    "random bytes": (_bytes(np.random.default_rng(5).bytes(5000)), "not an image file, or its"),
    "text": (_bytes(b"https://zwdt.sh.gov.cn/\n", "jpg"), "not an image file, or its header"),
    "PNG signature, then garbage": (
        _bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        "not an image file, or its header is damaged",
    ),
    "PNG cut in its header": (_cut("png", 0.02), "not an image file, or its header is damaged"),
    "PNG cut in its pixels": (_cut("png", 0.6), "a damaged PNG file, or one OpenCV cannot decode"),
    "JPEG cut in its pixels": (_cut("jpg", 0.6), "a damaged JPEG file, or one OpenCV cannot"),
    "PNG header claiming 65535x65535": (
        _white_png(65535, 65535, pixels=False),
        r"its header claims over \d+ megapixels" + NOT_DECODED,
    ),
    "20000x20000 PNG of 76 KB": (
        _white_png(20000, 20000),
        r"its header claims over \d+ megapixels" + NOT_DECODED,
    ),
    "10000x10000 PNG, over Pillow's warning limit": (
        _white_png(10000, 10000),  # the warning is an error here, but not in `kiosk decode`
        r"(its header claims over \d+ megapixels|10000×10000 pixels)" + NOT_DECODED,
    ),
    "8000x6000 PNG": (_white_png(8000, 6000), "8000×6000 pixels" + NOT_DECODED),
}


@pytest.mark.parametrize("kind", list(UNREADABLE_FILES))
def test_a_file_that_cannot_be_read_says_which_and_why(make_qr, tmp_path, kind) -> None:
    write, reason = UNREADABLE_FILES[kind]
    path = write(tmp_path / "image", make_qr(URL.encode()))
    for read in (load_gray, QrDecoder().decode, QrDecoder(DecoderOptions.live()).decode):
        with pytest.raises(UnreadableImage, match=f"^{re.escape(str(path))}: {reason}") as error:
            read(path)
        assert "\n" not in str(error.value)


def test_a_path_with_a_nul_byte_is_unreadable_not_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableImage, match="null"):
        load_gray(f"{tmp_path}/a\0b.png")


def test_an_image_with_no_code_gives_no_code() -> None:
    noise = np.random.default_rng(3).integers(0, 256, (480, 640), dtype=np.uint8)
    assert QrDecoder().decode(noise) == []
    assert QrDecoder().decode(np.full((100, 100, 3), 255, np.uint8)) == []


# Each turns a clean 8-bit code into the same code in another form an array may take.
STRANGE_ARRAYS = {
    "float32 in 0..1": lambda g: g.astype(np.float32) / 255,
    "float64 in 0..255": lambda g: g.astype(np.float64),
    "float16": lambda g: g.astype(np.float16),
    "int8": lambda g: (g.astype(np.int16) - 128).astype(np.int8),
    "int16, negative": lambda g: np.where(g < 128, -3000, 3000).astype(np.int16),
    "uint16, full range": lambda g: g.astype(np.uint16) * 257,
    "uint16, 12-bit data": lambda g: np.where(g < 128, 200, 3900).astype(np.uint16),
    "int64": lambda g: g.astype(np.int64) * 10**12,
    "big-endian uint16": lambda g: (g.astype(np.uint16) * 257).astype(">u2"),
    "bool": lambda g: g >= 128,
    "NaN for paper": lambda g: np.where(g < 128, 0.0, np.nan),
    "inf for paper": lambda g: np.where(g < 128, 0.0, np.inf),
    "gray+alpha, 2 channels": lambda g: np.dstack([np.zeros_like(g), 255 - g]),
    "gray, 1 channel": lambda g: g[:, :, None],
    "BGRA float in 0..255": lambda g: _opaque(g).astype(np.float32),
    "BGRA uint16": lambda g: _opaque(g).astype(np.uint16) * 257,
    "BGR float64 in 0..1": lambda g: _bgr(g).astype(np.float64) / 255,
    "view of every other pixel": lambda g: np.kron(g, np.ones((2, 2), np.uint8))[::2, ::2],
    "transposed view": lambda g: np.ascontiguousarray(g.T).T,
    "upside-down view": lambda g: g[::-1, ::-1],
    "BGR view in RGB order": lambda g: _bgr(g)[:, :, ::-1],
    "read-only": lambda g: np.frombuffer(g.tobytes(), np.uint8).reshape(g.shape),
}


@pytest.mark.parametrize("kind", list(STRANGE_ARRAYS))
def test_a_code_is_read_from_any_depth_layout_or_channel_count(make_qr, kind: str) -> None:
    image = STRANGE_ARRAYS[kind](make_qr(URL.encode()))
    for options in (DecoderOptions.thorough(), DecoderOptions.live()):
        assert [c.text for c in QrDecoder(options).decode(image)] == [URL]


NOT_IMAGES = {
    "empty, 0x640": np.zeros((0, 640), np.uint8),
    "empty, 480x0x3": np.zeros((480, 0, 3), np.uint8),
    "1x1": np.zeros((1, 1), np.uint8),
    "1x1 BGR": np.full((1, 1, 3), 255, np.uint8),
    "1x1 float NaN": np.full((1, 1), np.nan),
    "all NaN": np.full((50, 50), np.nan, np.float32),
    "all inf, float64 beyond float32": np.full((50, 50), 1e300),
    "one value": np.full((50, 50), 7, np.int32),
    "1-D": np.zeros(640, np.uint8),
    "4-D": np.zeros((1, 48, 64, 3), np.uint8),
    "0-D": np.array(3),
    "5 channels": np.zeros((48, 64, 5), np.uint8),
    "complex": np.zeros((48, 64), np.complex64),
    "object": np.zeros((48, 64), object),
    "strings": np.full((48, 64), "x"),
    "a strip wider than zxing-cpp takes": np.full((1, 100_000), 255, np.uint8),
    "None": None,
    "a list": [[0, 255], [255, 0]],
}


@pytest.mark.parametrize("kind", list(NOT_IMAGES))
def test_an_array_with_nothing_to_read_gives_no_code_not_an_error(kind: str) -> None:
    for options in (DecoderOptions.thorough(), DecoderOptions.live()):
        assert QrDecoder(options).decode(NOT_IMAGES[kind]) == []


def test_a_code_in_an_image_too_wide_for_zxing_is_still_read(make_qr) -> None:
    # 70000 pixels wide: zxing-cpp refuses more than 65535 a side, so every 2nd pixel is read.
    tile = make_qr(URL.encode(), box=6)
    panorama = np.full((tile.shape[0], 70_000), 255, np.uint8)
    panorama[:, 40_000 : 40_000 + tile.shape[1]] = tile
    assert [c.text for c in QrDecoder(DecoderOptions.live()).decode(panorama)] == [URL]


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (np.zeros((0, 10), np.uint8), r"numpy array, got shape \(0, 10\)"),
        (None, "numpy array, got NoneType"),
        (np.zeros((10, 10, 5), np.uint8), "1 to 4 channels .* got 5"),
        (np.zeros((10, 10), np.complex128), "real-valued pixels, got complex128"),
    ],
)
def test_to_gray_says_why_an_array_is_no_image(image, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_gray(image)


def test_a_reader_that_fails_means_no_code_and_a_debug_line(make_qr, caplog) -> None:
    # zxing-cpp itself refuses a 2-channel array; decode() never hands it one.
    def refused(gray: np.ndarray) -> list:
        return zxingcpp.read_barcodes(np.dstack([gray, gray]))

    caplog.set_level(logging.DEBUG, logger="drivers.scanner.decoder")
    assert _safely(refused, make_qr(b"x")) == []
    [record] = caplog.records
    assert record.levelno == logging.DEBUG
    assert "ValueError" in record.exc_text


def test_a_bug_in_a_reader_means_no_code_and_an_error_line(make_qr, caplog) -> None:
    def buggy(gray: np.ndarray) -> list:
        return None.get("Version")  # what extra=None did

    assert _safely(buggy, make_qr(b"x")) == []
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert "AttributeError" in record.exc_text


# Photos on which zxing-cpp 3.1.0 reports a damaged QR symbol whose `extra` is None (it could
# not read the symbol's size); `b.extra.get(...)` raised AttributeError on each.
EXTRA_IS_NONE_ON_3_1_0 = [
    "qrcode-1/3.png", "qrcode-1/8.png", "qrcode-1/9.png", "qrcode-1/15.png", "qrcode-1/16.png",
    "qrcode-2/14.png", "qrcode-3/25.png", "falsepositives/22.png",
]  # fmt: skip


@pytest.mark.parametrize("name", EXTRA_IS_NONE_ON_3_1_0)
def test_photos_with_an_unreadable_symbol_size_decode_without_error(corpus: Path, name) -> None:
    assert isinstance(QrDecoder().decode(corpus / name), list)


@pytest.mark.parametrize(
    ("content", "symbology", "version"),
    [
        ("x" * 300, zxingcpp.BarcodeFormat.QRCode, 11),
        ("123", zxingcpp.BarcodeFormat.MicroQRCode, None),  # "M1": not a model 2 grid
        ("123", zxingcpp.BarcodeFormat.RMQRCode, None),  # "R11x27"
        ("abc", zxingcpp.BarcodeFormat.Code128, None),  # extra is None, not a dict
    ],
)
def test_qr_version_copes_with_whatever_extra_holds(content, symbology, version) -> None:
    made = zxingcpp.create_barcode(content, symbology)
    [barcode] = zxingcpp.read_barcodes(np.array(made.to_image(scale=4), dtype=np.uint8))
    assert _qr_version(barcode) == version
