"""A switch in front of the platform that the developer panel and tests turn off, so the
kiosk's behaviour with the network down is exercised without a network."""

from __future__ import annotations

from typing import Any

from district.contract import Platform, PlatformUnavailable


class NetworkSwitch:
    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.up = True

    @property
    def kiosk_id(self) -> str:
        return self.platform.kiosk_id

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        call = getattr(self.platform, name)

        def switched(*args: Any, **kwargs: Any) -> Any:
            if not self.up:
                raise PlatformUnavailable("network down (developer panel)")
            return call(*args, **kwargs)

        return switched

    def close(self) -> None:
        self.platform.close()
