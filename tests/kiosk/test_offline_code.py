"""离线码 at the kiosk, without Qt: the real Kiosk on the embedded store, which issues the
codes and signs the lists (tests/kiosk/offline_code_rig.py), a real simulated printer
writing PNGs, the slip's QR read back with the project's decoder and verified by the same
kiosk's verifier; reissue and lost revoke, a refusal and an unreachable platform are calm, a
printer fault reprints the same code; a scanned code is checked with no network."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image

from drivers.base import CardRead, CodeScanned, PaperState
from drivers.idcard.samples import ADULT, ELDERLY
from drivers.printer.simulator import SimulatedPrinter
from drivers.scanner.decoder import QrDecoder
from kiosk.view import ScreenName as S
from tests.fakes import TODAY

SERVICE = "offline_code"


@pytest.fixture
def codes(settings, clock, tmp_path, caplog):
    """The desk rig with a printer that writes each slip's PNG, and the code calls."""
    from tests.kiosk.offline_code_rig import build_code_rig

    printer = SimulatedPrinter("printer", out_dir=tmp_path / "paper")
    printer.start()
    rig = build_code_rig(settings, clock, TODAY, printer)
    rig.closers.insert(0, printer.stop)
    yield rig
    rig.close()
    missing = [r.getMessage() for r in caplog.records if "missing in" in r.getMessage()]
    assert not missing, missing


def identify(rig, card=ELDERLY) -> None:
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", card))
    rig.kiosk.consent(True)
    rig.jobs.finish_all()


def to_choices(rig, card=ELDERLY) -> None:
    identify(rig, card)
    rig.kiosk.choose_service(SERVICE)
    assert rig.view.screen == S.OFFLINE_CODE
    assert rig.state.offline_code.stage == "choose"


def scan(rig, text: str) -> None:
    rig.kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))


def slip_text(rig, index: int = -1) -> str:
    """The QR code on a printed slip, read from the simulated printer's PNG."""
    pngs = sorted((rig.printer.out_dir).glob("*.png"))
    (found,) = QrDecoder().decode(np.asarray(Image.open(pngs[index]).convert("L")))
    return found.text


def test_who_may_have_one_is_said_and_three_choices_offered(codes):
    to_choices(codes)
    view = codes.state.offline_code
    assert "60" in view.who and "18" in view.who and "残疾" in view.who
    assert [c.value for c in view.choices] == ["new", "reissue", "lost"]
    assert not codes.jobs.waiting  # nothing asked of the platform before a choice


def test_new_prints_a_slip_whose_code_verifies_green_here(codes):
    to_choices(codes)
    codes.kiosk.choose_offline_code("new")
    codes.kiosk.choose_offline_code("new")  # a double touch issues once
    assert codes.state.offline_code.busy and len(codes.jobs.waiting) == 1
    codes.jobs.finish_all()
    view = codes.state.offline_code
    assert view.stage == "done" and view.printed is True
    assert view.name == "王*英" and view.group == "60 岁以上老人"
    assert re.fullmatch(r"有效期至 \d{4}年\d{1,2}月\d{1,2}日", f"有效期至 {view.valid_until}")
    text = slip_text(codes)
    assert text == codes.visit.offline_code.code.text and text.startswith("TB1:")
    assert codes.kiosk.verifier.verify(text).outcome.value == "green"
    scan(codes, text)
    assert codes.view.screen == S.CODE_CHECK
    assert codes.state.code_check.outcome == "green" and codes.state.code_check.name == "王*英"


def test_the_slip_never_rebuilds_what_it_masks(codes):
    to_choices(codes)
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    (slip,) = codes.printer.printed
    text = slip.plain_text()
    digits = "".join(re.findall(r"\d", text))
    assert ELDERLY.id_number not in text and ELDERLY.id_number[-4:] not in digits
    assert ELDERLY.id_number[6:14] not in digits and "1944" not in text
    assert ELDERLY.name not in text and "王*英" in text
    for words in ("扫", "湿", "挂失", "12345"):  # how to use it, and the helpline
        assert words in text


def test_the_qr_takes_the_whole_printable_width(codes):
    to_choices(codes)
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    picture = np.asarray(Image.open(sorted(codes.printer.out_dir.glob("*.png"))[-1]).convert("L"))
    (found,) = QrDecoder().decode(picture)
    xs = [point[0] for point in found.position]
    printable = codes.printer.width_dots - 2 * 24
    assert max(xs) - min(xs) > 0.8 * printable  # the code itself, its quiet zone aside


