"""Policies received without applying (免申即享): the elderly allowance (老年综合津贴) computed
from the birth date and the store's clock, and what a company received (its stored rows)."""

from __future__ import annotations

import datetime as dt

from district.models import Benefit
from district.store.calls import KioskCalls
from district.store.times import today

NO_APPLICATION_SINCE = dt.date(2023, 5, 1)  # paid without applying from then on
PAY_MONTHS = (1, 4, 7, 10)  # on the 15th, for the quarter
# (from age, yuan a month), highest first (context §2.1)
BANDS = ((100, 600), (90, 350), (80, 180), (70, 150), (65, 75))


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def monthly_yuan(age: int) -> int:
    return next((yuan for first, yuan in BANDS if age >= first), 0)


def _birthday(birth: dt.date, years: int) -> dt.date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # born on 29 February
        return dt.date(birth.year + years, 3, 1)


def _pay_days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [dt.date(year, month, 15) for year in range(first.year, last.year + 1)
            for month in PAY_MONTHS if first <= dt.date(year, month, 15) <= last]


def elderly_allowance(birth: dt.date, day: dt.date, paid_to: tuple[str, str]) -> Benefit | None:
    """For a Shanghai household-registered resident aged 65 or more on `day`; a quarter's
    payment is three months at the rate of the age on its pay day (the kiosk's reading)."""
    if age_on(birth, day) < 65:
        return None
    since = max(NO_APPLICATION_SINCE, _birthday(birth, 65))
    paid = _pay_days(since, day)
    upcoming = _pay_days(day + dt.timedelta(days=1), day + dt.timedelta(days=100))
    return Benefit(
        id="elderly_allowance", title_zh="老年综合津贴", title_en="Elderly allowance",
        monthly_yuan=monthly_yuan(age_on(birth, day)),
        schedule_zh="每季度首月15日发放（1、4、7、10月）",
        schedule_en="Quarterly, on the 15th of January, April, July and October",
        paid_to_zh=paid_to[0], paid_to_en=paid_to[1], since=since,
        last_paid_on=paid[-1] if paid else None,
        last_paid_yuan=3 * monthly_yuan(age_on(birth, paid[-1])) if paid else 0,
        next_pay_on=upcoming[0])


class BenefitCalls(KioskCalls):
    def benefits(self, visit_id: str) -> list[Benefit]:
        now = self._now()
        with self._db.transaction() as tx:
            visit = self._open_visit(tx, visit_id, now)
            self._record_read(tx, visit, "benefits", now)
            if visit["on_behalf_of"]:
                rows = tx.all("SELECT content FROM enterprise_benefits WHERE credit_code = ?"
                              " ORDER BY id", (visit["on_behalf_of"],))
                return [Benefit.model_validate_json(row["content"]) for row in rows]
            person = tx.one("SELECT birth_date FROM residents WHERE id_number = ?",
                            (visit["id_number"],))
            registered = tx.one("SELECT 1 AS found FROM licences WHERE holder = ?"
                                " AND type_code = 'household_register'", (visit["id_number"],))
        if person is None or registered is None:
            return []
        allowance = elderly_allowance(dt.date.fromisoformat(person["birth_date"]), today(now),
                                      ("社保卡", "social security card"))
        return [allowance] if allowance else []


def benefit_json(content: dict[str, object]) -> str:
    return Benefit.model_validate(content).model_dump_json()


