"""A platform record made ready for paper: the privacy rule applied to its header and rows,
laid out on A4 (kiosk/record_pdf.py), and a receipt-size slip for printers that cannot print
A4; and the few rows a preview shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from district.models import Record
from drivers.printer.document import Align, Cut, Document, Feed, QrCode, Text, TextSize
from kiosk.config import Site
from kiosk.i18n import Messages
from kiosk.receipt import english_punctuation, verify_code
from kiosk.record_pdf import Layout, record_pdf
from kiosk.slip_privacy import in_text, labelled

_WORDS = ("number", "issuer", "issued", "scan", "watermark", "page")


@dataclass(frozen=True)
class Printable:
    """A record as it goes to paper: the document (its PDF and the slip) and how many pages."""

    document: Document
    pages: int
    number: str
    title_zh: str
    title_en: str
    columns: tuple[str, ...]
    header: tuple[tuple[str, str], ...]  # as printed: masked
    rows: tuple[tuple[str, ...], ...]  # as printed


def masked(record: Record) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, ...], ...]]:
    """The header and rows as they may be printed (kiosk/slip_privacy.py), each row as many
    cells as there are columns."""
    header = tuple((label, labelled(label, value)) for label, value in record.header)
    width = len(record.columns)
    rows = tuple(tuple(in_text(cell) for cell in (*row, *("",) * width)[:width])
                 for row in record.rows) if width else ()
    return header, rows


def printable(record: Record, *, site: Site, messages: Messages, language: str,
              verify_url: str, printed_at: dt.datetime, large_print: bool = False) -> Printable:
    zh = language.startswith("zh")
    header, rows = masked(record)
    words = {word: messages.text(f"record.{word}", language, **_placeholders(word))
             for word in _WORDS}
    if not zh:
        words = {word: english_punctuation(text) for word, text in words.items()}
    url = verify_code(record.number, verify_url)
    layout = Layout(zh=zh, kiosk_id=site.kiosk_id, printed_at=printed_at, verify_url=url,
                    words=words, large=large_print)
    shown = record.model_copy(update={"header": header, "rows": rows,
                                      "note": in_text(record.note)})
    data, pages = record_pdf(shown, layout)
    title = record.title_zh if zh else record.title_en
    slip = (
        Text(site.name_zh if zh else site.name_en, bold=True, align=Align.CENTER),
        Text(title, size=TextSize.LARGE, bold=True, align=Align.CENTER),
        Text(f"{words['number']}: {record.number}", align=Align.CENTER),
        Text(messages.text("record.a4_slip", language), align=Align.CENTER),
        QrCode(url, module_dots=5),
        Feed(2),
        Cut(),
    )
    document = Document(slip, title=f"record-{record.kind}-{record.number}", pdf=data)
    return Printable(document, pages, record.number, record.title_zh, record.title_en,
                     record.columns, header, rows)


def _placeholders(word: str) -> dict[str, str]:
    """Keep a text's own placeholders for the layout to fill per page."""
    if word == "watermark":
        return {"kiosk": "{kiosk}", "time": "{time}"}
    if word == "page":
        return {"page": "{page}", "pages": "{pages}"}
    return {}
