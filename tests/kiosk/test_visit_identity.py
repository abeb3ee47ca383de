"""Every background job belongs to the visit that asked for it. A platform that answers
late, or out of order, never changes another visit: its result is dropped and logged."""

from __future__ import annotations

from drivers.base import CardRead, CodeScanned
from drivers.idcard.samples import ADULT, ELDERLY
from kiosk.view import ScreenName as S
from tests.kiosk import form_walk


def place(rig, card):
    rig.kiosk.handle_device_event(CardRead("idcard", card))
    rig.kiosk.consent(True)  # the resident agrees to the reads


def test_a_lookup_that_comes_back_after_the_visit_ended_is_dropped(rig, caplog):
    caplog.set_level("INFO")
    rig.kiosk.start()
    place(rig, ELDERLY)
    rig.kiosk.finish()
    rig.kiosk.end_now()  # she walked away before the platform answered
    assert rig.view.screen == S.ATTRACT
    rig.jobs.finish()  # 1.5 s late
    assert rig.view.screen == S.ATTRACT
    assert rig.visit.resident is None and rig.view.showing["greeting"] == ""
    assert any("dropped the result of profile" in r.message for r in caplog.records)


def test_a_second_card_starts_a_new_visit_and_the_first_lookup_is_dropped(rig):
    rig.kiosk.start()
    place(rig, ELDERLY)
    first = rig.visit
    place(rig, ADULT)  # another person's card before the first lookup came back
    assert rig.visit is not first
    rig.jobs.finish(0)  # the first resident's profile arrives now: for nobody
    assert rig.visit.resident is None
    rig.jobs.finish(0)
    assert rig.visit.resident.name == ADULT.name
    assert rig.view.showing["greeting"] == f"{ADULT.name}，您好"


def test_results_out_of_order_leave_the_latest_person(rig):
    rig.kiosk.start()
    place(rig, ELDERLY)
    place(rig, ADULT)
    rig.jobs.finish(1)  # the second person's answer first
    rig.jobs.finish(0)  # then the first person's, late
    assert rig.visit.resident.name == ADULT.name
    assert ELDERLY.name not in rig.view.showing["greeting"]


def test_a_second_card_mid_service_wipes_the_first_resident(rig):
    rig.kiosk.start()
    place(rig, ELDERLY)
    rig.jobs.finish()
    rig.kiosk.choose_service("social_security_card")
    rig.kiosk.answer("reason", "lost")
    rig.kiosk.toggle_headphones()
    place(rig, ADULT)
    rig.jobs.finish()
    assert rig.visit.resident.name == ADULT.name
    assert rig.visit.service_id is None and rig.visit.answers == {}
    assert not rig.visit.headphones and not rig.voice.listener.headphones
    assert rig.view.screen == S.HOME and not rig.view.showing["form"]


def test_the_same_card_laid_down_again_changes_nothing(rig):
    rig.kiosk.start()
    place(rig, ELDERLY)
    rig.jobs.finish()
    rig.kiosk.choose_service("social_security_card")
    visit = rig.visit
    place(rig, ELDERLY)
    assert rig.visit is visit and rig.view.screen == S.FORM and not rig.jobs.waiting


def test_only_the_latest_code_lookup_is_shown(rig):
    rig.kiosk.handle_device_event(CodeScanned("scanner", "tongban://progress/BS1", b""))
    rig.kiosk.handle_device_event(CodeScanned("scanner", "tongban://progress/BS2", b""))
    rig.jobs.finish(1)
    rig.jobs.finish(0)  # the older one, late: dropped
    assert rig.view.showing["progress"].reference == "BS2"
    assert [ticket.kind for ticket in rig.kiosk.jobs.dropped] == ["progress"]


def test_a_submission_that_outlives_its_visit_is_logged_not_shown(rig, caplog):
    rig.kiosk.start()
    place(rig, ELDERLY)
    rig.jobs.finish()
    rig.kiosk.choose_service("elderly_allowance")
    form_walk.to_sign(rig.kiosk)  # its steps, then check your answers
    rig.kiosk.confirm_without_signature()
    assert rig.view.screen == S.PRINTING
    rig.kiosk.end_visit("test: nothing a resident can do ends it, but the code must hold")
    rig.kiosk.publish()
    caplog.set_level("INFO")
    rig.jobs.finish()
    assert rig.view.screen == S.ATTRACT and rig.visit.outcome is None
    assert any("BSYY001-261128-0001 delivered" in r.message for r in caplog.records)
