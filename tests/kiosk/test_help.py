"""Help through the kiosk on the real store: a screen over the resident's place (back returns
there, nothing lost), the knowledge base searched by tapping, and a call for a helper whose
status and wait are asked after every few seconds on the kiosk's tick."""

from __future__ import annotations

from drivers.base import CardRead, DeviceState, DeviceStatus, StatusChanged
from drivers.idcard.samples import ELDERLY
from kiosk.device_policy import ESSENTIAL_DEVICES
from kiosk.help_desk import POLL_SECONDS
from kiosk.state import Nav
from kiosk.view import KeyAction
from kiosk.view import ScreenName as S
from tests.kiosk import form_walk


def identified(desk):
    desk.kiosk.start()
    desk.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    desk.kiosk.consent(True)
    desk.jobs.finish_all()


def signing(desk):
    identified(desk)
    desk.kiosk.choose_service("social_security_card")
    form_walk.to_sign(desk.kiosk, reason="lost")  # its steps, then check your answers
    desk.kiosk.add_stroke(((10.0, 10.0), (50.0, 40.0)), 200, 100)
    assert desk.view.screen == S.SIGN


def open_help(desk):
    desk.kiosk.open_help()
    assert desk.view.screen == S.HELP
    desk.jobs.finish_all()
    assert desk.view.screen == S.HELP


def test_help_from_signing_loses_nothing_and_back_returns(desk):
    signing(desk)
    open_help(desk)
    assert desk.view.showing["nav"] == Nav(back=True, home=True, help=True, end=True)
    assert desk.view.showing["step"] is None
    desk.kiosk.search_help("身份证")
    desk.jobs.finish()
    desk.kiosk.read_help(desk.view.showing["help"].results[0].value)
    assert desk.view.screen == S.HELP_ARTICLE
    desk.kiosk.open_help()  # help again from the answer: back still leads to signing
    desk.kiosk.go_back()
    desk.kiosk.go_back()
    assert desk.view.screen == S.SIGN
    assert not desk.visit.signature.empty and desk.visit.answers["reason"] == "lost"
    assert "signing" in desk.visit.holds  # the timeout still waits for the signature


def test_home_and_end_apply_as_they_do_at_the_place(desk):
    identified(desk)
    open_help(desk)
    assert desk.view.showing["nav"] == Nav(back=True, home=False, help=True, end=True)
    desk.kiosk.go_home()
    assert desk.view.screen == S.HELP  # home is where the resident already is
    desk.kiosk.go_back()
    assert desk.view.screen == S.HOME


def test_common_questions_topics_and_words(desk):
    identified(desk)
    open_help(desk)
    view = desk.view.showing["help"]
    assert view.choosing and view.heading == "请选一个主题，或一个常用词。" and not view.results
    assert [c.label for c in view.topics][:3] == ["常见问题", "身份证", "随申码"]
    desk.kiosk.search_help(view.topics[0].value)
    desk.jobs.finish()
    view = desk.view.showing["help"]
    assert not view.choosing and view.heading == "常见问题"
    assert view.pages == 6 and len(view.results) == 3
    desk.kiosk.turn_page(1)
    assert desk.view.showing["help"].page == 1
    desk.kiosk.search_help("身份证")
    desk.jobs.finish()
    view = desk.view.showing["help"]
    assert view.heading == "与“身份证”有关的问题"
    assert view.results[0].label == "身份证怎么放？" and view.page == 0
    desk.kiosk.search_help(desk.view.showing["help"].words[0].value)  # 忘带
    desk.jobs.finish()
    assert [c.label for c in desk.view.showing["help"].results] == ["忘带身份证怎么办？"]
    desk.kiosk.read_help("idcard.forgotten")
    article = desk.view.showing["help_article"]
    assert article.question == "忘带身份证怎么办？" and "随申码" in article.answer
    desk.kiosk.toggle_language()
    assert desk.view.showing["help_article"].question == "I forgot my ID card. What can I do?"
    desk.kiosk.go_back()
    desk.kiosk.go_back()  # from a topic's questions back to the topics, not out of help
    assert desk.view.screen == S.HELP and desk.view.showing["help"].choosing


def test_english_topics_find_english_answers(desk):
    desk.kiosk.toggle_language()
    identified(desk)
    open_help(desk)
    for topic in desk.view.showing["help"].topics + desk.view.showing["help"].words:
        desk.kiosk.search_help(topic.value)
        desk.jobs.finish()
        assert desk.view.showing["help"].results, f"nothing for {topic.value!r}"


def test_every_topic_and_word_finds_something_in_chinese(desk):
    identified(desk)
    open_help(desk)
    for topic in desk.view.showing["help"].topics + desk.view.showing["help"].words:
        desk.kiosk.search_help(topic.value)
        desk.jobs.finish()
        assert desk.view.showing["help"].results, f"nothing for {topic.value!r}"


