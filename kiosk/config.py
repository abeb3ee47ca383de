"""Settings: `config/defaults.toml` plus an optional site file, validated into typed settings.
A broken file, an unknown key or a bad value becomes one line naming the file and the key."""

from __future__ import annotations

import os
import tomllib
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from kiosk.maintenance.pin import parse as parse_pin_hash

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULTS_FILE = REPO_ROOT / "config" / "defaults.toml"
SERVICES_DIR = REPO_ROOT / "config" / "services"
LOOPBACK = ("127.0.0.1", "::1", "localhost")
# Shanghai's time, for times shown to residents and centres' hours (no DST since 1991).
LOCAL_TIME = timezone(timedelta(hours=8), "CST")


class ConfigError(Exception):
    """One line for an operator: which file, which key, what is wrong."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Site(_Section):
    kiosk_id: str = Field(min_length=1, max_length=40)
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    helpline: str = "12345"
    # Where the kiosk stands (WGS 84), for the service map's distances.
    latitude: float = Field(default=31.4050, ge=-90, le=90)
    longitude: float = Field(default=121.4870, ge=-180, le=180)


class Display(_Section):
    fullscreen: bool = True
    language: Literal["zh_CN", "en"] = "zh_CN"
    mode: Literal["standard", "large", "high_contrast"] = "standard"


class Timeouts(_Section):
    idle_seconds: float = Field(default=90, ge=15, le=3600)
    warning_seconds: float = Field(default=30, ge=20, le=300)
    goodbye_seconds: float = Field(default=10, ge=2, le=120)


class Platform(_Section):
    kind: Literal["embedded", "http"] = "embedded"
    database: str = Field(default="kiosk.sqlite", min_length=1)
    url: str = ""
    token_file: str = ""
    ca_file: str = ""
    connect_timeout: float = Field(default=3, gt=0, le=60)
    read_timeout: float = Field(default=10, gt=0, le=120)

    @model_validator(mode="after")
    def _http_needs_a_url(self) -> Platform:
        if self.kind != "http":
            return self
        url = urlsplit(self.url)
        if url.scheme not in ("https", "http") or not url.hostname:
            raise ValueError("kind = \"http\" needs url = \"https://host/...\"")
        if url.scheme == "http" and url.hostname not in LOOPBACK:
            raise ValueError("url: plain http is only for a server on this machine; use https")
        return self


class Storage(_Section):
    min_free_mb: int = Field(default=200, ge=0, le=1_000_000)


class Privacy(_Section):
    """What the kiosk keeps of a resident, and for how long."""

    # a delivered submission's encrypted payload is purged this many days after delivery
    retention_days: float = Field(default=7, ge=0, le=365)
    # the simulated printer keeps masked PDF/PNG copies in <data>/printed/: development only
    # (`--windowed` turns it on); a terminal's settings leave it off
    printed_copies: bool = False


class Restart(_Section):
    """A daily restart at a quiet hour (Shanghai time), taken only while the kiosk rests."""

    daily_at: str = "04:00"  # HH:MM; "" = never

    @field_validator("daily_at")
    @classmethod
    def _a_time_of_day(cls, value: str) -> str:
        if value == "":
            return value
        hours, _, minutes = value.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2
                and 0 <= int(hours) <= 23 and 0 <= int(minutes) <= 59):
            raise ValueError('must be a time of day as "HH:MM" (e.g. "04:00"), or ""')
        return value


class Devices(_Section):
    idcard: str = "sim://"
    scanner: str = "sim://"
    printer: str = "sim://"
    camera: str = "sim://"  # the document camera (高拍仪) for paper materials


class Receipts(_Section):
    # the page a phone opens from a receipt's or a record's QR code; {reference} is replaced
    # by the receipt's reference or the record's verification number
    verify_url: str = "https://ywtb.example/verify/{reference}"

    @field_validator("verify_url")
    @classmethod
    def _https_with_one_reference(cls, value: str) -> str:
        url = urlsplit(value.replace("{reference}", "REF"))
        if url.scheme != "https" or not url.hostname:
            raise ValueError("must be an https address a phone can open")
        if value.count("{reference}") != 1:
            raise ValueError("must hold {reference} once, where the number goes")
        return value


class Catalogue(_Section):
    """A site's catalogue: more service directories (relative to the site file), ids to hide,
    and ids to show first in this order (the rest follow by use)."""

    directories: tuple[Path, ...] = ()
    hide: tuple[str, ...] = ()
    first: tuple[str, ...] = ()
    site_file: Path | None = Field(default=None, exclude=True)  # for error lines


class Maintenance(_Section):
    """The technicians' way in (kiosk/modes/maintenance.py)."""

    # scrypt hash of the PIN, as `python -m kiosk maintenance-pin` prints it; "" = no PIN
    # entry (the platform's technician code still works)
    pin_hash: str = ""
    allow_exit: bool = False  # may a technician exit to the desktop from maintenance
    idle_seconds: float = Field(default=120, ge=30, le=3600)  # then back to attract
    # the platform's public key (PEM) that signs technician codes and configuration files;
    # "" = the embedded platform's own key, in the data directory
    platform_key: str = ""

    @field_validator("pin_hash")
    @classmethod
    def _a_scrypt_hash(cls, value: str) -> str:
        if value:
            parse_pin_hash(value)  # ValueError: what is wrong, and how to make a good one
        return value


