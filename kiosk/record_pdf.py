"""A platform record laid out on A4 as a PDF with real text (fpdf2): the title, the issuer, the
header fields, a table whose column headings repeat on every page, a verification QR code,
page numbers and a watermark naming the kiosk and the time on every page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import qrcode
from fpdf import FPDF
from fpdf.fonts import FontFace

from district.models import Record
from drivers.printer.raster import cjk_font_path
from kiosk.config import LOCAL_TIME

MARGIN_MM = 18
QR_MM = 32
WATERMARK_GREY = 200  # light enough to read the table through it


@dataclass(frozen=True)
class Layout:
    """What a record page says around the record itself, in the visit's language."""

    zh: bool
    kiosk_id: str
    printed_at: dt.datetime
    verify_url: str
    words: dict[str, str]  # label texts: number, issuer, issued, scan, watermark, page
    large: bool = False  # large print: every text a third bigger

    def page(self, number: int | str, total: int | str) -> str:
        return self.words["page"].format(page=number, pages=total)


class _RecordPdf(FPDF):
    def __init__(self, layout: Layout):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.layout = layout
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=MARGIN_MM + 6)
        font = cjk_font_path()
        if font is None:
            raise RuntimeError("no font with Chinese glyphs is installed (fonts-noto-cjk)")
        index = 2 if font.endswith(".ttc") else 0  # Noto Sans CJK's collection: 2 is SC
        # one weight only: fpdf2 reads and subsets the whole 65,000-glyph font for each one,
        # a second or more each (`python -m bench record_pdf`); size and shade do the rest
        self.add_font("cjk", "", font, collection_font_number=index)
        self.alias_nb_pages("{pages}")
        self.scale = 4 / 3 if layout.large else 1.0

    def use(self, points: float) -> float:
        """Set the font at `points` (scaled for large print); the line height in mm."""
        self.set_font("cjk", "", points * self.scale)
        return points * self.scale * 0.53

    def header(self) -> None:
        """The watermark first, so the page's text lies over it."""
        layout = self.layout
        text = layout.words["watermark"].format(
            kiosk=layout.kiosk_id, time=layout.printed_at.astimezone(LOCAL_TIME)
            .strftime("%Y-%m-%d %H:%M"))
        with self.local_context(text_color=WATERMARK_GREY):
            self.set_font("cjk", "", 16)
            for row in range(4):
                y = 70 + row * 60
                with self.rotation(30, x=self.w / 2, y=y):
                    self.set_xy(0, y)
                    self.cell(self.w, 10, text, align="C")
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_y(-MARGIN_MM)
        self.cell(0, self.use(9), self.layout.page(self.page_no(), "{pages}"), align="C")


def record_pdf(record: Record, layout: Layout) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages; the record's header and rows are printed as
    given (the caller has applied the privacy rule)."""
    pdf = _RecordPdf(layout)
    pdf.add_page()
    words = layout.words
    title = record.title_zh if layout.zh else record.title_en
    _qr(pdf, layout.verify_url)
    pdf.multi_cell(pdf.epw - QR_MM - 4, pdf.use(18), title, new_x="LMARGIN", new_y="NEXT")
    height = pdf.use(10)
    issued = record.issued_at.astimezone(LOCAL_TIME).strftime("%Y-%m-%d %H:%M")
    colon = "：" if layout.zh else ": "
    for line in (f"{words['issuer']}{colon}{record.issuer}", f"{words['issued']}{colon}{issued}",
                 f"{words['number']}{colon}{record.number}"):
        pdf.multi_cell(pdf.epw - QR_MM - 4, height, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), MARGIN_MM + QR_MM + 8))
    pdf.ln(2)
    height = pdf.use(11)
    for label, value in record.header:
        pdf.cell(40 * pdf.scale, height * 1.2, label)
        pdf.multi_cell(0, height * 1.2, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if record.columns:
        height = pdf.use(10)
        with pdf.table(repeat_headings=1, line_height=height * 1.2, text_align="LEFT",
                       col_widths=_widths(record),
                       headings_style=FontFace(emphasis="", fill_color=225)) as table:
            table.row(record.columns)
            for row in record.rows:
                table.row(row)
    if record.note:
        pdf.ln(3)
        pdf.multi_cell(0, pdf.use(10), record.note, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    return data, pdf.pages_count


def _widths(record: Record) -> tuple[float, ...]:
    """Each column as wide as its longest cell needs (a Chinese character counts twice),
    within limits, so short columns leave room to long ones."""
    def need(text: str) -> int:
        return sum(1 if char.isascii() else 2 for char in text)

    return tuple(
        float(min(max(need(cell) for cell in column), 30) + 3)
        for column in zip(record.columns, *record.rows, strict=False))


def _qr(pdf: _RecordPdf, data: str) -> None:
    """The verification code at the top right, with what to do under it."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=8)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    picture = code.make_image(fill_color="black", back_color="white").get_image()
    x = pdf.w - MARGIN_MM - QR_MM
    pdf.image(picture, x=x, y=MARGIN_MM, w=QR_MM, h=QR_MM)
    pdf.set_font("cjk", "", 8)
    pdf.set_xy(x - 4, MARGIN_MM + QR_MM)
    pdf.cell(QR_MM + 8, 5, pdf.layout.words["scan"], align="C")
    pdf.set_xy(pdf.l_margin, MARGIN_MM)
