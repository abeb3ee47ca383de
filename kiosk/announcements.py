"""What the voice says on each screen: where you are, what is there, what to do next.
Personal data (ID number, phone, bank card) is marked private, so it is spoken only into
headphones; numbers are spelled out digit by digit."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.view import STEPS, TOTAL_STEPS, ScreenName
from kiosk.voice import mark_digits

if TYPE_CHECKING:
    from kiosk.controller import KioskController


@dataclass(frozen=True)
class Speech:
    text: str
    private: bool = False


def announcement(controller: KioskController) -> list[Speech]:
    """The current screen, read out from the start."""
    t, language = controller.text, controller.language
    screen = controller.screen
    parts: list[Speech] = []
    if controller.service is not None and screen in STEPS:
        parts.append(Speech(t("step", step=STEPS[screen], total=TOTAL_STEPS)))
    if screen == ScreenName.ATTRACT:
        parts.append(Speech(t("speak.attract")))
        parts.append(Speech(t("speak.keys")))
    elif screen == ScreenName.HOME:
        if controller.resident is not None:
            parts.append(Speech(t("home.greeting", name=controller.resident.name)))
        names = t("list.separator").join(s.title.get(language) for s in controller.services())
        parts.append(Speech(t("speak.home", services=names)))
        parts.append(Speech(t("speak.keys")))
    elif screen == ScreenName.IDENTIFY:
        parts.append(Speech(t("identify.place_card") + "。" + t("identify.where")))
    elif screen == ScreenName.FORM:
        parts += _form(controller)
    elif screen == ScreenName.SIGN:
        parts.append(Speech(t("sign.how") + " " + t("speak.sign")))
    elif screen == ScreenName.PRINTING:
        parts.append(Speech(t("printing.wait") + "。" + t("printing.note")))
    elif screen == ScreenName.RECEIPT and controller.outcome is not None:
        parts += _receipt(controller)
    elif screen == ScreenName.RATING:
        levels = t("list.separator").join(t(f"rating.level{n}") for n in (5, 4, 3, 2, 1))
        parts.append(Speech(t("rating.ask") + " " + levels))
    elif screen == ScreenName.GOODBYE:
        parts.append(Speech(t("goodbye.thanks") + "。" + t("goodbye.take_things")))
    elif screen == ScreenName.OUT_OF_SERVICE:
        parts.append(Speech(t("out_of_service.body", helpline=controller.settings.site.helpline)))
    elif screen == ScreenName.NOTICE and controller.notice is not None:
        notice = controller.notice
        body = notice.text.get(language) if notice.text else t(notice.body, **notice.params)
        parts.append(Speech(t(notice.title) + "。" + body))
    return parts


def idle_warning(controller: KioskController) -> list[Speech]:
    seconds = math.ceil(controller.idle.remaining)
    return [Speech(controller.text("idle.title") + " " +
                   controller.text("idle.countdown", seconds=seconds) + " " +
                   controller.text("speak.touch_to_continue"))]


def _form(controller: KioskController) -> list[Speech]:
    t, language = controller.text, controller.language
    parts = [Speech(t("form.check"))]
    for value in controller.form():
        label = value.spec.label.get(language)
        if value.spec.kind == "choice":
            options = t("list.separator").join(o.label.get(language) for o in value.spec.options)
            chosen = next((o.label.get(language) for o in value.spec.options
                           if o.value == value.value), "")
            text = t("speak.choice", field=label, options=options)
            if chosen:
                text += " " + t("speak.chosen", option=chosen)
            parts.append(Speech(text))
        elif value.spec.personal:
            parts.append(Speech(f"{label}：{mark_digits(value.value)}", private=True))
        else:
            parts.append(Speech(f"{label}：{value.value or t('form.not_on_record')}"))
    parts.append(Speech(t("speak.form_next")))
    return parts


def _receipt(controller: KioskController) -> list[Speech]:
    """What the receipt says, read out: the reference first, digit by digit."""
    t, outcome, service = controller.text, controller.outcome, controller.service
    reference = outcome.accepted.reference
    parts = [Speech(t("receipt_screen.reference") + " " + mark_digits(reference))]
    parts.append(Speech(t("receipt_screen.take_receipt") if outcome.printed
                        else t("receipt_screen.not_printed")))
    if service is not None:
        parts.append(Speech(service.done_note.get(controller.language)))
    return parts
