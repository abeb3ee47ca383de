"""The ESC/POS bytes a Document becomes: checked byte for byte where the manual fixes them, and
walked command by command with the test's own parser."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from drivers.printer.document import (
    Align,
    Cut,
    Document,
    Feed,
    Image,
    QrCode,
    Rule,
    Text,
    TextSize,
)
from drivers.printer.escpos_render import EscPosSettings, render_escpos, wrap
from tests.drivers.printer.printer_testkit import CutOp, FeedOp, Qr, Raster, parse

RECEIPT = "办事回执：１２３"
RECEIPT_GB18030 = bytes.fromhex("b0ec cac2 bbd8 d6b4 a3ba a3b1 a3b2 a3b3")


def render(*blocks, **settings) -> bytes:
    return render_escpos(Document(tuple(blocks)), EscPosSettings(**settings))


def test_chinese_text_with_full_width_characters_is_gb18030():
    data = render(Text(RECEIPT))
    assert data.startswith(b"\x1b@\x1c&")  # ESC @, then FS & for double-byte characters
    assert RECEIPT_GB18030 + b"\n" in data
    assert b"?" not in data


def test_cjk_punctuation_alone_is_still_gb18030():
    # python-escpos would send this through a single-byte code page and print "?"
    data = render(Text("：１２３（）"))
    assert "：１２３（）".encode("gb18030") + b"\n" in data
    assert b"?" not in data


def test_ascii_only_document_does_not_switch_to_chinese_mode():
    data = render(Text("Receipt 123"))
    assert b"\x1c&" not in data
    assert b"Receipt 123\n" in data


def test_big5_is_a_setting():
    data = render(Text("臺灣回執"), encoding="big5")
    assert "臺灣回執".encode("big5") + b"\n" in data
    assert parse(data, "big5").texts() == ["臺灣回執"]


@pytest.mark.parametrize(
    ("size", "gs_bang"),
    [(TextSize.NORMAL, 0x00), (TextSize.TALL, 0x01), (TextSize.LARGE, 0x11),
     (TextSize.HUGE, 0x12)],
)
def test_text_size_is_gs_bang(size, gs_bang):
    data = render(Text("A1", size))
    assert bytes((0x1D, 0x21, gs_bang)) + b"\x1bE\x00\x1ba\x00A1\n" in data


def test_bold_and_alignment():
    data = render(Text("C", bold=True, align=Align.CENTER), Text("R", align=Align.RIGHT))
    assert b"\x1bE\x01\x1ba\x01C\n" in data
    assert b"\x1bE\x00\x1ba\x02R\n" in data
    lines = parse(data).lines()
    assert (lines[0].bold, lines[0].align) == (True, "center")
    assert (lines[1].bold, lines[1].align) == (False, "right")


def test_large_text_returns_to_normal_afterwards():
    lines = parse(render(Text("大", TextSize.LARGE, bold=True), Text("small"))).lines()
    assert (lines[0].width, lines[0].height, lines[0].bold) == (2, 2, True)
    assert (lines[1].width, lines[1].height, lines[1].bold) == (1, 1, False)


def test_native_qr_is_the_gs_paren_k_sequence():
    data = render(QrCode("HELLO", module_dots=6, align=Align.CENTER))
    expected = (
        b"\x1ba\x01"
        + b"\x1d(k\x04\x00\x31\x41\x32\x00"  # model 2
        + b"\x1d(k\x03\x00\x31\x43\x06"  # module 6 dots
        + b"\x1d(k\x03\x00\x31\x45\x31"  # error level M
        + b"\x1d(k\x08\x00\x31\x50\x30HELLO"  # store
        + b"\x1d(k\x03\x00\x31\x51\x30"  # print
    )
    assert expected in data
    assert parse(data).of(Qr) == [Qr("HELLO", 6, "M", 2)]


def test_native_qr_carries_chinese_as_utf8():
    assert parse(render(QrCode("回执 123"))).of(Qr)[0].data == "回执 123"


def test_qr_as_image_is_a_raster_that_decodes():
    zxingcpp = pytest.importorskip("zxingcpp")
    data = render(QrCode("https://zwdt.sh.gov.cn/回执", module_dots=4), width_mm=58, qr="image")
    assert b"\x1d(k" not in data
    (raster,) = parse(data).of(Raster)
    assert raster.width_dots == 384
    picture = _raster_picture(raster)
    assert [r.text for r in zxingcpp.read_barcodes(picture)] == ["https://zwdt.sh.gov.cn/回执"]
    black = [x for x in range(384) if picture.getpixel((x, raster.height // 2)) == 0]
    assert abs((black[0] + black[-1]) / 2 - 192) < 8  # centred by padding


@pytest.mark.parametrize(("width_mm", "columns"), [(58, 32), (80, 48)])
def test_rule_spans_the_paper(width_mm, columns):
    assert parse(render(Rule(), width_mm=width_mm)).texts() == ["-" * columns]


@pytest.mark.parametrize(("partial", "command"), [(False, b"\x1dV\x00"), (True, b"\x1dV\x01")])
def test_cut(partial, command):
    data = render(Text("x"), Cut(partial=partial))
    assert data.endswith(b"\x1bd\x04" + command)
    assert parse(data).of(CutOp) == [CutOp(partial)]


def test_feed():
    assert parse(render(Feed(3))).of(FeedOp) == [FeedOp(3)]


def test_image_block_is_padded_to_the_paper_width():
    picture = PILImage.new("RGB", (100, 50), "black")
    png = io.BytesIO()
    picture.save(png, "PNG")
    (raster,) = parse(render(Image(png.getvalue(), Align.RIGHT), width_mm=58)).of(Raster)
    assert (raster.width_dots, raster.height) == (384, 50)
    row = raster.rows[0]
    assert row[:35] == bytes(35)  # white on the left
    assert row[-12:] == b"\xff" * 12  # black at the right edge


def test_wide_image_is_scaled_to_the_paper():
    png = io.BytesIO()
    PILImage.new("L", (1000, 100), 0).save(png, "PNG")
    (raster,) = parse(render(Image(png.getvalue()), width_mm=80)).of(Raster)
    assert (raster.width_dots, raster.height) == (576, 57)


def test_long_text_wraps_by_columns():
    text = "上海市一网通办自助终端办事回执请妥善保管"  # 20 characters, 40 columns
    assert parse(render(Text(text), width_mm=58)).texts() == [text[:16], text[16:]]
    large = parse(render(Text(text, TextSize.LARGE), width_mm=58)).texts()
    assert large == [text[:8], text[8:16], text[16:]]


def test_wrap_breaks_english_at_spaces():
    assert wrap("please take your receipt now", 12) == ["please take", "your receipt", "now"]
    assert wrap("ab办c", 3) == ["ab", "办c"]


def test_control_characters_in_text_cannot_inject_commands():
    data = render(Text("a\x1bd\x09b\x1dV\x00"))
    assert parse(data).texts() == ["a d b V "]
    assert b"\x1dV" not in data


def test_whole_document_round_trips_through_the_parser():
    document = Document(
        (
            Text("通办回执", TextSize.LARGE, bold=True, align=Align.CENTER),
            Text(RECEIPT),
            Text("Reference 42", TextSize.TALL),
            QrCode("REF-42"),
            Rule(),
            Cut(partial=True),
        )
    )
    stream = parse(render_escpos(document, EscPosSettings(width_mm=58)))
    assert stream.initialised and stream.chinese_mode
    texts = [t for t in stream.texts() if t]
    assert texts == ["通办回执", RECEIPT, "Reference 42", "-" * 32]
    assert stream.lines()[0].width == 2
    assert [op.data for op in stream.of(Qr)] == ["REF-42"]
    assert isinstance(stream.ops[-1], CutOp) and stream.ops[-1].partial


def _raster_picture(raster: Raster) -> PILImage.Image:
    bits = b"".join(raster.rows)
    return PILImage.frombytes("1", (raster.width_dots, raster.height), bytes(255 - b for b in bits))
