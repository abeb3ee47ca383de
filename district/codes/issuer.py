"""Issuing one offline code: the claims for a resident (a masked name, the holder hash of
the ID number with a fresh salt, group, colour, its life by kind) sealed with the issuer key;
and the issuer key as the trust list names it."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from district.codes.algorithms import Algorithm, SigningKey
from district.codes.claims import (
    PAPER_DAYS,
    PHONE_MINUTES,
    Colour,
    Group,
    Kind,
    OfflineClaims,
    holder_hash,
    new_code_id,
    new_salt,
    to_cwt,
)
from district.codes.envelope import seal
from district.codes.lists import TrustedKey, Use

ISSUER = "CN-SH-BS"  # the district that issues (宝山区), as its codes' iss says
LIFE = {Kind.PAPER: dt.timedelta(days=PAPER_DAYS), Kind.PHONE: dt.timedelta(minutes=PHONE_MINUTES)}


@dataclass(frozen=True)
class Holder:
    """Who a code is for, as the platform knows them; only `name` (masked) leaves it."""

    id_number: str
    masked_name: str
    group: Group
    colour: Colour


@dataclass(frozen=True)
class Issued:
    claims: OfflineClaims
    text: str  # TB1:…


def issue(key: SigningKey, holder: Holder, kind: Kind, now: dt.datetime,
          issuer: str = ISSUER) -> Issued:
    """A new code for `holder`, valid from `now` for its kind's life (seconds dropped, as a
    CWT's dates are whole seconds)."""
    issued_at = now.astimezone(dt.UTC).replace(microsecond=0)
    salt = new_salt()
    claims = OfflineClaims(
        issuer=issuer, code_id=new_code_id(), issued_at=issued_at,
        expires_at=issued_at + LIFE[kind], kind=kind, name=holder.masked_name, salt=salt,
        holder=holder_hash(salt, holder.id_number), group=holder.group, colour=holder.colour)
    return Issued(claims, seal(to_cwt(claims), key))


def trusted(kid: bytes, alg: Algorithm, public: bytes, not_before: dt.datetime,
            not_after: dt.datetime, issuer: str = ISSUER) -> TrustedKey:
    """An issuer key's entry in the trust list: it signs paper and phone codes."""
    return TrustedKey(kid=base64.b64encode(kid).decode(), alg=alg,
                      public_key=base64.b64encode(public).decode(), not_before=not_before,
                      not_after=not_after, uses=(Use.PAPER, Use.PHONE), issuer=issuer)
