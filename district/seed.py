"""Demo data for a district store: the sample residents' profile items, each with its source,
agency and date (keyed by the sample cards), usage counts, Baoshan's service centres and
24-hour terminals, a slot template, help articles and a few applications. Everyone here is
made up; places are real districts with approximate addresses and coordinates, for a demo
only. Companies, licences and what records are made from: `district/seed_documents.py`."""

from __future__ import annotations

import datetime as dt

from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT

POLICE = "市公安局人口管理"
HUMAN_RESOURCES = "市人社局"
MEDICAL_INSURANCE = "市医保局"
CIVIL_AFFAIRS = "市民政局婚姻登记"


def _government(value: str, agency: str, updated: str) -> tuple[str, str, str, dt.date]:
    return value, "government", agency, dt.date.fromisoformat(updated)


def _resident(value: str, updated: str) -> tuple[str, str, str, dt.date]:
    return value, "resident", "", dt.date.fromisoformat(updated)


# Every profile item as (value, source, agency, when its source last changed it): most from a
# government record; phone and bank account as the resident gave them earlier.
ATTRIBUTES: dict[str, dict[str, tuple[str, str, str, dt.date | None]]] = {
    ELDERLY.id_number: {
        "name": _government(ELDERLY.name, POLICE, "2014-05-06"),
        "phone": _resident("13916627358", "2025-09-12"),
        "bank_account": _resident("6214830012345678", "2023-04-20"),
        "residence_address": _government("上海市宝山区友谊路街道密山路8弄12号301室", POLICE,
                                         "2009-07-01"),
        "household_address": _government("上海市宝山区友谊路街道密山路8弄12号301室", POLICE,
                                         "2009-07-01"),
        "household_district": _government("宝山区", POLICE, "2009-07-01"),
        "subdistrict": _government("友谊路街道", POLICE, "2009-07-01"),
        "insurance_type": _government("城镇职工基本医疗保险（退休）", MEDICAL_INSURANCE,
                                      "1999-04-01"),
        "marital_status": _government("已婚", CIVIL_AFFAIRS, "1968-10-01"),
        "pension_start": _government("1999-04", HUMAN_RESOURCES, "1999-04-01"),
    },
    ADULT.id_number: {
        "name": _government(ADULT.name, POLICE, "2019-08-01"),
        "phone": _resident("13801719264", "2024-03-02"),
        "bank_account": _resident("6214830087654321", "2022-11-15"),
        "residence_address": _government("上海市宝山区牡丹江路1560弄3号602室", POLICE,
                                         "2018-05-20"),
        "household_address": _government("上海市宝山区牡丹江路1560弄3号602室", POLICE,
                                         "2018-05-20"),
        "household_district": _government("宝山区", POLICE, "2018-05-20"),
        "subdistrict": _government("友谊路街道", POLICE, "2018-05-20"),
        "insurance_type": _government("城镇职工基本医疗保险", MEDICAL_INSURANCE, "2015-07-01"),
        "marital_status": _government("已婚", CIVIL_AFFAIRS, "2021-05-20"),
        "employer": _government("上海宝友科技有限公司", HUMAN_RESOURCES, "2015-07-01"),
    },
    HMT_RESIDENT.id_number: {
        "name": _government(HMT_RESIDENT.name, POLICE, "2023-02-14"),
        "phone": _resident("13761955820", "2023-02-20"),
        "residence_address": _government("上海市宝山区淞宝路155弄5号1101室", POLICE,
                                         "2023-02-14"),
        "subdistrict": _government("吴淞街道", POLICE, "2023-02-14"),
        "insurance_type": _government("城镇职工基本医疗保险", MEDICAL_INSURANCE, "2023-03-01"),
        "marital_status": _government("未婚", CIVIL_AFFAIRS, "2023-02-14"),
        "employer": _government("上海淞滨餐饮管理有限公司", HUMAN_RESOURCES, "2023-03-01"),
    },
}

