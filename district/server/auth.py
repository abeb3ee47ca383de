"""Who is calling: every route but /healthz takes `Authorization: Bearer <token>`, and the
kiosk is the one the store registered that token for (the store keeps only its digest).
A token found is remembered for TOKEN_SECONDS, so a kiosk's calls neither each ask the
database nor each wait for a thread to ask it; a token replaced by registering the kiosk
again therefore keeps working that long. It is longer than two heartbeats (every 30 s), so a
kiosk's beats find their token remembered (bench/fleet.py). A token not found is never
remembered."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from district.contract import Platform, PlatformRefused

TOKEN_SECONDS = 90.0
TOKENS_KEPT = 50_000  # a district's fleet and more; when full, the stale ones are dropped

_bearer = HTTPBearer(auto_error=False, description="the kiosk's token from `platform add-kiosk`")


class KnownTokens:
    """Tokens found lately, kept by their digest, with when each was found."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 kept: int = TOKENS_KEPT) -> None:
        self._clock = clock
        self._kept = kept
        self._lock = threading.Lock()
        self._found: dict[str, tuple[str, float]] = {}

    def get(self, token: str) -> str | None:
        with self._lock:
            found = self._found.get(_digest(token))
        if found is None or self._clock() - found[1] > TOKEN_SECONDS:
            return None
        return found[0]

    def put(self, token: str, kiosk_id: str) -> None:
        digest, now = _digest(token), self._clock()
        with self._lock:
            if digest not in self._found and len(self._found) >= self._kept:
                self._found = {key: found for key, found in self._found.items()
                               if now - found[1] <= TOKEN_SECONDS}
                if len(self._found) >= self._kept:  # all fresh: more callers than kept
                    self._found.clear()
            self._found[digest] = (kiosk_id, now)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def kiosk_id(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    if credentials is None:
        raise PlatformRefused("unauthorised", "send Authorization: Bearer <the kiosk's token>")
    token = credentials.credentials
    known: KnownTokens = request.app.state.tokens
    found = known.get(token)
    if found is None:
        found = await run_in_threadpool(request.app.state.store.kiosk_for_token, token)
        if found is None:
            raise PlatformRefused("unauthorised", "the platform does not know this token")
        known.put(token, found)
    return found


async def kiosk_platform(request: Request, kiosk: Annotated[str, Depends(kiosk_id)]) -> Platform:
    """The store bound to the calling kiosk: everything it does is checked as that kiosk.
    No database work here, so it runs on the event loop rather than in a thread."""
    return request.app.state.store.for_kiosk(kiosk)


KioskId = Annotated[str, Depends(kiosk_id)]
KioskPlatform = Annotated[Platform, Depends(kiosk_platform)]
