"""Maintenance's network page through the real kiosk, against real servers on loopback: the
reference platform server (every step passes, the round trip timed), a TLS server trusted
through the configured CA file and one that is not, a port nobody listens on, a host that
does not resolve, a token the platform does not know; and the embedded platform."""

from __future__ import annotations

import pytest

from district.client import HttpPlatform
from district.store import Store
from kiosk.config import Platform
from kiosk.view import ScreenName as S
from tests.district.live_server import serving
from tests.district.loopback import answering, free_port, self_signed
from tests.kiosk.maintenance_rig import audits, open_page

PAGE = "maintenance_network"


def use_server(rig, url: str, token: str = "a-token", ca_file: str = "") -> None:
    """The kiosk set to a district's server at `url`, as its settings and platform would be."""
    kiosk = rig.kiosk
    chosen = Platform(kind="http", url=url, ca_file=ca_file, connect_timeout=2)
    kiosk.settings = kiosk.settings.model_copy(update={"platform": chosen})
    client = HttpPlatform(url, token, kiosk.settings.site.kiosk_id, connect_timeout=2,
                          read_timeout=5, verify=ca_file or True, retries=0)
    rig.closers.append(client.close)
    kiosk.platform = client


def steps(rig) -> dict:
    return {row.step: row for row in rig.state.maintenance.network.rows}


@pytest.fixture
def reference_server(rig, tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'district.sqlite'}", demo=True)
    token = store.register_kiosk(rig.kiosk.settings.site.kiosk_id, None)
    with serving(store) as url:
        yield url, token
    store.close()


def test_every_step_passes_against_the_reference_server(rig, reference_server):
    url, token = reference_server
    use_server(rig, url, token)
    open_page(rig, PAGE)  # the check runs as the page opens
    assert rig.state.screen == S.MAINTENANCE_NETWORK
    shown = rig.state.maintenance.network
    assert not shown.running and shown.target == url
    rows = steps(rig)
    assert list(rows) == ["dns", "tcp", "tls", "call"]
    assert rows["dns"].passed and "127.0.0.1" in rows["dns"].line
    assert rows["tcp"].passed and "毫秒" in rows["tcp"].line
    assert rows["tls"].passed is None and rows["tls"].line == "不适用：本机上的 http"
    assert rows["call"].passed and "/v1/kiosk" in rows["call"].line
    assert shown.round_trip.startswith("往返时间：") and shown.summary.startswith("全部通过")
    rig.kiosk.check_network()  # the re-run button
    assert ("maintenance.network.check", "http") in audits(rig)
    assert [e for e, _ in audits(rig)].count("maintenance.network.check") == 2


def test_a_token_the_platform_does_not_know_fails_the_call(rig, reference_server):
    url, _token = reference_server
    use_server(rig, url, "not-this-kiosks-token")
    open_page(rig, PAGE)
    rows = steps(rig)
    assert rows["tcp"].passed and rows["call"].passed is False
    assert "token" in rows["call"].line
    assert "token_file" in rig.state.maintenance.network.summary
    assert rig.state.maintenance.network.round_trip == ""


def test_tls_passes_with_the_configured_ca_file_and_fails_without(rig, tmp_path):
    certificate, key = self_signed(tmp_path)
    kiosk_id = rig.kiosk.settings.site.kiosk_id
    body = f'{{"kiosk_id": "{kiosk_id}"}}'.encode()
    with answering(200, body, tls=(certificate, key)) as (url, _counts):
        use_server(rig, url, ca_file=str(certificate))
        open_page(rig, PAGE)
        rows = steps(rig)
        assert rows["tls"].passed and "TLSv1." in rows["tls"].line
        assert rows["call"].passed
        use_server(rig, url)  # the system's CAs only: the self-signed one is not trusted
        rig.kiosk.check_network()
        rows = steps(rig)
    assert rows["tcp"].passed and rows["tls"].passed is False
    assert "not trusted" in rows["tls"].line
    assert rows["call"].line == "未测（前一步未通过）"
    assert "ca_file" in rig.state.maintenance.network.summary


def test_a_port_nobody_listens_on_fails_the_connection(rig):
    use_server(rig, f"http://127.0.0.1:{free_port()}")
    open_page(rig, PAGE)
    rows = steps(rig)
    assert rows["dns"].passed and rows["tcp"].passed is False
    assert "refused" in rows["tcp"].line.lower()
    assert rows["tls"].passed is None and rows["call"].passed is None
    assert "防火墙" in rig.state.maintenance.network.summary


def test_a_host_that_does_not_resolve_fails_dns(rig):
    use_server(rig, "https://platform.tongban.invalid")
    open_page(rig, PAGE)
    rows = steps(rig)
    assert rows["dns"].passed is False and "platform.tongban.invalid" in rows["dns"].line
    assert [rows[name].passed for name in ("tcp", "tls", "call")] == [None, None, None]
    assert "DNS" in rig.state.maintenance.network.summary


def test_the_embedded_platform_checks_its_store(rig):
    open_page(rig, PAGE)
    rows = steps(rig)
    assert list(rows) == ["dns", "tcp", "tls", "store"]
    assert all(rows[name].line == "不适用：本机平台" for name in ("dns", "tcp", "tls"))
    assert rows["store"].passed and "毫秒" in rows["store"].line
    rig.network_down()  # the store no longer answers
    rig.kiosk.check_network()
    assert steps(rig)["store"].passed is False
    assert "数据库" in rig.state.maintenance.network.summary


def test_the_check_runs_as_a_chore_not_in_the_call_that_asks(settings, clock):
    """With chores that wait, opening the page returns at once and says it is checking."""
    from drivers.printer.simulator import SimulatedPrinter
    from tests.fakes import TODAY
    from tests.kiosk.rig import HeldJobs, build_rig

    printer = SimulatedPrinter("printer")
    printer.start()
    rig = build_rig(settings, clock, TODAY, printer)
    rig.closers.insert(0, printer.stop)
    held = HeldJobs()
    rig.kiosk.chores = held
    try:
        open_page(rig, PAGE)
        assert rig.state.maintenance.network.running and len(held.waiting) == 1
        assert rig.state.maintenance.network.summary == "正在检测……"
        rig.kiosk.check_network()  # asked again while it runs: not started twice
        assert len(held.waiting) == 1
        held.finish_all()
        assert not rig.state.maintenance.network.running
        assert steps(rig)["store"].passed
    finally:
        rig.close()
