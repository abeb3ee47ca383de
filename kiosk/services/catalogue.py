"""Loads every service in `config/services/`; a broken file names the file and the key."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from kiosk.config import SERVICES_DIR, ConfigError
from kiosk.services.model import CARD_SOURCES, Service


class Catalogue:
    def __init__(self, services: list[Service]) -> None:
        self._services = {service.id: service for service in services}

    def __iter__(self):
        return iter(self._services.values())

    def __contains__(self, service_id: object) -> bool:
        return service_id in self._services

    def __len__(self) -> int:
        return len(self._services)

    def get(self, service_id: str) -> Service:
        return self._services[service_id]

    def profile_items(self) -> tuple[str, ...]:
        """Every platform profile item some service fills a field from: what consent asks for."""
        items = {spec.source.partition(".")[2] for service in self for spec in service.fields
                 if spec.source and spec.source.startswith("profile.")}
        return tuple(sorted(items))

    def ranked(self, usage: dict[str, int]) -> list[Service]:
        """Most used first; ties keep the catalogue's file order."""
        order = list(self._services)
        return sorted(self, key=lambda s: (-usage.get(s.id, 0), order.index(s.id)))


def load_catalogue(directory: Path = SERVICES_DIR) -> Catalogue:
    services = []
    for path in sorted(directory.glob("*.toml")):
        try:
            with path.open("rb") as file:
                data = tomllib.load(file)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
        try:
            service = Service.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            key = ".".join(str(part) for part in first["loc"])
            message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
            raise ConfigError(f"{path}: {key}: {message}") from None
        for spec in service.fields:
            where, _, name = (spec.source or "").partition(".")
            if where == "card" and name not in CARD_SOURCES:
                raise ConfigError(f"{path}: fields.{spec.key}.source: no such card field")
            if spec.kind == "choice" and not spec.options:
                raise ConfigError(f"{path}: fields.{spec.key}.options: a choice needs options")
        if path.stem != service.id:
            raise ConfigError(f"{path}: id: must match the file name ({path.stem!r})")
        services.append(service)
    if not services:
        raise ConfigError(f"{directory}: no service definitions (*.toml)")
    return Catalogue(services)
