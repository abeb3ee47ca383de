"""Lints a loaded catalogue against the district plan (item 9) and the platform's items.

Per service:
- pre-fill ratio: the share of its fields that carry a source (card, profile, licence), so
  the resident need not type or choose them. Forms and bundles (a bundle: the union of its
  members' fields); other flows ask their own questions and have none.
- pre-check coverage: the share of its conditions that a check expresses. Its conditions are
  (1) each condition it states from its rules source (`[[conditions]]`), covered by a check
  naming it (`covers`); (2) each field the resident types or may change (no source, or
  editable) with a constraint (kind phone or number, or a length), covered by a
  `field_matches` check on that field; (3) each material an electronic licence replaces
  (not optional, no camera instead), covered by a `licence_valid` check of that type. A form
  with no conditions at all is 0%: every matter has someone it is for.
- unknown sources: a profile item, licence type or item, or record kind the platform does
  not serve (`config/platform_items.toml`).
- missing translations: a text empty in either language, English holding Chinese, Chinese
  holding none, or both the same.
- fields with no privacy class; an icon the icon font (mdi6) does not have; no department
  or rules source.
- first-try passes: submissions in the kiosk's outbox whose pre-check passed first time.

Errors (exit status 1): any unknown source, missing translation, field without a privacy
class, unknown icon, or missing department or rules source; a form below 70% pre-fill or
100% coverage; the forms' average pre-fill below 80%."""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from kiosk.config import REPO_ROOT, ConfigError
from kiosk.services.catalogue import Catalogue
from kiosk.services.model import Bilingual, Service

KNOWN_ITEMS_FILE = REPO_ROOT / "config" / "platform_items.toml"
MIN_PREFILL = 0.7  # the plan's floor for one form
MIN_AVERAGE_PREFILL = 0.8  # the aim across the forms
_HAN = re.compile(r"[\u3400-\u9fff]")
_LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")


@dataclass(frozen=True)
class KnownItems:
    profile: frozenset[str]
    licences: dict[str, frozenset[str]]
    records: frozenset[str]

    @classmethod
    def load(cls, path: Path = KNOWN_ITEMS_FILE) -> KnownItems:
        try:
            with path.open("rb") as file:
                data = tomllib.load(file)
            return cls(frozenset(data["profile"]),
                       {kind: frozenset(items) for kind, items in data["licences"].items()},
                       frozenset(data["records"]))
        except FileNotFoundError:
            raise ConfigError(f"{path}: file not found") from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
        except (KeyError, TypeError, AttributeError) as error:
            raise ConfigError(f"{path}: needs profile, records and [licences] lists"
                              f" ({error})") from None


@dataclass
class ServiceLint:
    id: str
    flow: str
    illustrative: bool
    fields: int = 0
    sourced: int = 0
    conditions: int = 0
    covered: int = 0
    prefill: float | None = None  # None: not a form
    coverage: float | None = None
    uncovered: list[str] = field(default_factory=list)
    unknown_sources: list[str] = field(default_factory=list)
    missing_translations: list[str] = field(default_factory=list)
    no_privacy: list[str] = field(default_factory=list)
    unknown_icon: bool = False
    unsourced_rules: bool = False  # no rules_source or department: who decides, and where
    first_try: tuple[int, int] | None = None  # (passed first time, submitted)
    errors: list[str] = field(default_factory=list)


@dataclass
class CatalogueLint:
    services: list[ServiceLint]
    average_prefill: float
    average_coverage: float
    first_try_from: str  # the outbox read, or "no data"
    errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return asdict(self)


def lint(catalogue: Catalogue, known: KnownItems, outbox: Path | None = None
         ) -> CatalogueLint:
    counts = first_try_counts(outbox) if outbox is not None else None
    reports = [_service(catalogue, service, known) for service in catalogue]
    for report in reports:
        if counts is not None:
            report.first_try = counts.get(report.id, (0, 0))
    forms = [r for r in reports if r.prefill is not None and not catalogue.get(r.id).bundle]
    average = sum(r.prefill or 0 for r in forms) / len(forms) if forms else 1.0
    covered = [r for r in reports if r.coverage is not None]
    coverage = sum(r.coverage or 0 for r in covered) / len(covered) if covered else 1.0
    errors = [f"{r.id}: {error}" for r in reports for error in r.errors]
    if forms and average < MIN_AVERAGE_PREFILL:
        errors.append(f"catalogue: average pre-fill {average:.0%} of the forms is below"
                      f" {MIN_AVERAGE_PREFILL:.0%}")
    where = str(outbox) if counts is not None else "no data"
    return CatalogueLint(reports, average, coverage, where, errors)


def _service(catalogue: Catalogue, service: Service, known: KnownItems) -> ServiceLint:
    report = ServiceLint(service.id, "bundle" if service.bundle else service.flow,
                         service.illustrative)
    members = catalogue.members(service)
    if service.flow == "form":
        fields = catalogue.fields_of(service)
        report.fields = len(fields)
        report.sourced = sum(1 for spec in fields if spec.source)
        report.prefill = report.sourced / report.fields if fields else 1.0
        conditions = [condition for member in members for condition in _conditions(member)]
        report.conditions = len(conditions)
        report.covered = sum(1 for _, covered in conditions if covered)
        report.uncovered = [name for name, covered in conditions if not covered]
        report.coverage = report.covered / report.conditions if conditions else 0.0
    report.unknown_sources = sorted(set(_unknown(service, known)))
    report.missing_translations = list(_translations(service))
    report.no_privacy = [spec.key for spec in service.fields if spec.privacy is None]
    prefix, _, name = service.icon.partition(".")
    report.unknown_icon = prefix == "mdi6" and name not in mdi6_names()
    report.unsourced_rules = not service.rules_source.strip() or service.department is None
    report.errors = list(_errors(report))
    return report


