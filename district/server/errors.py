"""What the server answers when a call does not succeed: a refusal's reason as a status and a
JSON body `{"reason", "message"}`; a store that cannot be reached as 503; anything unexpected
as 500 `{"reason": "server_error"}`, logged with its traceback and never sent."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from district.contract import PlatformRefused, PlatformUnavailable

log = logging.getLogger("district.server")

STATUS = {
    "unauthorised": 401,
    "forbidden": 403,
    "no_consent": 403,
    "consent_expired": 403,
    "not_found": 404,
    "conflict": 409,
    "slot_full": 409,
    "hold_expired": 409,
    "bad_state": 409,
    "invalid": 422,
    "altered": 409,
    "code_expired": 410,
    "code_used": 410,
    "not_eligible": 403,
}
OTHER_REFUSAL = 400  # a reason the table does not know yet


class Problem(BaseModel):
    """The body of every answer that is not a success."""

    reason: str
    message: str = ""


# Every route may answer these; listed so /openapi.json describes them.
PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "description": description}
    for status, description in (
        (400, "a body that is not JSON"),
        (401, "no token, or one the platform does not know"),
        (403, "another kiosk's visit, booking or help request, no consent, or a resident "
              "not eligible for a paper offline code"),
        (404, "no such visit, booking, application or route"),
        (409, "a conflict with what is recorded, or a state that does not allow it"),
        (410, "a 随申码 used once already, or past its short life"),
        (413, "the request body is too large"),
        (422, "the request broke the schema or a rule"),
        (500, "an unexpected error on the server"),
        (503, "the store cannot be reached"),
    )
}


def problem(status: int, reason: str, message: str = "",
            headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"reason": reason, "message": message}, status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the answers for refusals, bad requests and failures on `app`."""
    app.add_exception_handler(PlatformRefused, _refused)
    app.add_exception_handler(PlatformUnavailable, _unavailable)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_middleware(CatchAll)


def _refused(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, PlatformRefused)
    message = str(error).removeprefix(error.reason).removeprefix(": ")
    status = STATUS.get(error.reason, OTHER_REFUSAL)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return problem(status, error.reason, message, headers)


def _unavailable(request: Request, error: Exception) -> JSONResponse:
    log.error("%s %s: the store is unavailable: %s", request.method, _route(request), error)
    return problem(503, "unavailable", "the platform's store cannot be reached; try again")


def _invalid(request: Request, error: Exception) -> JSONResponse:
    """Name each field and what is wrong with it, never the value sent (it may be personal)."""
    assert isinstance(error, RequestValidationError)
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(part) for part in item.get("loc", ()))
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    message = "; ".join(parts)
    return problem(422, "invalid", message if len(message) <= 500 else message[:497] + "...")


def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    reason = {401: "unauthorised", 404: "not_found"}.get(error.status_code, "invalid")
    message = error.detail if isinstance(error.detail, str) else ""
    if error.status_code == 404:
        message = f"no route {request.method} {request.url.path}"
    return problem(error.status_code, reason, message, dict(error.headers or {}) or None)


def _route(request: Request) -> str:
    """The route's pattern (`/v1/visits/{visit_id}`), else the path: ids stay out of the log."""
    route = request.scope.get("route")
    return getattr(route, "path", request.url.path)


class CatchAll:
    """Outside the routes: an unexpected error is logged with its traceback and answered 500
    with a fixed body, so no trace of the server's insides reaches a kiosk."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            route = getattr(scope.get("route"), "path", scope.get("path", "?"))
            log.exception("%s %s: unexpected error", scope.get("method"), route)
            if started:
                raise  # too late for an answer; uvicorn closes the connection
            body = json.dumps({"reason": "server_error", "message": ""}).encode()
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
