"""Maintenance's usage page: today's and this week's transactions per service, the first-try
rate, ratings, the average time, and two charts with their numbers on them: ratings by score
and transactions by hour (kiosk/maintenance/usage.py)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout

from kiosk.maintenance.usage import UsageView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen
from ui.screens.maintenance_parts import card
from ui.widgets.bar_chart import BarChart
from ui.widgets.controls import reading_item


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
        top: QBoxLayout = QVBoxLayout() if self.portrait else QHBoxLayout()
        top.setSpacing(self.px(self.theme.sizes.gap))
        services = [self.t("maintenance_usage.service_row", title=row.title, today=row.today,
                           week=row.week) for row in shown.services]
        top.addWidget(card(self, self.t("maintenance_usage.totals", today=shown.today,
                                        week=shown.week),
                           [self.t("maintenance_usage.services"), *services]
                           if services else [self.t("maintenance_usage.nothing")],
                           name="totals"), 1)
        count = sum(shown.ratings)
        top.addWidget(card(self, self.t("maintenance_usage.first_try", rate=shown.first_try),
                           [self.t("maintenance_usage.rating", average=shown.rating_average,
                                   count=count),
                            self.t("maintenance_usage.average_time", time=shown.average_time)],
                           name="rates"), 1)
        layout.addLayout(top)
        charts: QBoxLayout = QVBoxLayout() if self.portrait else QHBoxLayout()
        charts.setSpacing(self.px(self.theme.sizes.gap))
        scores = QVBoxLayout()
        scores.addWidget(reading_item(self.t("maintenance_usage.scores"), "body",
                                      name="scores"))
        scores.addWidget(BarChart(
            [(self.t("maintenance_usage.score", score=score), shown.ratings[score - 1])
             for score in range(5, 0, -1)], self.theme,
            name=self.t("maintenance_usage.scores"), columns=False, spoken=self._spoken), 1)
        hours = QVBoxLayout()
        hours.addWidget(reading_item(self.t("maintenance_usage.hours", busiest=shown.busiest),
                                     "body", name="hours"))
        hours.addWidget(BarChart(
            [(f"{hour}", shown.hours[hour]) for hour in range(24)], self.theme,
            name=self.t("maintenance_usage.hours", busiest=shown.busiest), columns=True,
            every=3, spoken=self._spoken), 1)
        charts.addLayout(scores, 2)
        charts.addLayout(hours, 3)
        layout.addLayout(charts, 1)

    def _spoken(self, label: str, value: int) -> str:
        return self.t("maintenance_usage.bar", label=label, value=value)
