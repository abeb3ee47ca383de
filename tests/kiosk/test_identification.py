"""Identification by 随申码 and by a company's e-business licence, through the real kiosk on
the real district store (tests/kiosk/desk_rig.py: the district's clock in the test's hands):
a code follows the card's path, a used or expired one gets a calm notice, a licence's check
character is weighed before anything is sent, and only the company's representative or an
agent it authorised may act for it."""

from __future__ import annotations

import logging

from drivers.base import CardRead, CodeScanned
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT
from kiosk.enterprise import LICENCE_URL, EnterpriseVisit, credit_code_in
from kiosk.personal_page import PersonalVisit
from kiosk.view import ScreenName as S
from tests.kiosk.form_walk import to_sign

BAOYOU = "91310113MA1GK7Q2X8"  # the demo company ADULT represents
SONGBIN = "91310113MA1H3LB46X"  # the demo company HMT_RESIDENT is an agent of
REFRESH = "请在手机上刷新随申码后再扫。随申码只能用一次，几分钟后就会失效。"


def scan(desk, text):
    desk.kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))


def notice_body(desk):
    return desk.view.showing["notice"].body


# --- 随申码 ---------------------------------------------------------------------------------

def test_a_code_on_the_attract_screen_begins_a_visit_and_follows_the_cards_path(desk):
    code = desk.store.issue_code(ELDERLY.id_number)
    scan(desk, code)
    assert desk.view.screen == S.HOME and desk.view.showing["reading_card"]  # being resolved
    assert desk.visit.resident is None
    desk.jobs.finish()
    assert desk.view.screen == S.CONSENT  # nothing read before the resident agrees
    assert desk.visit.resident is None and desk.visit.grant is None
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    resident = desk.visit.resident
    assert resident.id_number == ELDERLY.id_number and resident.name == ELDERLY.name
    assert resident.card.issuer == "随申码" and resident.card.address == ""
    assert desk.visit.grant is not None and desk.view.screen == S.HOME
    assert desk.view.showing["greeting"]


def test_a_used_or_expired_code_gets_a_calm_notice(desk, caplog):
    code = desk.store.issue_code(ELDERLY.id_number)
    desk.kiosk.start()
    scan(desk, code)
    desk.jobs.finish()
    desk.kiosk.end_visit("finished")
    caplog.set_level(logging.INFO)
    desk.kiosk.start()
    scan(desk, code)  # the same code again: used
    desk.jobs.finish()
    assert desk.view.screen == S.NOTICE and notice_body(desk) == REFRESH
    assert desk.view.showing["notice"].problem and desk.visit.resident is None
    later = desk.store.issue_code(ADULT.id_number)
    desk.district_clock.advance(minutes=3)  # past its short life
    desk.kiosk.go_home()
    scan(desk, later)
    desk.jobs.finish()
    assert desk.view.screen == S.NOTICE and notice_body(desk) == REFRESH
    assert desk.visit.resident is None and desk.visit.waiting_card is None
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "code_used" in logged and "code_expired" in logged
    assert code not in logged and later not in logged  # a code is a credential
    assert "Traceback" not in logged


def test_a_code_not_well_formed_is_never_sent_and_the_network_down_is_said(desk):
    desk.kiosk.start()
    scan(desk, "SSM:too-short")
    assert desk.jobs.waiting == [] and desk.view.screen == S.NOTICE
    assert notice_body(desk) == REFRESH
    desk.kiosk.go_home()
    code = desk.store.issue_code(ELDERLY.id_number)
    desk.network_down()
    scan(desk, code)
    desk.jobs.finish()
    assert notice_body(desk).startswith("暂时核验不了随申码")
    desk.network_down(False)
    desk.kiosk.go_home()
    scan(desk, code)  # nothing was used up while the network was down
    desk.jobs.finish()
    assert desk.view.screen == S.CONSENT


def test_another_persons_code_ends_the_first_visit(desk):
    desk.kiosk.start()
    desk.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    first = desk.visit
    scan(desk, desk.store.issue_code(ADULT.id_number))
    desk.jobs.finish()
    assert desk.visit is not first and desk.view.screen == S.CONSENT
    assert desk.visit.waiting_card.id_number == ADULT.id_number
    assert desk.visit.grant is None and desk.visit.resident is None


def test_a_code_of_an_expired_permit_is_refused_by_the_card_rules(desk):
    desk.district_clock.advance(days=365 * 3)  # the permit ends in 2028
    from datetime import date

    desk.kiosk.today = lambda: date(2029, 1, 1)
    desk.kiosk.start()
    scan(desk, desk.store.issue_code(HMT_RESIDENT.id_number))
    desk.jobs.finish()
    assert desk.view.screen == S.NOTICE and desk.visit.resident is None
    assert desk.view.showing["notice"].title == "这张卡暂时不能用"


# --- a company's e-business licence ---------------------------------------------------------

