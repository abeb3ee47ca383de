"""The kiosk on the embedded store with the district's clock in the test's hands, for
progress, help, ratings and the service map: the real Kiosk, jobs held until the test lets
them answer, and the store at hand for what staff do (move an application on, send a
helper), with its dates and times fixed by the test."""

from __future__ import annotations

import datetime as dt

from district.store import Store
from kiosk.controller import Kiosk
from kiosk.delivery import Delivery
from kiosk.i18n import LANGUAGES, load_messages
from kiosk.jobs import run_now
from kiosk.outbox import Outbox
from kiosk.platform.embedded import EmbeddedPlatform
from kiosk.platform.network import NetworkSwitch
from kiosk.services.catalogue import load_catalogue
from kiosk.voice import RecordingEngine, RecordingPlayer, Voice
from tests.kiosk.rig import HeldJobs, RecordingView, Rig

KIOSK_ID = "BS-YY-001"
START = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC)  # a Monday, 10:00 in Shanghai


class DistrictClock:
    """Aware UTC, moved only by the test (the store and the kiosk's wall clock share it)."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


class DeskRig(Rig):
    store: Store
    district_clock: DistrictClock


def open_store(path, clock, keys=None) -> Store:
    """The kiosk's own store, registered at the Youyi Road centre (whose helpers it calls);
    `keys`: where its offline codes' keys are kept (None: it issues none)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store.open(f"sqlite:///{path}", now=clock, demo=True, keys=keys)
    store.register_kiosk(KIOSK_ID, "bs.youyi")
    return store


def build_desk_rig(settings, clock, today, printer, district_clock: DistrictClock, *,
                   keys=None) -> DeskRig:
    store = open_store(settings.data_dir / settings.platform.database, district_clock, keys)
    network = NetworkSwitch(EmbeddedPlatform(store, KIOSK_ID))
    messages = load_messages()
    voice = Voice(RecordingPlayer(), RecordingEngine(seconds=0.0),
                  hidden_phrases={lang: messages.text("voice.hidden", lang) for lang in LANGUAGES})
    jobs = HeldJobs()
    outbox = Outbox.in_folder(settings.data_dir, now=district_clock)
    delivery = Delivery(outbox, network, now=district_clock)
    delivery.start()
    kiosk = Kiosk(settings=settings, platform=network, catalogue=load_catalogue(),
                  printer=printer, messages=messages, outbox=outbox, delivery=delivery,
                  voice=voice, clock=clock, today=lambda: today, wall_clock=district_clock,
                  background=jobs, chores=run_now)
    rig = DeskRig(kiosk, RecordingView(kiosk.view), jobs, network, printer, voice)
    rig.store, rig.district_clock = store, district_clock
    # Closed in reverse: the delivery stops before the outbox and platform it uses.
    rig.closers += [network.close, outbox.close, delivery.stop, voice.close]
    return rig