# The values alone, as a kiosk's Resident.profile holds them.
PROFILES: dict[str, dict[str, str]] = {
    id_number: {item: attribute[0] for item, attribute in items.items()}
    for id_number, items in ATTRIBUTES.items()
}

# The sample residents as the platform knows them (who a 随申码 stands for).
RESIDENTS = (ELDERLY, ADULT, HMT_RESIDENT)

USAGE: dict[str, int] = {
    "elderly_allowance": 1820,
    "medical_insurance_record": 1544,
    "social_security_card": 1210,
    "appointment": 986,
    "residence_certificate": 640,
    "home_service": 212,
}

# Matters a centre's counters take by appointment (the appointment service's choices).
COUNTER_MATTERS = ("household", "social_security", "civil_affairs")
# Services a 24-hour terminal offers by itself.
TERMINAL_SERVICES = ("elderly_allowance", "medical_insurance_record", "social_security_card",
                     "residence_certificate")
CENTRE_HOURS = ("周一至周五 9:00-17:00，周六 9:00-12:00",
                "Mon-Fri 9:00-17:00, Sat 9:00-12:00")
TERMINAL_HOURS = ("24小时", "24 hours")
# The same hours in OpenStreetMap's opening_hours syntax, for "open now".
CENTRE_OPENING_HOURS = "Mo-Fr 09:00-17:00; Sa 09:00-12:00"
TERMINAL_OPENING_HOURS = "24/7"

# (id, kind, name zh, name en, address zh, address en, latitude, longitude)
CENTRES: tuple[tuple[str, str, str, str, str, str, float, float], ...] = (
    ("bs.youyi", "centre", "友谊路街道社区事务受理服务中心",
     "Youyi Road Subdistrict Community Affairs Centre",
     "宝山区密山路附近（友谊路街道）", "Near Mishan Road, Youyi Road Subdistrict, Baoshan",
     31.4050, 121.4870),
    ("bs.wusong", "centre", "吴淞街道社区事务受理服务中心",
     "Wusong Subdistrict Community Affairs Centre",
     "宝山区淞宝路附近（吴淞街道）", "Near Songbao Road, Wusong Subdistrict, Baoshan",
     31.3790, 121.4970),
    ("bs.zhangmiao", "centre", "张庙街道社区事务受理服务中心",
     "Zhangmiao Subdistrict Community Affairs Centre",
     "宝山区呼兰路附近（张庙街道）", "Near Hulan Road, Zhangmiao Subdistrict, Baoshan",
     31.3390, 121.4390),
    ("bs.gucun", "centre", "顾村镇社区事务受理服务中心", "Gucun Town Community Affairs Centre",
     "宝山区宜川路附近（顾村镇）", "Near Yichuan Road, Gucun Town, Baoshan",
     31.3560, 121.3880),
    ("bs.dachang", "centre", "大场镇社区事务受理服务中心",
     "Dachang Town Community Affairs Centre",
     "宝山区场中路附近（大场镇）", "Near Changzhong Road, Dachang Town, Baoshan",
     31.3010, 121.4140),
    ("bs.luodian", "centre", "罗店镇社区事务受理服务中心", "Luodian Town Community Affairs Centre",
     "宝山区美兰湖附近（罗店镇）", "Near Meilan Lake, Luodian Town, Baoshan",
     31.4110, 121.3410),
    ("bs.hall.24h", "terminal", "宝山区行政服务中心24小时自助区",
     "Baoshan Administrative Service Centre, 24-hour self-service area",
     "宝山区密山路附近（区行政服务中心一楼）",
     "Near Mishan Road, ground floor of the district service centre, Baoshan",
     31.4060, 121.4890),
    ("bs.songnan.24h", "terminal", "淞南镇24小时自助服务点",
     "Songnan Town 24-hour self-service point",
     "宝山区长江南路附近（淞南镇）", "Near Changjiang South Road, Songnan Town, Baoshan",
     31.3500, 121.4760),
    ("bs.gaojing.24h", "terminal", "高境镇24小时自助服务点",
     "Gaojing Town 24-hour self-service point",
     "宝山区殷高西路附近（高境镇）", "Near Yingao West Road, Gaojing Town, Baoshan",
     31.3230, 121.4870),
)


