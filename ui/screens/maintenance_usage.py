"""Maintenance's usage page: today's and this week's transactions per service, the first-try
rate, ratings, the average time, and two charts with their numbers on them: ratings by score
and transactions by hour (kiosk/maintenance/usage.py)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.maintenance.usage import UsageView
from kiosk.state import ReadOnly
from kiosk.view import LARGE_PRINT, ScreenName
from ui.screens.base import Screen
from ui.screens.maintenance_parts import card
from ui.widgets.bar_chart import BarChart
from ui.widgets.controls import label, reading_item


class MaintenanceUsageScreen(Screen):
    name = ScreenName.MAINTENANCE_USAGE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.maintenance

    def build(self, layout: QVBoxLayout) -> None:
        shown: UsageView | None = self.view.maintenance and self.view.maintenance.usage
        if shown is None:
            return
        if shown.problem:
            layout.addWidget(reading_item(shown.problem, "problem", name="problem"))
            return
        services = [self.t("maintenance_usage.service_row", title=row.title, today=row.today,
                           week=row.week) for row in shown.services]
        totals = card(self, self.t("maintenance_usage.totals", today=shown.today,
                                   week=shown.week),
                      [self.t("maintenance_usage.services"), *services]
                      if services else [self.t("maintenance_usage.nothing")], name="totals")
        rates = card(self, self.t("maintenance_usage.first_try", rate=shown.first_try),
                     [self.t("maintenance_usage.rating", average=shown.rating_average,
                             count=sum(shown.ratings)),
                      self.t("maintenance_usage.average_time", time=shown.average_time)],
                     name="rates")
        scores = self._chart(self.t("maintenance_usage.scores"), "scores", BarChart(
            [(self.t("maintenance_usage.score", score=score), shown.ratings[score - 1])
             for score in range(5, 0, -1)], self.theme,
            name=self.t("maintenance_usage.scores"), columns=False, spoken=self._spoken))
        busiest = self.t("maintenance_usage.hours", busiest=shown.busiest)
        hours = self._chart(busiest, "hours", BarChart(
            [(f"{hour}", shown.hours[hour]) for hour in range(24)], self.theme,
            name=busiest, columns=True, every=3, spoken=self._spoken))
        counts = self.t("maintenance_usage.joiner").join(
            self._spoken(self.t("maintenance_usage.score", score=score),
                         shown.ratings[score - 1]) for score in range(5, 0, -1))
        if self.portrait and self.view.display_mode not in LARGE_PRINT:  # one above the other
            for part in (totals, rates):
                layout.addWidget(part)
            layout.addLayout(scores, 2)
            layout.addLayout(hours, 3)
            return
        # landscape, or large print, is short of room: the counts by score as words
        rates.layout().addWidget(label(counts, "body"))
        if self.portrait:
            for part in (totals, rates):
                layout.addWidget(part)
            layout.addLayout(hours, 1)
            return
        side = QVBoxLayout()
        side.setSpacing(self.px(self.theme.sizes.gap))
        side.addWidget(totals)
        side.addWidget(rates)
        side.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(self.px(self.theme.sizes.gap))
        row.addLayout(side, 3)  # its words need the room more than the bars
        row.addLayout(hours, 2)
        layout.addLayout(row, 1)

    def _chart(self, title: str, name: str, chart: BarChart) -> QVBoxLayout:
        box = QVBoxLayout()
        box.addWidget(reading_item(title, "body", name=name))
        box.addWidget(chart, 1)
        return box

    def _spoken(self, label: str, value: int) -> str:
        return self.t("maintenance_usage.bar", label=label, value=value)