def test_lost_asks_once_then_revokes_the_old_code(codes):
    to_choices(codes)
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    old = slip_text(codes)
    codes.kiosk.go_home()
    codes.kiosk.choose_service(SERVICE)
    codes.kiosk.choose_offline_code("lost")
    assert codes.state.offline_code.stage == "confirm" and not codes.jobs.waiting
    assert "作废" in codes.state.offline_code.confirm
    codes.kiosk.confirm_offline_code(False)  # not now: back to the choices, nothing sent
    assert codes.state.offline_code.stage == "choose" and not codes.jobs.waiting
    codes.kiosk.choose_offline_code("lost")
    codes.kiosk.confirm_offline_code(True)
    codes.jobs.finish_all()
    new = slip_text(codes)
    assert new != old and codes.visit.offline_code.code.replaced
    assert codes.state.offline_code.replaced == "您以前的离线码已经作废，请使用这张新码。"
    scan(codes, old)
    assert codes.state.code_check.outcome == "revoked" and codes.state.code_check.renew
    scan(codes, new)
    assert codes.state.code_check.outcome == "green"


def test_a_young_adult_is_told_calmly_why_and_where_else(codes):
    to_choices(codes, ADULT)
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    view = codes.state.offline_code
    assert view.stage == "not_eligible" and codes.printer.printed == []
    title, body = view.refusal
    assert title and "随申办" in body and "12345" in body


def test_the_platform_unreachable_prints_nothing_and_loses_nothing(codes):
    to_choices(codes)
    codes.network_down()
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    view = codes.state.offline_code
    assert view.stage == "unavailable" and "稍后" in view.refusal[1]
    assert codes.printer.printed == [] and "printing" not in codes.visit.holds
    codes.network_down(False)
    codes.kiosk.go_back()  # back to the choices: try again
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    assert codes.state.offline_code.printed is True


def test_a_printer_fault_reprints_the_same_code_without_a_second_issue(codes):
    to_choices(codes)
    codes.printer.set_paper(PaperState.OUT)
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    view = codes.state.offline_code
    assert view.stage == "done" and view.printed is False and view.problem
    codes.printer.set_paper(PaperState.FULL)
    codes.kiosk.reprint_offline_code()
    codes.kiosk.reprint_offline_code()  # a double touch prints once
    assert len(codes.jobs.waiting) == 1
    codes.jobs.finish_all()
    assert codes.state.offline_code.printed is True
    assert slip_text(codes) == codes.visit.offline_code.code.text
    # a second issue would have revoked the first (one valid paper code per resident)
    codes.kiosk.code_sync.sync_now()
    assert codes.kiosk.codes.revocations.revoked == frozenset()
    assert codes.kiosk.verifier.verify(slip_text(codes)).outcome.value == "green"


def test_instructions_are_spoken_and_the_name_only_into_headphones(codes):
    to_choices(codes)
    codes.kiosk.toggle_display_mode("care")  # 长辈模式 speaks
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    assert codes.said("请妥善保管，不要折叠或弄湿。")
    heard = codes.voice.engine.spoken
    assert not any("王*英" in text for text, _ in heard)  # the loudspeaker: no name
    codes.kiosk.toggle_headphones()
    codes.kiosk.key(__import__("kiosk.view", fromlist=["KeyAction"]).KeyAction.REPEAT)
    assert codes.said("持码人 王*英")


def test_a_scan_on_the_attract_screen_is_checked_with_the_network_down(codes):
    to_choices(codes)
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    text = codes.visit.offline_code.code.text
    codes.kiosk.end_now()
    assert codes.view.screen == S.ATTRACT and codes.visit.offline_code.code is None
    codes.network_down()
    scan(codes, text)
    assert codes.view.screen == S.CODE_CHECK and codes.state.code_check.outcome == "green"
    assert codes.visit.resident is None  # it identifies nobody
    assert not codes.visit.voice_on and codes.said("绿码，可以通行。")  # heard, voice off
    assert not any("王*英" in words for words, _ in codes.voice.engine.spoken)
    codes.kiosk.go_back()
    assert codes.view.screen == S.HOME


