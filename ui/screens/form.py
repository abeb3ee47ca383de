"""Step 1: the form already filled in from the card and the profile; the resident checks
it and answers the few choices only they can make."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.services.engine import mask
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.theme import LARGE_PRINT
from ui.widgets.controls import label


class FormScreen(Screen):
    name = ScreenName.FORM

    def title(self) -> str:
        service = self.controller.service
        return service.title.get(self.controller.language) if service else ""

    def build(self, layout: QVBoxLayout) -> None:
        language = self.controller.language
        values = self.controller.form()
        known = [v for v in values if v.spec.kind == "text"]
        choices = [v for v in values if v.spec.kind == "choice"]
        layout.addWidget(label(self.t("form.check"), "body"))
        low_on_screen(layout, self.portrait)
        columns = QVBoxLayout() if self.portrait else QHBoxLayout()
        columns.setSpacing(self.px(self.theme.sizes.gap))
        card = QFrame()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        pad = self.px(24)
        grid.setContentsMargins(pad, pad, pad, pad)
        grid.setHorizontalSpacing(pad)
        grid.setVerticalSpacing(self.px(12))
        for row, value in enumerate(known):
            shown = value.value or self.t("form.not_on_record")
            if value.spec.personal and value.value:
                shown = mask(value.value)
            grid.addWidget(label(value.spec.label.get(language), "muted", wrap=False), row, 0)
            grid.addWidget(label(shown, "value"), row, 1)
        grid.setColumnStretch(1, 1)
        note = label(self.t("form.step_note"), "caption")
        if self.portrait:
            columns.addWidget(card, 3)
        else:  # landscape: the note under the card, leaving the height to the choices
            left = QVBoxLayout()
            left.setSpacing(self.px(self.theme.sizes.gap))
            left.addWidget(card)
            left.addWidget(note)
            left.addStretch(1)
            columns.addLayout(left, 3)
        confirm = self.button(self.t("form.confirm"), self.controller.confirm_form,
                              kind="primary", icon="mdi6.check", name="confirm")
        if choices:
            choice_box = QVBoxLayout()
            choice_box.setSpacing(self.px(self.theme.sizes.gap))
            for value in choices:
                problem = value.spec.key in self.controller.form_problems
                kind = "problem" if problem else "body"
                text = value.spec.label.get(language)
                if problem:
                    text = self.t("form.please_choose", field=text)
                choice_box.addWidget(label(text, kind))
                row = QGridLayout()
                row.setSpacing(self.px(self.theme.sizes.gap))
                per_row = 3 if not self.portrait and self.theme.name not in LARGE_PRINT else 2
                per_row = min(per_row, len(value.spec.options))
                for index, option in enumerate(value.spec.options):
                    chosen = value.value == option.value
                    widget = self.button(
                        option.label.get(language),
                        lambda key=value.spec.key, v=option.value: self.controller.answer(key, v),
                        name=f"choice:{value.spec.key}:{option.value}",
                    )
                    widget.setProperty("selected", "true" if chosen else "false")
                    widget.setAccessibleDescription(self.t("form.selected") if chosen else "")
                    row.addWidget(widget, index // per_row, index % per_row)
                choice_box.addLayout(row)
            choice_box.addStretch(1)
            if not self.portrait:  # landscape: the action low in the right column saves a row
                choice_box.addWidget(confirm)
            columns.addLayout(choice_box, 2)
        layout.addLayout(columns)
        if self.portrait:
            layout.addWidget(note)
        if self.portrait or not choices:
            self.action_row(layout, confirm)
