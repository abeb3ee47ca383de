"""The form flow through the real kiosk (tests/kiosk/rig.py: the Kiosk on a real SQLite
platform, its outbox and delivery, a simulated printer): values locked with their source,
rules on leaving each step, errors that keep every entry, check-your-answers with change and
return, care mode's one question per screen, bundles, and what the submission carries."""

from __future__ import annotations

import sqlite3

import pytest

from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY, HMT_RESIDENT
from kiosk.view import ScreenName as S
from tests.kiosk.form_services import STEPPED, catalogue_with

BUNDLE = '''
id = "moving_in"
icon = "mdi6.home-import-outline"
title = { zh = "迁入一件事", en = "Moving in" }
summary = { zh = "一次办两件事", en = "Two matters at once" }
done_note = { zh = "两项均已受理。", en = "Both are received." }
bundle = ["stepped", "second_matter"]
'''

SECOND = '''
id = "second_matter"
icon = "mdi6.file-document"
title = { zh = "第二件事", en = "A second matter" }
summary = { zh = "测试用", en = "For tests" }
done_note = { zh = "已受理。", en = "Received." }

[[fields]]
key = "name"
label = { zh = "姓名", en = "Name" }
privacy = "personal"
source = "card.name"

[[fields]]
key = "reason"
label = { zh = "申请原因", en = "Reason" }
kind = "choice"
privacy = "public"
options = [
  { value = "first", label = { zh = "首次申请", en = "First time" } },
  { value = "again", label = { zh = "再次申请", en = "Again" } },
]

[[fields]]
key = "pickup"
label = { zh = "领取方式", en = "Collect by" }
kind = "choice"
privacy = "public"
options = [
  { value = "post", label = { zh = "邮寄", en = "Post" } },
  { value = "counter", label = { zh = "窗口领取", en = "At a counter" } },
]
'''


@pytest.fixture
def form_rig(make_rig, tmp_path):
    return make_rig(catalogue=catalogue_with(tmp_path, STEPPED, SECOND, BUNDLE))


def enter(rig, service="stepped", card=ELDERLY, mode=None):
    kiosk = rig.kiosk
    kiosk.start()
    if mode:
        kiosk.toggle_display_mode(mode)
    kiosk.handle_device_event(CardRead("idcard", card))
    kiosk.consent(True)
    rig.jobs.finish()
    kiosk.choose_service(service)
    return kiosk


def rows(rig):
    return {row.key: row for row in rig.view.showing["form"]}


def page(rig):
    return rig.view.showing["form_page"]


def fill_contact(kiosk, phone=None):
    if phone is not None:
        kiosk.change_answer("phone")
        kiosk.answer("phone", phone)
    kiosk.answer("people", "2")
    kiosk.answer("start", "2026-12-01")


def sign_and_submit(rig):
    rig.kiosk.confirm_without_signature()
    rig.jobs.finish()
    assert rig.view.screen == S.RECEIPT
    return rig.visit.outcome


def submitted(rig, reference):
    """The submission as the outbox kept and delivered it."""
    with sqlite3.connect(rig.outbox.path) as db:
        (key,) = db.execute("SELECT idempotency_key FROM items WHERE reference = ?",
                            (reference,)).fetchone()
    return rig.outbox.get(key).model()


def test_card_values_are_locked_with_their_source(form_rig):
    kiosk = enter(form_rig)
    assert form_rig.view.screen == S.FORM and page(form_rig).keys == (
        "name", "birth_date", "reason")
    name = rows(form_rig)["name"]
    assert name.locked and not name.changeable and name.source == "读自您的身份证"
    assert name.shown == "王*英"  # personal: masked on screen
    kiosk.answer("name", "张三")  # a locked value cannot be changed here
    assert form_rig.visit.answers["name"] == ELDERLY.name
    phone = rows(form_rig)["phone"]
    assert not phone.locked and phone.source == "您以前登记的"  # not verified: the resident's


def test_an_error_stands_beside_its_field_and_keeps_every_entry(form_rig):
    kiosk = enter(form_rig)
    kiosk.confirm_form()  # the reason is not chosen
    assert form_rig.view.screen == S.FORM
    assert rows(form_rig)["reason"].error == "请回答：申请原因"
    kiosk.answer("reason", "stolen")  # not an option: nothing changes
    assert "reason" not in form_rig.visit.answers or not form_rig.visit.answers["reason"]
    kiosk.answer("reason", "first")
    assert rows(form_rig)["reason"].error == ""
    kiosk.confirm_form()
    assert page(form_rig).id == "step:contact"
    kiosk.answer("people", "12")
    kiosk.answer("people", "123")  # longer than the field takes: refused, the 12 stays
    kiosk.answer("people", "1x")  # the keypad has digits only
    assert form_rig.visit.answers["people"] == "12"
    kiosk.confirm_form()  # no start date yet
    assert rows(form_rig)["start"].error == "请选一个日期：开始日期"
    assert form_rig.visit.answers["people"] == "12" and rows(form_rig)["people"].entry == "12"
    assert form_rig.visit.answers["reason"] == "first"


def test_a_rule_is_checked_on_leaving_its_step_in_plain_words(form_rig):
    kiosk = enter(form_rig, card=HMT_RESIDENT)  # registered in 吴淞街道, not 友谊路街道
    kiosk.answer("reason", "first")
    kiosk.confirm_form()
    assert form_rig.view.screen == S.FORM and page(form_rig).id == "step:about"
    assert page(form_rig).problem == "这项服务只在友谊路街道办理。"
    assert form_rig.visit.answers["reason"] == "first"  # nothing entered is lost


