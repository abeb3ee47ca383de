"""The heartbeat (kiosk/heartbeat.py) into the real district store: the embedded one through
the rig, and the reference server on loopback, reached by the real client, down and up.
Newest wins: a beat due while one is in flight waits and is built when it goes; a failed
beat is not sent again, and its counts arrive once, with the next beat delivered."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import pytest

from district.store import Store
from drivers.base import PaperState, StatusChanged
from drivers.printer.simulator import SimulatedPrinter
from kiosk.controller import Kiosk
from kiosk.delivery import Delivery
from kiosk.heartbeat import FIRST_AFTER
from kiosk.i18n import load_messages
from kiosk.outbox import Outbox
from kiosk.platform import platform_or_reason
from kiosk.services.catalogue import load_catalogue
from kiosk.version import version
from tests.kiosk.reporting import SERVICE, Rigs, submit
from tests.kiosk.rig import HeldJobs
from tests.kiosk.test_platform_choice import with_platform

LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def make(settings, clock):
    rigs = Rigs(settings, clock)
    yield rigs
    rigs.close()


def beats(rig):
    store = rig.network.platform.store
    return [beat for _at, beat in store.heartbeats(rig.kiosk.settings.site.kiosk_id, LONG_AGO)]


def paper_out(rig) -> None:
    """The printer runs out; its status event is handed to the kiosk in this thread, as the
    window's bridge hands it over."""
    seen: list[StatusChanged] = []
    came = threading.Event()

    def listen(event) -> None:
        if isinstance(event, StatusChanged) and event.status.paper == PaperState.OUT:
            seen.append(event)
            came.set()

    unsubscribe = rig.printer.subscribe(listen)
    try:
        rig.printer.set_paper(PaperState.OUT)
        assert came.wait(30)
    finally:
        unsubscribe()
    rig.kiosk.handle_device_event(seen[0])


def later(rig, clock, seconds: float) -> None:
    clock.advance(seconds)
    rig.kiosk.tick()


def test_the_first_beat_goes_soon_after_start_with_the_kiosks_health(make, settings, clock):
    rig = make()
    store = rig.network.platform.store
    store.register_kiosk(settings.site.kiosk_id)  # fleet() lists registered kiosks
    later(rig, clock, FIRST_AFTER / 2)
    assert beats(rig) == []
    later(rig, clock, FIRST_AFTER / 2)
    [beat] = beats(rig)
    [kept] = [k for k in store.fleet() if k.kiosk_id == settings.site.kiosk_id]
    assert kept.beat == beat
    assert beat.version == version() and beat.mode == "attract"
    assert beat.devices["platform"].state == "online"
    assert 0 < beat.free_disk_mb <= beat.total_disk_mb
    assert beat.outbox_pending == 0 and beat.outbox_failed == 0
    assert beat.uptime_seconds >= FIRST_AFTER and beat.counts == {}
    later(rig, clock, settings.heartbeat.interval_seconds / 2)
    assert len(beats(rig)) == 1  # not due yet
    paper_out(rig)
    later(rig, clock, settings.heartbeat.interval_seconds)
    assert len(beats(rig)) == 2
    printer = beats(rig)[-1].devices["printer"]
    assert (printer.state, printer.paper) == ("user_error", "out")


def test_a_submission_is_counted_once_in_the_next_beat(make, settings, clock):
    rig = make()
    later(rig, clock, FIRST_AFTER)
    submit(rig)
    later(rig, clock, settings.heartbeat.interval_seconds)
    counted = beats(rig)[-1]
    assert counted.mode == "visit"
    assert counted.counts == {"visits": 1, "transactions": 1, f"transactions.{SERVICE}": 1,
                              "prints": 1}
    rig.kiosk.end_now()
    later(rig, clock, settings.heartbeat.interval_seconds)
    assert beats(rig)[-1].counts == {}  # delivered already: not counted twice
    assert beats(rig)[-1].mode == "attract"


