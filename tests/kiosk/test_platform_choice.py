"""The settings choose the platform's home, and a platform that cannot be set up or does
not answer is said in one line and puts the kiosk out of service: never a silent fallback
to the embedded platform."""

from __future__ import annotations

import logging

from drivers.base import CardRead, DeviceState
from drivers.idcard.samples import ELDERLY
from drivers.printer.simulator import SimulatedPrinter
from kiosk.controller import Kiosk
from kiosk.delivery import Delivery
from kiosk.i18n import load_messages
from kiosk.outbox import Outbox
from kiosk.platform import NoPlatform, platform_or_reason
from kiosk.platform.embedded import EmbeddedPlatform
from kiosk.services.catalogue import load_catalogue
from kiosk.view import ScreenName


def kiosk_on(settings, platform, printer, outbox: Outbox) -> Kiosk:
    """A kiosk on `platform`; its outbox is kept, its delivery not started."""
    return Kiosk(settings=settings, platform=platform, catalogue=load_catalogue(),
                 printer=printer, messages=load_messages(), outbox=outbox,
                 delivery=Delivery(outbox, platform))


def with_platform(settings, **values):
    chosen = settings.platform.model_copy(update=values)
    return settings.model_copy(update={"platform": chosen})


def test_the_default_is_the_embedded_store_in_the_data_directory(settings, rig):
    platform = platform_or_reason(settings)
    try:
        assert isinstance(platform, EmbeddedPlatform)
        assert (settings.data_dir / "kiosk.sqlite").is_file()
    finally:
        platform.close()


def test_an_http_platform_without_a_token_is_one_line_and_out_of_service(
        settings, monkeypatch, caplog):
    monkeypatch.delenv("KIOSK_PLATFORM_TOKEN", raising=False)
    chosen = with_platform(settings, kind="http", url="https://platform.example/")
    with caplog.at_level(logging.ERROR):
        platform = platform_or_reason(chosen)
        assert isinstance(platform, NoPlatform)
        outbox = Outbox.in_folder(settings.data_dir)
        try:
            kiosk = kiosk_on(chosen, platform, SimulatedPrinter("printer"), outbox)
            kiosk.tick(kiosk.session.now() + 31)  # checked again: the same line is not repeated
        finally:
            outbox.close()
    # the platform's one line; [codes] root_key, unset too, has its own (kiosk_trust.py)
    lines = [r.getMessage() for r in caplog.records if not r.name.startswith("kiosk.codes")]
    assert len(lines) == 1 and "platform.token_file" in lines[0] and "\n" not in lines[0]
    assert kiosk.state.screen == ScreenName.OUT_OF_SERVICE
    assert kiosk.devices.status["platform"].state == DeviceState.NO_DEVICE
    assert not (settings.data_dir / "kiosk.sqlite").exists()  # no embedded store behind it


def test_a_token_file_that_cannot_be_read_names_the_file(settings, tmp_path):
    missing = tmp_path / "token"
    chosen = with_platform(settings, kind="http", url="https://platform.example/",
                           token_file=str(missing))
    platform = platform_or_reason(chosen)
    assert isinstance(platform, NoPlatform) and str(missing) in platform.reason


def test_a_platform_that_answers_again_puts_the_kiosk_back_in_service(settings, rig):
    rig.network.up = False
    rig.kiosk.watch._next_check = 0  # as at start: the first check is due
    rig.kiosk.tick()
    assert rig.view.screen == ScreenName.OUT_OF_SERVICE
    rig.network.up = True
    rig.kiosk.tick(rig.kiosk.session.now() + 31)  # the next check, 30 s later
    assert rig.view.screen == ScreenName.ATTRACT


def test_a_district_server_that_is_down_puts_the_kiosk_out_of_service_until_it_answers(
        settings, tmp_path, caplog):
    """The real server on loopback, reached by the real client: down at start, then up."""
    from district.store import Store
    from tests.district.live_server import serving
    from tests.district.loopback import free_port

    store = Store.open(f"sqlite:///{tmp_path / 'district.sqlite'}", demo=True)
    token_file = tmp_path / "token"
    token_file.write_text(store.register_kiosk(settings.site.kiosk_id) + "\n")
    port = free_port()
    chosen = with_platform(settings, kind="http", url=f"http://127.0.0.1:{port}",
                           token_file=str(token_file), connect_timeout=2, read_timeout=5)
    platform = platform_or_reason(chosen)
    outbox = Outbox.in_folder(settings.data_dir)
    try:
        with caplog.at_level(logging.ERROR):
            kiosk = kiosk_on(chosen, platform, SimulatedPrinter("printer"), outbox)
        assert kiosk.state.screen == ScreenName.OUT_OF_SERVICE
        assert any(f"127.0.0.1:{port}" in r.getMessage() for r in caplog.records)
        with serving(store, port):
            kiosk.tick(kiosk.session.now() + 31)  # the next check finds it answering
            assert kiosk.state.screen == ScreenName.ATTRACT
            kiosk.start()
            kiosk.handle_device_event(CardRead("idcard", ELDERLY))
            kiosk.consent(True)
            assert kiosk.state.greeting.startswith(ELDERLY.name)
            assert kiosk.session.visit.resident.profile["phone"].startswith("139")
            reads = platform.data_reads(kiosk.session.visit.grant.visit_id)
            assert {read.kiosk_id for read in reads} == {settings.site.kiosk_id}
    finally:
        outbox.close()
        platform.close()
        store.close()
