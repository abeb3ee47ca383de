"""Maintenance's usage page, from what this kiosk itself keeps (the outbox's usage rows), so
it works offline: transactions per service today and this week, the first-try pass rate,
ratings (average, count per score), the average time per transaction, and transactions by
hour of day this week. Days, weeks (from Monday) and hours are Shanghai's."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from kiosk.config import LOCAL_TIME
from kiosk.outbox import Kind, OutboxError
from kiosk.view import LARGE_PRINT

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

REFRESH_SECONDS = 60  # the page is counted again this often while open (not each second)
SERVICES_SHOWN = 5  # the busiest services; the rest are summed as "others"
SERVICES_SHOWN_LARGE = 2


@dataclass(frozen=True)
class ServiceCount:
    title: str
    today: int
    week: int


@dataclass(frozen=True)
class UsageView:
    services: tuple[ServiceCount, ...]  # busiest this week first
    today: int
    week: int
    first_try: str  # "92%" of this week's, or "—"
    rating_average: str  # "4.3", or "—"
    ratings: tuple[int, ...]  # this week's count of each score, 1 to 5
    average_time: str  # per transaction this week, "6 min 20 s", or "—"
    hours: tuple[int, ...]  # this week's transactions begun in each hour, 0 to 23
    busiest: str  # the busiest hour, "10:00–11:00", or "—"
    problem: str = ""


class UsageDesk:
    field: ClassVar[str] = "usage"

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk
        self._counted: tuple[tuple[str, str], UsageView] | None = None  # for what, the view
        self._at = 0.0  # when it was counted, on the session's clock

    def open(self) -> None:
        self._counted = None

    def tick(self, now: float) -> None:
        if now - self._at >= REFRESH_SECONDS:
            self._counted = None

    def present(self, t: Any) -> UsageView:
        """Counted when opened, each minute, and when the language or display mode changes;
        a publish in between (each second) reuses it."""
        visit = self.kiosk.session.visit
        made_for = (visit.language, visit.display_mode)
        if self._counted is None or self._counted[0] != made_for:
            self._counted = (made_for, self._count(t))
            self._at = self.kiosk.session.now()
        return self._counted[1]

    def _count(self, t: Any) -> UsageView:
        kiosk = self.kiosk
        now = kiosk.outbox.now().astimezone(LOCAL_TIME)
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        monday = midnight - timedelta(days=now.weekday())
        try:
            uses = kiosk.outbox.usage_since(monday)
        except OutboxError as error:
            return _empty(t("maintenance_usage.broken", reason=str(error)))
        submissions = [use for use in uses if use.kind == Kind.SUBMISSION]
        ratings = [use.score for use in uses if use.kind == Kind.RATING and use.score]
        week = Counter(use.service_id for use in submissions)
        today = Counter(use.service_id for use in submissions if use.at >= midnight)
        language = kiosk.session.visit.language
        services = [ServiceCount(self._title(service, language), today[service], count)
                    for service, count in week.most_common()]
        shown = SERVICES_SHOWN_LARGE if kiosk.session.visit.display_mode in LARGE_PRINT else (
            SERVICES_SHOWN)
        if len(services) > shown:
            rest = services[shown - 1:]
            others = ServiceCount(t("maintenance_usage.others"), sum(s.today for s in rest),
                                  sum(s.week for s in rest))
            services = [*services[:shown - 1], others]
        hours = Counter(use.at.astimezone(LOCAL_TIME).hour for use in submissions)
        timed = [use.seconds for use in submissions if use.seconds is not None]
        first = [use.first_try for use in submissions if use.first_try is not None]
        busiest = max(range(24), key=lambda hour: hours[hour]) if hours else None
        return UsageView(
            services=tuple(services), today=sum(today.values()), week=len(submissions),
            first_try=f"{round(100 * sum(first) / len(first))}%" if first else "—",
            rating_average=f"{sum(ratings) / len(ratings):.1f}" if ratings else "—",
            ratings=tuple(ratings.count(score) for score in range(1, 6)),
            average_time=_duration(sum(timed) / len(timed), t) if timed else "—",
            hours=tuple(hours[hour] for hour in range(24)),
            busiest=f"{busiest:02d}:00–{busiest + 1:02d}:00" if busiest is not None else "—")

    def _title(self, service_id: str | None, language: str) -> str:
        try:
            return self.kiosk.catalogue.get(service_id).title.get(language)
        except (KeyError, AttributeError):
            return service_id or "?"  # a service since removed from the catalogue


def _duration(seconds: float, t: Any) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return t("maintenance_usage.duration", minutes=minutes, seconds=rest)


def _empty(problem: str) -> UsageView:
    return UsageView((), 0, 0, "—", "—", (0,) * 5, "—", (0,) * 24, "—", problem)
