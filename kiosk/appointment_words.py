"""Appointments in plain words, in the visit's language: a matter, a centre, a day, a time, a
booking's state, a distance, the places left. The screens and the printed slips say them
the same way."""

from __future__ import annotations

import datetime as dt
import logging

from district.models import BookingState, Centre, Slot
from kiosk.i18n import Messages
from kiosk.services.catalogue import Catalogue

log = logging.getLogger(__name__)
SHANGHAI = dt.timezone(dt.timedelta(hours=8), "CST")  # centres' local time; no daylight saving
_UNNAMED: set[str] = set()
RELATIVE_DAYS = {0: "booking.today", 1: "booking.tomorrow", 2: "booking.day_after"}


class AppointmentWords:
    def __init__(self, messages: Messages, catalogue: Catalogue, language: str,
                 centres: tuple[Centre, ...] = (), today: dt.date | None = None) -> None:
        self.messages = messages
        self.catalogue = catalogue
        self.language = language
        self.centres = {centre.id: centre for centre in centres}
        self.today = today

    @property
    def zh(self) -> bool:
        return self.language.startswith("zh")

    def t(self, key: str, **params: object) -> str:
        return self.messages.text(key, self.language, **params)

    def matter(self, matter: str) -> str:
        """A matter is a service id: the catalogue's title, else the message `matter.<id>`."""
        if matter in self.catalogue:
            return self.catalogue.get(matter).title.get(self.language)
        key = f"matter.{matter}"
        if key in self.messages.keys(self.language):
            return self.t(key)
        if matter not in _UNNAMED:  # once, not at every publish
            _UNNAMED.add(matter)
            log.error("no name for the matter %r: add matter.%s to the message files", matter,
                      matter)
        return self.t("matter.other")

    def centre_name(self, centre_id: str) -> str:
        centre = self.centres.get(centre_id)
        if centre is None:
            return self.t("booking.centre_unknown")
        return centre.name_zh if self.zh else centre.name_en

    def address(self, centre_id: str) -> str:
        centre = self.centres.get(centre_id)
        if centre is None:
            return ""
        return centre.address_zh if self.zh else centre.address_en

    def hours(self, centre: Centre) -> str:
        return centre.hours_zh if self.zh else centre.hours_en

    def day(self, day: dt.date) -> str:
        """明天 11月29日 周日 · Tomorrow, Sunday 29 November; on paper (no `today`), the date
        alone, which stays true."""
        date = self.t("booking.date", month=self.t(f"month.{day.month}"), day=day.day,
                      weekday=self.t(f"weekday.{day.weekday()}"))
        relative = RELATIVE_DAYS.get((day - self.today).days) if self.today else None
        return self.t("booking.relative_date", relative=self.t(relative), date=date) \
            if relative else date

    @staticmethod
    def time(slot: Slot) -> str:
        return f"{slot.start:%H:%M}–{slot.end:%H:%M}"

    def when(self, slot: Slot) -> str:
        return self.t("booking.when", day=self.day(slot.day), time=self.time(slot))

    def state(self, state: BookingState) -> str:
        return self.t(f"booking.state.{state.value}")

    def places(self, count: int) -> str:
        return self.t("booking.places", count=count)

    def distance(self, km: float | None) -> str:
        if km is None:
            return ""
        if km < 0.15:
            return self.t("booking.here")
        if km < 1:
            return self.t("booking.metres", metres=max(100, round(km * 10) * 100))
        return self.t("booking.kilometres", km=f"{km:.1f}")

    def home_kind(self, kind: str) -> str:
        return self.t(f"home_service.kind.{kind}") if kind else ""

    def home_status(self, status: str) -> str:
        key = f"home_service.status.{status}"
        return self.t(key) if key in self.messages.keys(self.language) else status
