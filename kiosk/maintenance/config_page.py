"""Maintenance's configuration page: every setting, read-only, a section at a time, with
where each value came from (the defaults, the site file, the environment); secrets only as
set or not set. A new site file arrives signed by the platform (`site.toml` beside
`site.toml.sig`, purpose "config") in `<data>/incoming/` or on a USB stick; it is checked
(signature, then the settings loader), its changes shown, and on "apply" installed
atomically as the site file the kiosk was started with (else `<data>/site.toml`, which
`load_settings` reads when no site file is named), and a restart is asked for."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from district.signing import SigningKeyError
from kiosk.config import SITE_FILE_NAME, Settings, check_site_file
from kiosk.maintenance import RESTART_CODE
from kiosk.maintenance.site_file import (
    SECRETS,
    USB_ROOTS,
    as_text,
    changes,
    flatten,
    install,
    newest,
    signature_of,
    signed_bytes,
)
from kiosk.platform_key import trusted_key
from kiosk.view import LARGE_PRINT

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

log = logging.getLogger(__name__)

TOKEN_VARIABLE = "KIOSK_PLATFORM_TOKEN"
ROWS_PER_PAGE = 4  # what a landscape screen holds beside the incoming file
ROWS_PER_PAGE_LARGE = 2


@dataclass(frozen=True)
class ConfigRow:
    key: str  # dotted: "platform.url"
    value: str  # as text; a secret as set / not set
    source: str  # in words: the defaults, the site file, an environment variable


@dataclass(frozen=True)
class Incoming:
    """A signed site file found, as checked."""

    file: str  # its path
    accepted: bool  # signed by the platform and valid: it can be applied
    problems: tuple[str, ...] = ()  # one line each (file and key), when refused
    changes: tuple[str, ...] = ()  # "key: old → new"
    target: str = ""  # where "apply" installs it


@dataclass(frozen=True)
class ConfigView:
    section: str  # the section this page shows; "incoming": the new file found, first
    rows: tuple[ConfigRow, ...]
    page: int
    pages: int
    site_file: str  # the site file in use, or "" for none
    incoming: Incoming | None = None
    applied: bool = False  # a new site file was installed: the kiosk asks for a restart
    message: str = ""  # what the last action did, in plain words


class ConfigDesk:
    field: ClassVar[str] = "config"

    def __init__(self, kiosk: Kiosk, usb_roots: tuple[Path, ...] = USB_ROOTS) -> None:
        self.kiosk = kiosk
        self.usb_roots = usb_roots
        self.page_index = 0
        self.incoming: Incoming | None = None
        self._held: tuple[Path, bytes, Settings] | None = None  # what "apply" installs
        self.applied = False
        self.message = ""

    # --- what the technician does -------------------------------------------------------------

    def open(self) -> None:
        self.look()

    def turn(self, step: int) -> None:
        count = len(self._pages()) + (self.incoming is not None)
        self.page_index = max(0, min(self.page_index + step, count - 1))

    def look(self) -> None:
        """Look for a new site file in `<data>/incoming/` and on USB sticks, and check it."""
        self._held = None
        found = newest(self._incoming_dir(), self.usb_roots)
        self.incoming = self._check(found) if found is not None else None
        self.page_index = 0  # a file found is the first page
        self.message = "" if found else self.kiosk.text("maintenance_config.incoming_none")

    def apply(self) -> None:
        """Install the checked file as the site file, atomically, then ask for a restart."""
        if self._held is None or self.incoming is None or not self.incoming.accepted:
            return
        source, data, _new = self._held
        target = self.target()
        try:
            install(target, data)
        except OSError as error:
            self.message = self.kiosk.text("maintenance_config.not_installed",
                                           target=str(target), reason=error.strerror or error)
            log.error("maintenance: %s: cannot install the new site file: %s", target, error)
            return
        changes = len(self.incoming.changes)
        self.kiosk.audit("maintenance.config_applied", f"{source.name} as {target}, "
                         f"{changes} change{'s' if changes != 1 else ''}")
        log.warning("maintenance: new site file %s installed as %s; restart to use it",
                    source, target)
        if source.parent == self._incoming_dir():
            for done in (source, signature_of(source)):
                done.unlink(missing_ok=True)
        self.applied = True
        self.message = self.kiosk.text("maintenance_config.applied")
        self._held = None
        self.incoming = None
        self.kiosk.audit("maintenance.restart", "a new site file")
        self.kiosk.request_stop(RESTART_CODE)  # the new settings take effect on the next start

    # --- finding and checking -----------------------------------------------------------------

    def target(self) -> Path:
        settings = self.kiosk.settings
        return settings.origin.site_file or settings.data_dir / SITE_FILE_NAME

    def _incoming_dir(self) -> Path:
        return self.kiosk.settings.data_dir / "incoming"

    def _check(self, path: Path) -> Incoming:
        target = self.target()
        try:
            refused = signed_bytes(path, trusted_key(self.kiosk.settings))
        except SigningKeyError as error:
            refused = str(error)
        if isinstance(refused, str):
            self.kiosk.audit("maintenance.config_refused", f"{path.name}: {refused}")
            return Incoming(str(path), False, (refused,), target=str(target))
        data = refused
        new, problems = check_site_file(str(path), data, target)
        if new is None:
            self.kiosk.audit("maintenance.config_refused", f"{path.name}: invalid")
            return Incoming(str(path), False, tuple(problems), target=str(target))
        self._held = (path, data, new)
        return Incoming(str(path), True, changes=tuple(changes(self.kiosk.settings, new)),
                        target=str(target))

    # --- what the page shows ------------------------------------------------------------------

    def _rows_per_page(self) -> int:
        large = self.kiosk.session.visit.display_mode in LARGE_PRINT
        return ROWS_PER_PAGE_LARGE if large else ROWS_PER_PAGE

    def _pages(self) -> list[tuple[str, tuple[ConfigRow, ...]]]:
        per_page = self._rows_per_page()
        pages = []
        for section, rows in self._sections():
            for start in range(0, len(rows), per_page):
                pages.append((section, tuple(rows[start:start + per_page])))
        return pages

    def _sections(self) -> list[tuple[str, list[ConfigRow]]]:
        settings, t = self.kiosk.settings, self.kiosk.text
        origin = settings.origin
        sources = {"defaults": t("maintenance_config.from_defaults"),
                   "site": t("maintenance_config.from_site")}
        sections = []
        for section, values in settings.model_dump(mode="json").items():
            rows = []
            for key, value in flatten(values, f"{section}."):
                where = sources["site" if key in origin.site_keys else "defaults"]
                rows.append(ConfigRow(key, _shown(key, value, t), where))
            sections.append((section, rows))
        nothing = t("maintenance_config.none")
        environment = [
            ConfigRow("data_dir", str(settings.data_dir), _from(origin.data_dir_from, t)),
            ConfigRow("site_file", str(origin.site_file or nothing),
                      _from(origin.site_file_from or "default", t)),
            ConfigRow(TOKEN_VARIABLE, t("maintenance_config.set" if os.environ.get(
                TOKEN_VARIABLE) else "maintenance_config.not_set"),
                      t("maintenance_config.from_env", name=f"${TOKEN_VARIABLE}")),
        ]
        return [("environment", environment), *sections]

    def present(self, t: Any) -> ConfigView:
        pages = self._pages()
        if self.incoming is not None:  # the file found comes first, on its own page
            pages.insert(0, ("incoming", ()))
        self.page_index = min(self.page_index, len(pages) - 1)
        section, rows = pages[self.page_index]
        return ConfigView(section=section, rows=rows, page=self.page_index, pages=len(pages),
                          site_file=str(self.kiosk.settings.origin.site_file or ""),
                          incoming=self.incoming, applied=self.applied, message=self.message)


def _shown(key: str, value: Any, t: Any) -> str:
    if key in SECRETS:
        return t("maintenance_config.set" if value else "maintenance_config.not_set")
    return as_text(value)


def _from(how: str, t: Any) -> str:
    if how.startswith("$"):
        return t("maintenance_config.from_env", name=how)
    return t(f"maintenance_config.from_{how.replace(' ', '_')}")
