"""The question flow of a form: its pages (materials first, then one step per screen, or in
care mode what was filled in for the resident and then one question per screen), answers
checked as they are given, the service's rules on leaving each step, the check-your-answers
screen with a change button per answer, and the whole application checked before signing.
Its state is `Visit.form`, so the wipe takes it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from district.models import Licence, LicenceRef, LicenceRequest
from kiosk.services.engine import (
    Facts,
    FieldValue,
    Known,
    Source,
    checks_at,
    failing,
    field_problem,
    prefilled,
)
from kiosk.services.model import Bilingual, Check, FieldSpec, Service
from kiosk.view import ScreenName

if TYPE_CHECKING:
    from kiosk.session import Visit

log = logging.getLogger(__name__)
S = ScreenName
FLOW_SCREENS = frozenset({S.FORM, S.MATERIALS, S.LICENCE_PREVIEW, S.CHECK_ANSWERS})
MATERIALS = "materials"
KEYPAD_LIMIT = {"phone": 12, "number": 18}  # digits a keypad field takes at most


@dataclass
class FormVisit:
    """The form's part of the visit."""

    service_id: str = ""
    sources: dict[str, Source] = field(default_factory=dict)  # key -> where its value is from
    asked: tuple[str, ...] | None = None  # keys the resident answers; None: not decided yet
    page: str = ""  # materials, filled, step:<id>, q:<key>
    returning: bool = False  # opened from check-your-answers: back there after this page
    unlocked: frozenset[str] = frozenset()  # editable verified values the resident changes
    errors: dict[str, str] = field(default_factory=dict)  # key -> message key, beside it
    problem: Bilingual | None = None  # a rule that failed here: what is wrong, what to do
    failed: bool = False  # some rule failed during this service (not a first-try pass)
    refs: tuple[LicenceRef, ...] | None = None  # the resident's licences; None: not asked
    previewing: str = ""  # the material whose licence is being previewed
    preview: Licence | None = None
    confirmed: dict[str, Licence] = field(default_factory=dict)  # material key -> licence
    licence_problem: str = ""  # a message key: a licence could not be fetched
    fetching: bool = False  # a licence (or the list of them) is on its way
    typing: str = ""  # the keypad field the on-screen keypad types into on this page
    missing_material: str = ""  # a material the resident went on without accounting for

    def known(self) -> Known:
        return Known(self.refs or (), tuple(self.confirmed.values()))


def flow_service(service: Service, members: list[Service]) -> Service:
    """A bundle (一件事) asks the union of its members' fields once (a key once), checks all
    their rules and lists all their materials; an ordinary service is itself."""
    if not members:
        return service
    fields, checks, materials, steps = {}, [], {}, {}
    for part in [*members, service]:
        for step in part.steps:
            steps.setdefault(step.id, step)
        for spec in part.fields:
            fields.setdefault(spec.key, replace_step(spec, part))
        checks += [c for c in part.checks if c not in checks]
        for material in part.materials:
            materials.setdefault(material.key, material)
    return service.model_copy(update={
        "fields": tuple(fields.values()), "checks": tuple(checks),
        "materials": tuple(materials.values()), "steps": tuple(steps.values())})


def replace_step(spec: FieldSpec, part: Service) -> FieldSpec:
    """A field keeps its own service's step when bundled with others."""
    step = part.step_of(spec)
    return spec if spec.step == step else spec.model_copy(update={"step": step})


def needs_licences(service: Service) -> bool:
    return bool(service.materials) or any(
        c.rule in ("licence_valid", "licence_expires_within") for c in service.checks) or any(
        (spec.source or "").startswith("licence.") for spec in service.fields)


