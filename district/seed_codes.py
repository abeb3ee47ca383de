"""Demo data for offline codes and the status list: each resident's status colour (most
green, a few yellow and red) and five more made-up residents beside the sample cards, so
every group a paper code is for, and each colour, has someone: an elderly man whose status
is red, a child, a disabled adult (with a disability certificate, the only way an adult
under 60 is eligible), and two adults who are not eligible. Nobody real."""

from __future__ import annotations

import datetime as dt

from drivers.idcard.card import IdCard, id_check_digit
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT


def _card(name: str, sex: str, born: dt.date, serial: str, address: str) -> IdCard:
    first17 = f"310113{born:%Y%m%d}{serial}"
    return IdCard(name=name, sex=sex, ethnicity="汉", birth_date=born, address=address,
                  id_number=first17 + id_check_digit(first17), issuer="上海市公安局宝山分局",
                  valid_from=dt.date(2020, 1, 10), valid_to=None)


ELDERLY_RED = _card("张建国", "男", dt.date(1950, 2, 11), "031",
                     "上海市宝山区友谊路街道团结路20弄4号")
MINOR = _card("刘小雨", "女", dt.date(2015, 8, 3), "042",
               "上海市宝山区吴淞街道淞兴西路66弄2号")
DISABLED = _card("赵志强", "男", dt.date(1985, 11, 23), "057",
                  "上海市宝山区张庙街道呼玛路300弄9号")
ADULT_RED = _card("孙丽", "女", dt.date(1979, 4, 2), "068",
                   "上海市宝山区顾村镇菊泉街88弄1号")
ADULT_YELLOW = _card("周海燕", "女", dt.date(1990, 12, 30), "084",
                      "上海市宝山区大场镇场中路150弄3号")

RESIDENTS = (ELDERLY_RED, MINOR, DISABLED, ADULT_RED, ADULT_YELLOW)

# the status colour by ID number; a known resident not listed is green
COLOURS: dict[str, str] = {
    ELDERLY.id_number: "green",
    ADULT.id_number: "green",
    HMT_RESIDENT.id_number: "green",
    MINOR.id_number: "green",
    DISABLED.id_number: "yellow",
    ADULT_YELLOW.id_number: "yellow",
    ELDERLY_RED.id_number: "red",
    ADULT_RED.id_number: "red",
}

# the disabled adult's certificate, in district.seed_documents.LICENCES' shape
LICENCES = (
    (DISABLED.id_number, "cn.cdpf-CJRZ-31011319851123057X11", "disability", "残疾人证",
     "Disability certificate", "上海市宝山区残疾人联合会", "3101****X11",
     dt.date(2019, 3, 5), dt.date(2029, 3, 5),
     {"name": DISABLED.name, "certificate_number": "31011319851123057X11",
      "category": "视力", "grade": "二级", "valid_until": "2029-03-05"}),
)
