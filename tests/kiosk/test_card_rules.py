"""A card whose number or dates cannot be, or that has expired, is refused calmly: its
holder is never greeted and nothing is read from the platform."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from drivers.base import CardRead
from drivers.idcard.card import CardType, id_check_digit
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT
from kiosk.card_rules import EXPIRED, FORGED, card_problem
from kiosk.view import ScreenName as S
from tests.fakes import TODAY


def renumbered(card, first17: str):
    return replace(card, id_number=first17 + id_check_digit(first17))


def wrong_check_character(card):
    last = card.id_number[-1]
    return replace(card, id_number=card.id_number[:-1] + ("0" if last != "0" else "1"))


@pytest.mark.parametrize("card", [ELDERLY, ADULT, HMT_RESIDENT])
def test_the_sample_cards_are_good(card):
    assert card_problem(card, TODAY) is None


@pytest.mark.parametrize(("card", "problem"), [
    (wrong_check_character(ELDERLY), FORGED),
    (replace(ELDERLY, birth_date=date(2027, 1, 1)), FORGED),  # born in the future
    (replace(ADULT, valid_from=date(2020, 5, 1), valid_to=date(2010, 5, 1)), FORGED),
    (replace(ADULT, valid_from=date(2027, 1, 1)), FORGED),  # issued in the future
    (renumbered(ELDERLY, ELDERLY.id_number[:6] + "19500101" + ELDERLY.id_number[14:17]),
     FORGED),  # the number's birth date is not the card's
    (replace(ADULT, valid_from=date(2006, 5, 1), valid_to=date(2026, 5, 1)), EXPIRED),
])
def test_a_card_that_cannot_be_is_refused(card, problem):
    assert card_problem(card, TODAY) == problem


def test_a_long_valid_card_and_the_old_foreigners_card_pass():
    assert card_problem(replace(ELDERLY, valid_to=None), TODAY) is None
    old_foreign = replace(ADULT, card_type=CardType.FOREIGN_PERMANENT, id_number="USA310112790")
    assert card_problem(old_foreign, TODAY) is None  # 15 characters, no check character


def test_a_refused_card_is_never_greeted_and_nothing_is_read(rig):
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", wrong_check_character(ELDERLY)))
    assert rig.view.screen == S.NOTICE
    assert rig.view.showing["notice"].title == "这张卡暂时不能用"
    assert "核对不上" in rig.view.showing["notice"].body
    assert rig.view.showing["greeting"] == "" and rig.visit.resident is None
    assert not rig.jobs.waiting
    rig.kiosk.go_home()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))  # her own, good card
    assert rig.view.screen == S.CONSENT


def test_an_expired_card_says_what_to_do(rig):
    rig.kiosk.start()
    expired = replace(ADULT, valid_from=date(2006, 5, 1), valid_to=date(2026, 5, 1))
    rig.kiosk.handle_device_event(CardRead("idcard", expired))
    assert "已过有效期" in rig.view.showing["notice"].body