@dataclass(frozen=True)
class Pages:
    """A form's pages for a display mode: materials first; then each step, or in care mode
    one page per question (what was filled in is shown together before signing)."""

    service: Service
    form: FormVisit
    care: bool

    def pages(self) -> list[str]:
        service, form = self.service, self.form
        out = [MATERIALS] if service.materials else []
        if form.asked is None and service.materials:
            return out  # the rest is decided once the licences have filled in what they can
        if self.care:  # what was filled in is shown together on check-your-answers
            return out + [f"q:{key}" for key in form.asked or ()]
        steps = [s.id for s in service.steps] or [""]
        used = {service.step_of(spec) or "" for spec in service.fields}
        return out + [f"step:{step}" for step in steps if step in used]

    def keys_on(self, page: str) -> tuple[str, ...]:
        fields = self.service.fields
        if page.startswith("q:"):
            return (page[2:],)
        if page.startswith("step:"):
            step = page[5:]
            return tuple(s.key for s in fields if (self.service.step_of(s) or "") == step)
        return ()

    def page_of(self, key: str) -> str:
        spec = next(s for s in self.service.fields if s.key == key)
        return f"q:{key}" if self.care else f"step:{self.service.step_of(spec) or ''}"

    def current(self) -> str:
        """The page shown; after a display-mode change, the one holding the same fields."""
        page, pages = self.form.page, self.pages()
        if page in pages or not pages:
            return page
        if page.startswith("q:") and not self.care:
            moved = self.page_of(page[2:])
        elif page.startswith("step:"):
            keys = [k for k in self.keys_on(page) if k in (self.form.asked or ())]
            moved = f"q:{keys[0]}" if keys else ""
        else:
            moved = ""
        return moved if moved in pages else pages[0]


