"""How the store writes times and makes ids: UTC instants as fixed-width ISO text (so they
sort as text on both engines), dates and local times of day as text, random ids."""

from __future__ import annotations

import datetime as dt
import secrets

UTC = dt.UTC
SHANGHAI = dt.timezone(dt.timedelta(hours=8), "CST")  # no daylight saving since 1991


def stamp(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError(f"the store's clock gave a naive time {moment!r}; give aware UTC")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def unstamp(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def local(day: dt.date, time: dt.time) -> dt.datetime:
    """A centre's local day and time of day as an aware instant."""
    return dt.datetime.combine(day, time, tzinfo=SHANGHAI)


def today(moment: dt.datetime) -> dt.date:
    """The day in Shanghai at this instant."""
    return moment.astimezone(SHANGHAI).date()


def new_id() -> str:
    """A random id that fits the contract's Key (24 url-safe characters)."""
    return secrets.token_urlsafe(18)
