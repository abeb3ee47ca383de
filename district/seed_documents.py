"""Demo documents for a district store: companies and who may act for them, electronic
licences of the sample residents and companies, employments (what the social security,
housing fund and tax records are made from), property and the companies' benefits. Made up,
like `district.seed`; dates that must stay near "today" (a residence permit about to expire)
are given relative to the day the store is planted."""

from __future__ import annotations

import datetime as dt

from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT

BAOYOU = "91310113MA1GK7Q2X8"  # 上海宝友科技有限公司: its legal representative is ADULT
SONGBIN = "91310113MA1H3LB46X"  # 上海淞滨餐饮管理有限公司: HMT_RESIDENT is its agent
SONGBIN_REPRESENTATIVE = "310113197805160039"  # 赵国平, nobody among the sample cards

# (credit code, name, legal representative's name and ID number, address, kind, agents)
ENTERPRISES: tuple[tuple[str, str, str, str, str, str, tuple[str, ...]], ...] = (
    (BAOYOU, "上海宝友科技有限公司", ADULT.name, ADULT.id_number,
     "上海市宝山区友谊路街道同泰北路100号3楼", "有限责任公司（自然人投资或控股）", ()),
    (SONGBIN, "上海淞滨餐饮管理有限公司", "赵国平", SONGBIN_REPRESENTATIVE,
     "上海市宝山区吴淞街道淞滨路28号", "有限责任公司（自然人独资）", (HMT_RESIDENT.id_number,)),
)

# (holder, uri, type, title zh, title en, issuer, number as shown, issued, valid until, fields);
# a date given as a number of days is that many days from the planting day.
Day = dt.date | int | None
LICENCES: tuple[tuple[str, str, str, str, str, str, str, Day, Day, dict[str, str]], ...] = (
    (ELDERLY.id_number, "sh.gaj-HUKOU-310113009871", "household_register", "居民户口簿",
     "Household register", "上海市公安局宝山分局", "3101****9871", dt.date(2009, 7, 1), None,
     {"name": ELDERLY.name, "address": "上海市宝山区友谊路街道密山路8弄12号301室",
      "district": "宝山区", "household_head": ELDERLY.name, "relation": "户主",
      "registered_on": "2009-07-01"}),
    (ELDERLY.id_number, "sh.mzj-JHZ-J310113-1968-000412", "marriage", "结婚证",
     "Marriage certificate", "上海市宝山区民政局", "J310113-****-000412",
     dt.date(1968, 10, 1), None,
     {"name": ELDERLY.name, "spouse_name": "张国华", "spouse_id_number": "310113194107080011",
      "registered_on": "1968-10-01",
      "certificate_number": "J310113-1968-000412", "registry": "上海市宝山区民政局"}),
    (ELDERLY.id_number, "cn.cdpf-CJRZ-31011319440315002X42", "disability", "残疾人证",
     "Disability certificate", "上海市宝山区残疾人联合会", "3101****X42",
     dt.date(2021, 6, 18), dt.date(2031, 6, 18),
     {"name": ELDERLY.name, "certificate_number": "31011319440315002X42",
      "category": "肢体", "grade": "三级", "valid_until": "2031-06-18"}),
    (ADULT.id_number, "sh.gaj-HUKOU-310113024466", "household_register", "居民户口簿",
     "Household register", "上海市公安局宝山分局", "3101****4466", dt.date(2018, 5, 20), None,
     {"name": ADULT.name, "address": "上海市宝山区牡丹江路1560弄3号602室",
      "district": "宝山区", "household_head": ADULT.name, "relation": "户主",
      "registered_on": "2018-05-20"}),
    (ADULT.id_number, "sh.mzj-JHZ-J310113-2021-003317", "marriage", "结婚证",
     "Marriage certificate", "上海市宝山区民政局", "J310113-****-003317",
     dt.date(2021, 5, 20), None,
     {"name": ADULT.name, "spouse_name": "周晓岚", "spouse_id_number": "310113199302140027",
      "registered_on": "2021-05-20", "certificate_number": "J310113-2021-003317",
      "registry": "上海市宝山区民政局"}),
    (ADULT.id_number, "sh.wjw-CSZM-Q310045821", "birth_certificate", "出生医学证明",
     "Birth certificate", "上海市第一妇婴保健院", "Q3100****21", -75, None,
     {"baby_name": "李安然", "baby_sex": "女", "father_name": ADULT.name,
      "father_id_number": ADULT.id_number, "mother_name": "周晓岚",
      "hospital": "上海市第一妇婴保健院", "certificate_number": "Q310045821"}),
    (HMT_RESIDENT.id_number, "sh.gaj-JZZ-3101130023817", "residence_permit", "上海市居住证",
     "Shanghai residence permit", "上海市公安局宝山分局", "3101****3817", -345, 20,
     {"name": HMT_RESIDENT.name, "permit_number": "3101130023817",
      "residence_address": "上海市宝山区淞宝路155弄5号1101室"}),
    (BAOYOU, f"sh.scjgj-YYZZ-{BAOYOU}", "business_licence", "营业执照", "Business licence",
     "上海市宝山区市场监督管理局", BAOYOU, dt.date(2015, 6, 8), None,
     {"name": "上海宝友科技有限公司", "credit_code": BAOYOU, "legal_representative": ADULT.name,
      "address": "上海市宝山区友谊路街道同泰北路100号3楼",
      "kind": "有限责任公司（自然人投资或控股）", "established_on": "2015-06-08",
      "registered_capital": "500万元"}),
    (SONGBIN, f"sh.scjgj-YYZZ-{SONGBIN}", "business_licence", "营业执照", "Business licence",
     "上海市宝山区市场监督管理局", SONGBIN, dt.date(2019, 3, 11), None,
     {"name": "上海淞滨餐饮管理有限公司", "credit_code": SONGBIN, "legal_representative": "赵国平",
      "address": "上海市宝山区吴淞街道淞滨路28号", "kind": "有限责任公司（自然人独资）",
      "established_on": "2019-03-11", "registered_capital": "100万元"}),
)

