"""好差评 on the real store: five levels; a low score (1–2) asks why, reasons ticked and sent
with it, or skipped; always tied to the case number."""

from __future__ import annotations

import uuid

from district.models import Submission
from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from kiosk.submitting import Outcome
from kiosk.view import ScreenName as S

REFERENCE = "BSYY001-261130-0042"


def at_rating(desk):
    """A submitted application and the rating screen after its receipt. Until the kiosk is
    on the new contract its own submission path cannot reach the store: the application is
    put in the store directly, and the visit told it was accepted."""
    desk.kiosk.start()
    desk.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    desk.jobs.finish_all()
    accepted = desk.network.submit(Submission(
        idempotency_key=uuid.uuid4().hex, reference=REFERENCE, service_id="social_security_card",
        id_number=ELDERLY.id_number, answers={"reason": "lost"}, signed_at=desk.district_clock()))
    desk.kiosk.session.enter_service("social_security_card", {"reason": "lost"})
    desk.kiosk.session.complete(Outcome(accepted, printed=True))
    desk.visit.screen = S.RECEIPT
    desk.kiosk.to_rating()
    assert desk.view.screen == S.RATING


def test_a_good_score_is_sent_at_once_with_no_reasons(desk):
    at_rating(desk)
    desk.kiosk.rate(4)
    assert desk.view.screen == S.GOODBYE
    desk.jobs.finish()
    rating = desk.store.rating(REFERENCE)
    assert (rating.reference, rating.score, rating.reasons) == (REFERENCE, 4, ())


def test_a_low_score_asks_why_and_sends_the_reasons_ticked(desk):
    at_rating(desk)
    desk.kiosk.rate(2)
    assert desk.view.screen == S.RATING_REASONS and not desk.jobs.waiting
    assert [r.label for r in desk.view.showing["rating_reasons"]] == [
        "办得太慢", "机器不好用", "工作人员态度不好", "事情没有办成", "其他原因"]
    for reason in ("slow", "not_done", "slow", "other", "no_such_reason"):
        desk.kiosk.toggle_reason(reason)
    assert [r.value for r in desk.view.showing["rating_reasons"] if r.chosen] == [
        "not_done", "other"]
    desk.kiosk.send_rating()
    assert desk.view.screen == S.GOODBYE
    desk.jobs.finish()
    rating = desk.store.rating(REFERENCE)
    assert (rating.score, rating.reasons) == (2, ("not_done", "other"))


def test_the_reasons_can_be_skipped(desk):
    at_rating(desk)
    desk.kiosk.rate(1)
    desk.kiosk.toggle_reason("slow")
    desk.kiosk.skip_reasons()
    desk.jobs.finish()
    rating = desk.store.rating(REFERENCE)
    assert (rating.score, rating.reasons) == (1, ())


def test_back_from_the_reasons_to_choose_another_score(desk):
    at_rating(desk)
    desk.kiosk.rate(2)
    assert desk.view.showing["step"].number == 4
    desk.kiosk.go_back()
    assert desk.view.screen == S.RATING
    desk.kiosk.rate(5)
    desk.jobs.finish()
    assert desk.store.rating(REFERENCE).score == 5


def test_the_reasons_are_spoken(desk):
    at_rating(desk)
    desk.visit.voice_on = True
    desk.kiosk.rate(2)
    assert desk.said("请选出不满意的地方：办得太慢、机器不好用、工作人员态度不好、"
                     "事情没有办成、其他原因")


def test_a_rating_the_platform_cannot_take_now_is_logged_not_shown(desk, caplog):
    at_rating(desk)
    desk.network.up = False
    desk.kiosk.rate(5)
    desk.jobs.finish()
    assert desk.view.screen == S.GOODBYE
    assert any("not recorded" in r.message for r in caplog.records)


def test_the_rating_is_kept_apart_from_a_later_service(desk):
    at_rating(desk)
    desk.kiosk.rate(2)
    desk.kiosk.toggle_reason("slow")
    desk.kiosk.session.enter_service("elderly_allowance", {})
    assert desk.visit.rating is None and desk.visit.rating_reasons == ()
