"""What each kind of record says, made from the store's demo rows (employments, licences,
property): deterministic, so the same request on the same day gives the same rows. Rates and
layouts follow context §1.4, §2.12, §2.13, §2.16 where it gives them and are illustrative
where it does not; no record prints a birth date beside the masked ID number."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from district.contract import PlatformRefused
from district.store.database import Row, Transaction

KINDS = ("social_security_contributions", "housing_fund_deposits", "household_certificate",
         "property_register", "tax_payments")
PERSONAL_BP, EMPLOYER_BP, FUND_BP = 1050, 2600, 700  # basis points of the base, illustrative
BASE_GROWTH = 1.05  # the contribution base grows 5% a calendar year in the demo data
# a month's tax on wages (monthly table of the 2019 law): (up to, rate %, quick deduction)
TAX_TABLE = ((3000, 3, 0), (12000, 10, 210), (25000, 20, 1410), (35000, 25, 2660),
             (55000, 30, 4410), (80000, 35, 7160), (None, 45, 15160))


@dataclass(frozen=True)
class Content:
    title_zh: str
    title_en: str
    issuer: str
    header: tuple[tuple[str, str], ...]
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    note: str = ""


def mask_id(id_number: str) -> str:
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


def _yuan(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _previous_month(day: dt.date) -> str:
    first = day.replace(day=1) - dt.timedelta(days=1)
    return f"{first:%Y-%m}"


def _base_cents(job: Row, month: str) -> int:
    years = int(month[:4]) - int(job["first_month"][:4])
    return round(job["base_yuan"] * BASE_GROWTH ** years) * 100


def _window(job: Row, day: dt.date, months: int) -> list[str]:
    """The last `months` months contributed, up to last month (or the job's last)."""
    last = min(_previous_month(day), job["last_month"] or "9999-12")
    return _months(job["first_month"], last)[-months:]


def build(tx: Transaction, kind: str, person: Row, day: dt.date, months: int,
          kiosk_id: str) -> Content:
    """The content of one record for `person` (a residents row) on `day` in Shanghai."""
    if kind not in KINDS:
        raise PlatformRefused("invalid", f"no record of kind {kind!r}")
    job = tx.one("SELECT * FROM employments WHERE id_number = ?", (person["id_number"],))
    who = (("姓名", person["name"]), ("公民身份号码", mask_id(person["id_number"])))
    if kind == "social_security_contributions":
        return _social_security(job, who, day, months)
    if kind == "housing_fund_deposits":
        return _housing_fund(job, who, day, months, kiosk_id)
    if kind == "tax_payments":
        return _tax(job, who, day, months)
    if kind == "household_certificate":
        return _household(tx, person, who)
    return _property(tx, person, who)


def _social_security(job: Row | None, who, day: dt.date, months: int) -> Content:
    rows = []
    for month in _window(job, day, months) if job else []:
        base = _base_cents(job, month)
        rows.append((month, _yuan(base), _yuan(base * PERSONAL_BP // 10000),
                     _yuan(base * EMPLOYER_BP // 10000), "已缴"))
    period = f"{rows[0][0]} 至 {rows[-1][0]}" if rows else "无"
    return Content(
        "社会保险缴费记录", "Social security contributions", "上海市社会保险事业管理中心",
        (*who, ("缴费单位", job["employer"] if job else "无"), ("记录期间", period)),
        ("缴费月份", "缴费基数", "个人缴纳", "单位缴纳", "状态"), tuple(rows),
        "" if rows else "所选期间无缴费记录。")


def _housing_fund(job: Row | None, who, day: dt.date, months: int,
                  kiosk_id: str) -> Content:
    deposits = [(month, _base_cents(job, month) * FUND_BP * 2 // 10000)
                for month in _months(job["first_month"],
                                     min(_previous_month(day), job["last_month"] or "9999-12"))
                ] if job else []
    if not deposits:
        raise PlatformRefused("not_found", "no housing fund deposits yet")
    balance, rows = 0, []
    for month, amount in deposits:
        balance += amount
        rows.append((f"{month}-15", "汇缴", month, _yuan(amount), _yuan(balance)))
    rows = rows[-months:]
    closed = job["last_month"] is not None
    if closed:  # withdrawn at retirement
        rows.append((f"{job['last_month']}-28", "销户提取", "", _yuan(-balance), "0.00"))
    header = (("渠道", "自助终端"), ("网点", kiosk_id), ("打印日期", day.isoformat()),
              ("查询时间段", f"{rows[0][0]} 至 {rows[-1][0]}"),
              ("个人账号", job["fund_account"][:4] + "*****" + job["fund_account"][-4:]), *who,
              ("开户日期", f"{job['first_month']}-15"), ("账户状态", "销户" if closed else "正常"),
              ("当前余额", "0.00" if closed else _yuan(balance)),
              ("末次汇缴月份", deposits[-1][0]), ("单位名称", job["employer"]),
              ("当前月缴额", "0.00" if closed else _yuan(deposits[-1][1])))
    return Content("上海市住房公积金个人缴存明细", "Housing provident fund deposits",
                   "上海市公积金管理中心", header,
                   ("发生日期", "业务类型", "汇缴月份", "金额", "余额"), tuple(rows))


def _tax_cents(taxable: int) -> int:
    if taxable <= 0:
        return 0
    for limit, rate, deduction in TAX_TABLE:
        if limit is None or taxable <= limit * 100:
            return max(0, taxable * rate // 100 - deduction * 100)
    raise AssertionError("the table ends with no limit")


def _tax(job: Row | None, who, day: dt.date, months: int) -> Content:
    rows = []
    for month in _window(job, day, months) if job else []:
        if month < "2019-01":
            continue  # kept from the 2019 law on, in the demo
        income = _base_cents(job, month)
        deductions = income * (PERSONAL_BP + FUND_BP) // 10000 + 500000
        rows.append((month, "工资薪金所得", _yuan(income), _yuan(_tax_cents(income - deductions)),
                     job["employer"]))
    return Content("个人所得税纳税记录", "Individual income tax payments",
                   "国家税务总局上海市宝山区税务局", who,
                   ("所属期", "所得项目", "收入额", "已缴税额", "扣缴义务人"), tuple(rows),
                   "" if rows else "所选期间无纳税记录。")


def _household(tx: Transaction, person: Row, who) -> Content:
    row = tx.one("SELECT fields FROM licences WHERE holder = ?"
                 " AND type_code = 'household_register'", (person["id_number"],))
    if row is None:
        raise PlatformRefused("not_found", "no Shanghai household registration")
    fields = json.loads(row["fields"])
    return Content(
        "户籍证明", "Household registration certificate", "上海市公安局宝山分局",
        (*who, ("性别", person["sex"]), ("户籍地址", fields["address"]),
         ("户主", fields["household_head"]), ("与户主关系", fields["relation"]),
         ("登记日期", fields["registered_on"])),
        note="兹证明以上人员为本市常住户口。本证明依据电子证照库数据生成。")


def _property(tx: Transaction, person: Row, who) -> Content:
    owned = tx.all("SELECT certificate_code, content FROM properties WHERE owner = ?"
                   " ORDER BY certificate_code", (person["id_number"],))
    if not owned:  # 人房核验: only an owner may print (§2.13)
        raise PlatformRefused("forbidden", "the resident owns no registered property")
    labels = [label for label, _ in json.loads(owned[0]["content"])]
    rows = tuple((row["certificate_code"], *(value for _, value in json.loads(row["content"])))
                 for row in owned)
    return Content("不动产登记信息", "Real estate register", "上海市宝山区不动产登记事务中心",
                   (*who, ("权利人", person["name"])), ("产证编码", *labels), rows)
