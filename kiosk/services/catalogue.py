"""Loads every service in `config/services/` and in a site's own directories, checks that
each definition holds together (steps, checks, sources, bundles, record flows), and applies
the site's `hide` and `first` lists. Every problem is one line naming the file and the key,
and all of them are kept, so an operator fixes a file in one go."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kiosk.config import SERVICES_DIR, ConfigError
from kiosk.config import Catalogue as SiteCatalogue
from kiosk.services.model import CARD_SOURCES, Check, FieldSpec, Service

# Flows that ask their own questions (kiosk/booking.py, kiosk/home_service.py, the progress
# desk, the record desk): their definitions carry no fields or steps.
OWN_FLOWS = ("record", "booking", "home_service", "progress", "offline_code")
_NAME = r"[a-z][a-z0-9_]*"
# What each rule's value must look like (kiosk/services/model.py, Rule).
_VALUES: dict[str, tuple[str, str] | None] = {
    "age_at_least": (r"\d{1,3}", "years, e.g. 65"),
    "age_below": (r"\d{1,3}", "years, e.g. 18"),
    "card_not_expired": None,
    "resident_id_card": None,
    "profile_has": (_NAME, "a profile item, e.g. \"phone\""),
    "profile_equals": (rf"{_NAME}=.+", "\"item=expected\", e.g. \"household_district=宝山区\""),
    "licence_valid": (_NAME, "a licence type, e.g. \"household_register\""),
    "licence_expires_within": (rf"{_NAME}:\d{{1,4}}",
                               "\"type:days\", e.g. \"residence_permit:30\""),
    "field_matches": (rf"{_NAME}=.+", "\"field=regex\", e.g. \"phone=^1[3-9][0-9]{9}$\""),
    "material_date_within": (rf"{_NAME}:\d{{1,4}}", "\"material:days\", e.g. \"bank_card:90\""),
}


class CatalogueError(ConfigError):
    """Every problem found, one line each (file: key: what is wrong)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = tuple(lines)
        super().__init__("\n".join(self.lines))


class Catalogue:
    def __init__(self, services: list[Service], first: Iterable[str] = ()) -> None:
        by_id = {service.id: service for service in services}
        self.first = tuple(first)
        pinned = [by_id[service_id] for service_id in self.first]
        rest = [service for service in services if service.id not in self.first]
        self._services = {service.id: service for service in pinned + rest}

    def __iter__(self):
        return iter(self._services.values())

    def __contains__(self, service_id: object) -> bool:
        return service_id in self._services

    def __len__(self) -> int:
        return len(self._services)

    def get(self, service_id: str) -> Service:
        return self._services[service_id]

    def members(self, service: Service) -> list[Service]:
        """A bundle's matters, in its order; a single matter is its own one member."""
        return [self.get(member) for member in service.bundle] if service.bundle else [service]

    def fields_of(self, service: Service) -> tuple[FieldSpec, ...]:
        """The questions of a service; for a bundle the union of its members', each key once
        (the first member that asks it decides how)."""
        fields: dict[str, FieldSpec] = {}
        for member in self.members(service):
            for spec in member.fields:
                fields.setdefault(spec.key, spec)
        return tuple(fields.values())

    def profile_items(self) -> tuple[str, ...]:
        """Every platform profile item some service fills a field from: what consent asks for."""
        items = {spec.source.partition(".")[2] for service in self for spec in service.fields
                 if spec.source and spec.source.startswith("profile.")}
        return tuple(sorted(items))

    def ranked(self, usage: dict[str, int]) -> list[Service]:
        """The site's `first` services in its order, then the most used; ties keep the
        catalogue's file order."""
        order = list(self._services)
        rest = [service for service in self if service.id not in self.first]
        return [self.get(service_id) for service_id in self.first] + sorted(
            rest, key=lambda s: (-usage.get(s.id, 0), order.index(s.id)))


def load_catalogue(directory: Path = SERVICES_DIR, site: SiteCatalogue | None = None
                   ) -> Catalogue:
    """The services of `directory`, then of the site's directories (a file there with a
    shipped file's name replaces it), less the hidden ones."""
    site = site or SiteCatalogue()
    where = f"{site.site_file or 'site settings'}: catalogue"
    lines: list[str] = []
    services: dict[str, Service] = {}
    files: dict[str, Path] = {}
    for index, folder in enumerate((directory, *site.directories)):
        if not folder.is_dir():
            lines.append(f"{where}.directories: {folder} is not a directory" if index
                         else f"{folder}: no such directory")
            continue
        for path in sorted(folder.glob("*.toml")):
            service = _load_file(path, lines)
            if service is not None:
                services[service.id] = service
                files[service.id] = path
    for service in services.values():
        lines += [f"{files[service.id]}: {problem}" for problem in _bundle(service, services)]
    lines += _site_problems(site, services, where)
    if not services and not lines:
        lines.append(f"{directory}: no service definitions (*.toml)")
    if lines:
        raise CatalogueError(lines)
    shown = [service for service in services.values() if service.id not in site.hide]
    return Catalogue(shown, site.first)


