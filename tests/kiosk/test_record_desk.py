"""The record flow on the real embedded platform, without Qt: the record fetched as a visit
job and laid out, printed or shared once; a platform that is down, a printer out of paper, a
declined consent, a visit that ends while the record is on its way."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest

from drivers.base import PaperState
from drivers.idcard.samples import ELDERLY
from drivers.scanner.decoder import QrDecoder
from kiosk.receipt import verify_code
from kiosk.services.catalogue import load_catalogue
from kiosk.view import ScreenName as S
from tests.kiosk.test_booking import identified

RECORD = "social_security_record"


def to_preview(rig) -> None:
    identified(rig)
    rig.kiosk.choose_service(RECORD)
    assert rig.view.screen == S.RECORD_PREVIEW
    assert rig.state.record.busy and not rig.state.record.ready
    rig.jobs.finish_all()


def test_the_record_is_fetched_laid_out_and_printed(appointments):
    rig, _store, _wall = appointments
    to_preview(rig)
    record = rig.state.record
    assert record.ready and record.title and record.pages.startswith("共 ")
    assert 1 <= len(record.rows) <= 3 and record.columns
    rig.kiosk.print_record()
    rig.kiosk.print_record()  # a double touch prints once
    assert len(rig.jobs.waiting) == 1
    rig.jobs.finish_all()
    assert rig.view.screen == S.RECORD_DONE and rig.state.record.printed is True
    (printed,) = rig.printer.printed
    assert printed.pdf.startswith(b"%PDF") and printed.title.startswith("record-")


def test_the_phone_gets_a_one_time_code_and_no_paper(appointments):
    rig, _store, _wall = appointments
    to_preview(rig)
    rig.kiosk.share_record()
    rig.jobs.finish_all()
    assert rig.view.screen == S.RECORD_DONE
    assert rig.state.record.share_url.startswith("https://") and rig.state.record.share_until
    assert rig.printer.printed == []


def test_a_platform_that_is_down_is_one_calm_line_and_a_retry(appointments):
    rig, _store, _wall = appointments
    identified(rig)
    rig.network_down()
    rig.kiosk.choose_service(RECORD)
    rig.jobs.finish_all()
    record = rig.state.record
    assert rig.view.screen == S.RECORD_PREVIEW
    assert record.problem == "暂时查不到记录。请再试一次，或到服务窗口咨询。"
    assert not record.ready
    rig.kiosk.print_record()  # nothing to print yet
    assert not rig.jobs.waiting
    rig.network_down(False)
    rig.kiosk.retry()
    rig.jobs.finish_all()
    assert rig.state.record.ready and not rig.state.record.problem


def test_a_printer_without_paper_says_so_and_keeps_the_visit(appointments):
    rig, _store, _wall = appointments
    to_preview(rig)
    rig.printer.set_paper(PaperState.OUT)
    rig.kiosk.print_record()
    rig.jobs.finish_all()
    assert rig.view.screen == S.RECORD_DONE and rig.state.record.printed is False
    assert "printing" not in rig.visit.holds


def test_declining_consent_asks_again_before_any_record(appointments):
    rig, _store, _wall = appointments
    from drivers.base import CardRead

    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(False)
    rig.jobs.finish_all()
    rig.kiosk.choose_service(RECORD)
    assert rig.view.screen == S.CONSENT  # a record is the resident's data: asked first
    assert not rig.jobs.waiting


def test_a_record_arriving_after_the_visit_ended_is_dropped(appointments):
    rig, _store, _wall = appointments
    identified(rig)
    rig.kiosk.choose_service(RECORD)
    rig.kiosk.end_now()  # 退出 while the record is on its way
    rig.jobs.finish_all()
    assert rig.visit.record.made is None and rig.view.screen == S.ATTRACT


def test_a_kiosk_with_a_receipt_printer_only_offers_the_phone(settings, clock, tmp_path):
    from drivers.printer.file_printer import FilePrinter
    from tests.kiosk.appointment_rig import appointment_rig

    printer = FilePrinter("printer", tmp_path / "escpos.bin")  # ESC/POS bytes, no A4
    printer.start()
    rig, _store, _wall = appointment_rig(settings, clock, printer)
    try:
        to_preview(rig)
        record = rig.state.record
        assert record.ready and not record.can_print
        rig.kiosk.print_record()
        assert not rig.jobs.waiting and rig.view.screen == S.RECORD_PREVIEW
        rig.kiosk.share_record()
        rig.jobs.finish_all()
        assert rig.view.screen == S.RECORD_DONE and rig.state.record.share_url
    finally:
        rig.close()
        printer.stop()


RECORD_SERVICES = [s.id for s in load_catalogue() if s.flow == "record"]


@pytest.mark.parametrize("service_id", RECORD_SERVICES)
def test_every_record_service_prints_a_record_that_reads_back(appointments, service_id):
    rig, _store, _wall = appointments
    identified(rig)
    rig.kiosk.choose_service(service_id)
    rig.jobs.finish_all()
    made = rig.visit.record.made
    assert made is not None, rig.state.record.problem
    rig.kiosk.print_record()
    rig.jobs.finish_all()
    (printed,) = rig.printer.printed
    document = pdfium.PdfDocument(printed.pdf)
    try:
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        picture = document[0].render(scale=2).to_pil().convert("L")
    finally:
        document.close()
    everything = "".join(texts)
    assert made.title_zh in everything
    assert ELDERLY.id_number not in everything and ELDERLY.id_number[6:14] not in everything
    assert all(f"第 {n} 页 共 {len(texts)} 页" in text for n, text in enumerate(texts, 1))
    url = rig.kiosk.settings.receipts.verify_url
    codes = [code.text for code in QrDecoder().decode(np.asarray(picture))]
    assert codes == [verify_code(made.number, url)]


def test_the_voice_says_when_the_record_is_ready_and_what_to_touch(appointments):
    rig, _store, _wall = appointments
    rig.visit.voice_on = True
    identified(rig)
    rig.kiosk.choose_service(RECORD)
    assert rig.said("正在查询您的记录……")
    rig.jobs.finish_all()
    assert rig.said("打印、存到手机")
    assert all(ELDERLY.id_number not in text for text in rig.spoken())
