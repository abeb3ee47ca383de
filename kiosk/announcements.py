"""What the voice says on each screen: where you are, what is there, what to do next, read
from the same screen state the screens show. Personal data (a form field whose privacy class
is personal or sensitive; the resident's name, always) is marked private where the words are
made, so it is spoken only into headphones, and the loudspeaker says words without it;
numbers are spelled out digit by digit."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kiosk import offline_code_view, personal_page
from kiosk.appointment_view import APPOINTMENT_SCREENS, appointment_speech
from kiosk.record_view import RECORD_SCREENS
from kiosk.state import FormRow, ScreenState
from kiosk.view import ScreenName
from kiosk.voice import mark_digits

Text = Callable[..., str]


NUMBER = re.compile(r"[0-9A-Za-z\s-]*[0-9][0-9A-Za-z\s-]*")  # spelled out when spoken


@dataclass(frozen=True)
class Speech:
    text: str
    private: bool = False  # holds personal data: heard only in headphones
    public: str = ""  # what the loudspeaker says instead ("" says voice.hidden)


def announcement(state: ScreenState, answers: dict[str, str], t: Text) -> list[Speech]:
    """The current screen, read out from the start. `answers` holds the form's full values,
    which only headphones may hear."""
    screen = state.screen
    parts: list[Speech] = []
    if state.step is not None:
        parts.append(Speech(t("step", step=state.step.number, total=state.step.total)))
    if screen == ScreenName.ATTRACT:
        parts += [Speech(t("speak.attract")), Speech(t("speak.keys"))]
    elif screen == ScreenName.HOME:
        if state.greeting:  # it names the resident
            parts.append(Speech(state.greeting, private=True,
                                public=t("speak.private.greeting")))
        parts += [*_finder(state, t), Speech(t("speak.keys"))]
    elif screen == ScreenName.IDENTIFY:
        parts.append(Speech(t("identify.place_card") + "。" + t("identify.where")))
    elif screen in (ScreenName.FORM, ScreenName.CHECK_ANSWERS):
        parts += _form(state, answers, t)
    elif screen in (ScreenName.MATERIALS, ScreenName.LICENCE_PREVIEW):
        parts += _materials(state, t)
    elif screen == ScreenName.SIGN:
        parts.append(Speech(t("sign.how") + " " + t("speak.sign")))
    elif screen == ScreenName.PRINTING:
        parts.append(Speech(t("printing.wait") + "。" + t("printing.note")))
    elif screen == ScreenName.RECEIPT and state.receipt is not None:
        parts += _receipt(state, t)
    elif screen == ScreenName.RATING:
        levels = t("list.separator").join(t(f"rating.level{n}") for n in (5, 4, 3, 2, 1))
        parts.append(Speech(t("rating.ask") + " " + levels))
    elif screen == ScreenName.GOODBYE:
        parts.append(Speech(t("goodbye.thanks") + "。" + t("goodbye.take_things")))
    elif screen in (ScreenName.SENTINEL, ScreenName.SENTINEL_RESULT):
        pass  # the sentinel mode speaks each result itself, at once, voice on or not
    elif screen == ScreenName.OUT_OF_SERVICE:
        parts.append(Speech(t("out_of_service.body", helpline=state.helpline)))
    elif screen == ScreenName.CONSENT and state.consent is not None:
        consent = state.consent
        items = t("consent.items_heading") + t("list.separator").join(consent.items)
        parts.append(Speech("。".join((consent.asker, consent.purpose, items, consent.duration,
                                       consent.decline_note))))
    elif screen == ScreenName.NOTICE and state.notice is not None:
        parts.append(Speech(state.notice.title + "。" + state.notice.body))
    elif screen in (ScreenName.CATEGORY, ScreenName.SEARCH):
        parts += _finder(state, t)
    elif screen in APPOINTMENT_SCREENS:
        parts += [Speech(text) for text in appointment_speech(state, t)]
    elif screen == ScreenName.MATERIAL_CAMERA and state.material is not None:
        view = state.material  # what the paper said is never spoken: only what differs
        parts += [Speech(text) for text in (view.problem, view.status, *view.findings) if text]
    elif screen in RECORD_SCREENS and state.record is not None:
        parts += _record(state, t)
    elif screen in (ScreenName.OFFLINE_CODE, ScreenName.CODE_CHECK):
        parts += [Speech(text, private) for text, private in offline_code_view.speech(state, t)]
    elif screen in personal_page.PERSONAL_SCREENS or screen == ScreenName.ENTERPRISE:
        parts += [Speech(text, private) for text, private in personal_page.speech(state, t)]
    else:
        parts += _desk(state, t)
    return parts


def _finder(state: ScreenState, t: Text) -> list[Speech]:
    """Home's page, a category's services, or the search and what it found."""
    join = t("list.separator").join
    parts: list[Speech] = []
    if state.screen == ScreenName.HOME and state.home is not None:
        home = state.home
        items = join([tile.title for tile in home.tiles]
                     + [category.title for category in home.categories])
        parts.append(Speech(t("speak.finder.home", heading=home.heading, items=items)))
        if home.pages > 1:
            parts.append(Speech(t("speak.finder.pages", pages=home.pages)))
    elif state.screen == ScreenName.CATEGORY and state.category is not None:
        category = state.category
        parts.append(Speech(t("speak.finder.category", title=category.title,
                              items=join(tile.title for tile in category.tiles))))
    elif state.screen == ScreenName.SEARCH and state.search is not None:
        search = state.search
        if not search.keyboard.text and not search.keyboard.composing:
            parts.append(Speech(t("speak.finder.search")))
        else:
            parts.append(Speech(t("speak.finder.results", message=search.message,
                                  items=join(tile.title for tile in search.tiles))))
    return parts
def _record(state: ScreenState, t: Text) -> list[Speech]:
    """A record's preview (what it is, how long, the two choices) or where it went."""
    record = state.record
    if state.screen == ScreenName.RECORD_DONE:
        if record.share_url:
            return [Speech(t("record.phone_title") + "。" + t("record.phone_how",
                                                               time=record.share_until))]
        return [Speech(t("record.printed" if record.printed else "record.not_printed"))]
    if record.busy or record.problem:
        return [Speech(record.problem or record.busy)]
    if not record.can_print:
        return [Speech(record.title + "。" + t("record.no_a4"))]
    choices = t("list.separator").join((t("record.print"), t("record.to_phone")))
    return [Speech(record.title + "。" + record.pages), Speech(choices)]