class Heartbeat(_Section):
    interval_seconds: float = Field(default=30, ge=5, le=3600)


class Metrics(_Section):
    """A Prometheus endpoint on this machine only (prometheus-client)."""

    port: int = Field(default=9464, ge=0, le=65535)  # 0 = no endpoint


class Logs(_Section):
    """JSON lines in <data>/logs/kiosk.log, rotated; names and ID numbers masked."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_mb: float = Field(default=10, gt=0, le=1000)  # one file's size before it rotates
    files: int = Field(default=5, ge=1, le=100)  # rotated files kept (the size cap: both)


class Codes(_Section):
    """Offline codes (kiosk/codes/): whose lists to trust, and how far to trust them."""

    # the district's root key (PEM) that signs trust, revocation and status lists;
    # "" = the embedded platform's own, in the data directory
    root_key: str = ""
    stale_hours: float = Field(default=24, gt=0, le=24 * 30)  # then "cannot confirm offline"
    skew_seconds: float = Field(default=300, ge=0, le=3600)  # clocks may differ this much
    sync_minutes: float = Field(default=15, ge=1, le=24 * 60)  # how often lists are fetched


class Sentinel(_Section):
    """The sentinel mode (数字哨兵) at a venue's entrance."""

    enabled: bool = False  # start in the sentinel mode instead of the resident's screens
    keep_minutes: float = Field(default=30, ge=0, le=24 * 60)  # then a scan's details go


class Origin(_Section):
    """Where the settings came from, for maintenance's configuration page."""

    site_file: Path | None = None  # the site file read, if any
    site_file_from: str = ""  # "argument", "$KIOSK_CONFIG" or "data directory"
    site_keys: frozenset[str] = frozenset()  # dotted keys the site file set
    data_dir_from: str = "default"  # "argument", "$KIOSK_DATA_DIR" or "default"


SITE_FILE_NAME = "site.toml"  # <data>/site.toml: the site file when none is named


class Settings(_Section):
    site: Site
    display: Display = Display()
    timeouts: Timeouts = Timeouts()
    platform: Platform = Platform()
    devices: Devices = Devices()
    storage: Storage = Storage()
    privacy: Privacy = Privacy()
    restart: Restart = Restart()
    receipts: Receipts = Receipts()
    catalogue: Catalogue = Catalogue()
    maintenance: Maintenance = Maintenance()
    heartbeat: Heartbeat = Heartbeat()
    metrics: Metrics = Metrics()
    logs: Logs = Logs()
    codes: Codes = Codes()
    sentinel: Sentinel = Sentinel()
    data_dir: Path = Field(default=REPO_ROOT / "var", exclude=True)
    origin: Origin = Field(default=Origin(), exclude=True)


def load_settings(
    site_file: str | Path | None = None, data_dir: str | Path | None = None
) -> Settings:
    """Defaults, then the site file (argument, else $KIOSK_CONFIG, else <data>/site.toml if
    there is one), then the data directory (argument, else $KIOSK_DATA_DIR, else ./var in
    the checkout). `settings.origin` says which of these each came from."""
    chosen_dir = data_dir or os.environ.get("KIOSK_DATA_DIR")
    dir_from = "argument" if data_dir else "$KIOSK_DATA_DIR" if chosen_dir else "default"
    file_from = "argument" if site_file else "$KIOSK_CONFIG" if os.environ.get(
        "KIOSK_CONFIG") else ""
    site_file = site_file or os.environ.get("KIOSK_CONFIG") or None
    in_data = Path(chosen_dir or REPO_ROOT / "var") / SITE_FILE_NAME
    if not site_file and in_data.is_file():  # installed by maintenance (config_page.py)
        site_file, file_from = in_data, "data directory"
    defaults = _read_toml(DEFAULTS_FILE)
    _validate(defaults, DEFAULTS_FILE, {})
    merged, site = defaults, {}
    if site_file:
        site = _read_toml(Path(site_file))
        merged = _merge(defaults, site)
    settings = _validate(merged, Path(site_file) if site_file else DEFAULTS_FILE, site)
    if site_file:
        settings = settings.model_copy(update={"catalogue": _site_catalogue(
            settings.catalogue, Path(site_file))})
    if chosen_dir:
        settings = settings.model_copy(update={"data_dir": Path(chosen_dir)})
    origin = Origin(site_file=Path(site_file) if site_file else None, site_file_from=file_from,
                    site_keys=frozenset(_dotted_keys(site)), data_dir_from=dir_from)
    return settings.model_copy(update={"origin": origin})


