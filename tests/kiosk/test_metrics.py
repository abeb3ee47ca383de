"""The kiosk's metrics (kiosk/metrics.py) scraped over real HTTP on loopback after driving the
real kiosk (tests/kiosk/rig.py): visits, a submission, its receipt's print time, device and
paper states, the outbox, errors, decode time; a port in use is one line and no endpoint."""

from __future__ import annotations

import logging
import socket
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from drivers.base import CodeScanned, DeviceState, DeviceStatus, PaperState, StatusChanged
from kiosk.metrics import serve
from kiosk.outbox import Kind, State
from tests.district.loopback import free_port
from tests.kiosk.reporting import SERVICE, Rigs, submit


@pytest.fixture
def make(settings, clock):
    rigs = Rigs(settings, clock)
    yield rigs
    rigs.close()


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
        assert answer.status == 200
        text = answer.read().decode()
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


@pytest.fixture
def endpoint(make):
    rig = make()
    served = serve(rig.kiosk.metrics, free_port())
    assert served is not None
    yield rig, served
    served.close()


def test_a_visit_with_a_submission_shows_in_the_scrape(endpoint):
    rig, served = endpoint
    submit(rig)
    rig.kiosk.end_now()
    # the audit records put after the submission (its print, kiosk/audit_log.py) go too
    assert rig.kiosk.delivery.wait_until(lambda: rig.outbox.counts()[State.PENDING] == 0, 30)
    seen = scrape(served.port)
    assert seen[("kiosk_visits_started_total", ())] == 1
    assert seen[("kiosk_visits_ended_total", (("reason", "finished"),))] == 1
    assert seen[("kiosk_transactions_total", (("kind", "submission"),
                                              ("service", SERVICE)))] == 1
    assert seen[("kiosk_prints_total", ())] == 1
    assert seen[("kiosk_print_seconds_count", (("outcome", "printed"),))] == 1
    assert seen[("kiosk_print_seconds_sum", (("outcome", "printed"),))] > 0
    assert seen[("kiosk_outbox_items", (("state", "pending"),))] == 0
    assert seen[("kiosk_outbox_items", (("state", "failed"),))] == 0


def test_device_and_paper_states_errors_and_decode_time(endpoint):
    rig, served = endpoint
    online = DeviceStatus(DeviceState.ONLINE, paper=PaperState.FULL)
    out = DeviceStatus(DeviceState.USER_ERROR, paper=PaperState.OUT)
    rig.kiosk.handle_device_event(StatusChanged("printer", out, online))
    rig.kiosk.handle_device_event(CodeScanned("scanner", "hello", b"hello",
                                              decode_seconds=0.02))
    root = logging.getLogger()
    root.addHandler(rig.kiosk.metrics.error_handler)
    try:
        logging.getLogger("kiosk.test").error("one")
        logging.getLogger("kiosk.test").warning("not an error")
    finally:
        root.removeHandler(rig.kiosk.metrics.error_handler)
    seen = scrape(served.port)
    assert seen[("kiosk_device_state", (("device", "printer"),
                                        ("kiosk_device_state", "user_error")))] == 1
    assert seen[("kiosk_device_state", (("device", "printer"),
                                        ("kiosk_device_state", "online")))] == 0
    assert seen[("kiosk_paper_state", (("device", "printer"),
                                       ("kiosk_paper_state", "out")))] == 1
    assert seen[("kiosk_device_state", (("device", "platform"),
                                        ("kiosk_device_state", "online")))] == 1
    assert seen[("kiosk_errors_total", ())] == 1
    assert seen[("kiosk_decode_seconds_count", ())] == 1
    assert seen[("kiosk_decode_seconds_bucket", (("le", "0.025"),))] == 1
    assert seen[("kiosk_decode_seconds_bucket", (("le", "0.01"),))] == 0


def test_a_submission_waiting_in_the_outbox_is_its_depth(endpoint):
    rig, served = endpoint
    rig.network_down()
    submit(rig)
    waiting = {w.kind: w.count for w in rig.outbox.waiting() if w.state == State.PENDING}
    assert waiting[Kind.SUBMISSION] == 1 and waiting[Kind.AUDIT] >= 1  # the visit's records
    assert scrape(served.port)[("kiosk_outbox_items", (("state", "pending"),))] == sum(
        waiting.values())


def test_a_port_in_use_is_one_line_and_no_endpoint(make, caplog):
    rig = make()
    taken = socket.create_server(("127.0.0.1", 0))
    port = taken.getsockname()[1]
    try:
        with caplog.at_level(logging.ERROR, logger="kiosk.metrics"):
            assert serve(rig.kiosk.metrics, port) is None
    finally:
        taken.close()
    [line] = [r.getMessage() for r in caplog.records if r.name == "kiosk.metrics"]
    assert f"127.0.0.1:{port}" in line and "[metrics] port" in line
    assert "\n" not in line
