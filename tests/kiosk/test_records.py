"""An A4 record read back from its PDF (pypdfium2): its pages, page numbers, the watermark and
the column headings on every page, the ID number masked, and the verification QR code decoded
from the rendered page with the kiosk's own decoder."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pypdfium2 as pdfium
import pytest

from district.models import Record
from drivers.printer.pdf_printer import PdfPrinter
from drivers.scanner.decoder import QrDecoder
from kiosk.config import load_settings
from kiosk.i18n import load_messages
from kiosk.receipt import reference_in
from kiosk.records import printable

SETTINGS = load_settings()
PRINTED_AT = dt.datetime(2026, 12, 1, 6, 5, tzinfo=dt.UTC)  # 14:05 in Shanghai
ID_NUMBER = "31011319440315002X"
COLUMNS = ("年月", "单位", "险种", "缴费基数", "个人缴费", "状态")


def record(months: int) -> Record:
    rows = tuple((f"{2026 - m // 12}-{12 - m % 12:02d}", "宝山区某某科技有限公司", "养老保险",
                  f"{8000 + m}.00", f"{640 + m}.00", "已缴") for m in range(months))
    return Record(kind="social_security_contributions", number="SB2612010001",
                  title_zh="上海市社会保险个人缴费记录", title_en="Social security contributions",
                  issuer="上海市社会保险事业管理中心", issued_at=PRINTED_AT,
                  header=(("姓名", "王秀英"), ("身份证号", ID_NUMBER), ("社保卡号", "1234567890"),
                          ("参保状态", "正常缴费")),
                  columns=COLUMNS, rows=rows, note=f"持证人 {ID_NUMBER}，电话 13916627358")


def made(months: int, language: str = "zh_CN", large: bool = False):
    return printable(record(months), site=SETTINGS.site, messages=load_messages(),
                     language=language, verify_url=SETTINGS.receipts.verify_url,
                     printed_at=PRINTED_AT, large_print=large)


def page_texts(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


@pytest.mark.parametrize(("language", "page_words", "watermark"), [
    ("zh_CN", "第 {page} 页 共 {pages} 页", "BS-YY-001 自助终端打印 2026-12-01 14:05"),
    ("en", "Page {page} of {pages}", "Printed at kiosk BS-YY-001, 2026-12-01 14:05"),
])
def test_every_page_has_its_number_the_watermark_and_the_headings(language, page_words,
                                                                  watermark):
    result = made(120, language)
    texts = page_texts(result.document.pdf)
    assert len(texts) == result.pages >= 3
    for number, text in enumerate(texts, start=1):
        assert page_words.format(page=number, pages=len(texts)) in text
        assert watermark in text
        assert " ".join(COLUMNS) in text  # the headings repeat on each page
    everything = "".join(texts)
    assert all(f"{2026 - m // 12}-{12 - m % 12:02d}" in everything for m in range(120))


def test_a_short_record_is_one_page():
    result = made(3)
    assert result.pages == 1
    assert "第 1 页 共 1 页" in page_texts(result.document.pdf)[0]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_id_number_is_masked_everywhere(language):
    result = made(30, language)
    everything = "".join(page_texts(result.document.pdf))
    assert ID_NUMBER not in everything and "19440315" not in everything
    assert "310***********002X" in everything
    assert "王秀英" not in everything and "王*英" in everything
    assert "13916627358" not in everything
    assert "1234567890" not in everything and "******7890" in everything
    assert "正常缴费" in everything  # a public value, in full
    assert ID_NUMBER not in result.document.plain_text()


def test_the_qr_code_opens_the_verification_page():
    result = made(30)
    document = pdfium.PdfDocument(result.document.pdf)
    try:
        picture = document[0].render(scale=2).to_pil().convert("L")
    finally:
        document.close()
    found = [code.text for code in QrDecoder().decode(np.asarray(picture))]
    assert found == ["https://ywtb.example/verify/SB2612010001"]
    assert reference_in(found[0], SETTINGS.receipts.verify_url) == "SB2612010001"


def test_the_a4_printer_writes_the_record_as_laid_out(tmp_path):
    result = made(30)
    printer = PdfPrinter("a4", tmp_path / "out.pdf", page="a4")
    printer.start()
    try:
        printed = printer.print_document(result.document).result()
    finally:
        printer.stop()
    assert printed.path.read_bytes() == result.document.pdf


def test_rows_shorter_or_longer_than_the_columns_still_print():
    ragged = record(2).model_copy(update={"rows": (("2026-01",), tuple("abcdefgh"))})
    result = printable(ragged, site=SETTINGS.site, messages=load_messages(), language="zh_CN",
                       verify_url=SETTINGS.receipts.verify_url, printed_at=PRINTED_AT)
    assert result.rows[0] == ("2026-01", "", "", "", "", "")
    assert result.rows[1] == tuple("abcdef")
    assert "2026-01" in page_texts(result.document.pdf)[0]


def test_large_print_makes_every_text_bigger():
    standard, large = made(60), made(60, large=True)
    assert large.pages > standard.pages
    sizes = []
    for result in (standard, large):
        document = pdfium.PdfDocument(result.document.pdf)
        try:
            text = document[0].get_textpage()
            index = text.get_text_range().index("王")  # the header's masked name
            sizes.append(text.get_charbox(index)[3] - text.get_charbox(index)[1])
        finally:
            document.close()
    assert sizes[1] == pytest.approx(sizes[0] * 4 / 3, rel=0.1)
