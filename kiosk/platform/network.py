"""A switch in front of the platform that the developer panel and tests turn off, so the
kiosk's behaviour with the network down is exercised without a network."""

from __future__ import annotations

from kiosk.platform import Accepted, Platform, PlatformUnavailable, Submission


class NetworkSwitch:
    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.up = True

    def _check(self) -> None:
        if not self.up:
            raise PlatformUnavailable("network down")

    def profile(self, id_number: str) -> dict[str, str]:
        self._check()
        return self.platform.profile(id_number)

    def usage_counts(self) -> dict[str, int]:
        self._check()
        return self.platform.usage_counts()

    def submit(self, submission: Submission) -> Accepted:
        self._check()
        return self.platform.submit(submission)

    def rate(self, reference: str, rating: int) -> None:
        self._check()
        self.platform.rate(reference, rating)

    def lookup(self, reference: str) -> Accepted | None:
        self._check()
        return self.platform.lookup(reference)

    def close(self) -> None:
        self.platform.close()
