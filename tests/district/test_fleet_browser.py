"""The fleet page in a real browser: Debian's Chromium, headless, over DevTools. It logs in
through the form (the browser's own POST), sees a fleet of simulated kiosks with faults in
the order that needs a visit first, opens one kiosk's detail and logs out; screenshots at
1366x768 and 1920x1080 are kept in the test's tmp dir."""

from __future__ import annotations

import pytest
from PIL import Image

from district.store import Store
from tests.district.browser import CHROMIUM, Browser
from tests.district.fleet_sim import FAULTS, SILENT, plant_fleet
from tests.district.live_server import serving

PASSWORD = "correct horse battery"
ORDER = ["BS-YY-005", "BS-YY-003", "BS-YY-002", "BS-YY-004", "BS-YY-006", "BS-YY-001"]
ROWS = """[...document.querySelectorAll('#fleet tbody tr')].map(row => ({
  kiosk: row.dataset.kiosk,
  alerts: [...row.querySelectorAll('.alert')].map(a => a.textContent),
  cells: [...row.cells].map(c => c.innerText)}))"""

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium: run scripts/setup.sh")


@pytest.fixture
def served(tmp_path, utc_clock):
    store = Store.open(f"sqlite:///{tmp_path / 'fleet.sqlite'}", now=utc_clock, demo=True)
    plant_fleet(store, utc_clock)
    store.add_operator("wang", PASSWORD)
    try:
        with serving(store) as base:
            yield base
    finally:
        store.close()


@pytest.fixture
def browser(tmp_path):
    opened = Browser(tmp_path / "profile")
    yield opened
    opened.close()


def log_in(browser: Browser, password: str) -> None:
    browser.type_into("#name", "wang")
    browser.type_into("#password", password)
    browser.click_and_wait("form.login button")


def fits(browser: Browser, width: int) -> bool:
    return browser.evaluate("document.documentElement.scrollWidth") <= width


def shot(browser: Browser, path, width: int, height: int):
    browser.screenshot(path)
    with Image.open(path) as image:
        assert image.size == (width, height)
    return path


@pytest.mark.slow
def test_an_operator_logs_in_and_sees_the_fleet_in_order(served, browser, tmp_path):
    base = served
    browser.size(1366, 768)
    browser.open(f"{base}/fleet")
    assert browser.url() == f"{base}/fleet/login"  # no session: the login

    log_in(browser, "not the password")
    assert browser.url() == f"{base}/fleet/login"
    assert "Wrong name or password" in browser.evaluate("document.body.innerText")
    assert browser.cookies(f"{base}/fleet") == []

    log_in(browser, PASSWORD)
    assert browser.url() == f"{base}/fleet"
    [cookie] = browser.cookies(f"{base}/fleet")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/fleet"
    assert browser.evaluate("document.cookie") == ""  # HttpOnly: no script could read it

    rows = browser.evaluate(ROWS)
    assert [row["kiosk"] for row in rows] == ORDER
    alerts = {row["kiosk"]: row["alerts"] for row in rows}
    assert alerts == {"BS-YY-005": ["失联 Silent"], "BS-YY-003": ["硬件故障 Hardware error"],
                      "BS-YY-002": ["缺纸 Paper out"], "BS-YY-004": ["磁盘将满 Disk nearly full"],
                      "BS-YY-006": ["纸张将尽 Paper low"], "BS-YY-001": []}
    counts = browser.evaluate("[...document.querySelectorAll('.count b')].map(b => b.textContent)")
    assert counts == [str(len(FAULTS)), "5", "1"]
    assert "3 分钟前 3 min ago" in rows[0]["cells"][3]
    assert fits(browser, 1366)
    shot(browser, tmp_path / "fleet-1366x768.png", 1366, 768)
    browser.size(1920, 1080)
    assert fits(browser, 1920)
    shot(browser, tmp_path / "fleet-1920x1080.png", 1920, 1080)

    browser.size(1366, 768)
    browser.click_and_wait(f'tr[data-kiosk="{SILENT}"] a')
    assert browser.url() == f"{base}/fleet/kiosks/{SILENT}"
    text = browser.evaluate("document.body.innerText")
    assert SILENT in text and "失联 Silent" in text and "3 分钟前" in text
    assert fits(browser, 1366)
    shot(browser, tmp_path / "detail-1366x768.png", 1366, 768)

    browser.click_and_wait("header form button")  # log out
    assert browser.url() == f"{base}/fleet/login"
    assert browser.cookies(f"{base}/fleet") == []
    browser.open(f"{base}/fleet")
    assert browser.url() == f"{base}/fleet/login"
