"""Spoken guidance for the visit: when the voice speaks and what, on top of `Voice`. It
speaks only while the visit has the voice on (care mode, headphones or the keypad turn it
on), says each screen when it appears or changes language, and says the idle warning once."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.announcements import Speech, announcement, idle_warning
from kiosk.form_view import PERSONAL_ITEMS
from kiosk.services.engine import mask
from kiosk.session import Session, Visit
from kiosk.state import ScreenState
from kiosk.voice import Voice

# A change of any of these is a new screen to a listener: it is read out from the start.
ANNOUNCED = frozenset({"screen", "notice", "language", "display_mode", "receipt", "greeting",
                       "form_page", "licence_preview",  # a form's next page, a rule failed
                       "progress", "applications", "help", "help_article", "service_map",
                       # appointments: a list that arrives, or a problem
                       "matters", "centres", "days", "slots", "bookings", "booking_busy",
                       "cancel_asked", "booking_problem",
                       # a paper under the camera: reading it, then what it said
                       "material",
                       # a record: fetched, printing, or a problem
                       "record",
                       # offline codes: each stage of the paper code, a code checked
                       "offline_code", "code_check"})


class Guide:
    def __init__(self, voice: Voice | None, session: Session, state: ScreenState,
                 text: Callable[..., str]) -> None:
        self.voice = voice
        self.session = session
        self.state = state
        self.text = text

    @property
    def on(self) -> bool:
        return self.voice is not None and self.session.visit.voice_on

    def speak(self, parts: list[Speech]) -> None:
        if not self.on:
            return
        language = self.session.visit.language
        for index, part in enumerate(parts):
            self.voice.say(part.text, language, private=part.private, interrupt=index == 0,
                           public=part.public)

    def say(self, key: str, **params: object) -> None:
        self.speak([Speech(self.text(key, **params))])

    def say_public(self, key: str) -> None:
        """An answer the resident asked for by what they did (a paper code held to the
        scanner), spoken even with the voice off; only public words, never personal data.
        With the voice on, the screen's own announcement says it."""
        if self.voice is not None and not self.on:
            self.voice.say(self.text(key), self.session.visit.language)

    def announce(self) -> None:
        """Say where the resident is and what to do; also the repeat key."""
        self.speak(announcement(self.state, self.session.visit.answers, self.text))

    def published(self, changed: list[str], idle_before: int | None) -> None:
        """The screen state changed: read out a new screen, or the start of the idle warning."""
        if ANNOUNCED.intersection(changed):
            self.announce()
        elif "idle_seconds" in changed and idle_before is None and self.state.idle_seconds:
            self.speak(idle_warning(self.state.idle_seconds, self.text))
        elif "help_call" in changed and self.state.help_call:  # a helper is on the way
            self.speak([Speech(f"{self.state.help_call} {self.state.help_wait}")])

    def control(self, label: str) -> None:
        """A control was focused or touched: say its label; one that shows any of the
        visit's personal values (the greeting's name, a masked address) only into
        headphones. The window's words are made elsewhere, so they are checked here."""
        if label:
            private = any(value in label for value in personal_values(self.session.visit,
                                                                      self.state))
            self.speak([Speech(label, private=private)])

    def interrupt(self) -> None:
        if self.voice is not None:
            self.voice.interrupt()

    def volume(self, up: bool) -> None:
        if self.voice is not None:
            self.voice.volume_up() if up else self.voice.volume_down()
            self.say("speak.volume_up" if up else "speak.volume_down")

    def headphones(self, on: bool) -> None:
        if self.voice is not None:
            self.voice.set_headphones(on)
        self.say("speak.headphones_on" if on else "speak.headphones_off")

    def reset(self) -> None:
        """The visit ended: default volume, loudspeaker, nothing personal kept."""
        if self.voice is not None:
            self.voice.reset()


def personal_values(visit: Visit, state: ScreenState) -> set[str]:
    """What of this visit must not come out of the loudspeaker, in full and masked as the
    screens show it: the card's name, number, address and birth date, the profile's
    personal items and phone, and every personal form field's answer."""
    values: set[str] = set()
    resident = visit.resident
    if resident is not None:
        card, born = resident.card, resident.card.birth_date
        values |= {card.name, card.id_number, card.address, card.pass_number,
                   born.isoformat(), f"{born.year}年{born.month}月{born.day}日"}
        values |= {value for item, value in resident.profile.items()
                   if item in PERSONAL_ITEMS or item == "phone"}
    personal_rows = {row.key for row in state.form if row.personal}
    values |= {value for key, value in visit.answers.items() if key in personal_rows}
    values |= {mask(value) for value in values if value}
    return {value for value in values if len(value) >= 2}
