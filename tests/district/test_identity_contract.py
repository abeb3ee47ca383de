"""Issue 8's identification and provenance rules, on every home (tests/district/homes.py):
随申码 once within two minutes, companies by credit code and who may act for them, each
profile item with its source, and locked answers checked against what was handed out."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json

import pytest

from district.credit_code import check_character
from district.models import Attachment, Consent, Identity
from district.seed_documents import BAOYOU, SONGBIN
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT
from tests.district.test_contract import KIOSK, OTHER, refused, submission, values, visit

# --- 随申码 ------------------------------------------------------------------------------------

def test_a_code_stands_for_its_resident_once(home):
    kiosk = home.kiosk(KIOSK)
    code = home.store.issue_code(ADULT.id_number)
    assert code.startswith("SSM:") and len(code) == 4 + 32
    assert kiosk.resolve_code(code) == Identity(
        id_number=ADULT.id_number, name=ADULT.name, sex=ADULT.sex,
        birth_date=ADULT.birth_date, card_type="resident_id", valid_to=ADULT.valid_to)
    with refused("code_used"):
        kiosk.resolve_code(code)
    with refused("code_used"):
        home.kiosk(OTHER).resolve_code(code)  # another kiosk: used is used


def test_a_code_lives_two_minutes(home):
    kiosk = home.kiosk(KIOSK)
    early, late = (home.store.issue_code(HMT_RESIDENT.id_number) for _ in range(2))
    assert early != late
    home.clock.advance(seconds=119, microseconds=999_999)
    identity = kiosk.resolve_code(early)
    assert (identity.card_type, identity.valid_to) == ("hmt_residence_permit",
                                                       HMT_RESIDENT.valid_to)
    home.clock.advance(microseconds=1)
    with refused("code_expired"):
        kiosk.resolve_code(late)


def test_only_a_codes_hash_is_kept(home):
    code = home.store.issue_code(ELDERLY.id_number)
    with home.store.db.transaction(write=False) as tx:
        kept = repr(tx.all("SELECT * FROM identity_codes"))
    assert code not in kept and code[4:] not in kept
    assert hashlib.sha256(code.encode()).hexdigest() in kept


def test_a_code_never_given_and_a_code_for_nobody_are_not_found(home):
    with refused("not_found"):
        home.kiosk(KIOSK).resolve_code("SSM:" + "A" * 32)
    with refused("not_found"):
        home.kiosk(KIOSK).resolve_code("a booking's code, or any text")
    with refused("not_found"):
        home.store.issue_code("310113200001010011")


# --- enterprises ------------------------------------------------------------------------------

def test_a_company_is_found_by_its_credit_code_with_its_representative_masked(home):
    company = home.kiosk(KIOSK).enterprise(BAOYOU)
    assert (company.name, company.legal_representative) == ("上海宝友科技有限公司", "李*")
    assert ADULT.name not in company.model_dump_json()
    assert company.address and company.kind


def test_a_wrong_check_character_is_invalid_and_an_unknown_company_not_found(home):
    kiosk = home.kiosk(KIOSK)
    wrong = BAOYOU[:17] + ("0" if BAOYOU[17] != "0" else "1")
    with refused("invalid"):
        kiosk.enterprise(wrong)
    with refused("invalid"):
        kiosk.enterprise("not a code")
    unknown = "91310113MA1AAAAAA"
    with refused("not_found"):
        kiosk.enterprise(unknown + check_character(unknown))


def test_only_the_representative_or_an_agent_opens_a_visit_for_a_company(home):
    kiosk = home.kiosk(KIOSK)

    def for_company(card, code):
        return kiosk.open_visit(Consent(id_number=card.id_number, purpose="personal_page",
                                        items=(), on_behalf_of=code))

    assert for_company(ADULT, BAOYOU).visit_id  # its legal representative
    assert for_company(HMT_RESIDENT, SONGBIN).visit_id  # an agent it authorised
    with refused("forbidden"):
        for_company(ELDERLY, BAOYOU)
    with refused("forbidden"):
        for_company(ADULT, SONGBIN)  # the representative of another company
    unknown = "91310113MA1AAAAAA"
    with refused("not_found"):
        for_company(ADULT, unknown + check_character(unknown))
    with refused("invalid"):
        for_company(ADULT, BAOYOU[:17] + ("0" if BAOYOU[17] != "0" else "1"))


# --- where each value came from ---------------------------------------------------------------

PROFILE_ITEMS = ("name", "phone", "residence_address", "household_address",
                 "household_district", "bank_account", "marital_status", "employer",
                 "pension_start", "subdistrict", "insurance_type")


@pytest.mark.parametrize("card", [ELDERLY, ADULT, HMT_RESIDENT], ids=lambda card: card.name)
def test_every_item_says_where_it_came_from_and_when(home, card):
    kiosk = home.kiosk(KIOSK)
    profile = kiosk.profile(visit(kiosk, card=card, items=PROFILE_ITEMS))
    assert len(profile) >= 7 and profile["name"].value == card.name
    assert profile["phone"].source == "resident" and profile["phone"].agency == ""
    government = [a for a in profile.values() if a.source == "government"]
    assert len(government) >= len(profile) - 2
    assert all(a.agency and a.updated and a.updated <= dt.date(2026, 11, 30)
               for a in government)
    assert {a.agency for a in government} >= {"市公安局人口管理"}


# --- locked answers ---------------------------------------------------------------------------

LOCKED = {"address": "residence_address", "full_name": "name"}


def _handed(home, card=ELDERLY):
    kiosk = home.kiosk(KIOSK)
    visit_id = visit(kiosk, card=card, items=("name", "residence_address", "phone"))
    return kiosk, visit_id, values(kiosk.profile(visit_id))


def _locked(number, visit_id, answers, locked=None, card=ELDERLY):
    return submission(number, card=card, answers=answers).model_copy(
        update={"visit_id": visit_id, "locked": LOCKED if locked is None else locked})


def test_locked_answers_as_handed_out_are_accepted_even_after_the_visit(home):
    kiosk, visit_id, handed = _handed(home)
    kiosk.close_visit(visit_id)  # the outbox may deliver long after the visit
    home.clock.advance(hours=3)
    answers = {"address": handed["residence_address"], "full_name": handed["name"],
               "phone": "13900000000"}  # not locked: the resident may change it
    accepted = kiosk.submit(_locked(1, visit_id, answers))
    assert accepted.reference == "BSYY001-261130-0001"


def test_an_altered_locked_answer_is_refused_and_nothing_is_recorded(home):
    kiosk, visit_id, handed = _handed(home)
    answers = {"address": handed["residence_address"] + "A", "full_name": handed["name"]}
    with refused("altered"):
        kiosk.submit(_locked(1, visit_id, answers))
    with refused("altered"):  # a locked answer left out differs from it too
        kiosk.submit(_locked(2, visit_id, {"full_name": handed["name"]}))
    with refused("altered"):  # an item this visit was never handed
        kiosk.submit(_locked(3, visit_id, {"district": "宝山区"},
                             locked={"district": "household_district"}))
    assert [kiosk.progress(f"BSYY001-261130-{n:04d}") for n in (1, 2, 3)] == [None] * 3


def test_locked_answers_need_their_own_visit_of_the_same_resident(home):
    kiosk, visit_id, handed = _handed(home)
    answers = {"address": handed["residence_address"], "full_name": handed["name"]}
    with refused("invalid"):
        kiosk.submit(_locked(1, None, answers))
    with refused("forbidden"):  # values handed to the elderly resident, filed as another
        kiosk.submit(_locked(2, visit_id, answers, card=ADULT))
    other = home.kiosk(OTHER)
    with refused("forbidden"):
        other.submit(_locked(3, visit_id, answers).model_copy(
            update={"reference": "BSWS002-261130-0003"}))
    with refused("altered"):
        kiosk.submit(_locked(4, "no-such-visit-id", answers))


def test_a_values_hash_not_the_value_is_kept(home):
    _kiosk, visit_id, handed = _handed(home)
    with home.store.db.transaction(write=False) as tx:
        rows = tx.all("SELECT * FROM handed_out WHERE visit_id = ?", (visit_id,))
    assert {row["item"] for row in rows} == {"name", "residence_address", "phone"}
    kept = repr(rows)
    assert all(value not in kept for value in handed.values())


def test_attachments_licences_and_first_try_are_kept_with_the_application(home):
    kiosk = home.kiosk(KIOSK)
    photo = Attachment(material="lease", png=base64.b64encode(b"\x89PNG-lease"), checked=False,
                       findings=("日期不符",))
    filed = submission(1).model_copy(update={
        "attachments": (photo,), "licences": ("sh.gaj-HUKOU-310113009871",), "first_try": False})
    kiosk.submit(filed)
    assert kiosk.submit(filed).reference == filed.reference  # delivered twice, kept once
    with home.store.db.transaction(write=False) as tx:
        application = tx.one("SELECT * FROM applications WHERE reference = ?",
                             (filed.reference,))
        kept = tx.all("SELECT * FROM application_attachments WHERE reference = ?",
                      (filed.reference,))
    assert application["first_try"] == 0
    kiosk.submit(submission(2))
    assert home.store.first_try_counts()["elderly_allowance"] == (1, 2)  # of two, one first time
    assert json.loads(application["licences"]) == ["sh.gaj-HUKOU-310113009871"]
    assert [(row["material"], bytes(row["png"]), json.loads(row["findings"])) for row in kept] == [
        ("lease", b"\x89PNG-lease", ["日期不符"])]


def test_a_company_matter_is_filed_only_by_who_may_act_for_it(home):
    kiosk = home.kiosk(KIOSK)
    own = submission(1, card=ADULT).model_copy(update={"on_behalf_of": BAOYOU})
    assert kiosk.submit(own).reference == own.reference
    with refused("forbidden"):
        kiosk.submit(submission(2, card=ELDERLY).model_copy(update={"on_behalf_of": BAOYOU}))
    kiosk.submit(submission(3, card=ADULT))  # his own matter
    company = kiosk.open_visit(Consent(id_number=ADULT.id_number, purpose="personal_page",
                                       items=(), on_behalf_of=BAOYOU)).visit_id
    assert [p.reference for p in kiosk.applications(company)] == [own.reference]
    personal = [p.reference for p in kiosk.applications(visit(kiosk, card=ADULT, items=()))]
    assert personal[0] == "BSYY001-261130-0003" and own.reference not in personal
    assert len(personal) == 2  # and the demo application from three days ago
