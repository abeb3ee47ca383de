"""The QR decoder on real photographs (the shared ZXing corpus) and on codes made here with
Chinese and Japanese text in the encodings real encoders use."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
import zxingcpp

from drivers.scanner.decoder import (
    DecoderOptions,
    QrDecoder,
    UnreadableImage,
    _qr_version,
    decode_text,
    zbar_decode,
)

CHINESE = "上海市一网通办：张三，身份证 310101199001011234，地址 浦东新区世纪大道100号"


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


def test_a_damaged_image_file_gives_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(UnreadableImage, match=r"broken\.png: not an image file OpenCV can read"):
        QrDecoder().decode(broken)


def test_a_missing_or_empty_image_file_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableImage, match=r"missing\.png: No such file"):
        QrDecoder().decode(tmp_path / "missing.png")
    (tmp_path / "empty.jpg").write_bytes(b"")
    with pytest.raises(UnreadableImage, match=r"empty\.jpg"):
        QrDecoder().decode(tmp_path / "empty.jpg")


def test_an_image_with_no_code_gives_no_code() -> None:
    noise = np.random.default_rng(3).integers(0, 256, (480, 640), dtype=np.uint8)
    assert QrDecoder().decode(noise) == []
    assert QrDecoder().decode(np.full((100, 100, 3), 255, np.uint8)) == []


def test_an_array_that_is_not_an_image_is_refused() -> None:
    with pytest.raises(ValueError, match="8 or 16 bit"):
        QrDecoder().decode(np.zeros((10, 10), np.float64))
    with pytest.raises(ValueError, match="channels"):
        QrDecoder().decode(np.zeros((10, 10, 2), np.uint8))


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
