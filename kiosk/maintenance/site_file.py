"""A new site file for a kiosk: found in `<data>/incoming/` or at the top of a USB stick,
its bytes taken only when the platform signed them (detached `<file>.sig`, purpose
"config"), what it changes, and installed in one step. The configuration page's own
plumbing (kiosk/maintenance/config_page.py); nothing here shows anything."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from district.signing import verify
from kiosk.config import Settings

PURPOSE = "config"  # what district.signing signs a configuration file for
SECRETS = frozenset({"maintenance.pin_hash"})  # shown as set / not set, never their value
MAX_BYTES = 256 * 1024  # a site file is a few kB; anything bigger is not one
USB_ROOTS = (Path("/media"), Path("/run/media"))  # where a stick mounts: <root>/<user>/<label>


def newest(incoming: Path, usb_roots: Iterable[Path]) -> Path | None:
    """The newest `*.toml` in `incoming` or at the top of a mounted stick."""
    folders = [incoming]
    for root in usb_roots:
        folders += [label for user in _folders(root) for label in _folders(user)]
    files = []
    for folder in folders:
        try:
            files += [path for path in folder.glob("*.toml") if path.is_file()]
        except OSError:
            continue
    return max(files, key=_mtime, default=None)


def signed_bytes(path: Path, key: Ed25519PublicKey) -> bytes | str:
    """The file's bytes if the platform signed them, else why it is refused (one line)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return f"{path}: too big for a site file"
        data = path.read_bytes()
    except OSError as error:
        return f"{path}: cannot be read: {error.strerror or error}"
    signature_file = signature_of(path)
    try:
        signature = signature_file.read_text("ascii").strip()
    except FileNotFoundError:
        return f"{path}: not signed (no {signature_file.name}); ask the district to sign it"
    except (OSError, UnicodeDecodeError) as error:
        return f"{signature_file}: cannot be read: {error}"
    if not verify(key, PURPOSE, data, signature):
        return f"{signature_file}: not the platform's signature for this file; refused"
    return data


def install(target: Path, data: bytes) -> None:
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


def changes(old: Settings, new: Settings) -> list[str]:
    """"key: old → new" for each setting that differs; a secret only as changed."""
    before = dict(flatten(old.model_dump(mode="json")))
    after = dict(flatten(new.model_dump(mode="json")))
    lines = []
    for key in after:
        if before.get(key) == after[key]:
            continue
        if key in SECRETS:
            lines.append(f"{key}: (changed)")
        else:
            lines.append(f"{key}: {as_text(before.get(key))} → {as_text(after[key])}")
    return lines


def flatten(values: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Nested sections as (dotted key, value) pairs, in order."""
    if not isinstance(values, dict):
        return [(prefix.rstrip("."), values)]
    out = []
    for key, value in values.items():
        out += flatten(value, f"{prefix}{key}.") if isinstance(value, dict) else [
            (f"{prefix}{key}", value)]
    return out


def as_text(value: Any) -> str:
    """A setting's value as a technician reads it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "—"
    return "—" if value in ("", None) else str(value)


def signature_of(path: Path) -> Path:
    """The detached signature beside a file: `site.toml.sig`."""
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
