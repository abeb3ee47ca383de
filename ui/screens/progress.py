"""办件进度: one application, its stages as a vertical timeline in plain words with their
dates, and SMS reminders to the number on file (masked). Subscribing updates in place."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout

from kiosk.progress_view import ProgressView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui import icons
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label, reading_item, set_reading_text


class ProgressScreen(Screen):
    name = ScreenName.PROGRESS

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        shown = view.progress or ProgressView()
        return shown.reference, shown.stages, bool(shown.stages) or shown.problem

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.progress or ProgressView()
        if not shown.stages:  # looking it up, or nothing to show
            layout.addStretch(1)
            icon = "mdi6.alert-circle-outline" if shown.problem else "mdi6.file-search-outline"
            layout.addWidget(big_icon(icon, self.theme, times=2))
            layout.addWidget(as_notification(reading_item(
                shown.problem or shown.status, "title", name="status", align=ALIGN_CENTER)))
            layout.addStretch(1)
            return
        number = reading_item(f"{self.t('progress.reference')} {shown.reference}", "value",
                              name="reference")
        layout.addWidget(reading_item(shown.service, "title", name="service"))
        about = QVBoxLayout()  # which one and where it stands, to read: it may stand high
        about.setSpacing(self.px(self.theme.sizes.gap))
        for widget in (number, reading_item(shown.status, "body", name="status")):
            about.addWidget(widget)  # (the day it was sent is the timeline's first date)
        self.sms = reading_item(shown.sms, "body", name="sms")
        self.problem = reading_item(shown.problem, "problem", name="subscribe_problem")
        self.subscribe = self.button(self.t("progress.subscribe"), self.actions.subscribe_progress,
                                     kind="primary", icon="mdi6.message-text-outline",
                                     name="subscribe")
        timeline = self._timeline(shown)
        if self.portrait:
            layout.addLayout(about)
            layout.addWidget(timeline)
            layout.addStretch(1)
            layout.addWidget(self.sms)
            layout.addWidget(self.problem)
            self.action_row(layout, self.subscribe)
        else:  # landscape: about it and the reminders at the left, the timeline beside
            about.addStretch(1)
            for widget in (self.sms, self.problem, self.subscribe):
                about.addWidget(widget)
            columns = QHBoxLayout()
            columns.setSpacing(self.px(self.theme.sizes.gap) * 2)
            columns.addLayout(about, 1)
            right = QVBoxLayout()
            right.addWidget(timeline)
            right.addStretch(1)
            columns.addLayout(right, 1)
            layout.addLayout(columns, 1)
        self._show(shown)
        self.bind("progress", self._show)

    def _timeline(self, shown: ProgressView) -> QFrame:
        """Each stage on its own line: a tick once reached, a ring before; the current one
        in bold; a line joins them."""
        card = QFrame()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        grid.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never squeezed
        pad = self.px(24)
        grid.setContentsMargins(pad, pad, pad, pad)
        grid.setHorizontalSpacing(pad)
        grid.setVerticalSpacing(0)
        colors, size = self.theme.colors, self.px(self.theme.sizes.icon) * 2 // 3
        for index, stage in enumerate(shown.stages):
            mark = QLabel()
            mark.setPixmap(icons.pixmap("mdi6.check-circle" if stage.reached
                                        else "mdi6.circle-outline",
                                        colors.accent if stage.reached else colors.muted, size))
            mark.setAlignment(ALIGN_CENTER)
            grid.addWidget(mark, index * 2, 0)
            words = reading_item(stage.label, "value" if stage.current else "body",
                                 name=f"stage:{stage.name}", wrap=False)
            set_reading_text(words, stage.label, stage.read)
            grid.addWidget(words, index * 2, 1)
            when = label(stage.when, "muted" if stage.reached else "caption", wrap=False,
                         align=Qt.AlignmentFlag.AlignRight)
            grid.addWidget(when, index * 2, 2)
            if index < len(shown.stages) - 1:
                joint = QFrame()
                joint.setFixedSize(self.px(4), self.px(20))
                done = stage.reached and shown.stages[index + 1].reached
                joint.setStyleSheet(f"background: {colors.accent if done else colors.border};")
                grid.addWidget(joint, index * 2 + 1, 0, ALIGN_CENTER)
        grid.setColumnStretch(1, 1)
        return card

    def _show(self, shown: ProgressView | None) -> None:
        if shown is None:
            return
        set_reading_text(self.sms, shown.sms)
        set_reading_text(self.problem, shown.problem)
        self.problem.setVisible(bool(shown.problem))
        self.subscribe.setVisible(shown.can_subscribe)
        self.subscribe.setEnabled(not shown.busy)
