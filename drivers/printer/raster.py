"""Draws a Document as a black-and-white picture of the paper: for the PDF and simulated
printers, and as the image fallback of printers that cannot print text or QR natively."""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from pathlib import Path

import qrcode
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from drivers.printer.document import Align, Cut, Document, Feed, Image, QrCode, Rule, Text, TextSize
from drivers.printer.line_break import break_lines

LINE_DOTS = 24  # font A is 12 × 24 dots; CJK characters are 24 × 24
_SCALE = {TextSize.NORMAL: (1, 1), TextSize.TALL: (1, 2), TextSize.LARGE: (2, 2),
          TextSize.HUGE: (2, 3)}
MARGIN_DOTS = 24  # 3 mm of white paper left and right, as a receipt printer leaves
_CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


@functools.cache
def cjk_font_path() -> str | None:
    """A font with Chinese glyphs: fontconfig's choice, else a well-known path."""
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:style=Regular"],
                capture_output=True, text=True, timeout=5, check=False,
            ).stdout.strip()
            if found and "CJK" in found and Path(found).exists():
                return found
        except (OSError, subprocess.SubprocessError):
            pass
    return next((path for path in _CJK_FONT_CANDIDATES if Path(path).exists()), None)


@functools.cache
def _font(height: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = cjk_font_path()
    if path is None:
        return ImageFont.load_default(size=height)
    if bold and Path(path.replace("Regular", "Bold")).exists():
        path = path.replace("Regular", "Bold")
    return ImageFont.truetype(path, size=height)


def render_document(document: Document, width_dots: int = 576,
                    margin: int = MARGIN_DOTS) -> PILImage.Image:
    """The whole document as one 1-bit image `width_dots` wide."""
    parts = [_render_block(block, width_dots - 2 * margin) for block in document.blocks]
    height = sum(part.height for part in parts) + 2 * margin
    page = PILImage.new("1", (width_dots, max(height, 1)), 1)
    y = margin
    for block, part in zip(document.blocks, parts, strict=True):
        align = getattr(block, "align", Align.LEFT)
        page.paste(part, (margin + _offset(align, width_dots - 2 * margin, part.width), y))
        y += part.height
    return page


def _offset(align: Align, room: int, width: int) -> int:
    if align == Align.CENTER:
        return max((room - width) // 2, 0)
    if align == Align.RIGHT:
        return max(room - width, 0)
    return 0


def _render_block(block: object, width: int) -> PILImage.Image:
    if isinstance(block, Text):
        return _render_text(block, width)
    if isinstance(block, QrCode):
        return _render_qr(block, width)
    if isinstance(block, Image):
        return _render_image(block, width)
    if isinstance(block, Rule):
        image = PILImage.new("1", (width, LINE_DOTS), 1)
        ImageDraw.Draw(image).line([(0, LINE_DOTS // 2), (width, LINE_DOTS // 2)], fill=0, width=2)
        return image
    if isinstance(block, Feed):
        return PILImage.new("1", (width, LINE_DOTS * block.lines), 1)
    if isinstance(block, Cut):
        image = PILImage.new("1", (width, LINE_DOTS * 2), 1)
        draw = ImageDraw.Draw(image)
        for x in range(0, width, 16):
            draw.line([(x, LINE_DOTS), (x + 8, LINE_DOTS)], fill=0, width=1)
        return image
    raise TypeError(f"cannot print a {type(block).__name__}")


def text_lines(block: Text, width: int) -> list[str]:
    """The lines a text block is drawn in, `width` dots wide."""
    font = _font(LINE_DOTS * _SCALE[block.size][0], block.bold)
    lines = []
    for paragraph in block.text.split("\n"):
        lines.extend(break_lines(paragraph, lambda line: font.getlength(line) <= width))
    return lines


def _render_text(block: Text, width: int) -> PILImage.Image:
    scale_x, scale_y = _SCALE[block.size]
    font = _font(LINE_DOTS * scale_x, block.bold)  # wider is a bigger font, as on the printer
    lines = text_lines(block, width)
    ascent, descent = font.getmetrics()
    line_height = ascent + descent
    image = PILImage.new("1", (width, line_height * len(lines)), 1)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):  # each line placed on its own, so centred lines centre
        left = _offset(block.align, width, int(draw.textlength(line, font=font)))
        draw.text((left, row * line_height), line, font=font, fill=0)
    if scale_y > scale_x:  # taller than wide: stretch, as the printer does
        height = image.height * scale_y // scale_x
        image = image.resize((image.width, height), PILImage.Resampling.NEAREST)
    return image


def _render_qr(block: QrCode, width: int) -> PILImage.Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=1)
    code.add_data(block.data.encode("utf-8"))
    code.make(fit=True)
    matrix = code.make_image(fill_color="black", back_color="white").get_image().convert("1")
    size = min(matrix.width * block.module_dots, width)
    return matrix.resize((size, size), PILImage.Resampling.NEAREST)


def _render_image(block: Image, width: int) -> PILImage.Image:
    picture = PILImage.open(io.BytesIO(block.png))
    picture.load()
    if picture.width > width:
        picture = picture.resize((width, max(1, picture.height * width // picture.width)))
    return picture.convert("L").convert("1")
