"""市民主页 through the real kiosk on the real district store: the sections and what each
holds, licences masked, benefits received without applying, reminders computed on the kiosk,
who read my data (newest first, in Shanghai time, a page at a time), a failure with its
再试一次, and a resident who declines consent seeing nothing personal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY, HMT_RESIDENT
from kiosk.view import KeyAction
from kiosk.view import ScreenName as S
from tests.kiosk.desk_rig import START


def identified(desk, card=ELDERLY, consent=True):
    desk.kiosk.start()
    desk.kiosk.handle_device_event(CardRead("idcard", card))
    desk.kiosk.consent(consent)
    desk.jobs.finish_all()


def page(desk, card=ELDERLY):
    identified(desk, card)
    desk.kiosk.open_personal_page()
    assert desk.view.screen == S.PERSONAL_PAGE
    desk.jobs.finish_all()
    return desk.view.showing["personal"]


def sections(view):
    return {section.id: section for section in view.sections}


def everything_shown(desk) -> str:
    """Every text of the screen state, as a window would draw it."""
    texts = []

    def walk(value):
        if isinstance(value, str):
            texts.append(value)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(desk.view.showing)
    return "\n".join(texts)


def test_the_page_shows_each_section_with_what_it_holds(desk):
    view = page(desk)
    assert not view.declined and not view.needs_card and view.problem == ""
    shown = sections(view)
    assert list(shown) == ["applications", "licences", "benefits", "reminders", "data_reads"]
    assert shown["applications"].summary == "2 件"
    assert re.fullmatch(r"\d+ 张", shown["licences"].summary)
    assert shown["reminders"].summary == "没有需要注意的事" and not shown["reminders"].warn
    assert desk.view.showing["title"] == "市民主页"


def test_my_licences_masks_numbers_and_says_how_long_each_is_valid(desk):
    page(desk)
    desk.kiosk.open_section("licences")
    assert desk.view.screen == S.MY_LICENCES
    rows = desk.view.showing["personal_list"].rows
    assert rows and all("*" in row.lines[1] for row in rows)
    assert rows[0].lines[0].startswith("发证机关：")
    valid = [row.lines[2] for row in rows]
    assert "长期有效" in valid and any(v.startswith("有效期至 ") for v in valid)
    assert ELDERLY.id_number not in everything_shown(desk)
    desk.kiosk.go_back()
    assert desk.view.screen == S.PERSONAL_PAGE


def test_benefits_received_without_applying_say_what_how_much_and_when(desk):
    page(desk)
    desk.kiosk.open_section("benefits")
    rows = desk.view.showing["personal_list"].rows
    assert rows, "the 82-year-old receives the elderly allowance without applying"
    lines = rows[0].lines
    assert re.fullmatch(r"每月 \d+ 元", lines[0])
    assert any(line.startswith("下次发放：") for line in lines)


def test_reminders_a_permit_about_to_expire_and_a_card_ready_for_pickup(desk):
    identified(desk, HMT_RESIDENT)
    desk.kiosk.open_personal_page()
    desk.jobs.finish_all()
    reminders = sections(desk.view.showing["personal"])["reminders"]
    assert reminders.warn and reminders.summary == "1 条提醒"
    desk.kiosk.open_section("reminders")
    rows = desk.view.showing["personal_list"].rows
    # the demo permit ends 20 days after the store was planted, on the district's day
    left = (START.date() + dt.timedelta(days=20) - desk.kiosk.today()).days
    assert len(rows) == 1 and rows[0].title == f"您的居住证 12月20日 到期，还有 {left} 天"
    assert rows[0].lines == ("请及时办理居住证签注，本机就可以办。",)


def test_an_application_ready_for_pickup_is_a_reminder(desk):
    identified(desk)
    applications = desk.kiosk.platform.applications(desk.visit.grant.visit_id)
    desk.store.advance_application(applications[0].reference, "ready")
    desk.kiosk.open_personal_page()
    desk.jobs.finish_all()
    desk.kiosk.open_section("reminders")
    rows = desk.view.showing["personal_list"].rows
    assert [row.title for row in rows] == ["“社保卡补换”已经办好，可以领取了"]
    assert applications[0].reference in rows[0].lines[0]


def test_who_read_my_data_newest_first_in_shanghai_time_a_page_at_a_time(desk):
    page(desk)
    desk.district_clock.advance(minutes=5)
    desk.kiosk.open_section("licences")  # already fetched: no new read
    desk.kiosk.go_back()
    desk.kiosk.open_section("data_reads")
    assert desk.view.showing["personal_list"].loading
    desk.jobs.finish_all()
    shown = desk.view.showing["personal_list"]
    rows = shown.rows
    assert len(rows) == 3 and shown.pages >= 2  # three a page
    assert rows[0].lines[0] == "谁读取：本机（BS-YY-001）"
    assert rows[0].lines[2].startswith("什么时候：11月30日 10:")  # 02:00 UTC is 10:00 here
    items = [row.title for row in rows]
    assert "其他信息" not in items  # each item in plain words
    whens = [row.lines[2] for row in rows]
    assert whens == sorted(whens, reverse=True)
    desk.kiosk.turn_page(1)
    assert desk.view.showing["personal_list"].page == 1
    desk.kiosk.toggle_language()
    assert desk.view.showing["personal_list"].rows[0].lines[0].startswith("By: this kiosk")


def test_a_section_that_failed_offers_a_retry_and_keeps_the_rest(desk):
    identified(desk)
    desk.network_down()
    desk.kiosk.open_personal_page()
    desk.jobs.finish_all()
    view = desk.view.showing["personal"]
    assert view.problem == "有些信息暂时查不到。"
    assert sections(view)["licences"].summary == "暂时查不到"
    desk.network_down(False)
    desk.kiosk.retry()
    desk.jobs.finish_all()
    view = desk.view.showing["personal"]
    assert view.problem == "" and re.fullmatch(r"\d+ 张", sections(view)["licences"].summary)


def test_a_resident_who_declines_sees_nothing_personal_and_may_be_asked_again(desk):
    identified(desk, consent=False)
    desk.kiosk.open_personal_page()
    assert desk.jobs.waiting == []  # nothing asked of the platform
    view = desk.view.showing["personal"]
    assert view.declined and view.sections == ()
    shown = everything_shown(desk)
    assert "这里不显示任何个人信息" in shown
    for private in (ELDERLY.id_number, ELDERLY.id_number[-4:], "3101****9871", "张国华",
                    "密山路"):  # (her name, read from her own card, still greets her)
        assert private not in shown
    desk.kiosk.open_section("licences")  # no way in
    assert desk.view.screen == S.PERSONAL_PAGE and desk.jobs.waiting == []
    desk.kiosk.ask_consent_again()
    assert desk.view.screen == S.CONSENT
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    assert desk.view.screen == S.PERSONAL_PAGE
    assert not desk.view.showing["personal"].declined


def test_the_page_asked_for_before_the_card_opens_once_the_resident_agrees(desk):
    desk.kiosk.start()
    desk.kiosk.open_personal_page()
    assert desk.view.showing["personal"].needs_card
    desk.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    assert desk.view.screen == S.PERSONAL_PAGE
    assert sections(desk.view.showing["personal"])["applications"].summary == "2 件"


def test_nothing_of_the_page_is_logged(desk, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    page(desk)
    for section in ("licences", "benefits", "data_reads"):
        desk.kiosk.open_section(section)
        desk.jobs.finish_all()
        desk.kiosk.go_back()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for private in (ELDERLY.id_number, ELDERLY.name, "9871", "张国华"):
        assert private not in logged


def test_the_details_are_spoken_only_into_headphones(desk):
    page(desk)
    desk.kiosk.toggle_display_mode("care")  # 长辈模式 speaks
    desk.kiosk.open_section("licences")
    assert desk.said("这一页有 3 条。戴上耳机可以听到详细内容。")
    assert desk.said("个人信息已隐藏，请戴上耳机收听。")  # instead of each row
    spoken = "\n".join(desk.spoken())
    assert "3101****9871" not in spoken and "上海市公安局宝山分局" not in spoken
    desk.kiosk.toggle_headphones()
    desk.kiosk.key(KeyAction.REPEAT)
    assert desk.said("居民户口簿，发证机关：上海市公安局宝山分局，证照号码：3101****9871，长期有效")
