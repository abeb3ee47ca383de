"""The desk rig (tests/kiosk/desk_rig.py) with the embedded platform answering the two code
calls through tests/kiosk/offline_code_double.py."""

from __future__ import annotations

from kiosk.controller import Kiosk
from kiosk.delivery import Delivery
from kiosk.i18n import LANGUAGES, load_messages
from kiosk.jobs import run_now
from kiosk.outbox import Outbox
from kiosk.platform.embedded import EmbeddedPlatform
from kiosk.platform.network import NetworkSwitch
from kiosk.services.catalogue import load_catalogue
from kiosk.voice import RecordingEngine, RecordingPlayer, Voice
from tests.kiosk.desk_rig import KIOSK_ID, DeskRig, DistrictClock, open_store
from tests.kiosk.offline_code_double import CodeIssuingPlatform
from tests.kiosk.rig import HeldJobs, RecordingView


def build_code_rig(settings, clock, today, printer) -> DeskRig:
    district_clock = DistrictClock()
    store = open_store(settings.data_dir / settings.platform.database, district_clock)
    platform = CodeIssuingPlatform(EmbeddedPlatform(store, KIOSK_ID), settings.data_dir,
                                   district_clock)
    network = NetworkSwitch(platform)
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
