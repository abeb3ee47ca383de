"""Maintenance mode's menu: a large button for each registered page, then cleaning,
restart, exit to the desktop (disabled, with the reason, where the settings forbid it) and
leave; beside them the about block: version, build date, uptime, kiosk id, platform.
and beside leave the switch to the sentinel mode or out of it (kiosk/modes/sentinel.py)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import LARGE_PRINT, ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen, low_on_screen
from ui.widgets.appointment import choice, choice_grid
from ui.widgets.controls import reading_item, set_reading_text


class MaintenanceScreen(Screen):
    name = ScreenName.MAINTENANCE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        shown = view.maintenance
        return shown.menu if shown is not None else None

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.maintenance
        menu = shown.menu if shown is not None else None
        buttons = [choice(page.title, lambda s=page.screen: self.actions.open_maintenance_page(s),
                          f"page:{page.screen}") for page in (menu.pages if menu else ())]
        buttons.append(choice(self.t("maintenance.cleaning"), lambda: self.actions
                              .open_maintenance_page(ScreenName.MAINTENANCE_CLEANING.value),
                              "cleaning"))
        buttons.append(choice(self.t("maintenance.restart"), self.actions.restart_kiosk,
                              "restart"))
        exit_button = choice(self.t("maintenance.exit"), self.actions.exit_to_desktop, "exit")
        exit_button.setEnabled(bool(menu and menu.allow_exit))
        buttons.append(exit_button)
        leave = self.button(self.t("maintenance.leave"), self.actions.leave_maintenance,
                            kind="primary", icon="mdi6.check", name="leave")
        # it leaves too, for the sentinel mode (or out of it); narrower than leave
        sentinel = self.button(self.view.sentinel_switch, lambda: self.actions
                               .open_maintenance_page(ScreenName.SENTINEL.value),
                               name="sentinel")
        self.problem = as_notification(reading_item("", "problem", name="problem"))
        note = reading_item(menu.exit_note if menu else "", "muted", name="exit_note")
        note.setVisible(bool(menu and menu.exit_note))
        about = self._about()
        # nine buttons: three rows of three, but in standard print on a portrait screen
        columns = 2 if self.portrait and self.view.display_mode not in LARGE_PRINT else 3
        if self.portrait:
            layout.addWidget(about)
            low_on_screen(layout, self.portrait)
            layout.addWidget(self.problem)
            layout.addLayout(choice_grid(self, buttons, columns))
            layout.addWidget(note)
            self._leaving(layout, sentinel, leave)
        else:
            row = QHBoxLayout()
            row.setSpacing(self.px(self.theme.sizes.margin))
            row.addWidget(about, 1)
            side = QVBoxLayout()
            side.addWidget(self.problem)
            side.addLayout(choice_grid(self, buttons, columns))
            side.addWidget(note)
            side.addStretch(1)
            self._leaving(side, sentinel, leave)
            row.addLayout(side, 2)
            layout.addLayout(row, 1)
        self._show(shown)
        self.bind("maintenance", self._show)

    def _leaving(self, layout: QVBoxLayout, sentinel, leave) -> None:
        row = QHBoxLayout()
        row.setSpacing(self.px(self.theme.sizes.gap))
        row.addWidget(sentinel, 2)
        row.addWidget(leave, 3)
        layout.addLayout(row)

    def _about(self) -> QFrame:
        card = QFrame()
        card.setProperty("kind", "card")
        inner = QVBoxLayout(card)
        pad = self.px(24)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.setSpacing(self.px(8))
        inner.addWidget(reading_item(self.t("maintenance.about_heading"), "title",
                                     name="about"))
        self.facts = {name: reading_item("", "body", name=f"about:{name}")
                      for name in ("version", "build_date", "uptime", "kiosk", "platform")}
        for widget in self.facts.values():
            inner.addWidget(widget)
        inner.addStretch(1)
        return card

    def _show(self, shown) -> None:
        if shown is None:
            return
        set_reading_text(self.problem, shown.problem)
        self.problem.setVisible(bool(shown.problem))
        about = shown.about
        if about is None:
            return
        t = self.t
        for name, text in (("version", t("maintenance.about.version", version=about.version)),
                           ("build_date", t("maintenance.about.build_date",
                                            date=about.build_date)),
                           ("uptime", t("maintenance.about.uptime", uptime=about.uptime)),
                           ("kiosk", t("maintenance.about.kiosk", kiosk=about.kiosk_id)),
                           ("platform", t("maintenance.about.platform",
                                          platform=about.platform))):
            set_reading_text(self.facts[name], text)
