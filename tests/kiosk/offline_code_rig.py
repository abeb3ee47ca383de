"""The desk rig (tests/kiosk/desk_rig.py) on an embedded store that issues offline codes (its
keys in the data directory, where the kiosk finds the root key), and `sync`: the platform's
signed lists taken into the kiosk's cache as its sync takes them."""

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
from tests.kiosk.desk_rig import KIOSK_ID, DeskRig, DistrictClock
from tests.kiosk.rig import HeldJobs, RecordingView


def build_code_rig(settings, clock, today, printer) -> DeskRig:
    district_clock = DistrictClock()
    path = settings.data_dir / settings.platform.database
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store.open(f"sqlite:///{path}", now=district_clock, demo=True,
                       keys=settings.data_dir)
    store.register_kiosk(KIOSK_ID, "bs.youyi")
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
    rig.closers += [network.close, outbox.close, delivery.stop, voice.close]
    return rig


def sync(kiosk, when: dt.datetime):
    """The lists from the platform into the kiosk's cache; the lists, for the test to read."""
    got = kiosk.platform.code_lists()
    for signed in (got.trust, got.revocations, got.status):
        kiosk.codes.accept(signed)
    kiosk.codes.mark_synced(when)
    return got
