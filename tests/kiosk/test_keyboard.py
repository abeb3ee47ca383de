"""The app's keyboard: letters compose pinyin, candidates come from the catalogue's words
first and then from the common characters, a candidate takes the letters it spells, and
the layouts, delete and clear behave as a resident expects."""

from __future__ import annotations

from kiosk.keyboard import (
    MAX_TEXT,
    KeyboardState,
    Vocabulary,
    common_characters,
    press,
)
from tests.kiosk.finder_catalogue import MATTERS

WORDS = [zh for _id, zh, *_rest in MATTERS] + [w for m in MATTERS for w in m[4]]
VOCABULARY = Vocabulary(WORDS)


def typed(keys: str, state: KeyboardState | None = None) -> KeyboardState:
    state = state or KeyboardState()
    for key in keys:
        press(state, key, VOCABULARY)
    return state


def texts(composing: str) -> list[str]:
    return [c.text for c in VOCABULARY.candidates(composing)]


def test_the_common_characters_are_gb2312_level_one():
    chars = common_characters()
    assert len(chars) == 3755
    assert chars[0] == "啊" and chars[-1] == "座"


def test_letters_compose_pinyin_and_are_not_typed_yet():
    state = typed("jing")
    assert (state.text, state.composing, state.query) == ("", "jing", "jing")


def test_initials_offer_the_catalogues_word_first():
    assert texts("jlk")[0] == "敬老卡"
    assert texts("sb")[0] == "社保"


def test_a_syllable_offers_the_catalogues_character_then_common_ones():
    found = texts("jing")
    assert found[0] == "敬"
    assert "经" in found and "京" in found  # common characters read jing
    assert all(c not in found for c in "社保")


def test_choosing_a_candidate_takes_the_letters_it_spells():
    state = typed("jinglao")
    candidates = VOCABULARY.candidates(state.composing)
    assert candidates[0].text == "敬老" and candidates[0].letters == 7
    single = next(i for i, c in enumerate(candidates) if c.text == "敬")
    press(state, f"pick:{single}", VOCABULARY)
    assert (state.text, state.composing) == ("敬", "lao")  # the rest is still composing
    press(state, "pick:0", VOCABULARY)
    assert (state.text, state.composing) == ("敬老", "")


def test_backspace_takes_a_letter_first_then_a_character():
    state = typed("jing")
    press(state, "pick:0", VOCABULARY)
    typed("la", state)
    press(state, "backspace", VOCABULARY)
    assert (state.text, state.composing) == ("敬", "l")
    press(state, "backspace", VOCABULARY)
    press(state, "backspace", VOCABULARY)
    assert (state.text, state.composing) == ("", "")


def test_clear_empties_both():
    state = typed("jing")
    press(state, "pick:0", VOCABULARY)
    typed("lao", state)
    assert press(state, "clear", VOCABULARY)
    assert (state.text, state.composing) == ("", "")


def test_abc_and_digits_type_directly_and_end_the_pinyin():
    state = typed("jl")
    press(state, "layout:abc", VOCABULARY)
    assert (state.text, state.composing, state.layout) == ("jl", "", "abc")
    typed("k", state)
    press(state, "layout:123", VOCABULARY)
    typed("12", state)
    assert state.text == "jlk12"


def test_unknown_keys_and_out_of_range_candidates_change_nothing():
    state = typed("jing")
    assert not press(state, "pick:999", VOCABULARY)
    assert not press(state, "layout:cyrillic", VOCABULARY)
    assert not press(state, "你", VOCABULARY)
    assert (state.text, state.composing) == ("", "jing")


def test_letters_nothing_is_read_as_offer_nothing():
    assert texts("vvv") == []


def test_the_typed_text_has_a_limit():
    state = typed("1234567890" * 3, KeyboardState(layout="123"))
    assert len(state.text) == MAX_TEXT


def test_candidate_pages_turn_and_start_again_with_a_new_letter():
    state = typed("ji")
    press(state, "candidates:1", VOCABULARY)
    press(state, "candidates:1", VOCABULARY)
    assert state.candidate_page == 2
    typed("n", state)
    assert state.candidate_page == 0
    press(state, "candidates:-1", VOCABULARY)
    assert state.candidate_page == 0