@pytest.mark.parametrize(("text", "outcome"), [("TB1:NOT-BASE45!", "malformed"),
                                               ("HC1:6BFOXN", "malformed")])
def test_a_bad_code_is_a_calm_word_and_a_plain_message(codes, text, outcome):
    codes.kiosk.start()
    scan(codes, text)
    check = codes.state.code_check
    assert codes.view.screen == S.CODE_CHECK and check.outcome == outcome
    assert check.word == "读不出来" and check.message and not check.renew


def test_an_expired_code_offers_a_new_one_here(codes):
    to_choices(codes)
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    text = codes.visit.offline_code.code.text
    codes.kiosk.end_now()
    codes.district_clock.advance(days=181)
    codes.kiosk.code_sync.sync_now()
    codes.kiosk.start()
    scan(codes, text)
    assert codes.state.code_check.outcome == "expired" and codes.state.code_check.renew
    codes.kiosk.renew_offline_code()
    assert codes.view.screen == S.IDENTIFY  # the service asks for the card first
    identify_again = CardRead("idcard", ELDERLY)
    codes.kiosk.handle_device_event(identify_again)
    codes.kiosk.consent(True)
    codes.jobs.finish_all()
    assert codes.view.screen == S.OFFLINE_CODE


def test_the_check_is_spoken_and_the_name_only_into_headphones(codes, caplog):
    caplog.set_level("INFO")
    to_choices(codes)
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    text = codes.visit.offline_code.code.text
    codes.kiosk.end_now()
    codes.kiosk.start()
    codes.kiosk.toggle_display_mode("care")
    scan(codes, text)
    assert codes.said("绿码。绿码，可以通行。")
    assert codes.said("有效期至 2027年5月29日")
    assert not any("王*英" in words for words, _ in codes.voice.engine.spoken)
    assert text not in caplog.text and text[4:40] not in caplog.text  # the code never logged


def test_a_code_printed_here_verifies_on_another_kiosk_offline(codes, tmp_path):
    """Another kiosk of the district: its own cache of the same signed lists, the same
    root key, no platform at all."""
    from district.signing import signing_key
    from kiosk.codes.trust_store import TrustStore
    from kiosk.codes.verifier import Verifier

    to_choices(codes)
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    text = slip_text(codes)
    lists = codes.kiosk.platform.code_lists()
    root = signing_key(codes.kiosk.settings.data_dir / "codes-root.key").public_key()
    other = TrustStore(tmp_path / "other-kiosk" / "codes", root)
    for signed in (lists.trust, lists.revocations, lists.status):
        assert other.accept(signed)
    other.mark_synced(codes.district_clock())
    reopened = TrustStore(tmp_path / "other-kiosk" / "codes", root)  # after a restart
    verdict = Verifier(reopened, clock=codes.district_clock).verify(text)
    assert verdict.outcome.value == "green" and verdict.claims.name == "王*英"


def test_a_sound_eu_dcc_is_valid_not_a_colour_and_offers_no_paper_code(codes):
    from kiosk.offline_code_view import CheckVisit, present_check

    t = codes.kiosk.text
    dcc = present_check(CheckVisit(outcome="green", ours=False), "zh_CN", t)
    assert dcc.word == "有效" and dcc.valid and not dcc.renew
    expired = present_check(CheckVisit(outcome="expired", ours=False), "zh_CN", t)
    assert expired.word == "已过期" and not expired.renew  # ours alone are renewed here


def test_a_resident_identified_by_suishenma_is_asked_for_the_id_card_first(codes):
    codes.kiosk.start()
    scan(codes, codes.store.issue_code(ELDERLY.id_number))
    codes.jobs.finish_all()
    codes.kiosk.consent(True)
    codes.jobs.finish_all()
    assert codes.visit.resident.card.issuer == "随申码"
    codes.kiosk.choose_service(SERVICE)
    view = codes.state.offline_code
    assert view.stage == "id_card" and "身份证" in view.refusal[1]
    codes.kiosk.choose_offline_code("new")  # nothing offered before the card
    assert not codes.jobs.waiting
    codes.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    assert codes.state.offline_code.stage == "choose"
    assert codes.visit.resident.card.issuer != "随申码" and codes.view.screen == S.OFFLINE_CODE
    codes.kiosk.choose_offline_code("new")
    codes.jobs.finish_all()
    assert codes.state.offline_code.printed is True
