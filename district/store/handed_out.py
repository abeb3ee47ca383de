"""What a visit was handed, kept as a keyed hash of each value (FormSG's practice): a
submission's locked answers are checked against it, so a value altered on the way is refused.
The key is the store's own secret, made once; the values themselves are not kept here."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from district.contract import PlatformRefused
from district.store.database import Database, Transaction

SECRET = "handed_out"


def make_secret(db: Database) -> None:
    """The store's secret, made the first time a store is opened."""
    with db.transaction() as tx:
        tx.execute("INSERT INTO store_secrets (name, value) VALUES (?, ?)"
                   " ON CONFLICT (name) DO NOTHING", (SECRET, secrets.token_hex(32)))


def _mac(tx: Transaction, visit_id: str, item: str, value: str) -> str:
    row = tx.one("SELECT value FROM store_secrets WHERE name = ?", (SECRET,))
    if row is None:
        raise RuntimeError("the store has no secret; open it with Store.open")
    message = "\x1f".join((visit_id, item, value)).encode()
    return hmac.new(bytes.fromhex(row["value"]), message, hashlib.sha256).hexdigest()


def keep(tx: Transaction, visit_id: str, values: dict[str, str]) -> None:
    for item, value in values.items():
        tx.execute("INSERT INTO handed_out (visit_id, item, value_hmac) VALUES (?, ?, ?)"
                   " ON CONFLICT (visit_id, item) DO UPDATE SET value_hmac = excluded.value_hmac",
                   (visit_id, item, _mac(tx, visit_id, item, value)))


def check_locked(tx: Transaction, visit_id: str, locked: dict[str, str],
                 answers: dict[str, str]) -> None:
    """Every locked answer (field -> item) is the value the visit was handed for its item."""
    for field, item in sorted(locked.items()):
        row = tx.one("SELECT value_hmac FROM handed_out WHERE visit_id = ? AND item = ?",
                     (visit_id, item))
        if row is None:
            raise PlatformRefused("altered", f"{field}: {item} was never handed out in this visit")
        answer = answers.get(field)
        if answer is None or not hmac.compare_digest(
                row["value_hmac"], _mac(tx, visit_id, item, answer)):
            raise PlatformRefused("altered", f"{field}: differs from the {item} handed out")
