"""The elderly allowance's rule (context §2.1) as the store computes it: the rate by age, the
quarterly pay days, and when paying without application began for each resident."""

from __future__ import annotations

import datetime as dt

import pytest

from district.store.benefits import elderly_allowance

CARD = ("敬老卡", "senior card")


@pytest.mark.parametrize(("age", "yuan"), [
    (65, 75), (69, 75), (70, 150), (79, 150), (80, 180), (89, 180), (90, 350), (99, 350),
    (100, 600), (107, 600)])
def test_the_monthly_rate_goes_by_age(age, yuan):
    day = dt.date(2026, 11, 30)
    assert elderly_allowance(dt.date(day.year - age, 6, 1), day, CARD).monthly_yuan == yuan


def test_nobody_under_65_receives_it():
    assert elderly_allowance(dt.date(1961, 12, 1), dt.date(2026, 11, 30), CARD) is None
    assert elderly_allowance(dt.date(1961, 11, 30), dt.date(2026, 11, 30), CARD) is not None


def test_paid_on_the_15th_of_each_quarters_first_month_at_the_age_on_that_day():
    allowance = elderly_allowance(dt.date(1956, 9, 1), dt.date(2026, 11, 30), CARD)
    # 70 on 1 September: the October payment is three months at 150
    assert (allowance.last_paid_on, allowance.last_paid_yuan) == (dt.date(2026, 10, 15), 450)
    assert allowance.next_pay_on == dt.date(2027, 1, 15)
    assert allowance.since == dt.date(2023, 5, 1) and allowance.paid_to_zh == "敬老卡"
    on_the_day = elderly_allowance(dt.date(1956, 9, 1), dt.date(2027, 1, 15), CARD)
    assert on_the_day.last_paid_on == dt.date(2027, 1, 15)


def test_who_turned_65_later_receives_it_from_that_birthday():
    allowance = elderly_allowance(dt.date(1961, 8, 20), dt.date(2026, 9, 1), CARD)
    assert allowance.since == dt.date(2026, 8, 20) and allowance.last_paid_on is None
    assert allowance.last_paid_yuan == 0 and allowance.next_pay_on == dt.date(2026, 10, 15)
    leap = elderly_allowance(dt.date(1960, 2, 29), dt.date(2025, 6, 1), CARD)
    assert leap.since == dt.date(2025, 3, 1) and leap.last_paid_on == dt.date(2025, 4, 15)
