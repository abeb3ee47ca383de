"""Nothing of a resident is read from the platform before they agree: the consent screen
says who asks, for what, which items and for how long; declining still leaves the services
that need no platform data, and a service that does asks again."""

from __future__ import annotations

import shutil

import pytest

from district.contract import PlatformRefused
from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from kiosk.config import SERVICES_DIR
from kiosk.services.catalogue import load_catalogue
from kiosk.view import ScreenName as S

NEEDS_NO_PROFILE = """
id = "card_only"
icon = "mdi6.card-account-details-outline"
title = { zh = "只用身份证的事项", en = "A matter the card alone fills in" }
summary = { zh = "只读身份证", en = "The card only" }
done_note = { zh = "好", en = "Done" }

[[fields]]
key = "name"
label = { zh = "姓名", en = "Name" }
source = "card.name"
"""


def card(rig):
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))


def reads(rig) -> list:
    """Every read the platform recorded for this resident, as their data tracker lists it."""
    platform = rig.network.platform
    grant = platform.open_visit(platform_consent(rig))
    return platform.data_reads(grant.visit_id)


def platform_consent(rig):
    from kiosk.consent import consent_for

    return consent_for(ELDERLY.id_number, rig.kiosk.catalogue)


def test_a_card_asks_for_consent_before_any_read(rig):
    card(rig)
    assert rig.view.screen == S.CONSENT
    assert not rig.jobs.waiting  # nothing asked of the platform yet
    consent = rig.view.showing["consent"]
    assert "一网通办平台" in consent.asker and "自动填写" in consent.purpose
    assert "联系电话" in consent.items and "居住地址" in consent.items
    assert "30 分钟" in consent.duration
    assert rig.view.showing["greeting"] == ""  # not greeted by name before agreeing
    assert reads(rig) == []


def test_agreeing_reads_the_consented_items_and_records_each_read(rig):
    card(rig)
    rig.kiosk.consent(True)
    assert rig.view.showing["reading_card"]  # "reading your details"
    rig.jobs.finish()
    assert rig.view.screen == S.HOME and rig.view.showing["greeting"].startswith(ELDERLY.name)
    assert rig.visit.resident.profile["phone"].startswith("139")
    recorded = reads(rig)
    assert {read.item for read in recorded} >= {"phone", "residence_address"}
    assert {read.purpose for read in recorded} == {"prefill_forms"}
    assert {read.kiosk_id for read in recorded} == {rig.kiosk.settings.site.kiosk_id}


def test_declining_reads_nothing_and_keeps_services_that_need_no_data(make_rig, tmp_path):
    shutil.copytree(SERVICES_DIR, tmp_path / "services")
    (tmp_path / "services" / "card_only.toml").write_text(NEEDS_NO_PROFILE, encoding="utf-8")
    rig = make_rig(catalogue=load_catalogue(tmp_path / "services"))
    card(rig)
    rig.kiosk.consent(False)
    assert not rig.jobs.waiting
    assert rig.view.screen == S.HOME and rig.visit.resident.profile == {}
    assert reads(rig) == []
    tiles = {tile.id: tile for tile in rig.view.showing["services"]}
    assert tiles["elderly_allowance"].note == "需要您同意读取信息后才能自动填表"
    assert tiles["card_only"].note == "只读身份证"
    rig.kiosk.choose_service("card_only")
    assert rig.view.screen == S.FORM  # no platform data needed: straight in


def test_a_service_that_reads_the_profile_asks_again_after_a_decline(rig):
    card(rig)
    rig.kiosk.consent(False)
    rig.kiosk.choose_service("elderly_allowance")
    assert rig.view.screen == S.CONSENT
    rig.kiosk.consent(True)
    rig.jobs.finish()
    assert rig.view.screen == S.FORM
    assert rig.visit.answers["phone"].startswith("139")


def test_a_decline_after_choosing_a_service_goes_home_not_back_to_consent(rig):
    rig.kiosk.start()  # home, with no card yet
    rig.kiosk.choose_service("elderly_allowance")  # chosen first: identify, then the card
    assert rig.view.screen == S.IDENTIFY
    card(rig)
    assert rig.view.screen == S.CONSENT
    rig.kiosk.consent(False)
    assert rig.view.screen == S.HOME and not rig.jobs.waiting
    tiles = {tile.id: tile for tile in rig.view.showing["services"]}
    assert tiles["elderly_allowance"].note == "需要您同意读取信息后才能自动填表"


def test_the_visits_end_closes_the_grant(make_rig):
    rig = make_rig(held=False)
    card(rig)
    rig.kiosk.consent(True)
    grant = rig.visit.grant
    assert rig.network.platform.profile(grant.visit_id)
    rig.kiosk.finish()
    rig.kiosk.end_now()
    with pytest.raises(PlatformRefused) as refused:
        rig.network.platform.profile(grant.visit_id)
    assert refused.value.reason == "consent_expired"
