"""The fleet-wide /metrics as Prometheus scrapes it: behind a bearer token, every kiosk's
gauges from its latest beat, read afresh at each scrape."""

from __future__ import annotations

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from district.server.fleet_metrics import TOKEN_ENV
from district.store import Store
from tests.district.fleet_sim import FAULTS, SILENT, beat, plant_fleet
from tests.district.live_server import serving

TOKEN = "a-long-random-scrape-token"


@pytest.fixture
def served(tmp_path, utc_clock, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    store = Store.open(f"sqlite:///{tmp_path / 'fleet.sqlite'}", now=utc_clock, demo=True)
    plant_fleet(store, utc_clock, never=("BS-YY-009",))
    try:
        with serving(store) as base:
            yield store, base
    finally:
        store.close()


def scrape(base: str) -> dict[tuple[str, tuple], float]:
    answer = requests.get(f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"},
                          timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain; version=")
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(answer.text)
            for sample in family.samples}


def test_metrics_need_the_bearer_token(served):
    _, base = served
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        answer = requests.get(f"{base}/metrics", headers=headers, timeout=30)
        assert answer.status_code == 401 and answer.headers["www-authenticate"] == "Bearer"
        assert "tongban_" not in answer.text


def test_metrics_are_off_without_a_token_set(tmp_path, utc_clock, monkeypatch):
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    store = Store.open(f"sqlite:///{tmp_path / 'fleet.sqlite'}", now=utc_clock, demo=True)
    try:
        with serving(store) as base:
            answer = requests.get(f"{base}/metrics", headers={"Authorization": "Bearer "},
                                  timeout=30)
            assert answer.status_code == 403 and TOKEN_ENV in answer.text
    finally:
        store.close()


def test_every_kiosk_by_alert_and_its_own_gauges(served):
    store, base = served
    seen = scrape(base)

    def kiosk(name: str, kiosk_id: str, **labels: str) -> float:
        return seen[(name, tuple(sorted({"kiosk": kiosk_id, **labels}.items())))]

    assert seen[("tongban_fleet_kiosks", ())] == len(FAULTS) + 1
    by_alert = {dict(labels)["alert"]: value for (name, labels), value in seen.items()
                if name == "tongban_fleet_kiosks_alerting"}
    assert by_alert == {"silent": 2, "hardware_error": 1, "paper_jammed": 0, "paper_out": 1,
                        "disk_low": 1, "paper_low": 1}
    assert kiosk("tongban_kiosk_seconds_since_heartbeat", SILENT) == 190
    assert kiosk("tongban_kiosk_seconds_since_heartbeat", "BS-YY-001") == 30
    assert kiosk("tongban_kiosk_silent", SILENT) == 1 and kiosk("tongban_kiosk_silent",
                                                                   "BS-YY-009") == 1
    assert kiosk("tongban_kiosk_silent", "BS-YY-001") == 0
    assert kiosk("tongban_kiosk_outbox_pending", SILENT) == 7
    assert kiosk("tongban_kiosk_free_disk_bytes", "BS-YY-004") == 300 * 1024 * 1024
    assert kiosk("tongban_kiosk_device_up", "BS-YY-003", device="printer") == 0
    assert kiosk("tongban_kiosk_device_up", "BS-YY-003", device="idcard") == 1
    papers = {(dict(labels)["kiosk"], dict(labels)["state"]) for (name, labels) in seen
              if name == "tongban_kiosk_paper"}
    assert papers == {("BS-YY-001", "full"), ("BS-YY-002", "out"), ("BS-YY-003", "unknown"),
                      ("BS-YY-004", "full"), (SILENT, "full"), ("BS-YY-006", "low")}
    assert ("tongban_kiosk_paper", (("device", "idcard"), ("kiosk", "BS-YY-001"),
                                    ("state", "full"))) not in seen  # no paper in a reader
    assert not any(dict(labels).get("kiosk") == "BS-YY-009" for (name, labels) in seen
                   if name == "tongban_kiosk_outbox_pending")  # never beat: no beat's gauges

    store.for_kiosk("BS-YY-002").heartbeat(beat(store.now(), paper="full"))
    again = scrape(base)
    now = {dict(labels)["state"]: value for (name, labels), value in again.items()
           if name == "tongban_kiosk_paper" and dict(labels)["kiosk"] == "BS-YY-002"}
    assert now == {"full": 1}  # read afresh at each scrape: one series, the state it is in
