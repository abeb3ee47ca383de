"""Who is at the kiosk, when not by ID card: a 随申码 from the resident's phone (short-lived,
single-use, only its hash kept) or a company by its e-business licence's credit code."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from district.contract import PlatformRefused
from district.credit_code import credit_code_ok
from district.models import Enterprise, Identity
from district.store.calls import KioskCalls
from district.store.database import Database, Row, Transaction
from district.store.times import stamp

CODE_PREFIX = "SSM:"  # what the kiosk recognises a 随申码 by
CODE_LIFE = dt.timedelta(seconds=120)


def code_digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def issue_code(db: Database, now: dt.datetime, id_number: str) -> str:
    """A new 随申码 for a known resident (the phone's side, for demos and staff)."""
    code = CODE_PREFIX + secrets.token_urlsafe(24)  # 32 url-safe characters
    with db.transaction() as tx:
        if tx.one("SELECT 1 AS known FROM residents WHERE id_number = ?", (id_number,)) is None:
            raise PlatformRefused("not_found", "the platform knows no resident by this number")
        tx.execute("INSERT INTO identity_codes (code_sha256, id_number, issued_at, expires_at)"
                   " VALUES (?, ?, ?, ?)",
                   (code_digest(code), id_number, stamp(now), stamp(now + CODE_LIFE)))
    return code


def enterprise_row(tx: Transaction, credit_code: str) -> Row:
    if not credit_code_ok(credit_code):
        raise PlatformRefused("invalid", "not a credit code: its check character is wrong")
    row = tx.one("SELECT * FROM enterprises WHERE credit_code = ?", (credit_code,))
    if row is None:
        raise PlatformRefused("not_found", "no enterprise with this credit code")
    return row


def may_act_for(tx: Transaction, credit_code: str, id_number: str) -> None:
    """The person is the enterprise's legal representative or an agent it authorised."""
    row = enterprise_row(tx, credit_code)
    if row["representative_id"] == id_number:
        return
    if tx.one("SELECT 1 AS agent FROM enterprise_agents WHERE credit_code = ? AND id_number = ?",
              (credit_code, id_number)) is None:
        raise PlatformRefused("forbidden", "neither the legal representative nor an agent")


def masked_name(name: str) -> str:
    """张*明, 李*: every character but the first and (from three on) the last."""
    if len(name) <= 2:
        return name[:1] + "*" * (len(name) - 1)
    return name[0] + "*" * (len(name) - 2) + name[-1]


class IdentityCalls(KioskCalls):
    def resolve_code(self, code: str) -> Identity:
        now = self._now()
        with self._db.transaction() as tx:
            digest = code_digest(code)
            tx.lock(f"code:{digest}")
            row = tx.one("SELECT * FROM identity_codes WHERE code_sha256 = ?", (digest,))
            if row is None:
                raise PlatformRefused("not_found", "the platform gave no such code")
            if row["used_at"] is not None:
                raise PlatformRefused("code_used", "this code was used once already")
            if row["expires_at"] <= stamp(now):
                raise PlatformRefused("code_expired", "this code is past its two minutes")
            tx.execute("UPDATE identity_codes SET used_at = ?, used_by = ? WHERE code_sha256 = ?",
                       (stamp(now), self.kiosk_id, digest))
            person = tx.one("SELECT * FROM residents WHERE id_number = ?", (row["id_number"],))
        return Identity(id_number=person["id_number"], name=person["name"], sex=person["sex"],
                        birth_date=dt.date.fromisoformat(person["birth_date"]),
                        card_type=person["card_type"],
                        valid_to=(dt.date.fromisoformat(person["valid_to"])
                                  if person["valid_to"] else None))

    def enterprise(self, credit_code: str) -> Enterprise:
        with self._db.transaction(write=False) as tx:
            row = enterprise_row(tx, credit_code)
        return Enterprise(credit_code=row["credit_code"], name=row["name"],
                          legal_representative=masked_name(row["representative_name"]),
                          address=row["address"], kind=row["kind"])
