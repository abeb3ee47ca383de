"""好差评 on the real store: five levels; a low score (1–2) asks why, reasons ticked and sent
with it, or skipped; always tied to the case number."""

from __future__ import annotations

from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from kiosk.view import ScreenName as S
from tests.kiosk import form_walk


def at_rating(desk):
    """A service signed and submitted, its receipt printed, and the rating screen."""
    desk.kiosk.start()
    desk.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    desk.kiosk.consent(True)
    desk.jobs.finish_all()
    desk.kiosk.choose_service("social_security_card")
    form_walk.to_sign(desk.kiosk, reason="lost")  # its steps, then check your answers
    desk.kiosk.add_stroke(((10.0, 10.0), (50.0, 40.0)), 200, 100)
    desk.kiosk.submit_signature()
    desk.jobs.finish_all()
    assert desk.view.screen == S.RECEIPT
    desk.kiosk.to_rating()
    assert desk.view.screen == S.RATING
    return desk.visit.outcome.reference


def delivered(desk, reference):
    """The rating, once its job has put it in the outbox and the outbox delivered it."""
    desk.jobs.finish_all()
    desk.kiosk.delivery.wait_until(lambda: desk.store.rating(reference) is not None, 30)
    return desk.store.rating(reference)


def test_a_good_score_is_sent_at_once_with_no_reasons(desk):
    reference = at_rating(desk)
    desk.kiosk.rate(4)
    assert desk.view.screen == S.GOODBYE
    rating = delivered(desk, reference)
    assert (rating.reference, rating.score, rating.reasons) == (reference, 4, ())


def test_a_low_score_asks_why_and_sends_the_reasons_ticked(desk):
    reference = at_rating(desk)
    desk.kiosk.rate(2)
    assert desk.view.screen == S.RATING_REASONS and desk.store.rating(reference) is None
    assert [r.label for r in desk.view.showing["rating_reasons"]] == [
        "办得太慢", "机器不好用", "态度不好", "没有办成", "其他原因"]
    for reason in ("slow", "not_done", "slow", "other", "no_such_reason"):
        desk.kiosk.toggle_reason(reason)
    assert [r.value for r in desk.view.showing["rating_reasons"] if r.chosen] == [
        "not_done", "other"]
    desk.kiosk.send_rating()
    assert desk.view.screen == S.GOODBYE
    rating = delivered(desk, reference)
    assert (rating.score, rating.reasons) == (2, ("not_done", "other"))


def test_the_reasons_can_be_skipped(desk):
    reference = at_rating(desk)
    desk.kiosk.rate(1)
    desk.kiosk.toggle_reason("slow")
    desk.kiosk.skip_reasons()
    rating = delivered(desk, reference)
    assert (rating.score, rating.reasons) == (1, ())


def test_back_from_the_reasons_to_choose_another_score(desk):
    reference = at_rating(desk)
    desk.kiosk.rate(2)
    assert desk.view.showing["step"].number == 4
    desk.kiosk.go_back()
    assert desk.view.screen == S.RATING
    desk.kiosk.rate(5)
    assert delivered(desk, reference).score == 5


def test_the_reasons_are_spoken(desk):
    at_rating(desk)
    desk.visit.voice_on = True
    desk.kiosk.rate(2)
    assert desk.said("请选出不满意的地方：办得太慢、机器不好用、态度不好、没有办成、其他原因")


def test_a_rating_the_platform_cannot_take_now_is_kept_and_sent_later(desk):
    reference = at_rating(desk)
    desk.network.up = False
    desk.kiosk.rate(5)
    desk.jobs.finish_all()  # into the outbox
    assert desk.view.screen == S.GOODBYE
    assert desk.store.rating(reference) is None
    desk.network.up = True
    desk.kiosk.delivery.urge()
    assert delivered(desk, reference).score == 5


def test_the_rating_is_kept_apart_from_a_later_service(desk):
    at_rating(desk)
    desk.kiosk.rate(2)
    desk.kiosk.toggle_reason("slow")
    desk.kiosk.session.enter_service("elderly_allowance", {})
    assert desk.visit.rating is None and desk.visit.rating_reasons == ()
