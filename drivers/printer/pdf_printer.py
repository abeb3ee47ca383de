"""A printer for development and for spoolers: draws a Document (raster.render_document) into
a PDF, on receipt-width pages or on A4 pages where a Cut starts a new page; a document laid
out as a PDF already (an A4 record) is written as it is."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

from PIL import Image as PILImage

from drivers.base import Actor, CancelToken, Command, Device, DeviceError, DeviceState
from drivers.printer.document import Cut, Document, PrintResult
from drivers.printer.raster import render_document

PAGES = ("receipt", "a4")
RECEIPT_DPI = 203  # what thermal receipt printers print at
A4_DPI = 150
A4_DOTS = (1240, 1754)  # 210 × 297 mm at 150 dpi
A4_MARGIN = 90  # 15 mm


def document_to_pdf(document: Document, page: str = "receipt", width_dots: int = 576) -> bytes:
    """The PDF file's bytes: one receipt-width page as long as the document, or A4 pages."""
    if page not in PAGES:
        raise ValueError(f"page must be receipt or a4, not {page!r}")
    if document.pdf is not None:  # laid out on A4 already
        return document.pdf
    if page == "receipt":
        pages = [render_document(document, width_dots).convert("L")]
        dpi = RECEIPT_DPI
    else:
        pages = _a4_pages(document)
        dpi = A4_DPI
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:],
                  title=document.title or "receipt")
    return out.getvalue()


def _a4_pages(document: Document) -> list[PILImage.Image]:
    """Lays blocks down the page and starts a new one at a Cut or when the next block does
    not fit; a block taller than a page is sliced."""
    width, height = A4_DOTS
    room = height - 2 * A4_MARGIN
    pages: list[PILImage.Image] = []
    page, y = _blank_a4(), A4_MARGIN
    for block in document.blocks:
        if isinstance(block, Cut):
            pages.append(page)
            page, y = _blank_a4(), A4_MARGIN
            continue
        picture = render_document(Document((block,)), width - 2 * A4_MARGIN, margin=0).convert("L")
        top = 0
        while top < picture.height:
            if y > A4_MARGIN and y + min(picture.height - top, room) > height - A4_MARGIN:
                pages.append(page)
                page, y = _blank_a4(), A4_MARGIN
            part = picture.crop((0, top, picture.width, top + min(room, picture.height - top)))
            page.paste(part, (A4_MARGIN, y))
            y += part.height
            top += part.height
    if y > A4_MARGIN or not pages:
        pages.append(page)
    return pages


def _blank_a4() -> PILImage.Image:
    return PILImage.new("L", A4_DOTS, 255)


class PdfPrinter(Device):
    """Writes each job to `path`, replacing the previous one."""

    kind = "printer"
    capabilities = frozenset({"receipt", "a4", "qr", "gb18030"})

    def __init__(self, name: str, path: Path, *, page: str = "receipt", width_dots: int = 576):
        super().__init__(name)
        if page not in PAGES:
            raise ValueError(f"page must be receipt or a4, not {page!r}")
        self.path = Path(path)
        self.page = page
        self.width_dots = width_dots
        self._jobs = itertools.count(1)

    def print_document(self, document: Document, timeout: float = 30.0) -> Command[PrintResult]:
        return self.call("print", lambda token: self._print(document, token), timeout=timeout)

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DeviceError(
                f"cannot write PDFs to {self.path.parent}: {error.strerror}",
                actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE, code="not_writable",
            ) from None

    def _print(self, document: Document, token: CancelToken) -> PrintResult:
        before = self._read_status()
        data = document_to_pdf(document, self.page, self.width_dots)
        token.raise_if_cancelled()
        try:
            self.path.write_bytes(data)
        except OSError as error:
            raise DeviceError(
                f"cannot write {self.path}: {error.strerror}",
                actor=Actor.ENGINEER, state=DeviceState.HARDWARE_ERROR, code="not_writable",
            ) from error
        return PrintResult(f"{self.name}-{next(self._jobs):04d}", path=self.path, before=before,
                           after=self._read_status(), bytes_sent=len(data))
