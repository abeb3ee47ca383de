"""Made-up paper documents for the simulated document camera, the developer panel and tests:
a 结婚证-like page and a bank card slip, drawn with PIL and the CJK font. Nobody real."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PIL import Image, ImageDraw, ImageFont

from drivers.idcard.card import id_check_digit
from drivers.idcard.samples import ADULT
from drivers.printer.raster import cjk_font_path

PAGE = (1600, 1100)  # landscape, as a page lies under a document camera


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str


SAMPLE = Person(ADULT.name, ADULT.id_number)  # the sample 35-year-old's card
STRANGER = Person("赵建国", "31011319850214003" + id_check_digit("31011319850214003"))  # another


def _font(size: int) -> ImageFont.FreeTypeFont:
    path = cjk_font_path()
    if path is None:
        raise RuntimeError("no CJK font: install fonts-noto-cjk")
    return ImageFont.truetype(path, size)


def _page(lines: list[tuple[str, int]], border: str) -> Image.Image:
    image = Image.new("RGB", PAGE, "#f4efe4")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, PAGE[0] - 40, PAGE[1] - 40), outline=border, width=8)
    y = 110
    for text, size in lines:
        draw.text((140, y), text, font=_font(size), fill="#1a1a1a")
        y += int(size * 1.9)
    return image


def marriage_certificate(person: Person = SAMPLE, spouse: str = "张丽",
                         issued: date = date(2020, 5, 20)) -> Image.Image:
    """A page like a 结婚证's: holder, number, date of registration."""
    return _page([
        ("结婚证", 72),
        (f"持证人  {person.name}", 52),
        (f"身份证件号  {person.id_number}", 52),
        (f"配偶  {spouse}", 52),
        (f"登记日期  {issued.year}年{issued.month:02d}月{issued.day:02d}日", 52),
        ("登记机关  上海市宝山区民政局", 52),
    ], border="#a0262c")


def bank_card_slip(person: Person = SAMPLE, printed: date = date(2026, 11, 20)) -> Image.Image:
    """A bank's slip naming the account holder (a 银行卡 photocopy's cover page)."""
    return _page([
        ("银行卡信息确认单", 72),
        (f"户名  {person.name}", 52),
        (f"证件号码  {person.id_number}", 52),
        ("卡号  6222 0210 0112 3456 789", 52),
        ("开户行  中国工商银行上海宝山支行", 52),
        (f"打印日期  {printed.isoformat()}", 52),
    ], border="#1f4e8c")


SAMPLES = {
    "marriage": marriage_certificate,
    "bank_card": bank_card_slip,
    "bank_card_other": lambda: bank_card_slip(STRANGER),
}
