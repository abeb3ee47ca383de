"""Who is calling: every route but /healthz takes `Authorization: Bearer <token>`, and the
kiosk is the one the store registered that token for (the store keeps only its digest)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from district.contract import Platform, PlatformRefused

_bearer = HTTPBearer(auto_error=False, description="the kiosk's token from `platform add-kiosk`")


def kiosk_id(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    if credentials is None:
        raise PlatformRefused("unauthorised", "send Authorization: Bearer <the kiosk's token>")
    found = request.app.state.store.kiosk_for_token(credentials.credentials)
    if found is None:
        raise PlatformRefused("unauthorised", "the platform does not know this token")
    return found


def kiosk_platform(request: Request, kiosk: Annotated[str, Depends(kiosk_id)]) -> Platform:
    """The store bound to the calling kiosk: everything it does is checked as that kiosk."""
    return request.app.state.store.for_kiosk(kiosk)


KioskId = Annotated[str, Depends(kiosk_id)]
KioskPlatform = Annotated[Platform, Depends(kiosk_platform)]