def test_a_failed_rule_is_fixed_and_the_submission_says_it_was_not_a_first_try(form_rig):
    kiosk = enter(form_rig)
    kiosk.answer("reason", "again")
    kiosk.confirm_form()
    fill_contact(kiosk, phone="02161234567")  # a landline: the rule asks for a mobile
    kiosk.confirm_form()
    assert page(form_rig).problem == "请填手机号码：11 位，以 1 开头。"
    assert form_rig.visit.answers["phone"] == "02161234567"
    kiosk.answer("phone", "")
    kiosk.answer("phone", "13812345678")
    kiosk.confirm_form()
    assert form_rig.view.screen == S.CHECK_ANSWERS
    kiosk.confirm_form()
    outcome = sign_and_submit(form_rig)
    sent = submitted(form_rig, outcome.reference)
    assert sent.first_try is False
    assert sent.answers["phone"] == "13812345678" and sent.answers["people"] == "2"
    assert sent.visit_id == form_rig.visit.grant.visit_id


def test_first_try_when_no_rule_failed(form_rig):
    kiosk = enter(form_rig)
    kiosk.answer("reason", "first")
    kiosk.confirm_form()
    fill_contact(kiosk)
    kiosk.confirm_form()
    kiosk.confirm_form()
    sent = submitted(form_rig, sign_and_submit(form_rig).reference)
    assert sent.first_try is True and sent.locked == {}  # no government record was handed out


def test_check_answers_changes_one_answer_and_comes_straight_back(form_rig):
    kiosk = enter(form_rig)
    kiosk.answer("reason", "first")
    kiosk.confirm_form()
    fill_contact(kiosk)
    kiosk.confirm_form()
    assert form_rig.view.screen == S.CHECK_ANSWERS
    assert not rows(form_rig)["name"].changeable  # locked: changed where the record is kept
    assert rows(form_rig)["reason"].changeable
    kiosk.change_answer("name")
    assert form_rig.view.screen == S.CHECK_ANSWERS
    kiosk.change_answer("reason")
    assert form_rig.view.screen == S.FORM and page(form_rig).id == "step:about"
    kiosk.answer("reason", "again")
    kiosk.confirm_form()
    assert form_rig.view.screen == S.CHECK_ANSWERS  # not through the contact step again
    assert rows(form_rig)["reason"].shown == "再次申请"
    kiosk.change_answer("people")
    kiosk.go_back()  # back from a change returns too, with the answer as it was
    assert form_rig.view.screen == S.CHECK_ANSWERS and form_rig.visit.answers["people"] == "2"


def test_care_mode_asks_one_question_per_screen(form_rig):
    kiosk = enter(form_rig, mode="care")
    seen = []
    while form_rig.view.screen == S.FORM:
        current = page(form_rig)
        assert current.kind == "question" and len(current.keys) == 1
        seen.append(current.keys[0])
        key = current.keys[0]
        if key == "reason":
            kiosk.answer("reason", "first")  # a big button answers and goes on
        else:
            kiosk.answer(key, "3" if key == "people" else "2026-12-01")
            kiosk.confirm_form()
    assert seen == ["reason", "people", "start"]  # what nothing filled in, one at a time
    assert form_rig.view.screen == S.CHECK_ANSWERS
    check = page(form_rig)  # what was filled in is shown together, first, before signing
    assert check.filled == ("name", "birth_date", "phone")
    assert check.keys == ("name", "birth_date", "phone", "reason", "people", "start")


def test_back_goes_a_page_back_and_from_the_first_page_home(form_rig):
    kiosk = enter(form_rig)
    kiosk.answer("reason", "first")
    kiosk.confirm_form()
    kiosk.go_back()
    assert page(form_rig).id == "step:about" and form_rig.visit.answers["reason"] == "first"
    kiosk.go_back()
    assert form_rig.view.screen == S.HOME and form_rig.visit.service_id is None


def test_a_display_mode_change_keeps_the_place_and_the_answers(form_rig):
    kiosk = enter(form_rig)
    kiosk.answer("reason", "first")
    kiosk.confirm_form()
    kiosk.answer("people", "4")
    kiosk.toggle_display_mode("care")  # one question per screen now: the same fields
    assert page(form_rig).kind == "question" and page(form_rig).keys[0] in ("people", "start")
    assert form_rig.visit.answers["people"] == "4"


def test_a_bundle_asks_each_key_once_and_files_one_submission_per_matter(form_rig):
    kiosk = enter(form_rig, service="moving_in")
    asked = [row.key for row in form_rig.view.showing["form"]]
    assert asked.count("reason") == 1 and asked.count("name") == 1 and "pickup" in asked
    while form_rig.view.screen == S.FORM:
        keys = page(form_rig).keys
        if "reason" in keys:
            kiosk.answer("reason", "first")
        if "pickup" in keys:
            kiosk.answer("pickup", "post")
        if "people" in keys:
            fill_contact(kiosk)
        kiosk.confirm_form()
    assert form_rig.view.screen == S.CHECK_ANSWERS
    kiosk.confirm_form()
    outcome = sign_and_submit(form_rig)
    assert len(outcome.references) == 2 and len(set(outcome.references)) == 2
    first, second = (submitted(form_rig, ref) for ref in outcome.references)
    assert (first.service_id, second.service_id) == ("stepped", "second_matter")
    assert "pickup" not in first.answers and second.answers == {
        "name": ELDERLY.name, "reason": "first", "pickup": "post"}
    assert first.idempotency_key != second.idempotency_key
    receipt = form_rig.printer.printed[-1].plain_text()
    for reference in outcome.references:
        assert reference in receipt
    assert "第二件事" in receipt and "分步申请" in receipt
