"""A calm message: what happened and what to do next, with a way forward."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, reading_item


class NoticeScreen(Screen):
    name = ScreenName.NOTICE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.notice

    def build(self, layout: QVBoxLayout) -> None:
        notice = self.view.notice
        if notice is None:
            return
        layout.addStretch(1)
        name = "mdi6.alert-circle-outline" if notice.problem else "mdi6.information-outline"
        layout.addWidget(big_icon(name, self.theme, times=2))
        layout.addWidget(as_notification(reading_item(notice.body, "title", name="body",
                                                      align=ALIGN_CENTER)))
        layout.addStretch(1)
        if notice.reprint:
            self.action_row(
                layout,
                self.button(self.t("nav.home"), self.actions.go_home, name="home"),
                self.button(self.t("notice.reprint.print"), self.actions.reprint,
                            kind="primary", icon="mdi6.printer", name="reprint"),
            )
        elif notice.retry:
            self.action_row(
                layout,
                self.button(self.t("nav.home"), self.actions.go_home, name="home"),
                self.button(self.t("notice.retry"), self.actions.retry, kind="primary",
                            icon="mdi6.refresh", name="retry"),
            )
        else:
            self.action_row(layout, self.button(self.t("notice.ok"), self.actions.go_home,
                                                kind="primary", name="ok"))