def _desk(state: ScreenState, t: Text) -> list[Speech]:
    """Progress, help, ratings' reasons and the service map."""
    screen = state.screen
    if screen == ScreenName.PROGRESS and state.progress is not None:
        view = state.progress
        if view.problem and not view.stages:
            return [Speech(view.problem)]
        parts = [Speech(f"{view.service} {t('progress.reference')} "
                        f"{mark_digits(view.reference)}。{view.status}")]
        parts += [Speech(stage.read) for stage in view.stages if stage.reached]
        return [*parts, Speech(view.sms)]
    if screen == ScreenName.APPLICATIONS and state.applications is not None:
        view = state.applications
        if view.needs_card or view.problem or view.loading:
            return [Speech(t("applications.needs_card") if view.needs_card else view.problem
                           or t("applications.loading"))]
        return [Speech(t("speak.desk.applications", count=len(view.rows)))] + [
            Speech(row.read) for row in view.rows]
    if screen == ScreenName.HELP and state.help is not None:
        parts = [Speech(state.help.problem or state.help.heading)]
        parts += [Speech(result.label) for result in state.help.results]
        if state.help_call:
            parts.append(Speech(f"{state.help_call} {state.help_wait}"))
        return [*parts, Speech(t("speak.desk.help"))]
    if screen == ScreenName.HELP_ARTICLE and state.help_article is not None:
        return [Speech(state.help_article.question), Speech(state.help_article.answer)]
    if screen == ScreenName.RATING_REASONS:
        return [Speech(t("rating_reasons.ask")), Speech(t("speak.desk.reasons") + t(
            "list.separator").join(reason.label for reason in state.rating_reasons))]
    if screen == ScreenName.SERVICE_MAP and state.service_map is not None:
        view = state.service_map
        if not view.rows:
            return [Speech(view.problem or t("service_map.loading"))]
        return [Speech(t("speak.desk.map"))] + [Speech(row.read) for row in view.rows]
    return []


