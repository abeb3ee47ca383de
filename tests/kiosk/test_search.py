"""Search over the catalogue: Chinese text, pinyin initials, full pinyin, both mixed; title
hits before keyword and summary hits, then the most used; nothing for an empty query."""

from __future__ import annotations

import pytest

from kiosk.search import SearchIndex, units
from kiosk.services.catalogue import load_catalogue
from tests.kiosk.finder_catalogue import finder_catalogue

INDEX = SearchIndex(finder_catalogue())


@pytest.mark.parametrize("query", ["jlk", "JLK", "jinglao", "jingl", "jinglaoka", "敬老卡",
                                   "敬lk", "jlksl", "shenling"])
def test_the_senior_card_is_found_by_every_way_of_typing_it(query):
    assert INDEX.find(query)[0] == "senior_card"


def test_initials_search_within_a_title_too():
    assert INDEX.find("sbjf") == ("contributions",)  # 社保缴费, inside the title
    assert INDEX.find("gjj") == ("housing_fund",)


def test_chinese_text_is_found_in_the_summary_and_keywords():
    assert INDEX.find("津贴") == ("elderly_allowance",)
    assert INDEX.find("老年卡") == ("senior_card",)  # a keyword only


def test_letters_that_spell_no_syllables_find_nothing():
    assert INDEX.find("xyz") == ()
    assert INDEX.find("jlkx") == ()


def test_an_empty_query_finds_nothing():
    assert INDEX.find("") == ()
    assert INDEX.find("   ") == ()


def test_title_hits_rank_before_keyword_hits_whatever_the_usage():
    assert INDEX.find("yanglao") == ("contributions",)  # 养老保险: a keyword only
    assert INDEX.find("lao", {"elderly_allowance": 0, "senior_card": 5})[:2] == (
        "senior_card", "elderly_allowance")  # both titles hold lao: the more used first
    ranked = INDEX.find("lao", {"elderly_allowance": 50, "senior_card": 5})
    assert ranked[:2] == ("elderly_allowance", "senior_card")
    assert ranked.index("contributions") > 1  # 养老 only in its keywords


def test_english_titles_are_found_in_english():
    assert INDEX.find("senior card") == ("senior_card",)
    assert "housing_fund" in INDEX.find("housing")


def test_heteronyms_are_matched_by_either_reading():
    readings = units("长三角")[0].readings
    assert {"chang", "zhang"} <= set(readings)


def test_every_shipped_service_is_found_by_its_own_initials():
    catalogue = load_catalogue()
    index = SearchIndex(catalogue)
    for service in catalogue:
        initials = "".join(u.readings[0][0] if u.readings else u.char
                           for u in units(service.title.zh) if u.char.strip())
        assert service.id in index.find(initials), (service.id, initials)
