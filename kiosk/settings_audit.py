"""At start, which settings differ from the last start's: one audit record naming the keys
that changed. The last start's settings are kept in `<data>/audit/settings.json` (0600);
a secret's value (the PIN's hash, a key, a token) is kept and shown only as set or not."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from kiosk.config import Settings
from kiosk.private_files import private_dir

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"
SECRET_KEYS = frozenset({"maintenance.pin_hash", "maintenance.platform_key", "codes.root_key",
                         "platform.token_file", "platform.url"})
SHOWN_CHARACTERS = 40  # a longer value is shortened in the record


def snapshot(settings: Settings) -> dict[str, str]:
    """Each dotted key's value as text; a secret's as `set` or `unset` plus a digest, so a
    new PIN shows as changed without the record saying what it is."""
    flat: dict[str, str] = {}
    _flatten(settings.model_dump(mode="json"), "", flat)
    for key in SECRET_KEYS & flat.keys():
        value = flat[key]
        flat[key] = f"set {hashlib.sha256(value.encode()).hexdigest()[:16]}" if value \
            else "unset"
    return flat


def changes(before: dict[str, str], after: dict[str, str]) -> str:
    """The keys that changed, in order: `key: old -> new`, a secret's as `key (set)`."""
    parts = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key in SECRET_KEYS:
            parts.append(f"{key} ({(new or 'unset').split()[0]})")
        else:
            parts.append(f"{key}: {_short(old)} -> {_short(new)}")
    return "; ".join(parts)


def settings_changed(folder: Path, settings: Settings) -> str | None:
    """The detail of a `settings.changed` record when the settings differ from the last
    start's, "first start" with none kept, else None. `remember` keeps this start's."""
    path = Path(folder) / FILE_NAME
    now = snapshot(settings)
    try:
        before = json.loads(path.read_text())
        if not isinstance(before, dict):
            raise ValueError("not a table of settings")
    except FileNotFoundError:
        before = None
    except (OSError, ValueError) as error:
        log.error("%s: cannot read the last start's settings (%s); written again", path, error)
        return "the last start's settings could not be read"
    if before == now:
        return None
    if before is None:
        return "first start"
    return changes({str(k): str(v) for k, v in before.items()}, now)[:500]


def remember(folder: Path, settings: Settings) -> None:
    """Keep these settings as the last start's (atomically, 0600). Raises OSError."""
    path = private_dir(Path(folder)) / FILE_NAME
    values = snapshot(settings)
    scratch = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps(values, ensure_ascii=False, sort_keys=True).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(scratch, path)


def _flatten(data: dict[str, Any], prefix: str, into: dict[str, str]) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _flatten(value, f"{prefix}{key}.", into)
        else:
            into[f"{prefix}{key}"] = json.dumps(value, ensure_ascii=False) if not isinstance(
                value, str) else value


def _short(value: str | None) -> str:
    if value is None:
        return "(none)"
    return value if len(value) <= SHOWN_CHARACTERS else value[:SHOWN_CHARACTERS - 1] + "…"