def check_site_file(name: str, data: bytes, installed_as: Path) -> tuple[Settings | None,
                                                                         list[str]]:
    """A site file's bytes checked as `load_settings` would read them once installed as
    `installed_as`: the settings, or every problem as one line each (`name` and key)."""
    problem, site = _parse_toml(data)
    if problem:
        return None, [f"{name}: {problem}"]
    for key in ("data_dir", "catalogue.site_file", "origin"):
        if _has_key(site, tuple(key.split("."))):
            return None, [f"{name}: {key}: unknown key"]
    try:
        settings = Settings.model_validate(_merge(_read_toml(DEFAULTS_FILE), site))
    except ValidationError as error:
        return None, [f"{name}: {_error_line(problem)}" for problem in error.errors()]
    return settings.model_copy(update={"catalogue": _site_catalogue(
        settings.catalogue, installed_as)}), []


def _dotted_keys(data: dict[str, Any], prefix: str = "") -> list[str]:
    keys = []
    for key, value in data.items():
        if isinstance(value, dict):
            keys += _dotted_keys(value, f"{prefix}{key}.")
        else:
            keys.append(f"{prefix}{key}")
    return keys


def _site_catalogue(catalogue: Catalogue, site_file: Path) -> Catalogue:
    """The site's service directories are relative to its file."""
    directories = tuple(site_file.parent / directory for directory in catalogue.directories)
    return catalogue.model_copy(update={"directories": directories, "site_file": site_file})


MAX_SETTINGS_BYTES = 1_000_000  # a site file is a few kilobytes; a megabyte is a mistake


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: a folder, not a settings file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror or error}") from None
    except ValueError:  # a NUL in the path
        raise ConfigError(f"{path!r}: not a file name") from None
    problem, site = _parse_toml(data)
    if problem:
        raise ConfigError(f"{path}: {problem}")
    return site


def _parse_toml(data: bytes) -> tuple[str, dict[str, Any]]:
    """A settings file's TOML, or what is wrong with it in a few words."""
    if len(data) > MAX_SETTINGS_BYTES:
        return f"larger than {MAX_SETTINGS_BYTES // 1000} kB; a settings file is a few kB", {}
    try:
        return "", tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        return f"cannot be read: not UTF-8 text ({error.reason} at byte {error.start})", {}
    except tomllib.TOMLDecodeError as error:
        return f"not valid TOML: {error}", {}
    except RecursionError:  # tomllib recurses once per level of [[[...]]] or {a={b=...}}
        return "nested too deeply", {}


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _validate(data: dict[str, Any], site_path: Path, site: dict[str, Any]) -> Settings:
    if "data_dir" in data:
        raise ConfigError(f"{site_path}: data_dir: set it with --data-dir or KIOSK_DATA_DIR")
    if "site_file" in (data.get("catalogue") or {}):
        raise ConfigError(f"{site_path}: catalogue.site_file: unknown key")
    if "origin" in data:
        raise ConfigError(f"{site_path}: origin: unknown key")
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        path = site_path if _has_key(site, first["loc"]) else DEFAULTS_FILE
        more = f" (and {len(error.errors()) - 1} more)" if len(error.errors()) > 1 else ""
        raise ConfigError(f"{path}: {_error_line(first)}{more}") from None


def _error_line(problem: Any) -> str:
    key = ".".join(str(part) for part in problem["loc"])
    message = "unknown key" if problem["type"] == "extra_forbidden" else problem["msg"]
    if "input" in problem and problem["type"] != "extra_forbidden":
        got = repr(problem["input"])  # cut short: a value may be a long string or a deep table
        message += f" (got {got if len(got) <= 80 else got[:70] + '…'})"
    return f"{key}: {message}"


def _has_key(data: dict[str, Any], loc: tuple[Any, ...]) -> bool:
    node: Any = data
    for part in loc:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True
