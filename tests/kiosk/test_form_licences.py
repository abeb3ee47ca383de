"""Electronic licences instead of paper, and verified values the platform guards, through the
real kiosk on the real store (tests/kiosk/rig.py): 敬老卡申领's household register shown
before it is used and fetched only after the resident asks, its values filling the form; a
government record locked with its agency and date; the platform's "altered" refusal of a
changed locked answer, shown calmly."""

from __future__ import annotations

from importlib.util import find_spec

import pytest

from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from kiosk.view import ScreenName as S
from tests.kiosk import form_walk

# The store's licences, attributes and guarded answers come with the platform branch.
pytestmark = pytest.mark.skipif(find_spec("district.store.licences") is None,
                                reason="needs the platform's licences (branch platform)")


def enter(rig, service):
    kiosk = rig.kiosk
    kiosk.start()
    kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    kiosk.consent(True)
    rig.jobs.finish()
    kiosk.choose_service(service)
    while rig.jobs.waiting:  # the resident's licences, listed for the checks and materials
        rig.jobs.finish()
    return kiosk


def reads(rig):
    grant = rig.visit.grant
    return [(read.item, read.purpose) for read in rig.kiosk.platform.data_reads(grant.visit_id)]


def test_a_licence_is_previewed_only_when_asked_and_used_only_when_confirmed(rig):
    kiosk = enter(rig, "senior_card")
    assert rig.view.screen == S.MATERIALS
    (row,) = rig.view.showing["materials"]
    assert row.key == "household_register" and row.state == "licence"
    assert "居民户口簿" in row.licence and "3101****9871" in row.licence
    assert ("household_register", "senior_card") not in reads(rig)  # not fetched yet
    kiosk.use_licence("household_register")
    rig.jobs.finish()
    assert rig.view.screen == S.LICENCE_PREVIEW
    preview = rig.view.showing["licence_preview"]
    assert preview.title == "居民户口簿" and preview.purpose == "用于：敬老卡申领"
    shown = dict(preview.fields)
    assert shown["户籍地址"] != "上海市宝山区友谊路街道密山路8弄12号301室"  # masked
    assert ("household_register", "senior_card") in reads(rig)  # a read, with its purpose
    assert "household_address" not in rig.visit.answers or not rig.visit.answers[
        "household_address"]  # seen, not yet used
    kiosk.confirm_licence()
    assert rig.view.screen == S.FORM  # the only material: on without another touch
    address = next(r for r in rig.view.showing["form"] if r.key == "household_address")
    assert address.locked and address.source == "来自上海市公安局宝山分局，2009年7月1日更新"
    assert rig.visit.answers["household_address"] == "上海市宝山区友谊路街道密山路8弄12号301室"
    form_walk.to_sign(kiosk, bank="icbc")
    kiosk.confirm_without_signature()
    rig.jobs.finish()
    outcome = rig.visit.outcome
    assert outcome is not None and outcome.delivered
    receipt = rig.printer.printed[-1].plain_text()
    assert "户口簿：已用电子证照“居民户口簿”代替" in receipt
    sent = rig.outbox.get(_only_key(rig)).model()
    assert sent.licences == ("sh.gaj-HUKOU-310113009871",)


def test_a_licence_declined_leaves_the_paper_to_account_for(rig):
    kiosk = enter(rig, "senior_card")
    kiosk.use_licence("household_register")
    rig.jobs.finish()
    kiosk.go_back()  # 不用
    assert rig.view.screen == S.MATERIALS
    kiosk.confirm_form()
    assert rig.view.screen == S.MATERIALS
    assert "户口簿" in rig.view.showing["form_page"].problem


def test_a_government_record_is_locked_with_its_agency_and_date(rig):
    kiosk = enter(rig, "elderly_allowance")
    kiosk.confirm_form()  # the applicant's step
    address = next(r for r in rig.view.showing["form"] if r.key == "address")
    assert address.locked and not address.changeable
    assert address.source.startswith("来自") and "更新" in address.source
    kiosk.answer("address", "somewhere else")
    assert rig.visit.answers["address"] == "上海市宝山区友谊路街道密山路8弄12号301室"


def test_a_locked_answer_changed_after_it_was_handed_out_is_refused_calmly(rig):
    kiosk = enter(rig, "elderly_allowance")
    form_walk.to_sign(kiosk)
    # What no screen lets a resident do, as a broken or tampered kiosk might: the platform
    # compares each locked answer with what it handed out in this visit.
    rig.visit.answers = {**rig.visit.answers, "address": "上海市黄浦区人民大道200号"}
    kiosk.confirm_without_signature()
    rig.jobs.finish()
    assert rig.view.screen == S.NOTICE
    notice = rig.view.showing["notice"]
    assert notice.title == "信息有变化" and "请重新开始" in notice.body


def test_the_submission_names_its_locked_items_and_licences(rig):
    kiosk = enter(rig, "elderly_allowance")
    form_walk.to_sign(kiosk)
    kiosk.confirm_without_signature()
    rig.jobs.finish()
    assert rig.view.screen == S.RECEIPT
    item = rig.outbox.get(_only_key(rig))
    sent = item.model()
    assert sent.locked.get("address") == "residence_address"
    assert sent.visit_id == rig.visit.grant.visit_id and sent.first_try


def _only_key(rig):
    import sqlite3

    with sqlite3.connect(rig.outbox.path) as db:
        (key,) = db.execute("SELECT idempotency_key FROM items WHERE kind = 'submission'"
                            " AND reference = ?", (rig.visit.outcome.reference,)).fetchone()
    return key


def test_the_retirement_bundle_files_each_matter_with_one_signature(rig):
    kiosk = enter(rig, "retirement_bundle")
    for _ in range(10):  # its documents, each from a licence the resident holds
        if rig.view.screen != S.MATERIALS:
            break
        row = next((r for r in rig.view.showing["materials"] if r.state == "licence"), None)
        if row is None:
            kiosk.confirm_form()
            continue
        kiosk.use_licence(row.key)
        rig.jobs.finish()
        kiosk.confirm_licence()
    asked = {row.key: row for row in rig.view.showing["form"]}
    choices = {key: row.options[0].value for key, row in asked.items()
               if row.kind == "choice"}
    form_walk.to_sign(kiosk, **choices)
    kiosk.confirm_without_signature()
    rig.jobs.finish()
    outcome = rig.visit.outcome
    members = rig.kiosk.catalogue.get("retirement_bundle").bundle
    assert outcome is not None and len(outcome.references) == len(members)
    receipt = rig.printer.printed[-1].plain_text()
    assert all(reference in receipt for reference in outcome.references)

