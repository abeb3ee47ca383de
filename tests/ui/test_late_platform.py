"""A district platform that answers late and out of order, on the kiosk's real background
threads: its answers never reach a visit that has ended or a person who is not at the
screen."""

from __future__ import annotations

import threading

import pytest

from drivers.idcard.samples import ADULT, ELDERLY
from kiosk.view import ScreenName
from tests.ui.touch import tap, wait_until


class LatePlatform:
    """The real platform behind a gate per person: opening a consented visit (the first
    call of the profile read) waits until the test opens that person's gate, as a slow
    network would keep it waiting."""

    def __init__(self, platform) -> None:
        self.platform = platform
        self.gates: dict[str, threading.Event] = {}
        self.asked: list[str] = []
        self._lock = threading.Lock()

    def gate(self, id_number: str) -> threading.Event:
        with self._lock:
            return self.gates.setdefault(id_number, threading.Event())

    def open_visit(self, consent):
        with self._lock:
            self.asked.append(consent.id_number)
        self.gate(consent.id_number).wait()
        return self.platform.open_visit(consent)

    def was_asked(self, id_number: str) -> bool:
        with self._lock:
            return id_number in self.asked

    def open_all(self) -> None:
        with self._lock:
            for gate in self.gates.values():
                gate.set()

    def __getattr__(self, name: str):
        return getattr(self.platform, name)


@pytest.fixture
def late(kiosk):
    platform = LatePlatform(kiosk.network.platform)
    kiosk.network.platform = platform
    yield platform
    platform.open_all()  # no worker thread may be left waiting


def agree(qtbot, kiosk, card):
    """Once this card's holder is asked for consent, they agree."""
    wait_until(qtbot, lambda: kiosk.kiosk.session.visit.waiting_card == card
               and kiosk.kiosk.state.screen == ScreenName.CONSENT)
    tap(qtbot, kiosk.window, "accept")


def test_a_profile_that_comes_back_after_the_visit_ended_is_dropped(qtbot, kiosk, late):
    kiosk.devices.idcard.place(ELDERLY)
    agree(qtbot, kiosk, ELDERLY)
    wait_until(qtbot, lambda: late.was_asked(ELDERLY.id_number))
    tap(qtbot, kiosk.window, "nav.end")
    tap(qtbot, kiosk.window, "done")  # she walked away before the platform answered
    assert kiosk.kiosk.state.screen == ScreenName.ATTRACT
    dropped = len(kiosk.kiosk.jobs.dropped)
    late.gate(ELDERLY.id_number).set()
    wait_until(qtbot, lambda: len(kiosk.kiosk.jobs.dropped) > dropped)
    assert kiosk.kiosk.state.screen == ScreenName.ATTRACT
    assert kiosk.kiosk.session.visit.resident is None and not kiosk.kiosk.state.greeting


def test_answers_out_of_order_leave_the_person_at_the_screen(qtbot, kiosk, late):
    kiosk.devices.idcard.place(ELDERLY)
    agree(qtbot, kiosk, ELDERLY)
    wait_until(qtbot, lambda: late.was_asked(ELDERLY.id_number))
    kiosk.devices.idcard.remove()
    kiosk.devices.idcard.place(ADULT)  # another person, before the first answer
    agree(qtbot, kiosk, ADULT)
    wait_until(qtbot, lambda: late.was_asked(ADULT.id_number))
    late.gate(ADULT.id_number).set()
    wait_until(qtbot, lambda: kiosk.kiosk.state.greeting.startswith(ADULT.name))
    dropped = len(kiosk.kiosk.jobs.dropped)
    late.gate(ELDERLY.id_number).set()  # the first person's profile, late
    wait_until(qtbot, lambda: len(kiosk.kiosk.jobs.dropped) > dropped)
    assert kiosk.kiosk.session.visit.resident.name == ADULT.name
    assert kiosk.kiosk.state.greeting.startswith(ADULT.name)
