"""The fleet page over real HTTP on loopback: the login and its cookie, what each page shows
for a fleet with faults, the filter and paging, and the pages' security headers."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import requests

from district.server.fleet import COOKIE, PER_PAGE
from district.store import Store
from district.store.operators import SESSION
from tests.district.fleet_sim import FAULTS, SILENT, plant_fleet
from tests.district.live_server import serving

PASSWORD = "correct horse battery"
ORDER = ["BS-YY-005", "BS-YY-003", "BS-YY-002", "BS-YY-004", "BS-YY-006", "BS-YY-001"]


@pytest.fixture
def fleet(request, utc_clock):
    """(store, base URL) over the simulated fleet, with one operator."""
    url = (request.getfixturevalue("postgres_url") if getattr(request, "param", "") == "postgres"
           else f"sqlite:///{request.getfixturevalue('tmp_path') / 'fleet.sqlite'}")
    store = Store.open(url, now=utc_clock, demo=True)
    plant_fleet(store, utc_clock)
    store.add_operator("wang", PASSWORD)
    try:
        with serving(store) as base:
            yield store, base
    finally:
        store.close()


def log_in(base: str, password: str = PASSWORD, **headers: str) -> requests.Response:
    return requests.post(f"{base}/fleet/login", data={"name": "wang", "password": password},
                         headers={"Origin": base, **headers}, allow_redirects=False,
                         timeout=30)


def session_for(base: str) -> requests.Session:
    answer = log_in(base)
    assert answer.status_code == 303 and answer.headers["location"] == "/fleet"
    session = requests.Session()
    session.cookies.set(COOKIE, answer.cookies[COOKIE], path="/fleet")
    return session


def kiosks_shown(html: str) -> list[str]:
    return re.findall(r'<tr data-kiosk="([^"]+)"', html)


def test_every_fleet_page_without_a_session_leads_to_the_login(fleet):
    _, base = fleet
    for path in ("/fleet", "/fleet?alert=silent", "/fleet/kiosks/BS-YY-001"):
        answer = requests.get(base + path, allow_redirects=False, timeout=30)
        assert answer.status_code == 303, path
        assert answer.headers["location"] == "/fleet/login"
        assert answer.headers["cache-control"] == "no-store"
    form = requests.get(f"{base}/fleet/login", timeout=30)
    assert form.status_code == 200 and 'name="password" type="password"' in form.text
    assert "BS-YY" not in form.text


def test_a_wrong_password_or_name_is_one_calm_line_and_no_cookie(fleet):
    _, base = fleet
    for answer in (log_in(base, "not the password"),
                   requests.post(f"{base}/fleet/login", timeout=30, allow_redirects=False,
                                 data={"name": "nobody", "password": PASSWORD},
                                 headers={"Origin": base}),
                   requests.post(f"{base}/fleet/login", data=b"\xff\xfe", timeout=30,
                                 headers={"Origin": base}, allow_redirects=False)):
        assert answer.status_code == 403
        assert "用户名或密码不正确" in answer.text and "Wrong name or password" in answer.text
        assert "set-cookie" not in answer.headers


def test_the_session_cookie_is_httponly_strict_and_kept_to_the_fleet(fleet):
    _, base = fleet
    cookie = log_in(base).headers["set-cookie"]
    flags = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")}
    assert "httponly" in flags and flags["samesite"].lower() == "samesite=strict"
    assert flags["path"] == "Path=/fleet" and "secure" not in flags
    assert flags["max-age"] == f"Max-Age={int(SESSION.total_seconds())}"
    # behind a TLS proxy on this host (uvicorn trusts its X-Forwarded-Proto): Secure too
    proxied = log_in(base, **{"X-Forwarded-Proto": "https", "Origin": "https://127.0.0.1:"
                              + base.rsplit(":", 1)[1]})
    assert proxied.status_code == 303
    assert "secure" in proxied.headers["set-cookie"].lower()


def test_a_post_from_another_site_is_refused(fleet):
    _, base = fleet
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"},
                    {"Referer": "https://evil.example/fleet"}):
        answer = requests.post(f"{base}/fleet/login", timeout=30, allow_redirects=False,
                               data={"name": "wang", "password": PASSWORD}, headers=headers)
        assert answer.status_code == 403 and "set-cookie" not in answer.headers, headers
        assert "Refused: the request came from another site." in answer.text
    # with no Origin, this site's own Referer will do
    referred = requests.post(f"{base}/fleet/login", data={"name": "wang", "password": PASSWORD},
                             headers={"Referer": f"{base}/fleet/login"}, timeout=30,
                             allow_redirects=False)
    assert referred.status_code == 303
    session = session_for(base)
    cross = session.post(f"{base}/fleet/logout", headers={"Origin": "https://evil.example"},
                         allow_redirects=False, timeout=30)
    assert cross.status_code == 403
    assert session.get(f"{base}/fleet", allow_redirects=False, timeout=30).status_code == 200


def test_logout_ends_the_session_and_an_expired_one_leads_to_the_login(fleet, utc_clock):
    _, base = fleet
    session = session_for(base)
    token = session.cookies[COOKIE]
    out = session.post(f"{base}/fleet/logout", headers={"Origin": base}, allow_redirects=False,
                       timeout=30)
    assert out.status_code == 303 and out.headers["location"] == "/fleet/login"
    assert 'Max-Age=0' in out.headers["set-cookie"] or "expires" in out.headers["set-cookie"]
    again = requests.get(f"{base}/fleet", cookies={COOKIE: token}, allow_redirects=False,
                         timeout=30)
    assert again.status_code == 303  # the old cookie, sent anyway, is no session

    later = session_for(base)
    assert later.get(f"{base}/fleet", allow_redirects=False, timeout=30).status_code == 200
    utc_clock.advance(seconds=SESSION.total_seconds())
    expired = later.get(f"{base}/fleet", allow_redirects=False, timeout=30)
    assert expired.status_code == 303 and expired.headers["location"] == "/fleet/login"


@pytest.mark.parametrize("fleet", ["sqlite", "postgres"], indirect=True)
def test_the_fleet_in_order_of_what_needs_a_visit_with_counts_and_alerts(fleet):
    _, base = fleet
    page = session_for(base).get(f"{base}/fleet", timeout=30)
    assert page.status_code == 200
    assert kiosks_shown(page.text) == ORDER
    counts = re.findall(r'<div class="count"><b>(\d+)</b>', page.text)
    assert counts == [str(len(FAULTS)), "5", "1"]  # kiosks, alerting, silent
    row = {kiosk: re.search(rf'<tr data-kiosk="{kiosk}">(.*?)</tr>', page.text).group(1)
           for kiosk in ORDER}
    assert "失联 Silent" in row[SILENT] and "3 分钟前" in row[SILENT]
    assert "硬件故障 Hardware error" in row["BS-YY-003"] and "打印机" in row["BS-YY-003"]
    assert "缺纸 Paper out" in row["BS-YY-002"] and "300 MB" in row["BS-YY-004"]
    assert "友谊路街道社区事务受理服务中心" in row["BS-YY-001"] and "30 秒前" in row["BS-YY-001"]
    assert "全部正常" in row["BS-YY-001"] and 'class="alert' not in row["BS-YY-001"]


def test_the_filter_shows_only_kiosks_with_that_alert(fleet):
    _, base = fleet
    session = session_for(base)
    paper = session.get(f"{base}/fleet", params={"alert": "paper_out"}, timeout=30)
    assert kiosks_shown(paper.text) == ["BS-YY-002"]
    assert 'class=on>缺纸 <span class="en">Paper out</span> (1)' in paper.text
    none = session.get(f"{base}/fleet", params={"alert": "paper_jammed"}, timeout=30)
    assert kiosks_shown(none.text) == [] and "No kiosk matches" in none.text
    unknown = session.get(f"{base}/fleet", params={"alert": "<script>"}, timeout=30)
    assert kiosks_shown(unknown.text) == ORDER and "<script>" not in unknown.text


def test_a_large_fleet_is_paged_a_hundred_at_a_time(fleet):
    store, base = fleet
    for number in range(250):
        store.register_kiosk(f"JD-{number:03d}")  # never heard from: silent
    session = session_for(base)
    first = kiosks_shown(session.get(f"{base}/fleet", timeout=30).text)
    assert len(first) == PER_PAGE and first[:3] == ["BS-YY-005", "JD-000", "JD-001"]
    last = session.get(f"{base}/fleet", params={"page": 3}, timeout=30).text
    assert kiosks_shown(last)[-1] == "BS-YY-001" and "第 3 / 3 页" in last
    assert len(kiosks_shown(last)) == 256 - 2 * PER_PAGE
    silent = session.get(f"{base}/fleet", params={"alert": "silent", "page": 3}, timeout=30)
    assert kiosks_shown(silent.text)[-1] == "JD-249" and "从未" in silent.text
    past_the_end = session.get(f"{base}/fleet", params={"page": "99"}, timeout=30).text
    assert kiosks_shown(past_the_end) == kiosks_shown(last)


def test_a_kiosks_detail_shows_its_beat_devices_and_history(fleet):
    _, base = fleet
    session = session_for(base)
    page = session.get(f"{base}/fleet/kiosks/BS-YY-003", timeout=30).text
    assert "<h1>BS-YY-003</h1>" in page and "硬件故障 Hardware error" in page
    assert "打印头过热 print head too hot" in page and "1.4.0" in page
    assert "3 天 1 小时 0 分" in page  # uptime
    devices = re.search(r'<table id="devices">(.*?)</table>', page).group(1)
    assert devices.count("<tr>") == 5  # a heading and four devices
    assert "(4 次心跳" in page and page.count("<polyline") == 2
    history = re.search(r'<table id="history">(.*?)</table>', page).group(1)
    assert history.count("<tr>") == 5  # a heading and the four beats, newest first
    assert re.findall(r'<td class="num">(\d+)</td>', history) == ["3", "2", "1", "0"]
    silent = session.get(f"{base}/fleet/kiosks/{SILENT}", timeout=30).text
    assert "(1 次心跳" in silent and "Not enough history yet" in silent
    missing = session.get(f"{base}/fleet/kiosks/NO-SUCH", timeout=30)
    assert missing.status_code == 404 and "No such kiosk." in missing.text


def test_the_fleet_pages_forbid_scripts_framing_and_caching(fleet):
    _, base = fleet
    session = session_for(base)
    for path in ("/fleet/login", "/fleet", "/fleet/kiosks/BS-YY-001"):
        headers = session.get(urljoin(base, path), timeout=30).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy
        assert "form-action 'self'" in policy and "frame-ancestors 'none'" in policy
        assert headers["cache-control"] == "no-store"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
