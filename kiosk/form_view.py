"""The form flow's part of the screen state: every answer as a row (masked by its privacy
class, with where it came from), the page on screen, the materials and a licence's preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from district.models import Licence, LicenceRef
from kiosk.form_flow import MATERIALS, FormVisit, Pages, flow_service
from kiosk.services.catalogue import Catalogue
from kiosk.services.engine import FieldValue, Source, mask
from kiosk.services.model import Service
from kiosk.state import FormPage, FormRow, LicencePreview, MaterialRow, Option
from kiosk.view import ScreenName

S = ScreenName
Text = Callable[..., str]
INPUT_KINDS = ("number", "phone", "date")  # entered on a keypad or a date picker
LICENCE_HEAD = ("valid_until",)  # shown from the licence's reference
# What a licence says that names or numbers a person: masked on screen like a personal field
PERSONAL_ITEMS = frozenset({
    "name", "address", "residence_address", "id_number", "certificate_number", "permit_number",
    "household_head", "spouse_name", "spouse_id_number", "baby_name", "father_name",
    "father_id_number", "mother_name", "legal_representative"})


def form_values(visit: Any, catalogue: Catalogue, today: date, t: Text) -> dict[str, Any]:
    """The fields `form`, `form_page`, `materials`, `licence_preview`, `form_busy`."""
    empty = {"form": (), "form_page": None, "materials": (), "licence_preview": None,
             "form_busy": False}
    sid = visit.service_id
    if not sid or sid not in catalogue or visit.phase != "in_service":
        return {**empty, "form_busy": visit.form.fetching}
    chosen = catalogue.get(sid)
    if chosen.flow != "form":
        return empty
    service = flow_service(chosen, [catalogue.get(m) for m in chosen.bundle if m in catalogue])
    form, language = visit.form, visit.language
    paging = Pages(service, form, visit.display_mode == "care")
    page = paging.current()
    rows = tuple(_row(service, spec, visit.answers.get(spec.key, ""), form, paging, language,
                      today, t, visit.screen) for spec in service.fields)
    return {
        "form": rows,
        "form_page": _page(service, paging, page, visit.screen, language, t, visit.answers),
        "materials": tuple(_material(m, form, visit, language, t) for m in service.materials)
        if visit.screen in (S.MATERIALS, S.LICENCE_PREVIEW) else (),
        "licence_preview": _preview(service, form.preview, language, t)
        if visit.screen == S.LICENCE_PREVIEW and form.preview is not None else None,
        "form_busy": form.fetching,
    }


def _row(service: Service, spec, value: str, form: FormVisit, paging: Pages, language: str,
         today: date, t: Text, screen: ScreenName) -> FormRow:
    source = form.sources.get(spec.key, Source())
    field = FieldValue(spec, value, source)
    verified = field.source.verified and bool(value)
    locked = verified and (not spec.editable or spec.key not in form.unlocked)
    label = spec.label.get(language)
    options = tuple(Option(o.value, o.label.get(language)) for o in spec.options)
    if spec.kind == "choice":
        shown = next((o.label for o in options if o.value == value), "")
    elif spec.kind == "date" and value:
        shown = _day(value, language)
    else:
        shown = value
    if spec.personal and value and spec.kind != "choice":
        shown = mask(value)
    if not shown:
        shown = t("form.not_answered") if not spec.source else t("form.not_on_record")
    error = form.errors.get(spec.key, "")
    on_check = screen == S.CHECK_ANSWERS
    # text needs the keyboard, which this flow does not have: it is changed at a counter
    changeable = (spec.editable if verified else spec.kind != "text") and (on_check or locked)
    entry = value if source.origin == "entered" or spec.kind in ("choice", "date") else ""
    return FormRow(
        spec.key, label, shown=shown, read=t("form.row", label=label, value=shown),
        kind=spec.kind, options=options, chosen=value if spec.kind == "choice" else "",
        problem=bool(error), personal=spec.personal, page=paging.page_of(spec.key),
        source=_source(source, language, t) if value else "", locked=locked,
        changeable=changeable and not (locked and not spec.editable),
        error=t(error, field=label) if error else "",
        help=spec.help.get(language) if spec.help else "",
        entry=entry if spec.kind != "date" else (value or today.isoformat()))


def _source(source: Source, language: str, t: Text) -> str:
    day = _day(source.updated.isoformat(), language) if source.updated else ""
    if source.origin == "card":
        return t("form.source.card")
    if source.origin in ("government", "licence"):
        key = "form.source.record" if day else "form.source.record_undated"
        return t(key, agency=source.agency or t("form.source.government"), date=day)
    if source.origin == "resident":
        return t("form.source.resident")
    return t("form.source.entered")


def _day(iso: str, language: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    if language.startswith("zh"):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day.strftime('%b')} {day.year}"


def _page(service: Service, paging: Pages, page: str, screen: ScreenName, language: str,
          t: Text, answers: dict[str, str]) -> FormPage | None:
    form = paging.form
    problem = form.problem.get(language) if form.problem else ""
    if form.licence_problem and screen == S.MATERIALS:
        problem = problem or t(form.licence_problem)
    missing = next((m for m in service.materials if m.key == form.missing_material), None)
    if missing is not None and screen == S.MATERIALS:
        problem = problem or t("materials.missing", material=missing.name.get(language))
    if screen == S.CHECK_ANSWERS:
        keys = tuple(s.key for s in service.fields)
        # care mode asked only what nothing filled in: the rest is shown together, first
        filled = tuple(k for k in keys if k not in (form.asked or ())) if paging.care else ()
        keys = filled + tuple(k for k in keys if k not in filled)
        return FormPage("check", "check", t("check_answers.title"), keys, problem=problem,
                        intro=t("check_answers.intro"), action=t("check_answers.confirm"),
                        filled=filled)
    if screen == S.LICENCE_PREVIEW:
        return FormPage("licence", "licence", t("licence_preview.title"),
                        action=t("licence_preview.confirm"))
    pages = paging.pages()
    number = pages.index(page) + 1 if page in pages else 0
    last = number == len(pages)
    action = t("form.to_check") if last else t("form.next")
    if page == MATERIALS:
        if form.asked is None and service.fields:  # the questions are decided after this page
            action = t("form.next")
        return FormPage(page, "materials", t("materials.title"), (), number, len(pages),
                        problem, t("materials.intro"), action)
    keys = paging.keys_on(page)
    if page.startswith("q:"):
        spec = next(s for s in service.fields if s.key == page[2:])
        return FormPage(page, "question", spec.label.get(language), keys, number, len(pages),
                        problem, spec.help.get(language) if spec.help else "", action,
                        _typing(service, paging, keys, answers))
    step = next((s for s in service.steps if f"step:{s.id}" == page), None)
    title = step.title.get(language) if step else service.title.get(language)
    filled = any(form.sources.get(key, Source()).origin not in ("entered",) and
                 answers.get(key) for key in keys)
    return FormPage(page, "step", title, keys, number, len(pages), problem,
                    t("form.check") if filled else "", action,
                    _typing(service, paging, keys, answers))


def _typing(service: Service, paging: Pages, keys: tuple[str, ...],
            answers: dict[str, str]) -> str:
    """The one field on the page whose keypad or date picker is open (a page has room for
    one): the one being entered or whose button was pressed, else the first still empty;
    the others show their value with a button."""
    form = paging.form
    open_ = [s for s in service.fields if s.key in keys and s.kind in INPUT_KINDS
             and not (form.sources.get(s.key, Source()).verified and s.key not in form.unlocked)]
    if form.typing in {s.key for s in open_}:
        return form.typing
    empty = [s.key for s in open_ if not answers.get(s.key)]
    return empty[0] if empty else ""


def _material(material, form: FormVisit, visit: Any, language: str, t: Text) -> MaterialRow:
    name = material.name.get(language)
    used = form.confirmed.get(material.key)
    if used is not None:
        return MaterialRow(material.key, name, "used", _ref_line(used.ref, name, language),
                           t("materials.used"), material.optional)
    ref = next((r for r in form.refs or () if material.licence and
                r.type_code == material.licence), None)
    if ref is not None:
        return MaterialRow(material.key, name, "licence", _ref_line(ref, name, language),
                           t("materials.licence_note"), material.optional)
    photo = visit.materials.get(material.key)
    if photo is not None:
        ok = photo.ok
        note = t("materials.photo_ok") if ok else t("list.pause").join(
            t(f"material.finding.{code}", days=photo.max_age_days or 0)
            for code in photo.findings)
        return MaterialRow(material.key, name, "photographed" if ok else "photo_problem",
                           note=note, optional=material.optional)
    if material.camera:
        return MaterialRow(material.key, name, "camera", note=t("materials.camera_note"),
                           optional=material.optional)
    return MaterialRow(material.key, name, "counter", note=t("materials.counter_note"),
                       optional=material.optional)


def _ref_line(ref: LicenceRef, material: str, language: str) -> str:
    """Which licence stands in: its title (unless the material's name says it), issuer, number."""
    title = ref.title_zh if language.startswith("zh") else ref.title_en
    return " · ".join(part for part in (title if title != material else "", ref.issuer,
                                        ref.number) if part)


def _preview(service: Service, licence: Licence, language: str, t: Text) -> LicencePreview:
    ref = licence.ref
    by_item = {spec.source.split(".")[2]: spec for spec in service.fields
               if (spec.source or "").startswith(f"licence.{ref.type_code}.")}
    shown = []
    for item, value in licence.fields.items():
        if item in LICENCE_HEAD:
            continue  # already said above the fields, from the reference
        spec = by_item.get(item)
        label = spec.label.get(language) if spec else t(f"licence_item.{item}")
        personal = spec.personal if spec else item in PERSONAL_ITEMS
        shown.append((label, mask(value) if personal else value))
    valid = _day(ref.valid_until.isoformat(), language) if ref.valid_until else t(
        "licence_preview.no_expiry")
    return LicencePreview(ref.title_zh if language.startswith("zh") else ref.title_en,
                          ref.issuer, ref.number, valid,
                          t("licence_preview.purpose", service=service.title.get(language)),
                          tuple(shown))
