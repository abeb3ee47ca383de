"""Where a resident can go, driven through the kiosk's actions with no window: the bottom
bar on every screen, back, home, end, and the steps of a service."""

from __future__ import annotations

from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from kiosk.state import Nav, Step
from kiosk.view import ScreenName as S
from tests.kiosk import form_walk

SERVICE = "social_security_card"


def identified(rig, finish=True):
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)  # the resident agrees to the reads
    if finish:
        rig.jobs.finish()
    return rig


def to_sign(rig):
    identified(rig)
    rig.kiosk.choose_service(SERVICE)
    form_walk.to_check(rig.kiosk, reason="lost")  # always, before signing
    rig.kiosk.confirm_form()
    assert rig.view.screen == S.SIGN


def signed(rig):
    to_sign(rig)
    rig.kiosk.add_stroke(((10.0, 10.0), (50.0, 40.0), (90.0, 20.0)), 200, 100)


def test_help_is_on_every_screen_and_nothing_moves(rig):
    """The four buttons are always there; each screen only says which can be used."""
    seen = {rig.view.screen: rig.view.showing["nav"]}
    signed(rig)
    seen[S.HOME] = Nav(back=False, home=False, help=True, end=True)
    seen[S.SIGN] = rig.view.showing["nav"]
    rig.kiosk.submit_signature()
    seen[S.PRINTING] = rig.view.showing["nav"]
    assert all(nav.help for nav in seen.values())
    assert seen[S.ATTRACT] == Nav(back=False, home=False, help=True, end=False)
    assert seen[S.SIGN] == Nav(back=True, home=True, help=True, end=True)
    assert seen[S.PRINTING] == Nav(back=False, home=False, help=True, end=False)


def test_steps_are_counted_in_the_kiosk(rig):
    signed(rig)
    assert rig.view.showing["step"] == Step(2, 4)
    rig.kiosk.go_back()
    assert rig.view.screen == S.CHECK_ANSWERS and rig.view.showing["step"] == Step(2, 4)
    rig.kiosk.go_back()
    assert rig.view.screen == S.FORM and rig.view.showing["step"] == Step(1, 4)
    rig.kiosk.go_home()
    assert rig.view.showing["step"] is None


def test_back_from_sign_keeps_the_answers_and_home_forgets_them(rig):
    signed(rig)
    rig.kiosk.go_back()
    assert rig.view.screen == S.CHECK_ANSWERS
    assert rig.visit.answers["reason"] == "lost"
    assert not rig.visit.holds  # signing no longer holds the timeout
    rig.kiosk.go_home()
    assert rig.view.screen == S.HOME and rig.visit.service_id is None
    assert rig.visit.answers == {} and rig.visit.signature.empty


def test_nothing_leaves_the_printing_screen(rig):
    signed(rig)
    rig.kiosk.submit_signature()
    for action in (rig.kiosk.go_home, rig.kiosk.go_back, rig.kiosk.finish, rig.kiosk.end_now):
        action()
        assert rig.view.screen == S.PRINTING
    rig.jobs.finish()
    assert rig.view.screen == S.RECEIPT


def test_help_calls_staff_where_the_resident_is(rig, caplog):
    signed(rig)
    rig.kiosk.call_helper()
    assert rig.view.screen == S.SIGN and not rig.visit.signature.empty  # nothing lost
    assert rig.view.showing["helper_called"]
    assert any("staff: help requested" in r.message for r in caplog.records)


def test_help_on_the_attract_screen_begins_a_visit(rig):
    rig.kiosk.call_helper()
    assert rig.view.screen == S.HOME and rig.view.showing["helper_called"]


def test_end_thanks_then_ends(rig, clock):
    identified(rig)
    rig.kiosk.finish()
    assert rig.view.screen == S.GOODBYE and rig.view.showing["goodbye_seconds"] == 10
    clock.advance(4)
    rig.kiosk.tick()
    assert rig.view.showing["goodbye_seconds"] == 6
    rig.kiosk.finish()  # 退出 again on the goodbye screen: at once
    assert rig.view.screen == S.ATTRACT and rig.visit.resident is None


def test_choosing_before_identifying_waits_for_the_card(rig):
    rig.kiosk.start()
    rig.kiosk.choose_service(SERVICE)
    assert rig.view.screen == S.IDENTIFY
    rig.kiosk.go_back()
    assert rig.view.screen == S.HOME and rig.visit.pending_service is None
    rig.kiosk.choose_service(SERVICE)
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)  # the resident agrees to the reads
    rig.jobs.finish()
    assert rig.view.screen == S.FORM  # straight into the service chosen


def test_a_choice_must_be_made_and_only_a_real_option_counts(rig):
    identified(rig)
    rig.kiosk.choose_service(SERVICE)
    rig.kiosk.confirm_form()  # the applicant's step: all of it filled in
    rig.kiosk.confirm_form()  # the card's step: the reason is not chosen
    assert rig.view.screen == S.FORM
    reason = next(row for row in rig.view.showing["form"] if row.key == "reason")
    assert reason.problem
    rig.kiosk.answer("reason", "stolen")  # not an option
    rig.kiosk.answer("name", "someone else")  # locked, and not on this page
    assert "reason" not in rig.visit.answers or not rig.visit.answers["reason"]
    assert rig.visit.answers["name"] == ELDERLY.name
    rig.kiosk.answer("reason", "lost")
    reason = next(row for row in rig.view.showing["form"] if row.key == "reason")
    assert reason.chosen == "lost" and not reason.problem


def test_a_service_is_chosen_only_on_home(rig):
    rig.kiosk.choose_service(SERVICE)  # the attract mode takes no such touch
    assert rig.view.screen == S.ATTRACT
    to_sign(rig)
    rig.kiosk.choose_service("elderly_allowance")  # a stray touch while signing
    assert rig.view.screen == S.SIGN and rig.visit.service_id == SERVICE


def test_the_rating_scale_accepts_one_to_five(rig):
    signed(rig)
    rig.kiosk.submit_signature()
    rig.jobs.finish()
    rig.kiosk.to_rating()
    rig.kiosk.rate(9)
    assert rig.view.screen == S.RATING
    rig.kiosk.go_back()
    assert rig.view.screen == S.RECEIPT
    rig.kiosk.to_rating()
    rig.kiosk.rate(4)
    assert rig.view.screen == S.GOODBYE and rig.visit.rating == 4


def test_maintenance_offers_back_alone_a_technician_is_the_help():
    from kiosk.modes.maintenance import MaintenanceMode
    from kiosk.navigation import nav

    for screen in MaintenanceMode.screens:
        shown = nav(screen)
        assert not (shown.help or shown.home or shown.end), screen
        assert shown.back == (screen not in (S.MAINTENANCE, S.MAINTENANCE_ENTRY,
                                              S.MAINTENANCE_CLEANING)), screen
