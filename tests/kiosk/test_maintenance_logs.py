"""Maintenance's log page through the real kiosk: lines logged through Python's logging reach
the kiosk's log book (masked), are shown newest first, filtered by level and by words typed
on the app's keyboard, a few a page."""

from __future__ import annotations

import logging

import pytest

from kiosk.view import ScreenName as S
from tests.kiosk.maintenance_rig import audits, open_page

PAGE = "maintenance_logs"


@pytest.fixture
def logger(rig):
    logger = logging.getLogger("kiosk.test_logs")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(rig.kiosk.log_book)
    yield logger
    logger.removeHandler(rig.kiosk.log_book)
    logger.setLevel(logging.NOTSET)


def logs(rig):
    return rig.state.maintenance.logs


def test_lines_are_shown_newest_first_a_few_a_page(rig, logger):
    for number in range(10):
        logger.info("delivery: item %d delivered", number)
    open_page(rig, PAGE)
    assert rig.state.screen == S.MAINTENANCE_LOGS
    shown = logs(rig)
    assert (shown.found, shown.page, shown.pages) == (10, 0, 4)
    assert [row.message for row in shown.rows] == [f"delivery: item {n} delivered"
                                                  for n in (9, 8, 7)]
    assert shown.rows[0].level_words == "信息" and shown.rows[0].logger == "kiosk.test_logs"
    assert shown.message == "共 10 条，最新的在前"
    for _ in range(4):  # the last one past the last page: it stays there
        rig.kiosk.turn_log_page(1)
    assert [row.message for row in logs(rig).rows] == ["delivery: item 0 delivered"]
    assert logs(rig).page == 3
    rig.kiosk.turn_log_page(-1)
    assert logs(rig).page == 2
    rig.kiosk.toggle_display_mode("large")  # large print: two a page
    assert logs(rig).pages == 5


def test_the_level_filter_shows_that_level_and_above(rig, logger):
    logger.debug("camera: frame 12")
    logger.info("visit ended: finished")
    logger.warning("printer: paper is low")
    logger.error("outbox: cannot write")
    open_page(rig, PAGE)
    assert logs(rig).found == 4 and logs(rig).level == "all"
    rig.kiosk.filter_logs("warning")
    assert [row.level for row in logs(rig).rows] == ["ERROR", "WARNING"]
    rig.kiosk.filter_logs("error")
    assert [row.message for row in logs(rig).rows] == ["outbox: cannot write"]
    rig.kiosk.filter_logs("info")
    assert logs(rig).found == 3
    rig.kiosk.filter_logs("nonsense")  # not a level: nothing changes
    assert logs(rig).level == "info"
    assert ("maintenance.logs.filter", "error") in audits(rig)


def test_a_search_typed_on_the_keyboard_finds_the_lines_holding_it(rig, logger):
    logger.warning("printer: paper is low")
    logger.info("visit ended: finished")
    logger.error("printer: paper out")
    open_page(rig, PAGE)
    rig.kiosk.type_log_search()
    assert logs(rig).typing and logs(rig).keyboard.layout == "abc"
    for key in "printer":
        rig.kiosk.press_log_key(key)
    rig.kiosk.press_log_key("search")
    shown = logs(rig)
    assert not shown.typing and shown.query == "printer"
    assert [row.message for row in shown.rows] == ["printer: paper out",
                                                  "printer: paper is low"]
    rig.kiosk.press_log_key("clear")
    rig.kiosk.press_log_key("layout:123")
    rig.kiosk.press_log_key("7")
    assert logs(rig).found == 0 and logs(rig).message == "没有符合的日志"
    assert ("maintenance.logs.search", "7 characters") in audits(rig)


def test_personal_numbers_in_a_line_are_shown_masked(rig, logger):
    logger.warning("card 310113199106201234 refused, phone 13912347358")
    open_page(rig, PAGE)
    message = logs(rig).rows[0].message
    assert "310113199106201234" not in message and "13912347358" not in message
    assert "310***********1234" in message and "139****7358" in message