def test_nothing_found_and_network_down_are_said_plainly(desk):
    identified(desk)
    open_help(desk)
    desk.kiosk.search_help("潜水艇")
    desk.jobs.finish()
    assert desk.view.showing["help"].problem.startswith("没有找到相关的问题")
    desk.network.up = False
    desk.kiosk.search_help("身份证")
    desk.jobs.finish()
    assert desk.view.showing["help"].problem.startswith("网络暂时不通")


def test_a_call_shows_its_wait_and_follows_the_helper(desk, clock):
    signing(desk)
    open_help(desk)
    desk.kiosk.call_helper()
    desk.kiosk.call_helper()  # a second touch while the first is on its way
    assert len(desk.jobs.waiting) == 1
    desk.jobs.finish()
    assert desk.view.showing["help_call"] == "已通知工作人员，正在排队。"
    assert desk.view.showing["help_wait"] == "前面还有 0 位，预计等 4 分钟左右。"
    assert desk.view.showing["helper_called"]
    request = desk.visit.help.request
    clock.advance(POLL_SECONDS - 1)
    desk.kiosk.tick()
    assert not desk.jobs.waiting  # not yet: a few seconds apart
    desk.store.update_help_request(request.id, "on_the_way")
    clock.advance(1)
    desk.kiosk.tick()
    desk.kiosk.tick()  # the next tick while the poll is out asks nothing more
    assert len(desk.jobs.waiting) == 1
    desk.jobs.finish()
    assert desk.view.showing["help_call"] == "工作人员正在赶来。"
    desk.kiosk.go_back()  # the resident goes back to signing; the poll goes on
    assert desk.view.screen == S.SIGN
    desk.store.update_help_request(request.id, "done")
    clock.advance(POLL_SECONDS)
    desk.kiosk.tick()
    desk.jobs.finish()
    assert desk.view.showing["help_call"] == "工作人员已经处理好了。"
    assert not desk.view.showing["helper_called"]
    clock.advance(POLL_SECONDS)
    desk.kiosk.tick()
    assert not desk.jobs.waiting  # done: nothing more to ask


def test_the_status_is_spoken_when_it_changes(desk, clock):
    identified(desk)
    desk.visit.voice_on = True
    open_help(desk)
    desk.kiosk.call_helper()
    desk.jobs.finish()
    desk.store.update_help_request(desk.visit.help.request.id, "on_the_way")
    clock.advance(POLL_SECONDS)
    desk.kiosk.tick()
    desk.jobs.finish()
    assert desk.said("工作人员正在赶来。")


def test_a_call_queues_behind_one_from_the_same_centre(desk):
    from district.models import HelpCall

    other = desk.store.for_kiosk("BS-YY-002")
    desk.store.register_kiosk("BS-YY-002", "bs.youyi")
    other.call_helper(HelpCall(idempotency_key="another-kiosk-1", screen="home"))
    identified(desk)
    open_help(desk)
    desk.kiosk.call_helper()
    desk.jobs.finish()
    assert desk.view.showing["help_wait"] == "前面还有 1 位，预计等 8 分钟左右。"


def test_a_call_made_offline_is_retried_with_the_same_key(desk, clock, caplog):
    identified(desk)
    open_help(desk)
    desk.network.up = False
    desk.kiosk.call_helper()
    desk.jobs.finish()
    assert desk.view.showing["helper_called"]  # staff here were told at once, in the log
    assert any("staff: help requested" in r.message for r in caplog.records)
    assert desk.view.showing["help_wait"].startswith("网络暂时不通，已在本机提醒工作人员")
    key = desk.visit.help.call_key
    desk.network.up = True
    clock.advance(POLL_SECONDS)
    desk.kiosk.tick()
    desk.jobs.finish()
    assert desk.visit.help.call_key == key
    assert desk.view.showing["help_call"] == "已通知工作人员，正在排队。"


def test_the_profile_read_under_help_moves_the_place_not_the_resident(desk):
    desk.kiosk.start()
    desk.kiosk.choose_service("social_security_card")
    assert desk.view.screen == S.IDENTIFY
    desk.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    desk.kiosk.consent(True)  # agreed; the platform is reading the profile
    open_help(desk)
    assert desk.view.screen == S.HELP and desk.visit.resident is not None
    desk.kiosk.go_back()
    assert desk.view.screen == S.FORM  # where the card led, once the resident is back


def test_help_from_attract_begins_a_visit_and_the_keypad_opens_it(desk):
    desk.kiosk.open_help()
    assert desk.view.screen == S.HELP
    desk.kiosk.go_back()
    assert desk.view.screen == S.HOME
    desk.kiosk.key(KeyAction.HELP)
    assert desk.view.screen == S.HELP


def test_out_of_service_help_calls_staff(desk):
    for name in ESSENTIAL_DEVICES:
        broken = DeviceStatus(DeviceState.NO_DEVICE)
        desk.kiosk.handle_device_event(StatusChanged(name, broken, broken))
    desk.kiosk.open_help()
    assert desk.view.screen == S.OUT_OF_SERVICE and desk.view.showing["helper_called"]
