"""The kiosk without Qt, for tests: the real Kiosk on a real SQLite platform, a real
simulated printer and a real voice that records what it would say, driven through a
background runner that holds every job until the test lets it answer (late, and in any
order), and watched by a small recording view instead of a window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from kiosk.controller import Kiosk
from kiosk.delivery import Delivery
from kiosk.i18n import LANGUAGES, load_messages
from kiosk.jobs import run_now
from kiosk.outbox import Outbox
from kiosk.platform.embedded import open_embedded
from kiosk.platform.network import NetworkSwitch
from kiosk.services.catalogue import Catalogue, load_catalogue
from kiosk.state import FIELD_ORDER, ReadOnly
from kiosk.view import ScreenName
from kiosk.voice import RecordingEngine, RecordingPlayer, Voice

HANG_GUARD_S = 120


class HeldJobs:
    """Background work that answers only when the test says: `finish(i)` runs the i-th job
    still waiting and hands its result back, as a slow platform would, in any order."""

    def __init__(self) -> None:
        self.waiting: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def __call__(self, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.waiting.append((job, done))

    def finish(self, index: int = 0) -> None:
        job, done = self.waiting.pop(index)
        run_now(job, done)

    def finish_all(self) -> None:
        while self.waiting:
            self.finish(0)


class RecordingView:
    """Follows the screen state the way the window does, one field event at a time, and
    remembers what it was told: what it shows now, each screen it entered, every change."""

    def __init__(self, view: ReadOnly) -> None:
        self.showing: dict[str, Any] = {name: getattr(view, name) for name in FIELD_ORDER}
        self.screens: list[ScreenName] = [view.screen]
        self.changes: list[tuple[str, Any]] = []
        self.publishes = 0
        for name in FIELD_ORDER:
            getattr(view.events, name).connect(
                lambda value, _old=None, name=name: self._changed(name, value))
        view.published.connect(self._published)

    def _changed(self, name: str, value: Any) -> None:
        self.showing[name] = value
        self.changes.append((name, value))
        if name == "screen":
            self.screens.append(value)

    def _published(self, names: tuple[str, ...]) -> None:
        self.publishes += 1

    @property
    def screen(self) -> ScreenName:
        return self.showing["screen"]


@dataclass
class Rig:
    kiosk: Kiosk
    view: RecordingView
    jobs: HeldJobs
    network: NetworkSwitch
    printer: Any
    voice: Voice
    closers: list[Callable[[], None]] = field(default_factory=list)

    @property
    def visit(self):
        return self.kiosk.session.visit

    @property
    def state(self):
        return self.kiosk.state

    def spoken(self) -> list[str]:
        """What the voice has been asked to say so far (its worker synthesises in order)."""
        return [text for text, _lang in self.voice.engine.spoken]

    def said(self, words: str) -> bool:
        """Wait until the voice's worker has been asked to say `words`; False if it never
        is (the limit stops a broken test, it is no guess at the machine's speed)."""
        return self.voice.engine.wait_for(words, HANG_GUARD_S)

    def network_down(self, down: bool = True) -> None:
        self.network.up = not down

    @property
    def outbox(self) -> Outbox:
        return self.kiosk.outbox

    def close(self) -> None:
        for close in reversed(self.closers):
            close()


def build_rig(settings, clock, today, printer, *, held: bool = True,
              catalogue: Catalogue | None = None, wall=None,
              max_pages: int | None = None, network_up: bool = True,
              chores: Callable[[Callable[[], Any], Callable[[Any], None]], None] = run_now
              ) -> Rig:
    """`wall`: the outbox's clock (aware datetimes), the real one if not given; `max_pages`
    caps the outbox file (a disk that fills up); `network_up` False starts it down; `chores`:
    the kiosk's own calls (the heartbeat, the platform check), at once unless given."""
    platform = open_embedded(settings.data_dir / settings.platform.database,
                             settings.site.kiosk_id)
    network = NetworkSwitch(platform)
    network.up = network_up
    timed = {"now": wall} if wall else {}
    outbox = Outbox.in_folder(settings.data_dir, max_pages=max_pages,
                              retention=timedelta(days=settings.privacy.retention_days), **timed)
    delivery = Delivery(outbox, network, **timed)
    delivery.start()
    messages = load_messages()
    voice = Voice(RecordingPlayer(), RecordingEngine(seconds=0.0),
                  hidden_phrases={lang: messages.text("voice.hidden", lang) for lang in LANGUAGES})
    jobs = HeldJobs()
    kiosk = Kiosk(settings=settings, platform=network, catalogue=catalogue or load_catalogue(),
                  printer=printer, messages=messages, outbox=outbox, delivery=delivery,
                  voice=voice, clock=clock, today=lambda: today,
                  background=jobs if held else run_now, chores=chores)
    rig = Rig(kiosk, RecordingView(kiosk.view), jobs, network, printer, voice)
    # Closed in reverse: the delivery stops before the outbox and platform it uses.
    rig.closers += [network.close, outbox.close, delivery.stop, voice.close]
    return rig