def _conditions(service: Service) -> Iterator[tuple[str, bool]]:
    """(what, covered) for each condition of one form, as the module's docstring defines."""
    covers = {check.covers for check in service.checks if check.covers}
    matched = {str(check.value).partition("=")[0] for check in service.checks
               if check.rule == "field_matches"}
    licences = {str(check.value) for check in service.checks if check.rule == "licence_valid"}
    prefix = f"{service.id}." if service.bundle else ""
    for condition in service.conditions:
        yield f"{prefix}conditions.{condition.key}", condition.key in covers
    for spec in service.fields:
        typed = spec.source is None or spec.editable
        constrained = spec.kind in ("phone", "number") or spec.min_length or spec.max_length
        if typed and constrained:
            yield f"{prefix}fields.{spec.key}", spec.key in matched
    for material in service.materials:
        if material.licence and not (material.optional or material.camera):
            yield f"{prefix}materials.{material.key}", material.licence in licences


def _unknown(service: Service, known: KnownItems) -> Iterator[str]:
    for spec in service.fields:
        where, _, name = (spec.source or "").partition(".")
        if where == "profile" and name not in known.profile:
            yield spec.source or ""
        if where == "licence":
            kind, _, item = name.partition(".")
            if item not in known.licences.get(kind, ()):
                yield spec.source or ""
    for check in service.checks:
        value = str(check.value)
        if check.rule in ("profile_has", "profile_equals"):
            item = value.partition("=")[0]
            if item not in known.profile:
                yield f"profile.{item}"
        if check.rule in ("licence_valid", "licence_expires_within"):
            kind = value.partition(":")[0]
            if kind not in known.licences:
                yield f"licence.{kind}"
    for material in service.materials:
        if material.licence and material.licence not in known.licences:
            yield f"licence.{material.licence}"
    if service.record and service.record not in known.records:
        yield f"record.{service.record}"


def _translations(service: Service) -> Iterator[str]:
    for path, text in _texts(service, ""):
        zh, en = text.zh.strip(), text.en.strip()
        if not zh or not en:
            yield f"{path}: empty in {'zh' if not zh else 'en'}"
        elif _HAN.search(en):
            yield f"{path}.en: holds Chinese"
        elif _LETTER.search(zh) and not _HAN.search(zh):
            yield f"{path}.zh: holds no Chinese"
        elif zh == en and _LETTER.search(zh):
            yield f"{path}: the same in both languages"


def _texts(node: object, path: str) -> Iterable[tuple[str, Bilingual]]:
    """Every resident-facing text in a service, with where it is (fields.phone.label)."""
    if isinstance(node, Bilingual):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _texts(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, tuple):
        for number, item in enumerate(node, start=1):
            name = getattr(item, "key", None) or getattr(item, "id", None) or \
                getattr(item, "value", None) or number
            yield from _texts(item, f"{path}.{name}")


def _errors(report: ServiceLint) -> Iterator[str]:
    for source in report.unknown_sources:
        yield f"unknown source {source} (not in {KNOWN_ITEMS_FILE.name})"
    for problem in report.missing_translations:
        yield f"missing translation: {problem}"
    for key in report.no_privacy:
        yield f"fields.{key}.privacy: missing (public, personal or sensitive)"
    if report.unsourced_rules:
        yield ("rules_source, department: say who decides the matter and where its rules were"
               " published")
    if report.unknown_icon:
        yield "icon: no such mdi6 icon (see https://pictogrammers.com/library/mdi/)"
    if report.prefill is not None and report.prefill < MIN_PREFILL:
        yield (f"pre-fill {report.prefill:.0%} is below {MIN_PREFILL:.0%}: give more fields"
               " a source")
    if report.coverage is not None and report.coverage < 1:
        if report.conditions == 0:
            yield "pre-check 0%: state its conditions ([[conditions]]) and check each"
        else:
            yield f"pre-check {report.coverage:.0%}: no check for {', '.join(report.uncovered)}"


def first_try_counts(outbox: Path) -> dict[str, tuple[int, int]] | None:
    """Per service (passed first time, submitted) from the outbox's usage rows (its
    payloads are sealed), read without writing; None when there is no outbox file."""
    if not outbox.is_file():
        return None
    try:
        db = sqlite3.connect(f"{outbox.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = db.execute(
                "SELECT service_id, SUM(COALESCE(first_try, 1)), COUNT(*)"
                " FROM usage WHERE kind = 'submission' GROUP BY 1").fetchall()
        finally:
            db.close()
    except sqlite3.Error as error:
        raise ConfigError(f"{outbox}: cannot be read: {error}") from None
    return {service_id: (int(passed), int(total)) for service_id, passed, total in rows}


@cache
def mdi6_names() -> frozenset[str]:
    """The icon font's names, read from qtawesome's charmap without importing it (Qt)."""
    spec = importlib.util.find_spec("qtawesome")
    folders = spec.submodule_search_locations if spec else None
    charmaps = sorted(Path(folders[0], "fonts").glob("materialdesignicons6-*charmap*.json")) \
        if folders else []
    if not charmaps:
        raise ConfigError("qtawesome's mdi6 charmap not found: reinstall with scripts/setup.sh")
    return frozenset(json.loads(charmaps[-1].read_text(encoding="utf-8")))
