"""The embedded platform: the district store on a SQLite file in the kiosk's data directory,
planted with demo data, so the kiosk runs anywhere with no district platform configured."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from district.contract import PlatformUnavailable
from district.store import Store


class EmbeddedPlatform:
    """One kiosk's view of its own store; closing it closes the store."""

    def __init__(self, store: Store, kiosk_id: str) -> None:
        self.store = store
        self.kiosk_id = kiosk_id
        self._calls = store.for_kiosk(kiosk_id)

    def check(self) -> None:
        self._calls.usage_counts()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._calls, name)

    def close(self) -> None:
        self.store.close()


def open_embedded(path: Path, kiosk_id: str) -> EmbeddedPlatform:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PlatformUnavailable(f"{path.parent}: cannot make the data directory: "
                                  f"{error.strerror or error}") from None
    return EmbeddedPlatform(Store.open(f"sqlite:///{path.resolve()}", demo=True), kiosk_id)
