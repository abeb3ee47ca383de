"""The kiosk's version (from the installed package's metadata, pyproject.toml) and build
date: shown in maintenance mode, sent in every heartbeat, printed by --version."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

BUILD_DATE_ENV = "TONGBAN_BUILD_DATE"  # set by a build; otherwise the package's install time


def version() -> str:
    try:
        return metadata.version("tongban-kiosk")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def build_date() -> str:
    """YYYY-MM-DD of the build: $TONGBAN_BUILD_DATE, else when this file was last changed."""
    if os.environ.get(BUILD_DATE_ENV):
        return os.environ[BUILD_DATE_ENV]
    changed = Path(__file__).stat().st_mtime
    return datetime.fromtimestamp(changed, UTC).date().isoformat()