def _load_file(path: Path, lines: list[str]) -> Service | None:
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        lines.append(f"{path}: not valid TOML: {error}")
        return None
    except (OSError, UnicodeDecodeError) as error:
        lines.append(f"{path}: cannot be read: {error}")
        return None
    try:
        service = Service.model_validate(data)
    except ValidationError as error:
        for problem in error.errors():
            message = "unknown key" if problem["type"] == "extra_forbidden" else problem["msg"]
            lines.append(f"{path}: {_key(data, problem['loc'])}: {message}")
        return None
    problems = list(_problems(service))
    if path.stem != service.id:
        problems.insert(0, f"id: must match the file name ({path.stem!r})")
    lines += [f"{path}: {problem}" for problem in problems]
    return None if problems else service


def _key(data: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """A pydantic location with list positions named by the item's key or id where it has
    one: fields.phone.source rather than fields.3.source."""
    parts, node = [], data
    for part in loc:
        item = node[part] if isinstance(node, list | dict) and _has(node, part) else None
        if isinstance(part, int) and isinstance(item, dict):
            parts.append(str(item.get("key") or item.get("id") or part + 1))
        else:
            parts.append(str(part))
        node = item
    return ".".join(parts)


def _has(node: list | dict, part: Any) -> bool:
    if isinstance(node, list):
        return isinstance(part, int) and 0 <= part < len(node)
    return part in node


def _problems(service: Service) -> Iterable[str]:
    """What pydantic cannot see: names that must refer to each other within one file."""
    steps = [step.id for step in service.steps]
    keys = [spec.key for spec in service.fields]
    materials = [material.key for material in service.materials]
    conditions = [condition.key for condition in service.conditions]
    for what, names in (("steps", steps), ("fields", keys), ("materials", materials),
                        ("conditions", conditions)):
        for name in sorted({name for name in names if names.count(name) > 1}):
            yield f"{what}.{name}: defined twice"
    if service.flow in OWN_FLOWS and (service.fields or service.steps):
        yield (f"fields: the {service.flow} flow asks its own questions; remove the fields"
               " and steps")
    for spec in service.fields:
        yield from _field_problems(spec, steps)
    for number, check in enumerate(service.checks, start=1):
        yield from _check_problems(check, f"checks.{number}", steps, keys, materials,
                                   conditions)
    if service.flow == "record" and not service.record:
        yield "record: a record flow names the platform's record kind, e.g. " \
              "\"social_security_contributions\""
    if service.record and service.flow != "record":
        yield "record: only a record flow (flow = \"record\") prints a record"


def _field_problems(spec: FieldSpec, steps: list[str]) -> Iterable[str]:
    where = f"fields.{spec.key}"
    kind, _, name = (spec.source or "").partition(".")
    if kind == "card" and name not in CARD_SOURCES:
        yield f"{where}.source: no such card field (one of {', '.join(CARD_SOURCES)})"
    if spec.kind == "choice" and not spec.options:
        yield f"{where}.options: a choice needs options"
    if spec.options and spec.kind != "choice":
        yield f"{where}.options: only a choice has options (kind = \"choice\")"
    if spec.step is not None and spec.step not in steps:
        yield f"{where}.step: no step {spec.step!r} in steps"


def _check_problems(check: Check, where: str, steps: list[str], keys: list[str],
                    materials: list[str], conditions: list[str]) -> Iterable[str]:
    if check.step is not None and check.step not in steps:
        yield f"{where}.step: no step {check.step!r} in steps"
    if check.covers is not None and check.covers not in conditions:
        yield f"{where}.covers: no condition {check.covers!r} in conditions"
    shape = _VALUES[check.rule]
    value = "" if check.value is None else str(check.value)
    if shape is None:
        if value:
            yield f"{where}.value: {check.rule} takes no value"
        return
    pattern, example = shape
    if not re.fullmatch(pattern, value):
        yield f"{where}.value: {check.rule} needs {example}"
        return
    if check.rule == "field_matches":
        field, _, regex = value.partition("=")
        if field not in keys:
            yield f"{where}.value: no field {field!r} in fields"
        try:
            re.compile(regex)
        except re.error as error:
            yield f"{where}.value: not a regular expression: {error}"
    if check.rule == "material_date_within" and value.partition(":")[0] not in materials:
        yield f"{where}.value: no material {value.partition(':')[0]!r} in materials"


def _bundle(service: Service, services: dict[str, Service]) -> Iterable[str]:
    if not service.bundle:
        return
    if service.flow != "form":
        yield "bundle: only a form bundles matters (flow = \"form\")"
    if service.fields or service.steps or service.checks:
        yield "bundle: a bundle's questions and checks are its members'; remove its own"
    for member in service.bundle:
        found = services.get(member)
        if found is None:
            yield f"bundle: no service {member!r}"
        elif found.flow != "form" or found.bundle:
            yield f"bundle: {member!r} is not a form of its own (a bundle holds forms)"


def _site_problems(site: SiteCatalogue, services: dict[str, Service], where: str
                   ) -> Iterable[str]:
    for key in ("hide", "first"):
        for service_id in getattr(site, key):
            if service_id not in services:
                yield f"{where}.{key}: no service {service_id!r}"
    for service_id in site.first:
        if service_id in site.hide:
            yield f"{where}.first: {service_id!r} is also hidden"
    for service in services.values():
        if service.id in site.hide:
            continue
        for member in service.bundle:
            if member in site.hide:
                yield (f"{where}.hide: {member!r} is part of {service.id!r}; hide that bundle"
                       " too, or show both")
