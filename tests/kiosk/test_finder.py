"""Finding a service in the visit: home's pages (the most used, the bundles, the
categories), a category's services, search typed on the app's keyboard; what is typed
survives a display-mode change and goes with the visit."""

from __future__ import annotations

from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from kiosk.form_flow import FLOW_SCREENS
from kiosk.view import ScreenName
from tests.kiosk.finder_catalogue import finder_catalogue

S = ScreenName


def at_home(make_rig, usage=None):
    rig = make_rig(catalogue=finder_catalogue())
    if usage is not None:
        rig.kiosk.usage = usage
    rig.kiosk.start()
    return rig


def test_home_shows_the_most_used_first_then_bundles_then_categories(make_rig):
    rig = at_home(make_rig, {"disability_subsidy": 9, "housing_fund": 4})
    home = rig.state.home
    assert home.section == "used" and home.pages == 3
    assert [t.id for t in home.tiles][:2] == ["disability_subsidy", "housing_fund"]
    assert len(home.tiles) == 6 and "retirement" not in [t.id for t in home.tiles]
    rig.kiosk.turn_page(1)
    assert rig.state.home.section == "bundles"
    assert [t.id for t in rig.state.home.tiles] == ["retirement"]
    rig.kiosk.turn_page(1)
    categories = rig.state.home.categories
    assert [c.id for c in categories] == ["elderly", "social_security", "medical",
                                          "housing_fund", "residence", "disability"]
    assert categories[0].title == "养老服务" and categories[0].note == "2 项"
    rig.kiosk.turn_page(1)  # the last page stays
    assert rig.state.home.page == 2


def test_large_print_has_fewer_tiles_a_page(make_rig):
    rig = at_home(make_rig)
    rig.kiosk.toggle_display_mode("large")
    assert len(rig.state.home.tiles) == 3


def test_cross_region_services_carry_the_mark_in_words(make_rig):
    rig = at_home(make_rig, {"contributions": 3})
    tiles = {t.id: t for t in rig.state.home.tiles}
    assert tiles["contributions"].badge == "跨省通办"
    assert tiles["senior_card"].badge == ""
    rig.kiosk.toggle_language()
    assert {t.id: t for t in rig.state.home.tiles}["contributions"].badge == "Cross-region"


def test_a_category_lists_its_services_and_back_leads_home(make_rig):
    rig = at_home(make_rig, {"elderly_allowance": 2})
    rig.kiosk.open_category("elderly")
    assert rig.state.screen == S.CATEGORY
    assert rig.state.title == "养老服务"
    assert [t.id for t in rig.state.category.tiles] == ["elderly_allowance", "senior_card"]
    rig.kiosk.open_category("tax")  # only from home
    assert rig.state.category.id == "elderly"
    rig.kiosk.go_back()
    assert rig.state.screen == S.HOME


def test_choosing_from_a_category_asks_for_the_card_first(make_rig):
    rig = at_home(make_rig)
    rig.kiosk.open_category("elderly")
    rig.kiosk.choose_service("senior_card")
    assert rig.state.screen == S.IDENTIFY
    assert rig.visit.pending_service == "senior_card"


def test_initials_typed_on_the_keyboard_find_the_service_directly(make_rig):
    rig = at_home(make_rig)
    rig.kiosk.open_search()
    assert rig.state.screen == S.SEARCH
    assert rig.state.search.found == 0 and "jlk" in rig.state.search.message
    for key in "jlk":
        rig.kiosk.press_key(key)
    search = rig.state.search
    assert search.keyboard.composing == "jlk"
    assert search.tiles[0].id == "senior_card"
    assert search.keyboard.candidates[0] == "敬老卡"


def test_a_candidate_chosen_becomes_the_text_and_still_finds(make_rig):
    rig = at_home(make_rig)
    rig.kiosk.open_search()
    for key in "shebao":
        rig.kiosk.press_key(key)
    assert rig.state.search.keyboard.candidates[0] == "社保"
    rig.kiosk.press_key("pick:0")
    search = rig.state.search
    assert (search.keyboard.text, search.keyboard.composing) == ("社保", "")
    assert [t.id for t in search.tiles] == ["contributions"]
    assert search.message == "找到 1 项，请选择。"


def test_what_is_typed_survives_a_display_mode_change_and_a_trip_home(make_rig):
    rig = at_home(make_rig)
    rig.kiosk.open_search()
    for key in "jl":
        rig.kiosk.press_key(key)
    rig.kiosk.toggle_display_mode("care")
    assert rig.state.search.keyboard.composing == "jl"
    rig.kiosk.go_home()
    rig.kiosk.open_search()
    assert rig.state.search.keyboard.composing == "jl"


def test_nothing_found_says_so_and_search_says_the_count(make_rig):
    rig = at_home(make_rig)
    rig.kiosk.open_search()
    rig.kiosk.press_key("layout:123")
    rig.kiosk.press_key("9")
    assert rig.state.search.found == 0
    assert rig.state.search.message.startswith("没有找到")
    rig.kiosk.keypad_used()  # the voice on
    rig.kiosk.press_key("clear")
    rig.kiosk.press_key("layout:pinyin")
    for key in "gjj":
        rig.kiosk.press_key(key)
    rig.kiosk.press_key("search")  # the letters stay, as letters
    assert rig.state.search.keyboard.text == "gjj"
    assert rig.said("找到 1 项")


def test_results_come_a_page_at_a_time(make_rig):
    rig = at_home(make_rig)
    rig.kiosk.open_search()
    rig.kiosk.press_key("layout:abc")
    rig.kiosk.press_key("l")  # every 老, 两, 录 … and every English l
    search = rig.state.search
    assert search.found > 3 and len(search.tiles) == 3 and search.pages > 1
    rig.kiosk.turn_page(1)
    assert rig.state.search.page == 1
    rig.kiosk.press_key("backspace")
    rig.kiosk.press_key("j")  # a new query starts at its first page
    assert rig.state.search.page == 0


def test_choosing_a_result_enters_the_service_once_identified(make_rig):
    rig = make_rig(catalogue=finder_catalogue(), held=False)
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)
    rig.kiosk.open_search()
    for key in "jlk":
        rig.kiosk.press_key(key)
    rig.kiosk.choose_service(rig.state.search.tiles[0].id)
    assert rig.state.screen in FLOW_SCREENS  # its form's flow (no fields: its answers)
    assert rig.visit.service_id == "senior_card"


def test_the_search_goes_with_the_visit(make_rig):
    rig = at_home(make_rig)
    rig.kiosk.open_search()
    rig.kiosk.press_key("j")
    rig.kiosk.end_visit("finished")
    assert rig.visit.finder.keyboard.query == ""