def test_a_licence_code_is_read_from_a_url_or_bare():
    assert credit_code_in(LICENCE_URL.format(code=BAOYOU)) == BAOYOU
    assert credit_code_in(BAOYOU) == BAOYOU
    assert credit_code_in(f"https://example.org/?uniscid={BAOYOU.lower()}") == BAOYOU
    assert credit_code_in("ftp://x/?uniscid=" + BAOYOU) is None
    assert credit_code_in("91310113MA1GK7Q2XI") is None  # I is not in the alphabet
    assert credit_code_in("https://example.org/x") is None


def test_a_wrong_check_character_is_refused_on_the_kiosk(desk):
    desk.kiosk.start()
    scan(desk, LICENCE_URL.format(code=BAOYOU[:-1] + "9"))
    assert desk.jobs.waiting == []  # nothing sent
    assert desk.view.screen == S.NOTICE
    assert desk.view.showing["notice"].title == "营业执照二维码无法识别"


def test_the_representative_reaches_the_company_page(desk):
    scan(desk, LICENCE_URL.format(code=BAOYOU))
    assert desk.view.screen == S.ENTERPRISE and desk.view.showing["enterprise"].busy
    desk.jobs.finish()
    company = desk.view.showing["enterprise"]
    assert company.name == "上海宝友科技有限公司" and company.credit_code == BAOYOU
    assert "*" in company.representative and ADULT.name not in company.representative
    desk.kiosk.handle_device_event(CardRead("idcard", ADULT))
    assert desk.view.screen == S.CONSENT
    assert desk.view.showing["consent"].purpose.startswith("用途：代表“上海宝友科技有限公司”")
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    assert desk.visit.resident.id_number == ADULT.id_number
    assert desk.view.screen == S.PERSONAL_PAGE
    assert desk.view.showing["title"] == "企业专属网页"
    page = desk.view.showing["personal"]
    assert page.heading == "上海宝友科技有限公司" and BAOYOU in page.subheading
    assert "benefits" not in [s.id for s in page.sections]  # a company's page: no allowance
    desk.kiosk.end_visit("finished")
    assert desk.visit.enterprise == EnterpriseVisit() and desk.visit.personal == PersonalVisit()


def test_an_agent_the_company_authorised_may_act_for_it(desk):
    desk.kiosk.start()
    scan(desk, SONGBIN)  # a bare code works as well
    desk.jobs.finish()
    desk.kiosk.handle_device_event(CardRead("idcard", HMT_RESIDENT))
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    assert desk.view.screen == S.PERSONAL_PAGE and desk.visit.grant is not None


def test_a_person_the_company_did_not_authorise_is_refused_calmly(desk):
    desk.kiosk.start()
    scan(desk, LICENCE_URL.format(code=BAOYOU))
    desk.jobs.finish()
    desk.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    assert desk.view.screen == S.ENTERPRISE
    assert desk.view.showing["enterprise"].problem.startswith("这位不是该企业的法定代表人")
    assert desk.visit.resident is None and desk.visit.grant is None
    assert desk.view.showing["greeting"] == ""
    desk.kiosk.handle_device_event(CardRead("idcard", ADULT))  # the right card now
    assert desk.view.screen == S.CONSENT
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    assert desk.view.screen == S.PERSONAL_PAGE and desk.visit.resident.name == ADULT.name


def test_an_unknown_company_and_the_network_down_offer_a_retry(desk):
    desk.kiosk.start()
    desk.network_down()
    scan(desk, BAOYOU)
    desk.jobs.finish()
    view = desk.view.showing["enterprise"]
    assert view.retry and view.problem == "暂时查不到企业信息。请再试一次。"
    desk.network_down(False)
    desk.kiosk.retry()
    desk.jobs.finish()
    assert desk.view.showing["enterprise"].name == "上海宝友科技有限公司"


def test_a_matter_filed_on_a_company_visit_is_the_companys(desk):
    """The submission carries the company's code: the platform files it for the company
    (after checking the person may act for it), and the company's page lists it."""
    scan(desk, LICENCE_URL.format(code=BAOYOU))
    desk.jobs.finish()
    desk.kiosk.handle_device_event(CardRead("idcard", ADULT))
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    desk.kiosk.go_home()
    desk.kiosk.choose_service("social_security_card")
    desk.jobs.finish_all()
    to_sign(desk.kiosk, reason="damaged")
    desk.kiosk.confirm_without_signature()
    desk.jobs.finish_all()
    assert desk.view.screen == S.RECEIPT
    reference = desk.visit.outcome.reference
    platform = desk.store.for_kiosk(desk.kiosk.platform.kiosk_id)
    visit_id = desk.visit.grant.visit_id
    desk.kiosk.delivery.wait_until(
        lambda: reference in {p.reference for p in platform.applications(visit_id)}, 30)
    assert reference in {p.reference for p in platform.applications(visit_id)}
