"""办件进度 through the kiosk on the real store: a receipt's code shows the application's
stages with their dates, the resident's own list once identified, and SMS reminders to the
number on file, shown masked."""

from __future__ import annotations

from drivers.base import CardRead, CodeScanned
from drivers.idcard.samples import ADULT, ELDERLY
from kiosk.receipt import progress_code
from kiosk.view import ScreenName as S


def identified(desk, card=ELDERLY, consent=True):
    desk.kiosk.start()
    desk.kiosk.handle_device_event(CardRead("idcard", card))
    desk.kiosk.consent(consent)  # the consent screen: agree to the reads, or not
    desk.jobs.finish_all()


def elderly_references(desk):
    """The demo applications of the 82-year-old, newest first."""
    platform = desk.store.for_kiosk("BS-YY-001")
    from district.models import Consent

    grant = platform.open_visit(Consent(id_number=ELDERLY.id_number, purpose="personal_page",
                                        items=()))
    return [p.reference for p in platform.applications(grant.visit_id)]


def scan(desk, text):
    desk.kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))


def test_a_receipts_code_shows_the_stages_with_their_dates(desk):
    newest, _older = elderly_references(desk)
    desk.kiosk.start()
    scan(desk, progress_code(newest))
    assert desk.view.screen == S.PROGRESS
    assert desk.view.showing["progress"].busy  # asked; the platform has not answered yet
    desk.jobs.finish()
    view = desk.view.showing["progress"]
    assert view.reference == newest and view.service == "社保卡补换"
    assert [s.label for s in view.stages] == ["已收件", "已受理", "审核中", "可以领取", "已办结"]
    assert [s.reached for s in view.stages] == [True, True, True, False, False]
    assert [s.current for s in view.stages] == [False, False, True, False, False]
    assert view.status == "正在审核，请耐心等待。"
    assert view.stages[0].when.startswith("11月24日")  # six days before the store's Monday
    assert view.stages[4].when == "还没到这一步"
    assert not view.can_subscribe and view.sms == "放置身份证后，可以开通短信提醒。"


def test_a_stage_reached_later_shows_when_scanned_again(desk):
    newest, _older = elderly_references(desk)
    desk.kiosk.start()
    desk.district_clock.advance(hours=3)
    desk.store.advance_application(newest, "ready")
    scan(desk, progress_code(newest))
    desk.jobs.finish()
    view = desk.view.showing["progress"]
    assert [s.reached for s in view.stages] == [True, True, True, True, False]
    assert view.stages[3].when == "11月30日 13:00" and view.status == "已经办好，可以领取了。"
    desk.kiosk.toggle_language()
    view = desk.view.showing["progress"]
    assert view.stages[3].label == "Ready to collect" and view.stages[3].when == "30 Nov 13:00"


def test_an_unknown_reference_and_the_network_down_are_said_plainly(desk):
    desk.kiosk.start()
    scan(desk, progress_code("BSYY001-260101-9999"))
    desk.jobs.finish()
    assert desk.view.showing["progress"].problem == (
        "没有找到受理编号 BSYY001-260101-9999。请核对回执，或到窗口询问。")
    desk.network.up = False
    scan(desk, progress_code("BSYY001-260101-9999"))
    desk.jobs.finish()
    assert desk.view.showing["progress"].problem.startswith("网络暂时不通")
    scan(desk, "https://example.org/not-ours")
    assert desk.view.screen == S.NOTICE


def test_my_applications_newest_first_then_one_and_back(desk):
    identified(desk)
    desk.kiosk.open_applications()
    assert desk.view.screen == S.APPLICATIONS and desk.view.showing["applications"].loading
    desk.jobs.finish()
    rows = desk.view.showing["applications"].rows
    assert [r.service for r in rows] == ["社保卡补换", "医保缴费记录"]
    assert [r.status for r in rows] == ["审核中", "已办结"]
    desk.kiosk.choose_application(rows[1].reference)
    assert desk.view.screen == S.PROGRESS
    assert all(s.reached for s in desk.view.showing["progress"].stages)
    desk.kiosk.go_back()
    assert desk.view.screen == S.APPLICATIONS and not desk.jobs.waiting  # fetched once
    desk.kiosk.go_back()
    assert desk.view.screen == S.HOME


def test_my_applications_wait_for_the_card_and_the_consent(desk):
    desk.kiosk.start()
    desk.kiosk.open_applications()
    assert desk.view.showing["applications"].needs_card and not desk.jobs.waiting
    desk.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    assert desk.view.screen == S.CONSENT
    desk.kiosk.consent(True)
    desk.jobs.finish()  # the profile read
    assert desk.view.screen == S.APPLICATIONS  # back to what the resident asked for
    desk.jobs.finish()
    assert len(desk.view.showing["applications"].rows) == 2


def test_without_consent_no_list_and_why(desk):
    identified(desk, consent=False)
    desk.kiosk.open_applications()
    assert not desk.jobs.waiting
    assert desk.view.showing["applications"].problem.startswith("您没有同意读取信息")


def test_sms_reminders_go_to_the_number_on_file_shown_masked(desk):
    identified(desk)
    desk.kiosk.open_applications()
    desk.jobs.finish()
    newest = desk.view.showing["applications"].rows[0].reference
    desk.kiosk.choose_application(newest)
    view = desk.view.showing["progress"]
    assert view.can_subscribe and view.sms == "进度有变化时，可以发短信到 139****7358。"
    assert "13916627358" not in repr(desk.state)
    desk.kiosk.subscribe_progress()
    desk.kiosk.subscribe_progress()  # a second touch while the first is on its way
    assert len(desk.jobs.waiting) == 1
    desk.jobs.finish()
    view = desk.view.showing["progress"]
    assert view.subscribed and not view.can_subscribe
    assert view.sms == "已开通短信提醒，发到 139****7358。"
    assert desk.store.for_kiosk("BS-YY-001").progress(newest).subscribed


def test_no_reminders_for_another_residents_receipt(desk):
    newest, _older = elderly_references(desk)
    identified(desk, card=ADULT)
    scan(desk, progress_code(newest))
    desk.jobs.finish()
    desk.kiosk.subscribe_progress()
    desk.jobs.finish()
    view = desk.view.showing["progress"]
    assert not view.subscribed and view.problem.startswith("这份申请不是用您的身份证办的")


def test_back_from_progress_returns_to_the_form_as_it_was(desk):
    newest, _older = elderly_references(desk)
    identified(desk)
    desk.kiosk.choose_service("social_security_card")
    desk.kiosk.confirm_form()  # the applicant's step, to the card's
    desk.kiosk.answer("reason", "lost")
    scan(desk, progress_code(newest))
    desk.jobs.finish()
    assert desk.view.screen == S.PROGRESS
    desk.kiosk.go_back()
    assert desk.view.screen == S.FORM and desk.visit.answers["reason"] == "lost"