def test_the_last_error_is_masked_and_counted(make, settings, clock):
    rig = make()
    root = logging.getLogger()
    root.addHandler(rig.kiosk.log_book)
    root.addHandler(rig.kiosk.metrics.error_handler)
    try:
        logging.getLogger("kiosk.test").error("card 310101194501012345 could not be read")
    finally:
        root.removeHandler(rig.kiosk.metrics.error_handler)
        root.removeHandler(rig.kiosk.log_book)
    later(rig, clock, FIRST_AFTER)
    [beat] = beats(rig)
    assert beat.counts == {"errors": 1}
    assert "310101194501012345" not in beat.last_error
    assert beat.last_error == "kiosk.test: card 310***********2345 could not be read"


def test_one_beat_in_flight_and_the_one_due_meanwhile_is_built_when_it_goes(make, settings, clock):
    chores = HeldJobs()
    rig = make(chores=chores)
    chores.finish_all()  # the platform's check at start
    every = settings.heartbeat.interval_seconds
    later(rig, clock, FIRST_AFTER)
    assert len(chores.waiting) == 1  # in flight, the platform slow to answer
    rig.kiosk.start()  # a visit begins while it is in flight
    later(rig, clock, every)
    later(rig, clock, every)
    assert len(chores.waiting) == 1  # no second beat while one is in flight
    chores.finish()  # the first arrives; the one due goes now, built now
    assert len(chores.waiting) == 1
    chores.finish()
    assert chores.waiting == []
    first, newest = beats(rig)
    assert first.counts == {} and first.mode == "attract"
    assert newest.counts == {"visits": 1} and newest.mode == "visit"
    assert newest.sent_at >= first.sent_at


def test_through_the_server_down_then_up_only_the_newest_arrives_with_all_counts(
        settings, tmp_path, caplog, clock):
    """The real reference server on loopback and the real client: the kiosk's beats while
    it is down are lost, not queued; their counts come once, with the next one it takes."""
    from tests.district.live_server import serving
    from tests.district.loopback import free_port

    store = Store.open(f"sqlite:///{tmp_path / 'district.sqlite'}", demo=True)
    kiosk_id = settings.site.kiosk_id
    token_file = tmp_path / "token"
    token_file.write_text(store.register_kiosk(kiosk_id) + "\n")
    port = free_port()
    chosen = with_platform(settings, kind="http", url=f"http://127.0.0.1:{port}",
                           token_file=str(token_file), connect_timeout=2, read_timeout=5)
    platform = platform_or_reason(chosen)
    printer = SimulatedPrinter("printer")
    outbox = Outbox.in_folder(settings.data_dir)
    every = settings.heartbeat.interval_seconds
    try:
        with serving(store, port):
            kiosk = Kiosk(settings=chosen, platform=platform, catalogue=load_catalogue(),
                          printer=printer, messages=load_messages(), outbox=outbox,
                          delivery=Delivery(outbox, platform), clock=clock)
            clock.advance(FIRST_AFTER)
            kiosk.tick()
            kiosk.start()  # a visit, counted
            kiosk.end_now()
        assert len(store.heartbeats(kiosk_id, LONG_AGO)) == 1
        with caplog.at_level(logging.INFO, logger="kiosk.heartbeat"):
            for _ in range(3):  # down: each beat fails, none is kept to send again
                clock.advance(every)
                kiosk.tick()
        assert kiosk.heartbeat.sent == 4 and kiosk.heartbeat.delivered == 1
        lost = [r for r in caplog.records if "heartbeat not delivered" in r.getMessage()]
        assert [r.levelno for r in lost] == [logging.WARNING, logging.INFO, logging.INFO]
        with serving(store, port):
            for _ in range(2):
                clock.advance(every)
                kiosk.tick()
        received = [beat for _at, beat in store.heartbeats(kiosk_id, LONG_AGO)]
        assert len(received) == 3  # the first, then only beats sent while it answered
        first, newest, quiet = received
        assert first.counts == {}
        assert newest.counts == {"visits": 1}  # from before the outage: not lost
        assert quiet.counts == {}  # nor doubled
        assert first.sent_at < newest.sent_at < quiet.sent_at
        assert newest.uptime_seconds > first.uptime_seconds
        [kept] = [k for k in store.fleet() if k.kiosk_id == kiosk_id]
        assert kept.beat == quiet
    finally:
        outbox.close()
        platform.close()
        store.close()