# (ID number, employer, first month, last month or None, first year's base, fund account)
EMPLOYMENTS: tuple[tuple[str, str, str, str | None, int, str], ...] = (
    (ELDERLY.id_number, "上海宝山纺织厂", "1993-01", "1999-03", 620, "0201930047812"),
    (ADULT.id_number, "上海宝友科技有限公司", "2015-07", None, 7800, "0215070093344"),
    (HMT_RESIDENT.id_number, "上海淞滨餐饮管理有限公司", "2023-03", None, 7310, "0223030120055"),
)

# (产证编码, owner, what the register says, in order); HMT_RESIDENT owns nothing here
PROPERTIES: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("310113048812", ELDERLY.id_number, (
        ("产权证号", "沪房地宝字（2009）第012345号"), ("区", "宝山区"),
        ("坐落", "密山路8弄12号"), ("室号部位", "301室"), ("房屋类型", "公寓"),
        ("用途", "居住"), ("建筑面积", "62.35平方米"), ("登记日期", "2009-07-01"))),
    ("310113105527", ADULT.id_number, (
        ("产权证号", "沪（2018）宝字不动产权第018765号"), ("区", "宝山区"),
        ("坐落", "牡丹江路1560弄3号"), ("室号部位", "602室"), ("房屋类型", "公寓"),
        ("用途", "居住"), ("建筑面积", "89.20平方米"), ("登记日期", "2018-05-20"))),
)

# Benefits a company received without applying (§2.17: 2,000 yuan per hire, by data matching)
ENTERPRISE_BENEFITS: tuple[tuple[str, dict[str, object]], ...] = (
    (BAOYOU, {"id": "hiring_subsidy", "title_zh": "一次性吸纳就业补贴",
              "title_en": "One-off hiring subsidy", "monthly_yuan": 0,
              "schedule_zh": "数据比对后一次性发放，每吸纳1人2000元",
              "schedule_en": "Paid once after data matching, 2,000 yuan per person hired",
              "paid_to_zh": "单位社保账户", "paid_to_en": "the company's social security account",
              "since": "2026-03-01", "last_paid_on": "2026-09-15", "last_paid_yuan": 6000}),
)