class FormFlow:
    """The form as the visit mode runs it (`mode.form`)."""

    def __init__(self, kiosk: Any, mode: Any) -> None:
        self.kiosk, self.mode = kiosk, mode

    @property
    def visit(self) -> Visit:
        return self.kiosk.session.visit

    @property
    def state(self) -> FormVisit:
        return self.visit.form

    def service(self) -> Service | None:
        sid = self.visit.service_id
        if not sid or sid not in self.kiosk.catalogue:
            return None
        return self.for_service(self.kiosk.catalogue.get(sid))

    def for_service(self, service: Service) -> Service:
        catalogue = self.kiosk.catalogue
        return flow_service(service, [catalogue.get(m) for m in service.bundle if m in catalogue])

    def facts(self, service: Service) -> Facts:
        return Facts(self.visit.resident, self.kiosk.today(), dict(self.visit.answers),
                     self.state.known(), self._materials(service))

    # --- entering --------------------------------------------------------------------------

    def enter(self, chosen: Service) -> None:
        """Into the service: its licences first when it needs them, then the checks made on
        entering, then the form pre-filled."""
        service = self.for_service(chosen)
        visit = self.visit
        visit.form = FormVisit(service_id=chosen.id)
        grant = visit.grant
        if not needs_licences(service) or grant is None:
            self._entered(chosen, ())
            return
        platform = self.kiosk.platform
        visit.form.fetching = True
        self.kiosk.run_job("licences", lambda: platform.licences(grant.visit_id),
                           lambda result: self.mode.at_place(lambda: self._listed(chosen,
                                                                                  result)))

    def _listed(self, chosen: Service, result: Any) -> None:
        self.visit.form.fetching = False
        if self.visit.screen != S.HOME or self.visit.form.service_id != chosen.id:
            return  # the resident went elsewhere while the list came
        if isinstance(result, Exception):
            log.warning("licence list failed: %s", result)
            result = []
        self._entered(chosen, tuple(result))

    def _entered(self, chosen: Service, refs: tuple[LicenceRef, ...]) -> None:
        service, form = self.for_service(chosen), self.visit.form
        form.refs = refs
        failed = failing(service, self.facts(service), checks_at(service, None))
        if failed:
            self.mode.precheck_failed(failed[0])
            return
        values = prefilled(service, self.visit.resident, form.known())
        self.kiosk.session.enter_service(chosen.id, {k: v.value for k, v in values.items()})
        form.sources = {k: v.source for k, v in values.items() if v.value}
        if not service.materials:
            form.asked = self._to_ask(service, values)
        pages = self.pages(service)
        form.page = pages[0] if pages else ""
        self.mode.show(S.MATERIALS if form.page == MATERIALS else S.FORM if pages
                       else S.CHECK_ANSWERS)

    @staticmethod
    def _to_ask(service: Service, values: dict[str, FieldValue]) -> tuple[str, ...]:
        """What care mode asks one by one: what nothing filled in (text aside: no keyboard)."""
        return tuple(spec.key for spec in service.fields
                     if not values[spec.key].value and spec.kind != "text")

    # --- pages -----------------------------------------------------------------------------

    def care(self) -> bool:
        return self.visit.display_mode == "care"

    def paging(self, service: Service) -> Pages:
        return Pages(service, self.state, self.care())

    def pages(self, service: Service) -> list[str]:
        return self.paging(service).pages()

    def keys_on(self, service: Service, page: str) -> tuple[str, ...]:
        return self.paging(service).keys_on(page)

    def page_of(self, service: Service, key: str) -> str:
        return self.paging(service).page_of(key)

    def current_page(self, service: Service) -> str:
        """The page shown; after a display-mode change, the one holding the same fields."""
        self.state.page = self.paging(service).current()
        return self.state.page

    def locked(self, spec: FieldSpec) -> bool:
        value = FieldValue(spec, self.visit.answers.get(spec.key, ""),
                           self.state.sources.get(spec.key, Source()))
        return value.locked or (value.source.verified and bool(value.value)
                                and spec.key not in self.state.unlocked)

    # --- the resident's actions ------------------------------------------------------------

    def answer(self, key: str, value: str) -> None:
        service = self.service()
        if service is None or self.visit.screen != S.FORM:
            return
        page = self.current_page(service)
        spec = next((s for s in service.fields if s.key == key), None)
        if spec is None or key not in self.keys_on(service, page) or self.locked(spec):
            return
        if not _acceptable(spec, value):
            return
        form = self.state
        self.visit.answers = {**self.visit.answers, key: value}
        form.sources = {**form.sources, key: Source("entered")}
        if spec.kind in (*KEYPAD_LIMIT, "date"):
            form.typing = key  # its keypad or picker stays open while it is entered
        form.errors = {k: v for k, v in form.errors.items() if k != key}
        form.problem = None
        if self.care() and spec.kind == "choice":
            self.next()  # one question per screen: a big button answers it and goes on

    def change(self, key: str) -> None:
        """A change button: beside an editable verified value it lets the resident change it;
        on check-your-answers it goes back to that question, and then straight back."""
        service, form = self.service(), self.state
        spec = next((s for s in service.fields if s.key == key), None) if service else None
        if spec is None:
            return
        verified = form.sources.get(key, Source()).verified and self.visit.answers.get(key)
        if verified and not spec.editable:
            return  # locked: the record it came from is where it changes
        if verified:
            form.unlocked = form.unlocked | {key}
        if spec.kind in (*KEYPAD_LIMIT, "date"):
            form.typing = key
        if self.visit.screen == S.CHECK_ANSWERS:
            if self.care() and key not in (form.asked or ()):
                order = [s.key for s in service.fields]
                form.asked = tuple(sorted({*(form.asked or ()), key}, key=order.index))
            form.page, form.returning = self.page_of(service, key), True
            form.problem = None
            self.mode.show(S.FORM)

    def next(self) -> None:
        """The primary action on a form page, the materials page and check-your-answers."""
        service = self.service()
        if service is None:
            return
        screen = self.visit.screen
        if screen == S.CHECK_ANSWERS:
            self._check_all(service)
        elif screen == S.MATERIALS:
            self._leave_materials(service)
        elif screen == S.FORM:
            self._leave_page(service, self.current_page(service))

    def back(self) -> bool:
        """Back within the form; False when back leaves the form (to home)."""
        service, form, screen = self.service(), self.state, self.visit.screen
        if service is None or screen not in FLOW_SCREENS:
            return False
        if screen == S.LICENCE_PREVIEW:
            form.previewing, form.preview = "", None
            self.mode.show(S.MATERIALS)
            return True
        pages = self.pages(service)
        if screen == S.CHECK_ANSWERS:
            if not pages:
                return False
            self._go(pages[-1])
            return True
        if form.returning:
            form.returning = False
            self.mode.show(S.CHECK_ANSWERS)
            return True
        page = self.current_page(service)
        at = pages.index(page) if page in pages else 0
        if at == 0:
            return False
        self._go(pages[at - 1])
        return True

    def _go(self, page: str) -> None:
        form = self.state
        form.page, form.problem, form.typing = page, None, ""
        self.mode.show(S.MATERIALS if page == MATERIALS else S.FORM)

    def _leave_page(self, service: Service, page: str) -> None:
        form, answers = self.state, self.visit.answers
        keys = self.keys_on(service, page)
        errors = {}
        for spec in service.fields:
            if spec.key in keys and not self.locked(spec):
                problem = field_problem(spec, answers.get(spec.key, ""))
                if problem:
                    errors[spec.key] = problem
        form.errors = {**{k: v for k, v in form.errors.items() if k not in keys}, **errors}
        if errors:
            self._say_problem(service, next(iter(errors)))
            return
        if self._rules_fail(service, self._steps_done(service, page)):
            return
        self._forward(service, page)

    def _forward(self, service: Service, page: str) -> None:
        form, pages = self.state, self.pages(service)
        if form.returning:
            form.returning = False
            self.mode.show(S.CHECK_ANSWERS)
            return
        at = pages.index(page) if page in pages else len(pages) - 1
        if at + 1 < len(pages):
            self._go(pages[at + 1])
        else:
            form.problem = None
            self.mode.show(S.CHECK_ANSWERS)

    def _steps_done(self, service: Service, page: str) -> tuple[Check, ...]:
        """The checks of every step up to this page's: leaving a page finishes them."""
        order = [s.id for s in service.steps] or [""]
        keys = self.keys_on(service, page)
        here = [order.index(service.step_of(s) or "") for s in service.fields if s.key in keys
                and (service.step_of(s) or "") in order]
        if not here:
            return ()
        last = max(here)
        return tuple(c for c in service.checks if c.step is not None and c.step in order
                     and order.index(c.step) <= last and c.rule != "material_date_within")

    def _rules_fail(self, service: Service, checks: tuple[Check, ...]) -> bool:
        failed = failing(service, self.facts(service), checks)
        if not failed:
            self.state.problem = None
            return False
        self.state.problem, self.state.failed = failed[0].message, True  # read out with its page
        return True

    def _say_problem(self, service: Service, key: str) -> None:
        spec = next(s for s in service.fields if s.key == key)
        self.kiosk.guide.say(self.state.errors[key], field=spec.label.get(self.visit.language))

    def _check_all(self, service: Service) -> None:
        """Before signing: every answer and every rule, once more."""
        form, answers = self.state, self.visit.answers
        errors = {spec.key: problem for spec in service.fields if not self.locked(spec)
                  and (problem := field_problem(spec, answers.get(spec.key, "")))}
        form.errors = errors
        if errors:
            form.failed = True
            self._say_problem(service, next(iter(errors)))
            return
        if self._rules_fail(service, service.checks):
            return
        self.kiosk.session.hold("signing")
        self.mode.show(S.SIGN)

    # --- materials and licences ------------------------------------------------------------

    def licence_for(self, material_key: str) -> LicenceRef | None:
        service = self.service()
        material = next((m for m in service.materials if m.key == material_key), None) \
            if service else None
        if material is None or not material.licence:
            return None
        return next((r for r in self.state.refs or () if r.type_code == material.licence), None)

    def use_licence(self, material_key: str) -> None:
        """Fetch the licence (a read with a stated purpose) and show it before it is used."""
        service, visit = self.service(), self.visit
        ref = self.licence_for(material_key)
        if service is None or ref is None or visit.screen != S.MATERIALS or visit.grant is None:
            return
        request = LicenceRequest(uri=ref.uri, service_id=service.id,
                                 purpose=service.title.get("zh"))
        platform, visit_id = self.kiosk.platform, visit.grant.visit_id
        self.state.licence_problem, self.state.fetching = "", True
        self.kiosk.run_job("licence", lambda: platform.licence(visit_id, request),
                           lambda result: self.mode.at_place(
                               lambda: self._fetched(material_key, result)))

    def _fetched(self, material_key: str, result: Any) -> None:
        form = self.state
        form.fetching = False
        if self.visit.screen != S.MATERIALS:
            return
        if isinstance(result, Exception):
            log.warning("licence fetch failed: %s", result)
            form.licence_problem = "materials.licence_failed"
            return
        form.previewing, form.preview = material_key, result
        self.mode.show(S.LICENCE_PREVIEW)

    def confirm_licence(self) -> None:
        """The resident read the licence and uses it: it replaces the paper and fills in."""
        service, form = self.service(), self.state
        if service is None or self.visit.screen != S.LICENCE_PREVIEW or form.preview is None:
            return
        form.confirmed = {**form.confirmed, form.previewing: form.preview}
        form.missing_material = ""
        values = prefilled(service, self.visit.resident, form.known())
        answers = dict(self.visit.answers)
        for spec in service.fields:
            if (spec.source or "").startswith("licence.") and values[spec.key].value:
                answers[spec.key] = values[spec.key].value
                form.sources = {**form.sources, spec.key: values[spec.key].source}
        self.visit.answers = answers
        form.previewing, form.preview = "", None
        self.mode.show(S.MATERIALS)
        if self._all_accounted(service):
            self._leave_materials(service)  # nothing left to do here: on, without a touch

    def _materials(self, service: Service) -> dict[str, bool]:
        """Each material accounted for: a licence replaces it, or its photo is kept (one that
        did not match was kept by the resident's choice and goes to staff review)."""
        out = {key: True for key in self.state.confirmed}
        for key in self.visit.materials:  # the document camera's desk (kiosk/materials.py)
            out.setdefault(key, True)
        return out

    def _unaccounted(self, service: Service) -> list:
        """Required materials a licence or the camera could account for and has not."""
        done = self._materials(service)
        return [m for m in service.materials if not m.optional and m.key not in done
                and (self.licence_for(m.key) is not None or m.camera)]

    def _all_accounted(self, service: Service) -> bool:
        done = self._materials(service)
        return all(m.key in done for m in service.materials)

    def _leave_materials(self, service: Service) -> None:
        form = self.state
        missing = self._unaccounted(service)
        if missing:
            form.missing_material = missing[0].key
            return
        form.missing_material = ""
        checks = tuple(c for c in service.checks if c.rule == "material_date_within")
        if self._rules_fail(service, checks):
            return
        if form.asked is None:
            values = {spec.key: FieldValue(spec, self.visit.answers.get(spec.key, ""))
                      for spec in service.fields}
            form.asked = self._to_ask(service, values)
        self._forward(service, MATERIALS)


def _acceptable(spec: FieldSpec, value: str) -> bool:
    """What a control may put in a field: an option of a choice, digits on the keypad (up to
    its length), an ISO date from the picker; text from the keyboard."""
    if spec.kind == "choice":
        return value in {option.value for option in spec.options}
    if spec.kind in KEYPAD_LIMIT:
        limit = spec.max_length or KEYPAD_LIMIT[spec.kind]
        return (value == "" or value.isdigit()) and len(value) <= limit
    if spec.kind == "date":
        return len(value) == 10 and value[4] == "-" and value[7] == "-"
    return len(value) <= (spec.max_length or 200)

