"""The kiosk on the district store (SQLite, demo data), for progress, help, ratings and the
service map, until the kiosk itself is switched onto `district.contract`: the real Kiosk,
jobs held until the test lets them answer, and the store at hand for what staff do (move an
application on, send a helper)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from district.contract import Platform, PlatformUnavailable
from district.models import Consent
from district.store import Store
from kiosk.controller import Kiosk
from kiosk.i18n import LANGUAGES, load_messages
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


class Switch:
    """The network between the kiosk and the store: when down, every call is unavailable,
    as the HTTP client's would be; when up, the store's own platform answers."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.up = True

    def __getattr__(self, name: str) -> Any:
        call = getattr(self.platform, name)
        if not callable(call):
            return call

        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not self.up:
                raise PlatformUnavailable("network down")
            return call(*args, **kwargs)

        return guarded


class DeskRig(Rig):
    store: Store
    district_clock: DistrictClock

    def consent(self, items: tuple[str, ...] = ("phone",)) -> None:
        """What the consent step does (the lead's, not merged yet): a grant for the resident
        at the screen, and the consented items read into their profile."""
        platform, resident = self.store.for_kiosk(KIOSK_ID), self.visit.resident
        grant = platform.open_visit(Consent(id_number=resident.id_number,
                                            purpose="personal_page", items=items))
        self.visit.grant = grant
        self.visit.resident = replace(resident, profile=platform.profile(grant.visit_id))


def build_desk_rig(settings, clock, today, printer, district_clock: DistrictClock) -> DeskRig:
    path = settings.data_dir / "district.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store.open(f"sqlite:///{path}", now=district_clock, demo=True)
    store.register_kiosk(KIOSK_ID, "bs.youyi")
    network = Switch(store.for_kiosk(KIOSK_ID))
    messages = load_messages()
    voice = Voice(RecordingPlayer(), RecordingEngine(seconds=0.0),
                  hidden_phrases={lang: messages.text("voice.hidden", lang) for lang in LANGUAGES})
    jobs = HeldJobs()
    kiosk = Kiosk(settings=settings, platform=network, catalogue=load_catalogue(),
                  printer=printer, messages=messages, voice=voice, clock=clock,
                  today=lambda: today, wall_clock=district_clock, background=jobs)
    rig = DeskRig(kiosk, RecordingView(kiosk.view), jobs, network, printer, voice)
    rig.store, rig.district_clock = store, district_clock
    rig.closers += [store.close, voice.close]
    return rig
