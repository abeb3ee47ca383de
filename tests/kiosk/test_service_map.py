"""The service map on the real store: the nearest centres and 24-hour terminals with their
distance from this kiosk, hours, whether open now (on the injected clock) and what each
offers; where each lies on the map; a page at a time; what is known when offline."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from district.models import Centre
from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from kiosk.i18n import load_messages
from kiosk.service_map import PER_PAGE, distance_m, open_state
from kiosk.view import ScreenName as S

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def at_map(desk):
    desk.kiosk.start()
    desk.kiosk.open_map()
    assert desk.view.screen == S.SERVICE_MAP and desk.view.showing["service_map"].loading
    desk.jobs.finish()
    return desk.view.showing["service_map"]


def test_haversine_distance():
    assert distance_m(31.0, 121.0, 32.0, 121.0) == pytest.approx(111_195, rel=1e-4)
    assert distance_m(31.4047, 121.4893, 31.4047, 121.4893) == 0
    # a degree of longitude is shorter by the cosine of the latitude
    assert distance_m(31.0, 121.0, 31.0, 122.0) == pytest.approx(
        111_195 * math.cos(math.radians(31)), rel=1e-3)


def test_nearest_first_with_distance_hours_open_now_and_offers(desk):
    view = at_map(desk)  # Monday 10:00 in Shanghai
    assert view.pages == 5 and len(view.rows) == PER_PAGE == 2
    here, hall = view.rows  # the kiosk stands in the Youyi Road centre
    assert (here.number, here.name, here.kind) == (1, "友谊路街道社区事务受理服务中心", "服务中心")
    assert here.distance == "就在这里"
    assert here.open_now == "正在开放，今天 17:00关门" and here.is_open
    assert here.hours == "周一至周五 9:00-17:00，周六 9:00-12:00"
    assert here.offers == "可办：户籍业务、社保业务、民政业务"
    assert (hall.number, hall.kind, hall.distance) == (2, "24 小时自助终端", "220 米")
    assert hall.open_now == "24 小时开放" and hall.is_open
    assert hall.offers.startswith("可办：老年综合津贴、医保缴费记录")
    desk.kiosk.turn_page(1)
    assert desk.view.showing["service_map"].rows[0].distance == "3.0 公里"  # Wusong
    assert hall.read == ("宝山区行政服务中心24小时自助区，24 小时自助终端，220 米，24 小时开放，"
                         + hall.offers)


@pytest.mark.parametrize(("local", "said"), [
    (dt.datetime(2026, 12, 5, 13, 0), "已关门，周一 9:00开门"),  # Saturday afternoon
    (dt.datetime(2026, 12, 4, 16, 30), "正在开放，今天 17:00关门"),  # Friday
    (dt.datetime(2026, 12, 6, 20, 0), "已关门，明天 9:00开门"),  # Sunday evening
    (dt.datetime(2026, 12, 5, 8, 0), "已关门，今天 9:00开门"),  # Saturday early
])
def test_open_now_follows_the_clock(desk, local, said):
    desk.district_clock.now = local.replace(tzinfo=SHANGHAI).astimezone(dt.UTC)
    row = at_map(desk).rows[0]
    assert row.open_now == said and row.is_open == said.startswith("正在开放")


def test_in_english(desk):
    desk.kiosk.toggle_language()
    rows = at_map(desk).rows
    assert rows[1].distance == "220 m" and rows[1].open_now == "Open 24 hours"
    assert rows[0].open_now == "Open now, closes today 17:00"
    assert rows[0].offers == "Offers: Household registration, Social security, Civil affairs"



def test_a_page_at_a_time(desk):
    at_map(desk)
    desk.kiosk.turn_page(1)
    view = desk.view.showing["service_map"]
    assert view.page == 1 and [r.number for r in view.rows] == [3, 4]
    desk.kiosk.turn_page(9)
    assert desk.view.showing["service_map"].page == 4
    assert [r.number for r in desk.view.showing["service_map"].rows] == [9]
    desk.kiosk.turn_page(-9)
    assert desk.view.showing["service_map"].page == 0
    desk.kiosk.toggle_display_mode("large")  # large print: one centre a page
    view = desk.view.showing["service_map"]
    assert view.pages == 9 and [r.number for r in view.rows] == [1]


def test_the_map_places_every_centre_around_the_kiosk(desk):
    view = at_map(desk)
    assert len(view.markers) == 9
    assert all(0 <= m.x <= 1 and 0 <= m.y <= 1 for m in view.markers)
    nearest = view.markers[0]
    assert (nearest.x, nearest.y, nearest.terminal) == (0.5, 0.5, False)  # where the kiosk is
    luodian = next(m for m in view.markers if m.x < 0.1)  # Luodian lies far to the west
    assert not luodian.terminal and luodian.y < 0.5  # and a little to the north
    assert [ring.label for ring in view.rings] == ["2 公里", "5 公里", "10 公里"]
    assert [ring.radius for ring in view.rings] == sorted(ring.radius for ring in view.rings)
    assert all(0 < ring.radius < 0.5 for ring in view.rings)
    hall = view.markers[1]  # 220 m away: apart from the kiosk, as the rings are drawn
    assert 0.03 < math.hypot(hall.x - 0.5, hall.y - 0.5) < view.rings[0].radius


def test_offline_the_last_known_centres_or_a_plain_word(desk):
    desk.network.up = False
    view = at_map(desk)
    assert view.problem.startswith("网络暂时不通") and not view.rows
    desk.kiosk.go_back()
    desk.network.up = True
    desk.kiosk.handle_device_event(CardRead("idcard", ELDERLY))  # (no matter: a new visit next)
    desk.jobs.finish_all()
    desk.kiosk.end_visit("finished")
    at_map(desk)
    desk.kiosk.end_visit("finished")
    desk.network.up = False
    view = at_map(desk)
    assert not view.problem and len(view.rows) == PER_PAGE  # centres seldom move


def test_hours_it_cannot_read_say_nothing_and_tell_the_operator(caplog):
    messages = load_messages()

    def t(key, **params):
        return messages.text(key, "zh_CN", **params)

    centre = Centre(id="bs.test", kind="centre", name_zh="测", name_en="Test", address_zh="址",
                    address_en="Addr", latitude=31.4, longitude=121.4, hours_zh="看情况",
                    hours_en="it depends", opening_hours="whenever we like")
    assert open_state(centre, dt.datetime(2026, 12, 1, 10, 0), t) == (None, "")
    assert any("bs.test" in r.message and "opening_hours" in r.message for r in caplog.records)
    unknown = centre.model_copy(update={"opening_hours": ""})
    assert open_state(unknown, dt.datetime(2026, 12, 1, 10, 0), t) == (None, "")
