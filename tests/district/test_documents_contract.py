"""Issue 8's personal page on every home (tests/district/homes.py): electronic licences as
references fetched with a purpose, benefits received without applying, records with their
verification numbers, one-time shares and what the verification page may say."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from district.models import Consent, LicenceRequest, RecordRequest
from district.seed_documents import BAOYOU
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT
from tests.district.test_contract import KIOSK, OTHER, refused, submission, visit

TODAY = dt.date(2026, 11, 30)  # the homes' clock starts at 8:30 on this day in Shanghai


def _company_visit(kiosk, card=ADULT, code=BAOYOU) -> str:
    return kiosk.open_visit(Consent(id_number=card.id_number, purpose="personal_page",
                                    items=(), on_behalf_of=code)).visit_id


# --- licences ---------------------------------------------------------------------------------

def test_a_resident_sees_their_licences_as_references_and_the_list_is_a_read(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk, items=())
    refs = kiosk.licences(visit_id)
    assert [ref.type_code for ref in refs] == ["household_register", "marriage", "disability"]
    assert all(ref.uri.count("-") >= 2 and ref.issuer and ref.title_en for ref in refs)
    assert all("*" in ref.number for ref in refs)  # personal numbers are masked
    assert [read.item for read in kiosk.data_reads(visit_id)] == ["licence_list"]
    adult = {ref.type_code for ref in kiosk.licences(visit(kiosk, card=ADULT, items=()))}
    assert adult == {"household_register", "marriage", "birth_certificate"}


def test_the_non_registered_residents_permit_expires_within_30_days(home):
    kiosk = home.kiosk(KIOSK)
    refs = kiosk.licences(visit(kiosk, card=HMT_RESIDENT, items=()))
    assert [ref.type_code for ref in refs] == ["residence_permit"]  # no household register
    assert refs[0].valid_until == TODAY + dt.timedelta(days=20)


def test_a_licence_is_fetched_with_a_service_and_a_reason_and_that_read_says_both(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk, items=(), purpose="senior_card")
    uri = kiosk.licences(visit_id)[0].uri
    home.clock.advance(minutes=1)
    request = LicenceRequest(uri=uri, service_id="senior_card", purpose="敬老卡申领：核对户籍地址")
    licence = kiosk.licence(visit_id, request)
    assert licence.ref.uri == uri and licence.ref.type_code == "household_register"
    assert licence.fields["address"] == "上海市宝山区友谊路街道密山路8弄12号301室"
    assert licence.fields["household_head"] == ELDERLY.name
    read = kiosk.data_reads(visit_id)[0]
    assert (read.item, read.purpose, read.detail, read.at) == (
        "household_register", "senior_card", "敬老卡申领：核对户籍地址", home.clock.now)


def test_another_holders_licence_is_forbidden_an_unknown_one_not_found(home):
    kiosk = home.kiosk(KIOSK)
    theirs = kiosk.licences(visit(kiosk, card=ADULT, items=()))[0].uri
    visit_id = visit(kiosk, items=())
    with refused("forbidden"):
        kiosk.licence(visit_id, LicenceRequest(uri=theirs, service_id="x", purpose="看看"))
    with refused("not_found"):
        kiosk.licence(visit_id, LicenceRequest(uri="sh.gaj-HUKOU-0", service_id="x",
                                               purpose="看看"))
    with refused("forbidden"):
        home.kiosk(OTHER).licences(visit_id)
    kiosk.close_visit(visit_id)
    with refused("consent_expired"):
        kiosk.licences(visit_id)


def test_a_companys_visit_sees_the_companys_licence(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = _company_visit(kiosk)
    refs = kiosk.licences(visit_id)
    assert [(ref.type_code, ref.number) for ref in refs] == [("business_licence", BAOYOU)]
    fields = kiosk.licence(visit_id, LicenceRequest(uri=refs[0].uri, service_id="hiring",
                                                    purpose="企业信息核对")).fields
    assert fields["credit_code"] == BAOYOU and fields["legal_representative"] == ADULT.name


# --- benefits received without applying ------------------------------------------------------

def test_the_elderly_allowance_is_shown_with_its_amount_and_pay_days(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk, items=())
    [allowance] = kiosk.benefits(visit_id)
    assert allowance.id == "elderly_allowance" and allowance.title_zh == "老年综合津贴"
    assert allowance.monthly_yuan == 180  # 82 years old
    assert (allowance.last_paid_on, allowance.last_paid_yuan) == (dt.date(2026, 10, 15), 540)
    assert allowance.next_pay_on == dt.date(2027, 1, 15)
    assert allowance.since == dt.date(2023, 5, 1)
    assert [read.item for read in kiosk.data_reads(visit_id)] == ["benefits"]
    assert kiosk.benefits(visit(kiosk, card=ADULT, items=())) == []  # 35


def test_a_company_sees_its_hiring_subsidy(home):
    kiosk = home.kiosk(KIOSK)
    [subsidy] = kiosk.benefits(_company_visit(kiosk))
    assert (subsidy.id, subsidy.last_paid_yuan) == ("hiring_subsidy", 6000)


# --- records ----------------------------------------------------------------------------------

NUMBER = re.compile(r"^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$")


def _record(kiosk, visit_id, kind, months=12):
    return kiosk.record(visit_id, RecordRequest(kind=kind, service_id=f"print_{kind}"[:60],
                                                months=months))


def test_social_security_contributions_are_monthly_rows_to_last_month(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk, card=ADULT, items=())
    record = _record(kiosk, visit_id, "social_security_contributions", months=12)
    assert NUMBER.match(record.number) and record.issued_at == home.clock.now
    assert record.columns == ("缴费月份", "缴费基数", "个人缴纳", "单位缴纳", "状态")
    months = [row[0] for row in record.rows]
    assert len(months) == 12 and months[0] == "2025-11" and months[-1] == "2026-10"
    for _month, base, personal, employer, status in record.rows:
        assert status == "已缴"
        assert float(personal) == pytest.approx(float(base) * 0.105, abs=0.01)
        assert float(employer) > float(personal)
    assert dict(record.header)["缴费单位"] == "上海宝友科技有限公司"
    read = kiosk.data_reads(visit_id)[0]
    assert (read.item, read.purpose) == ("social_security_contributions",
                                         "print_social_security_contributions")
    again = _record(kiosk, visit_id, "social_security_contributions", months=12)
    assert again.rows == record.rows and again.number != record.number


def test_the_housing_fund_record_has_the_terminals_header_and_a_running_balance(home):
    kiosk = home.kiosk(KIOSK)
    record = _record(kiosk, visit(kiosk, card=HMT_RESIDENT, items=()), "housing_fund_deposits",
                     months=6)
    header = dict(record.header)
    assert header["渠道"] == "自助终端" and header["账户状态"] == "正常"
    assert header["末次汇缴月份"] == "2026-10" and len(record.rows) == 6
    balances = [float(row[4]) for row in record.rows]
    amounts = [float(row[3]) for row in record.rows]
    assert all(b2 == pytest.approx(b1 + a2) for b1, b2, a2 in
               zip(balances, balances[1:], amounts[1:], strict=False))
    assert header["当前余额"] == record.rows[-1][4]


def test_no_record_prints_a_birth_date_beside_the_masked_id_number(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk, items=())
    for kind in ("social_security_contributions", "housing_fund_deposits",
                 "household_certificate", "property_register", "tax_payments"):
        text = _record(kiosk, visit_id, kind).model_dump_json()
        assert ELDERLY.id_number not in text and "19440315" not in text and "1944" not in text
        assert "310113********0029" in text


def test_a_household_certificate_needs_a_shanghai_registration(home):
    kiosk = home.kiosk(KIOSK)
    record = _record(kiosk, visit(kiosk, items=()), "household_certificate")
    assert dict(record.header)["户籍地址"] == "上海市宝山区友谊路街道密山路8弄12号301室"
    with refused("not_found"):
        _record(kiosk, visit(kiosk, card=HMT_RESIDENT, items=()), "household_certificate")


def test_only_an_owner_prints_the_property_register(home):
    kiosk = home.kiosk(KIOSK)
    record = _record(kiosk, visit(kiosk, items=()), "property_register")
    assert [row[0] for row in record.rows] == ["310113048812"]
    assert "301室" in record.rows[0]
    with refused("forbidden"):
        _record(kiosk, visit(kiosk, card=HMT_RESIDENT, items=()), "property_register")


def test_tax_payments_and_an_unknown_kind(home):
    kiosk = home.kiosk(KIOSK)
    record = _record(kiosk, visit(kiosk, card=ADULT, items=()), "tax_payments", months=3)
    assert [row[0] for row in record.rows] == ["2026-08", "2026-09", "2026-10"]
    assert all(float(row[3]) > 0 and row[4] == "上海宝友科技有限公司" for row in record.rows)
    retired = _record(kiosk, visit(kiosk, items=()), "tax_payments")
    assert retired.rows == () and retired.note
    with refused("invalid"):
        _record(kiosk, visit(kiosk, items=()), "fishing_licences")


# --- one-time shares and verification ----------------------------------------------------------

def _token(url: str) -> str:
    assert url.startswith("https://") and url.count("/r/") == 1
    return url.rsplit("/r/", 1)[1]


def test_a_share_opens_once_within_ten_minutes(home):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk, items=())
    record = _record(kiosk, visit_id, "household_certificate")
    share = kiosk.share_record(visit_id, record.number)
    assert share.expires_at == home.clock.now + dt.timedelta(minutes=10)
    assert share.url.startswith("https://ywtb.example/r/")
    assert home.store.open_share(_token(share.url)) == record
    with refused("code_used"):
        home.store.open_share(_token(share.url))
    late = kiosk.share_record(visit_id, record.number)
    assert late.url != share.url
    home.clock.advance(minutes=10)
    with refused("code_expired"):
        home.store.open_share(_token(late.url))
    with refused("not_found"):
        home.store.open_share("never-given")


def test_only_the_records_resident_may_share_it(home):
    kiosk = home.kiosk(KIOSK)
    record = _record(kiosk, visit(kiosk, items=()), "household_certificate")
    with refused("forbidden"):
        kiosk.share_record(visit(kiosk, card=ADULT, items=()), record.number)
    with refused("not_found"):
        kiosk.share_record(visit(kiosk, items=()), "AAAA-AAAA-AAAA-AAAA")


def test_verification_says_genuine_the_matter_and_the_day_only(home):
    kiosk = home.kiosk(KIOSK)
    record = _record(kiosk, visit(kiosk, items=()), "household_certificate")
    found = home.store.verify(record.number)
    assert (found.what, found.matter, found.issued_on) == ("record", "户籍证明", TODAY)
    kiosk.submit(submission())
    application = home.store.verify("BSYY001-261130-0001")
    assert (application.what, application.matter) == ("application", "elderly_allowance")
    assert home.store.verify("ZZZZ-ZZZZ-ZZZZ-ZZZZ") is None
    assert ELDERLY.name not in repr(found) + repr(application)


def test_someone_never_employed_has_no_housing_fund_and_empty_contribution_records(home):
    newcomer = "310113200502010012"
    with home.store.db.transaction() as tx:
        tx.execute("INSERT INTO residents (id_number, name, sex, birth_date, card_type)"
                   " VALUES (?, '赵新', '男', '2005-02-01', 'resident_id')", (newcomer,))
    kiosk = home.kiosk(KIOSK)
    visit_id = kiosk.open_visit(Consent(id_number=newcomer, purpose="personal_page",
                                        items=())).visit_id
    with refused("not_found"):
        _record(kiosk, visit_id, "housing_fund_deposits")
    contributions = _record(kiosk, visit_id, "social_security_contributions")
    assert contributions.rows == () and contributions.note
    assert kiosk.licences(visit_id) == [] and kiosk.benefits(visit_id) == []
