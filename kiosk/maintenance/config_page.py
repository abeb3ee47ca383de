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

from district.signing import SigningKeyError, verify
from kiosk.config import SITE_FILE_NAME, Settings, check_site_file
from kiosk.platform_key import trusted_key
from kiosk.view import LARGE_PRINT

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

log = logging.getLogger(__name__)

PURPOSE = "config"  # what district.signing signs a configuration file for
SECRETS = frozenset({"maintenance.pin_hash"})  # shown as set / not set, never their value
TOKEN_VARIABLE = "KIOSK_PLATFORM_TOKEN"
MAX_BYTES = 256 * 1024  # a site file is a few kB; anything bigger is not one
USB_ROOTS = (Path("/media"), Path("/run/media"))  # where a stick mounts: <root>/<user>/<label>
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
        found = self._find()
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
            _install(target, data)
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
            for done in (source, _signature_of(source)):
                done.unlink(missing_ok=True)
        self.applied = True
        self.kiosk.restart_requested = True
        self.message = self.kiosk.text("maintenance_config.applied")
        self._held = None
        self.incoming = None

    # --- finding and checking -----------------------------------------------------------------

    def target(self) -> Path:
        settings = self.kiosk.settings
        return settings.origin.site_file or settings.data_dir / SITE_FILE_NAME

    def _incoming_dir(self) -> Path:
        return self.kiosk.settings.data_dir / "incoming"

    def _find(self) -> Path | None:
        """The newest `*.toml` in `<data>/incoming/` or at the top of a mounted stick."""
        folders = [self._incoming_dir()]
        for root in self.usb_roots:
            folders += [label for user in _folders(root) for label in _folders(user)]
        files = []
        for folder in folders:
            try:
                files += [path for path in folder.glob("*.toml") if path.is_file()]
            except OSError:
                continue
        return max(files, key=_mtime, default=None)

    def _check(self, path: Path) -> Incoming:
        target = self.target()
        refused = self._refusal(path)
        if isinstance(refused, str):
            self.kiosk.audit("maintenance.config_refused", f"{path.name}: {refused}")
            return Incoming(str(path), False, (refused,), target=str(target))
        data = refused
        new, problems = check_site_file(str(path), data, target)
        if new is None:
            self.kiosk.audit("maintenance.config_refused", f"{path.name}: invalid")
            return Incoming(str(path), False, tuple(problems), target=str(target))
        self._held = (path, data, new)
        return Incoming(str(path), True, changes=tuple(_changes(self.kiosk.settings, new)),
                        target=str(target))

    def _refusal(self, path: Path) -> bytes | str:
        """The file's bytes if the platform signed them, else why it is refused (one line)."""
        try:
            if path.stat().st_size > MAX_BYTES:
                return f"{path}: too big for a site file"
            data = path.read_bytes()
        except OSError as error:
            return f"{path}: cannot be read: {error.strerror or error}"
        signature_file = _signature_of(path)
        try:
            signature = signature_file.read_text("ascii").strip()
        except FileNotFoundError:
            return f"{path}: not signed (no {signature_file.name}); ask the district to sign it"
        except (OSError, UnicodeDecodeError) as error:
            return f"{signature_file}: cannot be read: {error}"
        try:
            key = trusted_key(self.kiosk.settings)
        except SigningKeyError as error:
            return str(error)
        if not verify(key, PURPOSE, data, signature):
            return f"{signature_file}: not the platform's signature for this file; refused"
        return data

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
            for key, value in _flatten(values, f"{section}."):
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


def _install(target: Path, data: bytes) -> None:
    """`data` becomes `target` in one step (a power cut leaves the old file or the new);
    the old one is kept beside it as `<name>.previous`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.{os.getpid()}.new")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if target.exists():
        previous = target.with_name(f"{target.name}.previous")
        previous.write_bytes(target.read_bytes())
    os.replace(scratch, target)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _changes(old: Settings, new: Settings) -> list[str]:
    before = dict(_flatten(old.model_dump(mode="json")))
    after = dict(_flatten(new.model_dump(mode="json")))
    lines = []
    for key in after:
        if before.get(key) == after[key]:
            continue
        if key in SECRETS:
            lines.append(f"{key}: (changed)")
        else:
            lines.append(f"{key}: {_text(before.get(key))} → {_text(after[key])}")
    return lines


def _flatten(values: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if not isinstance(values, dict):
        return [(prefix.rstrip("."), values)]
    out = []
    for key, value in values.items():
        out += _flatten(value, f"{prefix}{key}.") if isinstance(value, dict) else [
            (f"{prefix}{key}", value)]
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "—"
    return "—" if value in ("", None) else str(value)


def _shown(key: str, value: Any, t: Any) -> str:
    if key in SECRETS:
        return t("maintenance_config.set" if value else "maintenance_config.not_set")
    return _text(value)


def _from(how: str, t: Any) -> str:
    if how.startswith("$"):
        return t("maintenance_config.from_env", name=how)
    return t(f"maintenance_config.from_{how.replace(' ', '_')}")


def _signature_of(path: Path) -> Path:
    return path.with_name(path.name + ".sig")


def _folders(root: Path) -> list[Path]:
    try:
        return [path for path in root.iterdir() if path.is_dir()]
    except OSError:
        return []


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
