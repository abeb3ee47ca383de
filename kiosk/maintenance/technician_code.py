"""A technician's code: a QR code the platform signs, valid for minutes, that lets one
technician in without the PIN. `TECH1.<payload>.<signature>`, the payload base64url JSON
{"technician", "kiosk" (an id or "*"), "expires" (ISO UTC), "nonce"}, the signature
`district.signing.sign(key, "technician", payload)` over the payload's base64url text."""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from district.signing import sign, verify

PREFIX = "TECH1."
PURPOSE = "technician"
MAX_MINUTES = 24 * 60


@dataclass(frozen=True)
class TechnicianPass:
    technician: str
    kiosk: str
    expires: datetime
    nonce: str


class CodeRefused(Exception):
    """Why a code does not let anyone in: `reason` is malformed, signature, kiosk, expired
    or used (maintenance_entry.refused.<reason> in the messages)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_technician_code(text: str) -> bool:
    return text.startswith(PREFIX)


def make_code(key: Ed25519PrivateKey, technician: str, *, kiosk: str = "*",
              minutes: float = 10, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    payload = json.dumps({"technician": technician, "kiosk": kiosk,
                          "expires": (now + timedelta(minutes=minutes)).isoformat(),
                          "nonce": secrets.token_urlsafe(12)}, ensure_ascii=False)
    body = base64.urlsafe_b64encode(payload.encode()).rstrip(b"=").decode()
    return f"{PREFIX}{body}.{sign(key, PURPOSE, body.encode())}"


def read_code(text: str, key: Ed25519PublicKey, kiosk_id: str, now: datetime,
              used: set[str]) -> TechnicianPass:
    """The pass in a scanned code, if it is the platform's, for this kiosk, in time and not
    used on this kiosk before (`used`: the nonces seen since start; this one is added)."""
    parts = text.strip().split(".")
    if len(parts) != 3 or parts[0] + "." != PREFIX:
        raise CodeRefused("malformed")
    body, signature = parts[1], parts[2]
    if not verify(key, PURPOSE, body.encode(), signature):
        raise CodeRefused("signature")
    try:
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        found = TechnicianPass(str(data["technician"]), str(data["kiosk"]),
                               datetime.fromisoformat(data["expires"]), str(data["nonce"]))
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise CodeRefused("malformed") from None
    if found.expires.tzinfo is None or not found.technician.strip() or not found.nonce:
        raise CodeRefused("malformed")
    if found.kiosk not in ("*", kiosk_id):
        raise CodeRefused("kiosk")
    if found.expires <= now:
        raise CodeRefused("expired")
    if found.nonce in used:
        raise CodeRefused("used")
    used.add(found.nonce)
    return found
