"""上门办 / 代办 on the real district store: two choices, no typing, one request whatever is
touched twice or retried, its status in plain words and on a printed slip."""

from __future__ import annotations

import sqlite3

from kiosk.view import ScreenName as S
from tests.kiosk.test_booking import identified


def requests_recorded(settings) -> int:
    with sqlite3.connect(settings.data_dir / "store.sqlite") as db:
        return db.execute("SELECT COUNT(*) FROM home_services").fetchone()[0]


def to_home_service(rig) -> None:
    identified(rig)
    rig.kiosk.choose_service("home_service")
    rig.jobs.finish_all()
    assert rig.view.screen == S.HOME_SERVICE


def test_a_request_needs_both_choices_and_is_sent_once(appointments, settings):
    rig, _store, _wall = appointments
    kiosk, state = rig.kiosk, rig.state
    rig.visit.voice_on = True
    to_home_service(rig)
    assert [m.label for m in state.matters] == ["户籍业务", "社保业务", "民政业务"]
    kiosk.request_home_service()
    assert state.home_service.missing == ("kind", "matter") and not rig.jobs.waiting
    assert rig.said("您需要：")
    kiosk.choose_home_kind("home_visit")
    kiosk.choose_home_kind("by_drone")  # no such kind: nothing changes
    kiosk.choose_matter("civil_affairs")
    assert state.home_service.missing == ()
    assert (state.home_service.kind, state.home_service.matter) == ("home_visit", "civil_affairs")
    kiosk.request_home_service()
    kiosk.request_home_service()  # a double touch
    rig.jobs.finish_all()
    assert rig.view.screen == S.HOME_SERVICE_DONE
    assert state.home_service.status == "已收到，等待安排工作人员"
    assert requests_recorded(settings) == 1
    slip = rig.printer.printed[-1].plain_text()
    assert "上门办理" in slip and "民政业务" in slip and "已收到" in slip


def test_a_retry_after_a_lost_answer_records_one_request(appointments, settings):
    rig, _store, _wall = appointments
    to_home_service(rig)
    rig.kiosk.choose_home_kind("proxy")
    rig.kiosk.choose_matter("household")
    rig.network.lose.add("request_home_service")
    rig.kiosk.request_home_service()
    rig.jobs.finish_all()
    assert rig.view.screen == S.HOME_SERVICE
    assert rig.state.booking_problem.startswith("网络暂时不通")
    assert not rig.visit.holds  # printing never began: the idle clock runs again
    rig.kiosk.request_home_service()
    rig.jobs.finish_all()
    assert rig.view.screen == S.HOME_SERVICE_DONE and requests_recorded(settings) == 1


def test_another_choice_is_another_request(appointments, settings):
    rig, _store, _wall = appointments
    to_home_service(rig)
    rig.kiosk.choose_home_kind("proxy")
    rig.kiosk.choose_matter("household")
    rig.network.lose.add("request_home_service")
    rig.kiosk.request_home_service()
    rig.jobs.finish_all()
    rig.kiosk.choose_matter("social_security")  # the resident changes their mind
    rig.kiosk.request_home_service()
    rig.jobs.finish_all()
    assert requests_recorded(settings) == 2
    assert rig.state.home_service.matter_label == "社保业务"
