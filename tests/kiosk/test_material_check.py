"""A paper under the document camera, read by the real OCR engine and checked against the
resident: the rendered sample papers (tests make them with PIL and the CJK font)."""

from __future__ import annotations

import struct
import zlib
from datetime import date
from io import BytesIO

import cv2
import numpy as np
import pytest
from PIL import Image

from drivers.camera.documents import SAMPLE, STRANGER, bank_card_slip, marriage_certificate
from drivers.camera.ocr import OcrError, shared_ocr
from kiosk import material_check as mc

TODAY = date(2026, 12, 1)


def bgr(image: Image.Image) -> np.ndarray:
    return cv2.cvtColor(np.array(image.convert("RGB")), cv2.COLOR_RGB2BGR)


@pytest.fixture(scope="module")
def read():
    """The engine's text for each sample, read once for the module (about 2 s a page)."""
    ocr = shared_ocr()
    pages = {
        "marriage": bgr(marriage_certificate()),
        "bank": bgr(bank_card_slip()),
        "bank_other": bgr(bank_card_slip(STRANGER)),
        "bank_rotated": cv2.rotate(bgr(bank_card_slip()), cv2.ROTATE_90_CLOCKWISE),
    }
    return {key: [line.text for line in ocr.read(page)] for key, page in pages.items()}


def check(texts, **options):
    return mc.check_material(texts, name=SAMPLE.name, id_number=SAMPLE.id_number,
                             today=TODAY, **options)


def test_ocr_finds_the_name_number_and_date_on_a_marriage_certificate(read):
    result = check(read["marriage"])
    assert result.ok, result.findings
    assert result.name_found and result.number_found
    assert result.dates == (date(2020, 5, 20),)


def test_ocr_lines_come_with_boxes_and_confidence():
    lines = shared_ocr().read(bgr(bank_card_slip()))
    number = next(line for line in lines if SAMPLE.id_number in line.text.replace(" ", ""))
    assert len(number.box) == 4 and number.confidence > 0.8
    assert [line.box[0][1] for line in lines] == sorted(line.box[0][1] for line in lines)


def test_a_recent_bank_slip_passes_a_date_check_and_an_old_one_does_not(read):
    assert check(read["bank"], max_age_days=30).ok
    result = check(read["bank"], max_age_days=5)  # printed 2026-11-20, eleven days ago
    assert not result.ok and result.findings == (mc.TOO_OLD,)
    assert result.newest == date(2026, 11, 20)


def test_another_persons_paper_is_named_for_what_differs(read):
    result = check(read["bank_other"])
    assert not result.ok
    assert result.findings == (mc.NAME_DIFFERS, mc.NUMBER_DIFFERS)


def test_a_rotated_page_is_still_read(read):
    assert check(read["bank_rotated"]).ok


def test_a_blank_page_is_refused_calmly():
    lines = shared_ocr().read(np.full((1100, 1600, 3), 235, np.uint8))
    assert lines == ()
    assert check([line.text for line in lines]) == mc.MaterialCheck(False, (mc.UNREADABLE,))


def test_a_huge_png_is_refused_from_its_header_before_decoding():
    with pytest.raises(OcrError, match="too large"):
        shared_ocr().read_png(_png_header_claiming(20000, 20000))
    with pytest.raises(OcrError, match="too large"):
        shared_ocr().read(np.zeros((20000, 20000), np.uint8))  # never touched: calloc'd
    with pytest.raises(OcrError, match="not an image"):
        shared_ocr().read_png(b"this is not a picture")


def test_the_check_digit_is_verified():
    wrong = SAMPLE.id_number[:17] + ("0" if SAMPLE.id_number[17] != "0" else "1")
    result = check([f"姓名 {SAMPLE.name}", f"身份证号 {wrong}"])
    assert result.findings == (mc.NO_NUMBER,)  # a misread number is not "another person's"


def test_dates_in_three_forms_impossible_ones_ignored():
    result = check([SAMPLE.name, SAMPLE.id_number, "2026年11月3日", "签发 2025.01.02",
                    "有效期 2030-02-30", "打印 2024-07-09"])
    assert result.dates == (date(2024, 7, 9), date(2025, 1, 2), date(2026, 11, 3))
    assert result.newest == date(2026, 11, 3)


def test_a_needed_date_that_is_missing_is_said():
    assert check([SAMPLE.name, SAMPLE.id_number], max_age_days=30).findings == (mc.NO_DATE,)


def test_people_the_answers_name_are_not_differences():
    both = [f"持证人 {SAMPLE.name}", f"身份证件号 {SAMPLE.id_number}",
            f"姓名 {STRANGER.name}", f"身份证件号 {STRANGER.id_number}"]
    assert check(both).ok  # the resident is on it: the other is, say, the spouse
    spouse_only = [f"姓名 {STRANGER.name}", f"身份证件号 {STRANGER.id_number}"]
    assert check(spouse_only).findings == (mc.NAME_DIFFERS, mc.NUMBER_DIFFERS)
    answers = {"spouse_name": STRANGER.name, "spouse_id_number": STRANGER.id_number}
    assert check(spouse_only, answers=answers).findings == (mc.NO_NAME, mc.NO_NUMBER)


def test_a_name_inside_a_longer_name_is_not_the_resident():
    assert check([f"户名 {SAMPLE.name}华", SAMPLE.id_number]).findings == (mc.NAME_DIFFERS,)


def test_the_allowed_age_comes_from_the_services_check():
    from kiosk.services.model import Bilingual, Check

    words = Bilingual(zh="太旧", en="too old")
    checks = [Check(rule="age_at_least", value=60, message=words),
              Check(rule="material_date_within", value="bank_card:90", message=words)]
    assert mc.max_age_for(checks, "bank_card") == 90
    assert mc.max_age_for(checks, "marriage") is None


def _png_header_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header says width x height (what a decompression bomb looks like)."""
    buffer = BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)
