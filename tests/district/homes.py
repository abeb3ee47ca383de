"""The homes of the Platform, as tests reach them. Each entry of HOMES makes one, on the
test's clock, with the demo data; `tests/district/test_contract.py` runs on every entry.
A home reached through the HTTP client is one more entry: a function that starts the server
over a Store and connects a client with the token `register_kiosk` gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from district.client import HttpPlatform
from district.contract import Platform
from district.store import Store
from tests.district.live_server import serving

START = dt.datetime(2026, 11, 30, 0, 30, tzinfo=dt.UTC)  # a Monday, 8:30 in Shanghai


class Clock:
    """The district's clock in a test: aware UTC, moved only by the test."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


class Home:
    """A store and the way a kiosk reaches it. Staff calls go to `store` directly."""

    def __init__(self, name: str, store: Store, clock: Clock,
                 connect: Callable[[str, str], Platform]) -> None:
        self.name = name
        self.store = store
        self.clock = clock
        self._connect = connect
        self._platforms: dict[str, Platform] = {}

    def kiosk(self, kiosk_id: str, centre_id: str | None = None) -> Platform:
        """A registered kiosk's Platform; registered once, then the same one."""
        if kiosk_id not in self._platforms:
            token = self.store.register_kiosk(kiosk_id, centre_id)
            self._platforms[kiosk_id] = self._connect(kiosk_id, token)
        return self._platforms[kiosk_id]

    def close(self) -> None:
        for platform in self._platforms.values():
            platform.close()
        self.store.close()


def _keys(request) -> Path:
    """The offline codes' keys of the test's district (made there on first use)."""
    return request.getfixturevalue("tmp_path") / "district-keys"


@contextmanager
def _store_home(name: str, url: str, clock: Clock, keys: Path) -> Iterator[Home]:
    store = Store.open(url, now=clock, demo=True, keys=keys)
    home = Home(name, store, clock, lambda kiosk_id, _token: store.for_kiosk(kiosk_id))
    try:
        yield home
    finally:
        home.close()


def embedded(request, clock: Clock):
    path = request.getfixturevalue("tmp_path") / "embedded.sqlite"
    return _store_home("embedded", f"sqlite:///{path}", clock, _keys(request))


def postgres(request, clock: Clock):
    return _store_home("postgres", request.getfixturevalue("postgres_url"), clock,
                       _keys(request))


@contextmanager
def _server_home(name: str, url: str, clock: Clock, keys: Path) -> Iterator[Home]:
    """The store behind the real server on loopback, each kiosk reached by HttpPlatform."""
    store = Store.open(url, now=clock, demo=True, keys=keys)
    home = None
    try:
        with serving(store) as base:
            home = Home(name, store, clock,
                        lambda kiosk_id, token: HttpPlatform(base, token, kiosk_id, retries=0))
            yield home
    finally:
        if home is not None:
            home.close()  # its clients, then the store
        else:
            store.close()


def server_sqlite(request, clock: Clock):
    path = request.getfixturevalue("tmp_path") / "server.sqlite"
    return _server_home("server-sqlite", f"sqlite:///{path}", clock, _keys(request))


def server_postgres(request, clock: Clock):
    return _server_home("server-postgres", request.getfixturevalue("postgres_url"), clock,
                        _keys(request))


HOMES = {
    "embedded": embedded,
    "postgres": postgres,
    "server-sqlite": server_sqlite,
    "server-postgres": server_postgres,
}