def idle_warning(seconds: int, t: Text) -> list[Speech]:
    return [Speech(t("idle.title") + " " + t("idle.countdown", seconds=seconds) + " "
                   + t("speak.touch_to_continue"))]


def _form(state: ScreenState, answers: dict[str, str], t: Text) -> list[Speech]:
    """A form page or check-your-answers: the page, then each of its rows; a personal value
    in full only into headphones."""
    page = state.form_page
    if page is None:
        return []
    checking = state.screen == ScreenName.CHECK_ANSWERS
    parts = [Speech(page.title if page.kind != "step" or page.total < 2 else t(
        "speak.form.step", number=page.number, total=page.total, title=page.title))]
    if page.intro:
        parts.append(Speech(page.intro))
    if page.problem:
        parts.append(Speech(page.problem))
    for row in (r for r in state.form if r.key in page.keys):
        if row.kind == "choice" and not checking:
            options = t("list.separator").join(option.label for option in row.options)
            text = t("speak.choice", field=row.label, options=options)
            chosen = next((o.label for o in row.options if o.value == row.chosen), "")
            parts.append(Speech(text))
            if chosen:
                parts.append(Speech(t("speak.chosen", option=chosen), private=row.personal,
                                    public=t("speak.private.field", field=row.label)))
        else:
            parts.append(field_speech(row, answers.get(row.key, ""), t))
        if row.error:
            parts.append(Speech(row.error))
    parts.append(Speech(t("speak.form.check_next") if checking
                        else t("speak.form.next", action=page.action)))
    return parts


def field_speech(row: FormRow, value: str, t: Text) -> Speech:
    """One form row read out. A personal value, in full, only into headphones; the
    loudspeaker hears its label and that it is hidden, never even the masked value."""
    if not row.personal or not value:
        return Speech(row.read)
    spoken = mark_digits(value) if NUMBER.fullmatch(value) else value
    return Speech(t("form.row", label=row.label, value=spoken), private=True,
                  public=t("speak.private.field", field=row.label))


def _materials(state: ScreenState, t: Text) -> list[Speech]:
    """The materials and what stands in for each; a licence's preview, its values (masked
    already) only into headphones."""
    preview = state.licence_preview
    if state.screen == ScreenName.LICENCE_PREVIEW and preview is not None:
        values = t("list.separator").join(f"{name}：{value}" for name, value in preview.fields)
        return [Speech(f"{preview.title}。{preview.purpose}"),
                Speech(values, private=True), Speech(t("speak.form.preview_next"))]
    page = state.form_page
    parts = [Speech(page.intro)] if page and page.intro else []
    for row in state.materials:
        parts.append(Speech("。".join(part for part in (row.name, row.licence, row.note)
                                     if part), private=bool(row.licence)))
    if page is not None:
        parts.append(Speech(t("speak.form.next", action=page.action)))
    return parts


def _receipt(state: ScreenState, t: Text) -> list[Speech]:
    """What the receipt says, read out: the reference first, digit by digit."""
    receipt = state.receipt
    outcome = "outcome.delivered" if receipt.delivered else "outcome.saved"
    parts = [Speech(t(outcome) + " " + mark_digits(receipt.reference))]
    parts.append(Speech(t("receipt_screen.take_receipt") if receipt.printed
                        else t("receipt_screen.not_printed")))
    parts.append(Speech(receipt.done_note))
    return parts
