"""A calm message: what happened and what to do next, with a way forward."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label


class NoticeScreen(Screen):
    name = ScreenName.NOTICE
    nav = frozenset({"home", "help", "end"})

    def title(self) -> str:
        notice = self.controller.notice
        return self.t(notice.title) if notice else ""

    def build(self, layout: QVBoxLayout) -> None:
        notice = self.controller.notice
        if notice is None:
            return
        layout.addStretch(1)
        problem = notice.tone == "problem"
        name = "mdi6.alert-circle-outline" if problem else "mdi6.information-outline"
        layout.addWidget(big_icon(name, self.theme, times=2))
        body = notice.text.get(self.controller.language) if notice.text else self.t(
            notice.body, **notice.params)
        layout.addWidget(label(body, "title", align=ALIGN_CENTER))
        layout.addStretch(1)
        if notice.retry:
            self.action_row(
                layout,
                self.button(self.t("nav.home"), self.controller.go_home, name="home"),
                self.button(self.t("notice.retry"), self.controller.retry, kind="primary",
                            icon="mdi6.refresh", name="retry"),
            )
        else:
            self.action_row(layout, self.button(self.t("notice.ok"), self.controller.go_home,
                                                kind="primary", name="ok"))
