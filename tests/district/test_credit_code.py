"""统一社会信用代码's check character (GB 32100-2015), against codes published elsewhere."""

from __future__ import annotations

import pytest

from district.credit_code import check_character, credit_code_ok
from district.seed_documents import ENTERPRISES

# The standard's own example, and two companies' codes as printed on their licences.
PUBLISHED = ("91350100M000100Y43", "91110000802100433B", "91440300708461136T")


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_codes_are_right(code):
    assert credit_code_ok(code)
    assert check_character(code[:17]) == code[17]


@pytest.mark.parametrize("code", [
    "91350100M000100Y44",   # another check character
    "91350100M000100Y4",    # too short
    "91350100M000100Y433",  # too long
    "91350100m000100Y43",   # lower case is not the alphabet
    "9135O100M000100Y43",   # O is not in it either
    "",
])
def test_anything_else_is_not(code):
    assert not credit_code_ok(code)


def test_every_demo_company_has_a_right_code():
    assert all(credit_code_ok(company[0]) for company in ENTERPRISES)


def test_a_character_outside_the_alphabet_has_no_check_character():
    with pytest.raises(ValueError, match="alphabet"):
        check_character("9135010OM000100Y4")
