"""The kiosk rig (tests/kiosk/rig.py) on the district store, as the appointment tests need it:
the store on a real SQLite file with the demo centres and slots, on the test's clock, behind
a network switch that can also lose a call's answer after the platform has done it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from district.contract import PlatformUnavailable
from district.store import Store
from kiosk.controller import Kiosk
from kiosk.delivery import Delivery
from kiosk.i18n import LANGUAGES, load_messages
from kiosk.jobs import run_now
from kiosk.outbox import Outbox
from kiosk.platform.network import NetworkSwitch
from kiosk.services.catalogue import load_catalogue
from kiosk.voice import RecordingEngine, RecordingPlayer, Voice
from tests.fakes import TODAY, FakeClock
from tests.kiosk.rig import HeldJobs, RecordingView, Rig

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=SHANGHAI)  # a Saturday morning


class WallClock:
    """The wall clock of the kiosk (its today too) and of the store, moved by the test's
    FakeClock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.origin = clock.now

    def __call__(self) -> dt.datetime:
        return (START + dt.timedelta(seconds=self.clock.now - self.origin)).astimezone(dt.UTC)

    def move_to(self, moment: dt.datetime) -> None:
        self.clock.advance((moment - self()).total_seconds())


class Switch(NetworkSwitch):
    """The kiosk's network switch that can also lose the next answer of a call (the
    platform did it; the kiosk never hears)."""

    def __init__(self, platform: Any) -> None:
        super().__init__(platform)
        self.lose: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        switched = super().__getattr__(name)

        def losing(*args: Any, **kwargs: Any) -> Any:
            result = switched(*args, **kwargs)
            if name in self.lose:
                self.lose.discard(name)
                raise PlatformUnavailable(f"the answer to {name} was lost (test)")
            return result

        return losing


def appointment_rig(settings, clock: FakeClock, printer) -> tuple[Rig, Store, WallClock]:
    wall = WallClock(clock)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.open(f"sqlite:///{settings.data_dir / 'store.sqlite'}", now=wall, demo=True)
    network = Switch(store.for_kiosk(settings.site.kiosk_id))
    outbox = Outbox.in_folder(settings.data_dir, now=wall)
    delivery = Delivery(outbox, network, now=wall)
    delivery.start()
    messages = load_messages()
    voice = Voice(RecordingPlayer(), RecordingEngine(seconds=0.0),
                  hidden_phrases={lang: messages.text("voice.hidden", lang) for lang in LANGUAGES})
    jobs = HeldJobs()
    kiosk = Kiosk(settings=settings, platform=network, catalogue=load_catalogue(),
                  printer=printer, messages=messages, outbox=outbox, delivery=delivery,
                  voice=voice, clock=clock,
                  today=lambda: wall().astimezone(SHANGHAI).date(), wall_clock=wall,
                  background=jobs, chores=run_now)
    rig = Rig(kiosk, RecordingView(kiosk.view), jobs, network, printer, voice)
    # Closed in reverse: the delivery stops before the outbox and store it uses.
    rig.closers += [store.close, outbox.close, delivery.stop, voice.close]
    return rig, store, wall
