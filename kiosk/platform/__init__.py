"""Which home of the district platform this kiosk uses, as its settings say: the embedded
platform (the district store on a SQLite file in the data directory, seeded with demo data)
or a district's server over HTTP. A platform that cannot be set up is never replaced by
another: the kiosk gets one line for the operator and rests out of service (`watch.py`)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from district.contract import Platform, PlatformError, PlatformUnavailable
from kiosk.config import Settings

TOKEN_VARIABLE = "KIOSK_PLATFORM_TOKEN"


class PlatformSetupError(Exception):
    """One line for the operator: which setting or file, and what to do."""


def open_platform(settings: Settings, now: Callable[[], dt.datetime] | None = None) -> Platform:
    """`now`: the embedded store's clock (the kiosk's wall clock); a server keeps its own."""
    chosen = settings.platform
    if chosen.kind == "embedded":
        from kiosk.platform.embedded import open_embedded

        return open_embedded(settings.data_dir / chosen.database, settings.site.kiosk_id, now,
                             keys=settings.data_dir)
    token = _token(settings)
    verify: bool | str = True
    if chosen.ca_file:
        if not Path(chosen.ca_file).is_file():
            raise PlatformSetupError(f"platform.ca_file: {chosen.ca_file} is not a file")
        verify = chosen.ca_file
    from district.client import HttpPlatform

    return HttpPlatform(chosen.url, token, settings.site.kiosk_id,
                        connect_timeout=chosen.connect_timeout,
                        read_timeout=chosen.read_timeout, verify=verify)


def platform_or_reason(settings: Settings,
                       now: Callable[[], dt.datetime] | None = None) -> Platform:
    """The platform the settings choose or, when it cannot be set up, one that says why on
    every call, so the kiosk starts and rests out of service (its watch logs the line)."""
    try:
        return open_platform(settings, now)
    except (PlatformSetupError, PlatformError) as error:
        return NoPlatform(settings.site.kiosk_id, str(error))


def _token(settings: Settings) -> str:
    token_file = settings.platform.token_file
    if not token_file:
        token = os.environ.get(TOKEN_VARIABLE, "").strip()
        if not token:
            raise PlatformSetupError(
                f"platform.token_file: not set and {TOKEN_VARIABLE} is empty; give this kiosk"
                " its token (python -m kiosk platform add-kiosk on the server makes one)")
        return token
    try:
        token = Path(token_file).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise PlatformSetupError(f"platform.token_file: cannot read {token_file}: "
                                 f"{error.strerror or error}") from None
    if not token:
        raise PlatformSetupError(f"platform.token_file: {token_file} is empty")
    return token


class NoPlatform:
    """Stands where a platform could not be set up: every call says why, so the kiosk rests
    out of service with that line instead of quietly using another platform."""

    def __init__(self, kiosk_id: str, reason: str) -> None:
        self.kiosk_id = kiosk_id
        self.reason = reason

    def check(self) -> None:
        raise PlatformSetupError(self.reason)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)

        def refuse(*args, **kwargs):
            raise PlatformUnavailable(self.reason)

        return refuse

    def close(self) -> None:
        pass
