"""One simulated resident's visit, at random: how they identify (a card, a 随申码, or by
touch and then a card), what they do (a service's form to the receipt and rating, an
appointment, the personal page, a receipt's code, a damaged code, a second person's card,
help, back and home, large print and the voice), and how they leave (退出, the goodbye
running out, or walking away so the idle warning and the timeout fire on the injected
clock). Everything goes through the doors a resident and the devices use: the simulators
and the kiosk's actions. Each step waits for the screen it expects (an event)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer

from drivers.base import MediaState
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT
from kiosk.view import KeyAction
from kiosk.view import ScreenName as S
from ui.soak.trouble import Faults

CARDS = (ELDERLY, ADULT, HMT_RESIDENT)
# services whose forms the walker fills in (choices: the first option), by who may apply
SERVICES = ("social_security_card", "elderly_allowance", "senior_card",
            "medical_insurance_change")
SECTIONS = ("applications", "licences", "benefits", "reminders", "data_reads")
ACTIVITIES = (("service", 5), ("appointment", 2), ("personal", 2), ("receipt_code", 1),
              ("damaged_qr", 1), ("second_card", 1), ("help", 1), ("toggles", 2),
              ("back_home", 1))
FORM_PAGES = 40  # more pages than any service has: a form that never ends is stuck
CARE_FACTOR = 3  # care mode's idle and warning times, against the settings' (kiosk/session.py)
LOOK_MS = 5  # how often a wait looks at its condition while the event loop runs
STROKE = ((40.0, 100.0), (160.0, 130.0), (300.0, 90.0), (420.0, 120.0))


class Stuck(Exception):
    """An expected screen (or state) never came within the bound."""


class Resident:
    def __init__(self, app: Any, clock: Any, rng: random.Random, faults: Faults,
                 bound_seconds: float) -> None:
        self.app = app
        self.kiosk = app.kiosk
        self.state = app.kiosk.state
        self.clock = clock
        self.rng = rng
        self.faults = faults
        self.bound = bound_seconds
        self.steps: list[str] = []
        self.last_receipt = ""  # a receipt's code a later resident may scan
        self.journeys: dict[str, int] = {}

    # --- the doors, and waiting for what they do ---------------------------------------------

    def step(self, what: str) -> None:
        self.steps.append(what)

    def act(self, name: str, *args: Any) -> None:
        """A kiosk action, as the screen's control calls it."""
        self.step(f"{name}({', '.join(map(str, args))}) on {self.state.screen.value}")
        getattr(self.kiosk, name)(*args)

    def wait(self, what: str, condition: Callable[[], bool]) -> None:
        """Run the Qt event loop until `condition()` holds (looked at every few ms, and as
        soon as the loop starts); Stuck past the bound."""
        if condition():
            return
        deadline = time.monotonic() + self.bound
        loop = QEventLoop()

        def look() -> None:
            if condition() or time.monotonic() > deadline:
                loop.quit()

        looker = QTimer()
        looker.timeout.connect(look)
        looker.start(LOOK_MS)
        try:
            loop.exec()
        finally:
            looker.stop()
        if not condition():
            self.step(f"stuck waiting for {what} on {self.state.screen.value}")
            raise Stuck(what)

    def at(self, *screens: S) -> S:
        self.wait("/".join(s.value for s in screens), lambda: self.state.screen in screens)
        return self.state.screen

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def count(self, journey: str) -> None:
        self.journeys[journey] = self.journeys.get(journey, 0) + 1

    # --- one visit -----------------------------------------------------------------------------

    def visit(self) -> None:
        self.steps = []
        self.faults.begin_session()
        self.step(f"faults: {sorted(self.faults.on) or 'none'}")
        self.identify()
        done = False
        for _ in range(self.rng.randint(1, 2)):
            if self.state.screen != S.HOME:
                break
            name = self.rng.choices([a for a, _w in ACTIVITIES],
                                    [w for _a, w in ACTIVITIES])[0]
            self.count(name)
            done = getattr(self, f"_{name}")()
            if done:
                break
            self.to_home()
        if not done:
            self.leave()
        self.take_card_back()
        self.faults.clear()

    def identify(self) -> None:
        ways = ["card", "suishen_code", "touch_then_card", "touch"]
        if "reader_unplugged" in self.faults.on:
            ways = ["suishen_code", "touch"]
        way = self.rng.choice(ways)
        self.count(f"identify:{way}")
        if way == "touch":
            self.act("start")
            self.at(S.HOME)
        elif way == "card":
            self.lay_card(self.rng.choice(CARDS))
        elif way == "suishen_code":
            self.show_suishen_code(self.rng.choice(CARDS))
        else:
            self.act("start")
            self.at(S.HOME)
            self.act("choose_service", self.rng.choice(SERVICES))
            if self.at(S.IDENTIFY, S.NOTICE) == S.IDENTIFY:
                self.lay_card(self.rng.choice(CARDS))
        self.to_home()

    def lay_card(self, card: Any) -> None:
        self.step(f"card of {card.name[0]}* laid on the reader")
        self.app.devices.idcard.place(card)
        if self.at(S.CONSENT, S.NOTICE) == S.CONSENT:
            self.answer_consent()

    def show_suishen_code(self, card: Any) -> None:
        store = self.app.network.platform.platform.store
        self.step("a 随申码 shown to the scanner")
        self.app.devices.scanner.scan(store.issue_code(card.id_number))
        if self.at(S.CONSENT, S.NOTICE) == S.CONSENT:  # once the platform has resolved it
            self.answer_consent()

    def answer_consent(self) -> None:
        visit = self.kiosk.session.visit
        accept = self.chance(0.85)
        self.act("consent", accept)
        self.wait("the consent answered", lambda: self.state.screen != S.CONSENT or (
            not accept and visit.consented is False))
        if self.state.screen == S.CONSENT:
            # declined with a service chosen that reads the profile: asked again at once,
            # with no way home from this screen; this resident agrees the second time
            self.count("consent_asked_again_after_decline")
            self.act("consent", True)
            self.wait("the consent answered", lambda: self.state.screen != S.CONSENT)

    def to_home(self) -> None:
        """From a notice (a refused card, a reprint offered, a service paused) or a finished
        activity, home again; a reprint offered is sometimes taken first."""
        screen = self.state.screen
        if screen in (S.HOME, S.ATTRACT, S.GOODBYE):
            return
        if screen == S.CONSENT:  # asked again (a section of the personal page): answered
            self.answer_consent()
            screen = self.state.screen
            if screen in (S.HOME, S.ATTRACT, S.GOODBYE):
                return
        if screen == S.NOTICE and self.state.notice and self.state.notice.reprint and (
                self.chance(0.5)):
            self.act("reprint")
            self.wait("the reprint", lambda: self.state.screen not in (S.NOTICE, S.PRINTING))
            screen = self.state.screen
            if screen in (S.HOME, S.ATTRACT, S.GOODBYE):
                return
        self.act("go_home")
        self.at(S.HOME)

    def take_card_back(self) -> None:
        reader = self.app.devices.idcard
        reader.remove()
        if reader.plugged:
            self.wait("the reader to see the card gone",
                      lambda: reader.status.media != MediaState.PRESENT)

    # --- activities: each returns True when it ended the visit -----------------------------------

    def _service(self) -> bool:
        self.act("choose_service", self.rng.choice(SERVICES))
        screen = self.at(S.FORM, S.NOTICE, S.IDENTIFY, S.CONSENT, S.MATERIALS, S.CHECK_ANSWERS)
        if screen == S.CONSENT:
            self.act("consent", True)
            screen = self.at(S.FORM, S.NOTICE, S.MATERIALS, S.CHECK_ANSWERS, S.HOME)
        if screen not in (S.FORM, S.MATERIALS, S.CHECK_ANSWERS):
            return False
        if self.chance(0.15):
            return self.walk_away()  # abandoned midway: the idle warning and the timeout
        if not self.fill_form():
            return False
        return self.sign_and_submit()

    def fill_form(self) -> bool:
        for _page in range(FORM_PAGES):
            screen = self.state.screen
            if screen == S.CHECK_ANSWERS:
                self.act("confirm_form")
                return self.at(S.SIGN, S.NOTICE) == S.SIGN
            if screen == S.LICENCE_PREVIEW:
                self.act("confirm_licence")
                continue
            if screen not in (S.FORM, S.MATERIALS):
                return False
            page = self.state.form_page
            if screen == S.MATERIALS:
                offered = [m.key for m in self.state.materials if m.state == "licence"]
                if offered:  # an electronic licence stands in for the paper
                    self.act("use_licence", offered[0])
                    self.wait("the licence", lambda: not self.state.form_busy and (
                        self.state.screen != S.MATERIALS))
                    continue
            rows = {row.key: row for row in self.state.form}
            for key in page.keys if page else ():
                row = rows.get(key)
                if row is not None and row.kind == "choice" and not row.chosen and row.options:
                    self.act("answer", key, row.options[0].value)
            self.act("confirm_form")
            self.wait("the form's next page", lambda: not self.state.form_busy)
            after = self.state.form_page
            if self.state.screen in (S.FORM, S.MATERIALS) and after == page:
                # an answer this resident cannot give (typed text, a paper to photograph)
                self.step(f"the page does not go on: {after.problem if after else ''}")
                self.count("form_given_up")
                return False
        raise Stuck("a form that never ends")

    def sign_and_submit(self) -> bool:
        printer = self.app.devices.printer
        mid_print = self.chance(0.05) and "paper_out" not in self.faults.on
        if mid_print:
            printer.seconds_per_job = 0.05
        if self.chance(0.8):
            self.act("add_stroke", STROKE, 480.0, 200.0)
            self.act("submit_signature")
        else:
            self.act("confirm_without_signature")
        if mid_print:
            self.faults.start("printer_unplugged_mid_print")
        screen = self.at(S.RECEIPT, S.NOTICE)
        printer.seconds_per_job = 0.0
        if screen == S.NOTICE:
            return False
        outcome = self.kiosk.session.visit.outcome
        if outcome is not None:
            self.last_receipt = outcome.reference
        if self.chance(0.3):
            return False  # no rating: home, or walk away later
        self.act("to_rating")
        self.at(S.RATING)
        self.act("rate", self.rng.randint(1, 5))
        if self.at(S.GOODBYE, S.RATING_REASONS) == S.RATING_REASONS:
            if self.chance(0.5):
                self.act("toggle_reason", self.state.rating_reasons[0].value)
                self.act("send_rating")
            else:
                self.act("skip_reasons")
            self.at(S.GOODBYE)
        self.say_goodbye()
        return True

    def _appointment(self) -> bool:
        self.act("choose_service", "appointment")
        screen = self.at(S.BOOKING_MATTER, S.NOTICE, S.IDENTIFY, S.CONSENT)
        if screen == S.CONSENT:
            self.act("consent", True)
            screen = self.at(S.BOOKING_MATTER, S.NOTICE, S.HOME)
        if screen != S.BOOKING_MATTER:
            return False
        steps = ((S.BOOKING_MATTER, "choose_matter", lambda: self.state.matters),
                 (S.BOOKING_CENTRE, "choose_centre", lambda: self.state.centres),
                 (S.BOOKING_DAY, "choose_day", lambda: self.state.days),
                 (S.BOOKING_TIME, "choose_slot", lambda: self.state.slots))
        for screen, action, choices in steps:
            self.wait(f"{screen.value}'s choices",
                      lambda c=choices: not self.state.booking_busy and (
                          bool(c()) or bool(self.state.booking_problem)))
            if not choices():
                return False  # the platform did not answer: its problem line is shown
            choice = self.rng.choice(choices())
            self.act(action, getattr(choice, "value", None) or choice.id)
            self.wait("the next booking step", lambda s=screen: not self.state.booking_busy and (
                self.state.screen != s or bool(self.state.booking_problem)))
            if self.state.booking_problem or self.state.screen == screen:
                return False
        if self.state.screen != S.BOOKING_CONFIRM:
            return False
        if self.chance(0.3):
            self.act("go_back")  # changed their mind: the held place goes back
            return False
        self.act("confirm_booking")
        self.wait("the booking confirmed", lambda: not self.state.booking_busy and (
            self.state.screen == S.BOOKING_DONE or bool(self.state.booking_problem)))
        return False

    def _personal(self) -> bool:
        self.act("open_personal_page")
        self.at(S.PERSONAL_PAGE)
        if self.kiosk.session.visit.grant is None:
            return False  # nobody identified, or consent declined: no sections to open
        section = self.rng.choice(SECTIONS)
        self.act("open_section", section)
        self.wait("the section", lambda: self.state.screen != S.PERSONAL_PAGE)
        self.act("go_back")
        return False

    def _receipt_code(self) -> bool:
        if not self.last_receipt:
            return False
        url = self.kiosk.settings.receipts.verify_url.format(reference=self.last_receipt)
        self.step("a receipt's code shown to the scanner")
        self.app.devices.scanner.scan(url)
        self.at(S.PROGRESS, S.NOTICE)
        return False

    def _damaged_qr(self) -> bool:
        self.faults.counts["damaged_qr"] += 1
        garbage = "".join(self.rng.choice("0123456789ABCDEF:/?%\x00\ufffd") for _ in range(
            self.rng.randint(1, 300)))
        self.step("a damaged code shown to the scanner")
        self.app.devices.scanner.scan(garbage)
        self.at(S.NOTICE)
        return False

    def _second_card(self) -> bool:
        if not self.app.devices.idcard.plugged:
            return False
        resident = self.kiosk.session.visit.resident
        others = [c for c in CARDS if resident is None or c.id_number != resident.id_number]
        self.take_card_back()
        self.lay_card(self.rng.choice(others))  # the first visit ends before it is read
        self.to_home()
        return False

    def _help(self) -> bool:
        self.act("open_help")
        self.at(S.HELP)
        self.act("go_back")
        self.at(S.HOME)
        return False

    def _toggles(self) -> bool:
        mode = self.rng.choice(("large", "care", "high_contrast"))
        self.act("toggle_display_mode", mode)
        self.act("keypad_used")  # the keypad turns the voice on
        self.act("key", KeyAction.REPEAT)
        self.act("toggle_headphones")
        self.act("toggle_language")
        if self.chance(0.5):
            self.act("toggle_headphones")
            self.act("toggle_display_mode", mode)
            self.act("toggle_language")
        return False

    def _back_home(self) -> bool:
        self.act("open_search")
        self.at(S.SEARCH)
        for key in ("s", "b", "k"):
            self.act("press_key", key)
        self.act("go_back")
        self.at(S.HOME)
        return False

    # --- leaving --------------------------------------------------------------------------------

    def leave(self) -> None:
        if self.state.screen == S.ATTRACT:
            return
        how = self.rng.choice(("finish", "goodbye_runs_out", "walk_away"))
        self.count(f"leave:{how}")
        if how == "walk_away":
            self.walk_away()
            return
        self.act("finish")
        self.at(S.GOODBYE, S.ATTRACT)
        if how == "finish":
            self.say_goodbye()
        else:
            self.run_clock(self.kiosk.settings.timeouts.goodbye_seconds + 1)
            self.at(S.ATTRACT)

    def say_goodbye(self) -> None:
        if self.state.screen == S.GOODBYE:
            self.act("finish")
        self.at(S.ATTRACT)

    def walk_away(self) -> bool:
        """Nobody touches the screen: the warning comes, counts down, and the visit ends."""
        timeouts = self.kiosk.settings.timeouts
        for _longer in range(CARE_FACTOR):  # care mode's timeouts are three times as long
            self.run_clock(timeouts.idle_seconds + 1)
            if self.state.idle_seconds is not None or self.state.screen == S.ATTRACT:
                break
        self.wait("the idle warning", lambda: self.state.idle_seconds is not None
                  or self.state.screen == S.ATTRACT)
        for _longer in range(CARE_FACTOR):
            if self.state.screen == S.ATTRACT:
                break
            self.run_clock(timeouts.warning_seconds + 1)
        self.at(S.ATTRACT)
        return True

    def run_clock(self, seconds: float) -> None:
        """The injected clock moved on, and the kiosk's once-a-second tick told of it."""
        self.step(f"{seconds:.0f} s pass")
        self.clock.advance(seconds)
        self.kiosk.tick()
