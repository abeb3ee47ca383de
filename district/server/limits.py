"""Caps on request bodies, enforced as the bytes arrive and before anything is parsed: a
declared length over the cap is answered 413 at once, and a body that grows past it
(chunked) is cut off there. Hand-written: FastAPI's own max_body_size answers a declared
oversize in plain text, over the JSON answer every other refusal gets."""

from __future__ import annotations

import re

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from district.server.errors import problem

# The largest valid submission: a signature of 2,000,000 base64 characters, six attachments
# of 1,500,000 base64 characters each, and a hundred answers of 2,000 Chinese characters
# (3 bytes each in UTF-8), with 100 kB of room for the rest (keys, findings, names).
SIGNATURE_CHARS, ATTACHMENT_CHARS, ATTACHMENTS = 2_000_000, 1_500_000, 6
SUBMISSION_LIMIT = SIGNATURE_CHARS + ATTACHMENTS * ATTACHMENT_CHARS + 100 * 2_000 * 3 + 100_000
DEFAULT_LIMIT = 64 * 1024
_SUBMISSION = re.compile(r"^/v1/submissions/[^/]+$")


def limit_for(method: str, path: str) -> int:
    return SUBMISSION_LIMIT if method == "PUT" and _SUBMISSION.match(path) else DEFAULT_LIMIT


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes",
                         headers={"Connection": "close"})


class BodyLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["method"], scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            # Connection: close, so the server does not read the rest to reuse the connection.
            response = problem(413, "invalid", f"the request body is larger than {limit} bytes",
                               {"Connection": "close"})
            await response(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)  # FastAPI passes an HTTPException on as it is
            return message

        await self.app(scope, limited_receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None  # uvicorn rejects a bad one first
    return None
