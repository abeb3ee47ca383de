"""The claims of a Tongban offline code, in the CWT (RFC 8392): the registered claims iss
(1), exp (4), iat (6) and cti (7, the code's id, which a revocation list names), and our
own claim in the private-use range holding who it is for, without who they are: a masked
name, a salted hash of the ID number (a kiosk holding the card can check it; nobody can
read the number back), the holder group and the status colour."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from district.codes.envelope import Malformed

ISS, EXP, IAT, CTI = 1, 4, 6, 7
HCERT = -260  # the DCC's claim (its payload is hcert[1])
OFFLINE = -70000  # ours: a map with the keys below
VERSION = 1
PAPER_DAYS = 180  # a printed offline code's life
PHONE_MINUTES = 5  # a phone's dynamic code's life
# The longest life a verifier accepts for each kind, whoever signed it: a phone key that
# signs a year-long "dynamic" code, stolen or misused, must not make a lasting pass.
MAX_LIFE_DAYS = {"paper": PAPER_DAYS + 1, "phone": 1 / 24}


class Group(StrEnum):
    """Who may hold a paper offline code: those without a smartphone, as the district
    lists them (over 60, under 18, registered disabled)."""

    ELDERLY = "elderly"
    MINOR = "minor"
    DISABLED = "disabled"
    RESIDENT = "resident"  # a phone's dynamic code: anyone


class Colour(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class Kind(StrEnum):
    PAPER = "paper"
    PHONE = "phone"


class OfflineClaims(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    issuer: str = Field(min_length=1, max_length=40)  # e.g. "CN-SH-BS" (宝山区)
    code_id: str = Field(pattern=r"^[0-9a-f]{32}$")  # cti, 16 bytes in hex
    issued_at: dt.datetime
    expires_at: dt.datetime
    kind: Kind
    name: str = Field(min_length=1, max_length=20)  # masked: 王*英
    salt: bytes = Field(min_length=16, max_length=16)
    holder: bytes = Field(min_length=16, max_length=16)  # holder_hash(salt, id number)
    group: Group
    colour: Colour

    def held_by(self, id_number: str) -> bool:
        """Whether this code was issued to the holder of `id_number` (an ID card read)."""
        return hmac.compare_digest(self.holder, holder_hash(self.salt, id_number))


def holder_hash(salt: bytes, id_number: str) -> bytes:
    digest = hashlib.sha256(b"tongban/holder\x00" + salt + id_number.strip().upper().encode())
    return digest.digest()[:16]


def new_salt() -> bytes:
    return os.urandom(16)


def new_code_id() -> str:
    return os.urandom(16).hex()


def to_cwt(claims: OfflineClaims) -> dict[int, Any]:
    return {
        ISS: claims.issuer,
        IAT: int(claims.issued_at.timestamp()),
        EXP: int(claims.expires_at.timestamp()),
        CTI: bytes.fromhex(claims.code_id),
        OFFLINE: {"v": VERSION, "k": claims.kind.value, "n": claims.name, "s": claims.salt,
                  "h": claims.holder, "g": claims.group.value, "c": claims.colour.value},
    }


def from_cwt(cwt: Mapping[Any, Any]) -> OfflineClaims:
    """Our claims from a CWT's map; Malformed at DECODE when any is missing or wrong."""
    ours = cwt.get(OFFLINE)
    version = ours.get("v") if isinstance(ours, Mapping) else None
    if isinstance(version, bool) or version != VERSION:  # CBOR true is not the number 1
        raise Malformed("DECODE", "no Tongban offline-code claim of version 1")
    try:
        cti = cwt.get(CTI)
        return OfflineClaims(
            issuer=cwt.get(ISS), code_id=cti.hex() if isinstance(cti, bytes) else "",
            issued_at=_when(cwt.get(IAT)), expires_at=_when(cwt.get(EXP)),
            kind=ours.get("k"), name=ours.get("n"), salt=ours.get("s"),
            holder=ours.get("h"), group=ours.get("g"), colour=ours.get("c"))
    except (ValidationError, TypeError, ValueError, OverflowError) as error:
        first = error.errors()[0] if isinstance(error, ValidationError) else {"msg": error}
        raise Malformed("DECODE", f"claim {first.get('loc', '')}: {first['msg']}") from None


def timestamp(value: Any) -> dt.datetime | None:
    """A CWT NumericDate as an aware datetime, or None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return dt.datetime.fromtimestamp(value, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _when(value: Any) -> dt.datetime:
    when = timestamp(value)
    if when is None:
        raise ValueError("a date is not a NumericDate")
    return when
