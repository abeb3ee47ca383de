"""The message catalogue: every string a resident sees or hears, Simplified Chinese first,
English second, kept in `assets/messages/<language>.toml` under dotted keys."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

log = logging.getLogger(__name__)
MESSAGES_DIR = Path(__file__).resolve().parent.parent / "assets" / "messages"
LANGUAGES = ("zh_CN", "en")  # the first is the fallback


class Messages:
    def __init__(self, catalogues: dict[str, dict[str, str]]) -> None:
        self.catalogues = catalogues

    def text(self, key: str, language: str, **params: object) -> str:
        catalogue = self.catalogues.get(language) or self.catalogues[LANGUAGES[0]]
        template = catalogue.get(key)
        if template is None:
            log.error("message %r missing in %s", key, language)
            template = self.catalogues[LANGUAGES[0]].get(key, key)
        return template.format(**params) if params else template

    def keys(self, language: str) -> set[str]:
        return set(self.catalogues[language])


def load_messages(directory: Path = MESSAGES_DIR) -> Messages:
    catalogues = {}
    for language in LANGUAGES:
        with (directory / f"{language}.toml").open("rb") as file:
            catalogues[language] = _flatten(tomllib.load(file))
    return Messages(catalogues)


def _flatten(table: dict[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat
