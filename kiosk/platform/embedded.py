"""The embedded platform: the district store on a SQLite file in the kiosk's data directory,
planted with demo data, so the kiosk runs anywhere with no district platform configured. Its
offline codes' keys (codes-root.key, codes-issuer.key) are made in that directory too, where
kiosk/codes/root_key.py reads the root key from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from district.contract import PlatformUnavailable
from district.models import OfflineCode
from district.store import Store
from kiosk.private_files import private_file


class EmbeddedPlatform:
    """One kiosk's view of its own store; closing it closes the store."""

    def __init__(self, store: Store, kiosk_id: str) -> None:
        self.store = store
        self.kiosk_id = kiosk_id
        self._calls = store.for_kiosk(kiosk_id)

    def check(self) -> None:
        self._calls.usage_counts()

    def issue_code(self, id_number: str) -> str:
        """A demo 随申码 for a sample resident, as their phone would show it (developer panel)."""
        return self.store.issue_code(id_number)

    def phone_code(self, id_number: str) -> OfflineCode:
        """A phone's dynamic offline code for a resident (developer panel, tests)."""
        return self.store.phone_code(id_number)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._calls, name)

    def close(self) -> None:
        self.store.close()


def open_embedded(path: Path, kiosk_id: str, now: Callable[[], dt.datetime] | None = None,
                  keys: Path | None = None) -> EmbeddedPlatform:
    """`now`: the store's clock, the kiosk's wall clock (staged screens and tests set it);
    `keys`: where the offline codes' keys are (default: beside the database, the data
    directory)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlatformUnavailable(f"{path.parent}: cannot make the data directory: "
                                  f"{error.strerror or error}") from None
    try:
        private_file(path)  # SQLite gives its -wal and -shm the file's own permissions
    except OSError as error:
        raise PlatformUnavailable(f"{path}: cannot make the store readable by this user "
                                  f"alone: {error.strerror or error}") from None
    store = Store.open(f"sqlite:///{path.resolve()}", demo=True,
                       now=now or (lambda: dt.datetime.now(dt.UTC)),
                       keys=keys if keys is not None else path.parent)
    return EmbeddedPlatform(store, kiosk_id)
