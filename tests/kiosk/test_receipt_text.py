"""The receipt read back: what it says, what it masks, the QR payload decoded from the rendered
picture with the kiosk's own decoder, where lines break, and English punctuation."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import numpy as np
import pytest

from drivers.idcard.samples import ELDERLY
from drivers.printer.document import Document, Text, TextSize
from drivers.printer.escpos_render import EscPosSettings, render_escpos, wrap
from drivers.printer.raster import MARGIN_DOTS, render_document, text_lines
from drivers.scanner.decoder import QrDecoder
from kiosk import slip_privacy
from kiosk.config import ConfigError, load_settings
from kiosk.i18n import load_messages
from kiosk.receipt import build_receipt, progress_code, reference_in, verify_code
from kiosk.services.catalogue import load_catalogue
from kiosk.services.engine import prefill
from kiosk.services.model import Bilingual, FieldSpec
from kiosk.session import Resident
from kiosk.submitting import Outcome
from kiosk.view import ScreenName as S
from tests.drivers.printer.printer_testkit import parse

CATALOGUE = load_catalogue()
SETTINGS = load_settings()
MESSAGES = load_messages()
REFERENCE = "BSYY001-261128-0001"
OUTCOME = Outcome(REFERENCE, datetime(2026, 11, 28, 1, 30, tzinfo=UTC), delivered=True)
FULL_WIDTH = "：，。；（）！？【】、"


def receipt(language: str = "zh_CN", large: bool = False, service_id="elderly_allowance",
            **changes) -> Document:
    from district.seed import PROFILES

    service = CATALOGUE.get(service_id)
    if changes:
        service = service.model_copy(update=changes)
    answers = prefill(service, Resident(ELDERLY, PROFILES[ELDERLY.id_number]))
    return build_receipt(site=SETTINGS.site, service=service, answers=answers, outcome=OUTCOME,
                         messages=MESSAGES, language=language, large_print=large,
                         verify_url=SETTINGS.receipts.verify_url)


MODES = [(language, large) for language in ("zh_CN", "en") for large in (False, True)]


@pytest.mark.parametrize(("language", "large"), MODES)
def test_the_receipt_says_the_matter_reference_time_and_kiosk(language, large):
    text = receipt(language, large).plain_text()
    title = CATALOGUE.get("elderly_allowance").title.get(language)
    assert title in text
    assert REFERENCE in text
    assert "2026-11-28 09:30" in text  # Shanghai's time, whatever the machine's zone
    assert SETTINGS.site.kiosk_id in text


@pytest.mark.parametrize(("language", "large"), MODES)
def test_nothing_on_the_slip_rebuilds_the_id_number(language, large):
    text = receipt(language, large).plain_text()
    number = ELDERLY.id_number
    assert number not in text
    assert "310***********" + number[-4:] in text
    digits = "".join(re.findall(r"\d", text))
    assert number[6:14] not in digits  # the birth date inside the number, in any form
    assert "03-15" not in text and "0315" not in digits and "3月15" not in text
    assert "1944" in text  # the year alone
    assert ELDERLY.name not in text and "王*英" in text


@pytest.mark.parametrize(("language", "large"), MODES)
def test_no_home_address_and_no_sensitive_value(language, large):
    from district.seed import PROFILES

    text = receipt(language, large).plain_text()
    profile = PROFILES[ELDERLY.id_number]
    assert "上海市宝山区***" in text
    for part in ("密山路", "8弄", "301室", "12号"):  # (友谊路 is the centre's name too)
        assert part not in text
    bank = CATALOGUE.get("elderly_allowance").fields
    sensitive = [spec for spec in bank if spec.sensitive]
    assert sensitive, "the test needs a sensitive field"
    for spec in sensitive:
        assert spec.label.get(language) not in text
    account = getattr(profile, "bank_account", "") or ""
    assert not account or account[-4:] not in text


@pytest.mark.parametrize(("language", "large"), MODES)
def test_the_qr_code_opens_the_verification_page_and_scans_back(language, large):
    picture = render_document(receipt(language, large)).convert("L")
    (found,) = QrDecoder().decode(np.asarray(picture))
    assert found.text == f"https://ywtb.example/verify/{REFERENCE}"
    assert reference_in(found.text, SETTINGS.receipts.verify_url) == REFERENCE


def test_old_receipts_and_other_codes():
    url = SETTINGS.receipts.verify_url
    assert reference_in(progress_code(REFERENCE), url) == REFERENCE
    assert reference_in(verify_code(REFERENCE, url) + "  ", url) == REFERENCE
    for other in ("https://ywtb.example/verify/", "https://evil.example/verify/" + REFERENCE,
                  "https://ywtb.example/verify/a b", "tongban://progress/", "hello"):
        assert reference_in(other, url) is None


def test_a_site_sets_its_verification_page(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text('[receipts]\nverify_url = "https://v.example/r?id={reference}&k=1"\n')
    url = load_settings(site).receipts.verify_url
    assert reference_in(verify_code(REFERENCE, url), url) == REFERENCE
    assert reference_in(verify_code(REFERENCE, SETTINGS.receipts.verify_url), url) is None
    for bad, why in (("http://v.example/{reference}", "https"),
                     ("https://v.example/verify", "{reference}")):
        site.write_text(f'[receipts]\nverify_url = "{bad}"\n')
        with pytest.raises(ConfigError, match=rf"site.toml: receipts.verify_url: .*{why}"):
            load_settings(site)


def test_large_print_doubles_glyphs_both_ways_and_the_reference_stays_biggest():
    lines = parse(render_escpos(receipt("zh_CN", large=True))).lines()
    reference = next(line for line in lines if line.text == REFERENCE)
    rows = [line for line in lines if line.text.startswith(("姓名", "联系电话"))]
    assert rows and all((line.width, line.height) == (2, 2) for line in rows)
    assert reference.height > max(line.height for line in lines if line is not reference)
    assert reference.width == 2

    normal = _ink(render_document(Document((Text("宝山区"),)), margin=0))
    large = _ink(render_document(Document((Text("宝山区", TextSize.LARGE),)), margin=0))
    assert large[0] == pytest.approx(2 * normal[0], rel=0.1)
    assert large[1] == pytest.approx(2 * normal[1], rel=0.1)


@pytest.mark.parametrize(("language", "large"), MODES)
def test_margins_on_both_sides(language, large):
    picture = np.asarray(render_document(receipt(language, large)).convert("L"))
    assert picture[:, :MARGIN_DOTS].min() == 255
    assert picture[:, -MARGIN_DOTS:].min() == 255
    assert picture[:, MARGIN_DOTS:-MARGIN_DOTS].min() == 0


CASES = [
    (Text("Youyi Road Community Service Centre, Baoshan", bold=True), "Baoshan"),
    (Text("We decide within 10 working days, then send a text.", TextSize.LARGE), "10"),
    (Text("居住地址：上海市宝山区友谊路街道密山路8弄12号301室", TextSize.LARGE), "301室"),
    (Text(REFERENCE, TextSize.HUGE), REFERENCE),
]


@pytest.mark.parametrize(("block", "whole"), CASES)
def test_lines_never_break_inside_a_word_or_number(block, whole):
    alone = Text(whole, block.size, block.bold)
    for width in range(200, 530, 7):
        lines = text_lines(block, width)
        assert "".join(lines).replace(" ", "") == block.text.replace(" ", "")
        if len(text_lines(alone, width)) == 1:  # it fits a line: it is never broken
            assert any(whole in line for line in lines), (width, lines)
    for columns in range(12, 49):
        lines = wrap(block.text, columns)
        if len(wrap(whole, columns)) == 1:
            assert any(whole in line for line in lines), (columns, lines)


def test_a_word_longer_than_the_line_breaks_after_a_hyphen_first():
    assert wrap(REFERENCE, 12) == ["BSYY001-", "261128-0001"]
    assert wrap("x" * 30, 12) == ["x" * 12, "x" * 12, "x" * 6]


def test_closing_marks_stay_with_what_they_close():
    for columns in range(8, 30):
        for line in wrap("审核通过后，津贴每月发放到您的社保卡。（约 30 天）", columns):
            assert not line.startswith(("，", "。", "）")), (columns, line)


@pytest.mark.parametrize("large", [False, True])
def test_english_receipts_have_ascii_punctuation(large):
    wide = Bilingual(zh="审核通过后（约30天），发放。",
                     en="Paid monthly（about 30 days）：thanks。")
    text = receipt("en", large, done_note=wide).plain_text()
    assert not any(mark in text for mark in FULL_WIDTH), text
    assert "Paid monthly (about 30 days): thanks." in text
    assert "（" in receipt("zh_CN", large, done_note=wide).plain_text()


def test_a_58_mm_receipt_keeps_words_whole_too():
    data = render_escpos(receipt("en", large=True), EscPosSettings(width_mm=58))
    texts = parse(data).texts()
    assert "Baoshan" in " ".join(texts)
    assert all(not line.endswith("Baosha") for line in texts)


@pytest.mark.parametrize(("spec_source", "value", "printed"), [
    ("card.id_number", "31011319440315002X", "310***********002X"),
    ("card.id_number", "810000199001011234", "810***********1234"),  # 港澳台居民居住证
    ("card.birth_date", "1944-03-15", "1944"),
    ("card.name", "王秀英", "王*英"),
    ("card.name", "John Smith", "J**n S***h"),
    ("profile.phone", "13916627358", "139****7358"),
    ("profile.residence_address", "上海市宝山区友谊路街道密山路8弄12号301室", "上海市宝山区***"),
    ("profile.residence_address", "Somewhere abroad 12", "***"),
])
def test_the_paper_rule(spec_source, value, printed):
    spec = FieldSpec(key="x", label=Bilingual(zh="x", en="x"), source=spec_source,
                     privacy="personal")
    assert slip_privacy.printed(spec, value) == printed
    assert slip_privacy.printed(spec.model_copy(update={"privacy": "sensitive"}), value) is None
    assert slip_privacy.printed(spec.model_copy(update={"privacy": "public"}), value) == value


def test_numbers_in_free_text_are_masked():
    text = slip_privacy.in_text("证件 31011319440315002X，电话13916627358，编号 BSYY001-261128-1")
    assert text == "证件 310***********002X，电话139****7358，编号 BSYY001-261128-1"


def _ink(picture) -> tuple[int, int]:
    left, top, right, bottom = picture.convert("L").point(lambda v: 255 - v).getbbox()
    return right - left, bottom - top


def test_the_kiosk_reads_its_new_receipts_code_back(desk):
    from tests.kiosk.test_progress import elderly_references, scan

    newest, _older = elderly_references(desk)
    desk.kiosk.start()
    scan(desk, verify_code(newest, desk.kiosk.settings.receipts.verify_url))
    assert desk.view.screen == S.PROGRESS
    desk.jobs.finish()
    assert desk.view.showing["progress"].reference == newest