def _half_hours(first: str, last_end: str) -> list[tuple[str, str]]:
    start = dt.datetime.strptime(first, "%H:%M")
    end = dt.datetime.strptime(last_end, "%H:%M")
    slots = []
    while start < end:
        slots.append((f"{start:%H:%M}", f"{start + dt.timedelta(minutes=30):%H:%M}"))
        start += dt.timedelta(minutes=30)
    return slots


# Every centre: weekdays (0 Monday .. 4 Friday), these half hours, this many places each.
SLOT_WEEKDAYS = range(5)
SLOT_TIMES = _half_hours("09:00", "11:30") + _half_hours("13:30", "16:30")
SLOT_PLACES = 3

# (id, question zh, question en, answer zh, answer en)
HELP_ARTICLES: tuple[tuple[str, str, str, str, str], ...] = (
    ("idcard.place", "身份证怎么放？", "How do I place my ID card?",
     "把身份证平放在屏幕下方的读卡区，有照片的一面朝上，放稳两秒钟，听到提示音再拿开。",
     "Lay the ID card flat on the reader below the screen, photo side up, and hold it still "
     "for two seconds until you hear the tone."),
    ("idcard.unreadable", "身份证读不出来怎么办？", "What if my ID card cannot be read?",
     "请擦干净卡面，换个方向重新放一次。仍然读不出时，可以扫随申码，或者按“呼叫帮助”请工作人员协助。",
     "Wipe the card and place it again, turned the other way. If it still fails, scan your "
     "Suishen code instead or press Call for help."),
    ("idcard.forgotten", "忘带身份证怎么办？", "I forgot my ID card. What can I do?",
     "可以打开随申办App出示随申码，在扫码区扫一下即可办理大部分事项。也可以凭离线码办理。",
     "Open the Suishenban app and show your Suishen code to the scanner; most services accept "
     "it. An offline code works too."),
    ("code.what", "随申码是什么？", "What is the Suishen code?",
     "随申码是上海市民的电子身份码，在随申办App或支付宝、微信的随申办小程序里打开，可以代替身份证在自助终端上办事。",
     "The Suishen code is a Shanghai resident's digital identity code, shown in the Suishenban "
     "app or its mini programme in Alipay and WeChat; the kiosk accepts it instead of an ID "
     "card."),
    ("code.offline", "没有智能手机可以办吗？", "Can I use the kiosk without a smartphone?",
     "可以。用身份证就能办理。没有手机的老人可以到社区事务受理服务中心申领离线码，打印后随身带着即可扫码。",
     "Yes. Your ID card is enough. Residents without a phone can ask a community affairs centre "
     "for an offline code, printed on paper, to scan here."),
    ("allowance.what", "老年综合津贴怎么领？", "How do I get the elderly allowance?",
     "年满65周岁的本市户籍老人，从2023年5月起不用申请，津贴按季度发到敬老卡或社保卡上。在这里可以查询发放情况。",
     "Shanghai residents with household registration aged 65 and over no longer need to apply "
     "since May 2023: the allowance is paid quarterly to the senior card or social security "
     "card. You can check payments here."),
    ("allowance.amount", "老年综合津贴每月多少钱？", "How much is the elderly allowance?",
     "按年龄分档：65至69岁每月75元，70至79岁150元，80至89岁180元，90至99岁350元，100岁以上600元。",
     "By age, per month: 65-69 75 yuan, 70-79 150 yuan, 80-89 180 yuan, 90-99 350 yuan, 100 "
     "and over 600 yuan."),
    ("insurance.record", "怎么打印医保缴费记录？", "How do I print my medical insurance record?",
     "在首页选“医保缴费记录”，放身份证，确认后即可打印，打印件可以交给单位或办事窗口。",
     "Choose Medical insurance record on the home screen, place your ID card, confirm, and the "
     "record prints; you can hand it to an employer or a counter."),
    ("ssc.replace", "社保卡丢了怎么办？", "I lost my social security card. What now?",
     "请先拨打12333或在随申办挂失，再到这里选“社保卡补换”提交申请，新卡做好后会短信通知。",
     "Report the loss first by calling 12333 or in Suishenban, then choose Replace social "
     "security card here; you will get a text message when the new card is ready."),
    ("appointment.book", "怎么预约到窗口办事？", "How do I book a time at a counter?",
     "选“预约窗口办事”，选择服务中心、事项和时间，确认后打印预约回执。到时带好身份证，在中心的自助机上扫回执签到取号。",
     "Choose Book a counter visit, pick the centre, the matter and a time, confirm, and a "
     "receipt prints. Come with your ID card and scan the receipt at the centre's kiosk to "
     "check in and get a number."),
    ("appointment.change", "预约了去不了怎么办？", "I cannot come at my booked time. What now?",
     "放身份证后在“我的预约”里可以改到别的时间，或者取消，名额会留给其他人。",
     "Place your ID card and open My appointments to move the booking to another time or "
     "cancel it, so the place goes to someone else."),
    ("appointment.checkin", "什么时候可以签到？", "When can I check in for my appointment?",
     "预约时段开始前一小时到时段结束前都可以签到，在服务中心的自助机上扫预约回执的二维码即可取号。",
     "From an hour before your slot begins until it ends: scan the QR code on your booking "
     "receipt at the centre's kiosk to get a queue number."),
    ("progress.check", "怎么查办件进度？", "How do I check an application's progress?",
     "用回执上的二维码在扫码区扫一下，就能看到办件进度。也可以放身份证查看所有办件，并订阅短信提醒。",
     "Scan the QR code on your receipt to see its progress, or place your ID card to see all "
     "your applications and sign up for text reminders."),
    ("home.service", "行动不便可以上门办理吗？",
     "Can someone come to my home if I cannot travel?",
     "可以申请“上门办”或“代办”。选“上门办 · 代办”，填写要办的事项，"
     "社区工作人员会电话联系您约时间。",
     "Yes: choose Home visit or proxy and say what you need; a community worker will call you "
     "to arrange a time."),
    ("screen.large", "字太小看不清怎么办？", "The text is too small. What can I do?",
     "点屏幕上的“大字”或“长辈模式”，字会变大，长辈模式还会语音提示每一步。",
     "Touch Large print or Care mode on the screen; care mode also speaks each step aloud."),
    ("voice.help", "可以用语音提示吗？", "Can the kiosk speak to me?",
     "插上耳机或按键盘上的任意键，语音提示就会打开；个人信息只在耳机里读出。",
     "Plug in headphones or press any key on the keypad and spoken guidance starts; personal "
     "details are only read into headphones."),
    ("privacy.reads", "我的信息被谁查看过？", "Who has looked at my data?",
     "放身份证后在个人页面可以看到每一次读取您信息的记录：哪台终端、读了什么、为了办什么事。",
     "Place your ID card and your personal page lists every read of your data: which kiosk, "
     "what it read and for which service."),
    ("receipt.lost", "回执丢了怎么办？", "I lost my receipt. What now?",
     "不要紧，放身份证后在“我的办件”里可以查到所有办件，也可以重新打印回执。",
     "No problem: place your ID card and My applications lists every application; you can "
     "print a receipt again."),
)

# Applications already under way for the sample residents, from the district's demo kiosk:
# (reference number part, service, id number, days ago submitted, stages reached).
DEMO_KIOSK = "BS-YY-001"
APPLICATIONS: tuple[tuple[int, str, str, int, int], ...] = (
    (1, "social_security_card", ELDERLY.id_number, 6, 3),
    (2, "residence_certificate", ADULT.id_number, 3, 2),
    (3, "medical_insurance_record", ELDERLY.id_number, 12, 5),
)
