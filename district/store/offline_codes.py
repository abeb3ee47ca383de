"""Offline codes (离线码): a paper code for the resident of a consented visit who is eligible
(60 and over, under 18, or holding a disability certificate), signed with the issuer key; a
code held before is revoked by the new one (reissue, lost, or "new" while one is held: the
resident gets one valid paper code, never two). The lists a kiosk verifies with alone: the
trust list, the revocation list and the status list, signed with the root key, each numbered
anew (by the time of the change) only when what it says changes. The store keeps a keyed
hash of the holder's ID number, never the number, and an audit record per issue and
revocation."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from district.codes.algorithms import Algorithm, SigningKey
from district.codes.claims import Colour, Group, Kind
from district.codes.issuer import ISSUER, Holder, Issued, issue, trusted
from district.codes.keys import CodeKeys
from district.codes.lists import RevocationList, StatusList, TrustList, sign_list, status_hash
from district.contract import PlatformRefused, PlatformUnavailable
from district.models import CodeLists, OfflineCode, OfflineCodeRequest
from district.signing import SigningKeyError
from district.store.calls import KioskCalls, digest
from district.store.database import Database, Row, Transaction
from district.store.identity import masked_name
from district.store.times import stamp, today, unstamp

HOLDER_SECRET = "offline_code_holders"
KEY_LIFE = dt.timedelta(days=5 * 365)  # the issuer key's window in the trust list
NO_KEYS = ("offline codes: this platform has no keys directory; start it with "
           "`platform serve --keys DIR` (or $TONGBAN_PLATFORM_KEYS)")


class OfflineCodeCalls(KioskCalls):
    code_keys: CodeKeys | None = None  # the store sets its own
    issuer = ISSUER

    def issue_offline_code(self, request: OfflineCodeRequest) -> OfflineCode:
        key = issuer_key(self.code_keys)
        now = self._now()
        with self._db.transaction() as tx:
            visit = self._open_visit(tx, request.visit_id, now)
            holder = eligible_holder(tx, visit["id_number"], today(now))
            mac = holder_mac(tx, holder.id_number)
            tx.lock(f"offline-code:{mac}")
            know_key(tx, key, now)
            issued = issue(key, holder, Kind.PAPER, now, self.issuer)
            held = tx.one("SELECT code_id FROM offline_codes WHERE holder_mac = ? AND kind = ?"
                          " AND revoked_at IS NULL AND expires_at > ?",
                          (mac, Kind.PAPER.value, stamp(now)))
            _keep(tx, issued, mac, self.kiosk_id, key_text(key.kid))
            code_id = issued.claims.code_id
            self._audit(tx, now, f"code-issued-{code_id}", "offline_code.issued",
                        f"code {code_id} ({holder.group.value}, {request.reason})")
            replaced = None
            if held is not None:
                replaced = held["code_id"]
                why = "lost" if request.reason == "lost" else "reissue"
                tx.execute("UPDATE offline_codes SET revoked_at = ?, revoked_reason = ?,"
                           " replaced_by = ? WHERE code_id = ?",
                           (stamp(now), why, code_id, replaced))
                self._audit(tx, now, f"code-revoked-{replaced}", "offline_code.revoked",
                            f"code {replaced} ({why}), replaced by {code_id}")
            self._record_read(tx, visit, "offline_code", now)
        claims = issued.claims
        return OfflineCode(code_id=code_id, text=issued.text, name=claims.name,
                           group=claims.group.value, issued_at=claims.issued_at,
                           expires_at=claims.expires_at, replaced=replaced)

    def code_lists(self) -> CodeLists:
        root, key = root_key(self.code_keys), issuer_key(self.code_keys)
        now = self._now()
        with self._db.transaction() as tx:
            tx.lock("code_lists")
            know_key(tx, key, now)
            trust, revocations, status = current_lists(tx, now)
        return CodeLists(trust=sign_list(root, trust), revocations=sign_list(root, revocations),
                         status=sign_list(root, status))

    def _audit(self, tx: Transaction, now: dt.datetime, key: str, event: str,
               detail: str) -> None:
        content = {"at": stamp(now), "event": event, "detail": detail}
        tx.execute("INSERT INTO audit_records (kiosk_id, idempotency_key, digest, at, event,"
                   " detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (self.kiosk_id, key, digest(content), stamp(now), event, detail, stamp(now)))


# --- who may hold a code -------------------------------------------------------------------

def eligible_holder(tx: Transaction, id_number: str, day: dt.date) -> Holder:
    """The resident as a paper code names them; refused when they are not in its groups."""
    person = _resident(tx, id_number)
    group = _group(tx, id_number, person, day)
    if group is None:
        raise PlatformRefused("not_eligible", "a paper offline code is for residents 60 and "
                              "over, under 18, or with a disability certificate")
    return Holder(id_number, masked_name(person["name"]), group, colour(tx, id_number))


def colour(tx: Transaction, id_number: str) -> Colour:
    row = tx.one("SELECT colour FROM resident_status WHERE id_number = ?", (id_number,))
    return Colour(row["colour"]) if row else Colour.GREEN


def _resident(tx: Transaction, id_number: str) -> Row:
    person = tx.one("SELECT name, birth_date FROM residents WHERE id_number = ?", (id_number,))
    if person is None:
        raise PlatformRefused("not_found", "the platform knows no resident by this number")
    return person


def _group(tx: Transaction, id_number: str, person: Row, day: dt.date) -> Group | None:
    born = dt.date.fromisoformat(person["birth_date"])
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if age >= 60:
        return Group.ELDERLY
    if age < 18:
        return Group.MINOR
    if tx.one("SELECT 1 AS held FROM licences WHERE holder = ? AND type_code = 'disability'"
              " AND (valid_until IS NULL OR valid_until >= ?)", (id_number, day.isoformat())):
        return Group.DISABLED
    return None


def make_secret(db: Database) -> None:
    """The key of the holders' hashes, made the first time a store is opened."""
    with db.transaction() as tx:
        tx.execute("INSERT INTO store_secrets (name, value) VALUES (?, ?)"
                   " ON CONFLICT (name) DO NOTHING", (HOLDER_SECRET, secrets.token_hex(32)))


def holder_mac(tx: Transaction, id_number: str) -> str:
    """The keyed hash codes are found by their holder with (the store's own secret)."""
    secret = tx.one("SELECT value FROM store_secrets WHERE name = ?", (HOLDER_SECRET,))
    if secret is None:
        raise RuntimeError("the store has no holders' secret; open it with Store.open")
    return hmac.new(bytes.fromhex(secret["value"]), id_number.strip().upper().encode(),
                    hashlib.sha256).hexdigest()


# --- keys and codes ------------------------------------------------------------------------

def issuer_key(keys: CodeKeys | None) -> SigningKey:
    return _key(keys, CodeKeys.issuer)


def root_key(keys: CodeKeys | None) -> Ed25519PrivateKey:
    return _key(keys, CodeKeys.root)


def _key(keys: CodeKeys | None, which: Callable[[CodeKeys], Any]) -> Any:
    """A key file that cannot be used, or none configured, is the platform unavailable."""
    if keys is None:
        raise PlatformUnavailable(NO_KEYS)
    try:
        return which(keys)
    except SigningKeyError as error:
        raise PlatformUnavailable(f"offline codes: {error}") from None


def key_text(kid: bytes) -> str:
    return base64.b64encode(kid).decode()


def know_key(tx: Transaction, key: SigningKey, now: dt.datetime) -> None:
    """The issuer key goes in the trust list from the first time this store uses it."""
    since = now.replace(microsecond=0)
    tx.execute("INSERT INTO code_keys (kid, alg, public_key, not_before, not_after)"
               " VALUES (?, ?, ?, ?, ?) ON CONFLICT (kid) DO NOTHING",
               (key_text(key.kid), key.alg.value,
                base64.b64encode(key.public_bytes()).decode(), stamp(since),
                stamp(since + KEY_LIFE)))


def _keep(tx: Transaction, issued: Issued, mac: str, kiosk_id: str, kid: str) -> None:
    claims = issued.claims
    tx.execute("INSERT INTO offline_codes (code_id, holder_mac, kind, holder_group, kiosk_id,"
               " kid, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (claims.code_id, mac, claims.kind.value, claims.group.value, kiosk_id, kid,
                stamp(claims.issued_at), stamp(claims.expires_at)))


def phone_code(db: Database, keys: CodeKeys | None, now: dt.datetime,
               id_number: str) -> OfflineCode:
    """A phone's dynamic code for any known resident, a few minutes long (the developer
    panel and tests; a phone app would ask for it). It revokes nothing."""
    key = issuer_key(keys)
    with db.transaction() as tx:
        person = _resident(tx, id_number)
        holder = Holder(id_number, masked_name(person["name"]), Group.RESIDENT,
                        colour(tx, id_number))
        know_key(tx, key, now)
        issued = issue(key, holder, Kind.PHONE, now)
        _keep(tx, issued, holder_mac(tx, id_number), "", key_text(key.kid))
    claims = issued.claims
    return OfflineCode(code_id=claims.code_id, text=issued.text, name=claims.name,
                       group=claims.group.value, issued_at=claims.issued_at,
                       expires_at=claims.expires_at)


def set_colour(db: Database, now: dt.datetime, id_number: str, colour: Colour) -> None:
    """A resident's status changes (staff; the health authority's feed in a real district)."""
    with db.transaction() as tx:
        _resident(tx, id_number)
        tx.execute("INSERT INTO resident_status (id_number, colour, updated_on) VALUES (?, ?, ?)"
                   " ON CONFLICT (id_number) DO UPDATE SET colour = excluded.colour,"
                   " updated_on = excluded.updated_on",
                   (id_number, Colour(colour).value, today(now).isoformat()))


# --- the lists -----------------------------------------------------------------------------

def current_lists(tx: Transaction, now: dt.datetime
                  ) -> tuple[TrustList, RevocationList, StatusList]:
    keys = tuple(sorted(
        (trusted(base64.b64decode(row["kid"]), Algorithm(row["alg"]),
                 base64.b64decode(row["public_key"]), unstamp(row["not_before"]),
                 unstamp(row["not_after"]))
         for row in tx.all("SELECT * FROM code_keys")), key=lambda k: k.kid))
    trust_seq, _ = _sequence(tx, "trust_list", [k.model_dump(mode="json") for k in keys],
                             now)
    revoked = frozenset(row["code_id"] for row in tx.all(
        "SELECT code_id FROM offline_codes WHERE revoked_at IS NOT NULL AND expires_at > ?",
        (stamp(now),)))
    revoked_seq, _ = _sequence(tx, "revocation_list", sorted(revoked), now)
    colours = {row["id_number"]: row["colour"] or Colour.GREEN.value for row in tx.all(
        "SELECT r.id_number, s.colour FROM residents r"
        " LEFT JOIN resident_status s ON s.id_number = r.id_number")}
    status_seq, salt = _sequence(tx, "status_list", sorted(colours.items()), now)
    raw_salt = base64.b64decode(salt)
    return (TrustList(sequence=trust_seq, issued_at=now, keys=keys),
            RevocationList(sequence=revoked_seq, issued_at=now, revoked=revoked),
            StatusList(sequence=status_seq, issued_at=now, salt=salt,
                       colours={status_hash(raw_salt, number): Colour(value)
                                for number, value in colours.items()}))


def _sequence(tx: Transaction, kind: str, content: object,
              now: dt.datetime) -> tuple[int, str]:
    """The list's number and that number's salt (a fresh one each time: two status lists
    cannot be compared). A new number whenever the content changed: the change's time in
    Unix seconds, or one more than the last if that is not larger, so numbers only grow,
    even past a store made anew (kiosks still hold the old numbers and take only newer)."""
    content_digest = digest(content)
    row = tx.one("SELECT sequence, digest, salt FROM code_lists WHERE kind = ?", (kind,))
    if row is not None and row["digest"] == content_digest:
        return row["sequence"], row["salt"]
    salt = base64.b64encode(secrets.token_bytes(16)).decode()
    sequence = max(int(now.timestamp()), 0 if row is None else row["sequence"] + 1)
    tx.execute("INSERT INTO code_lists (kind, sequence, digest, salt) VALUES (?, ?, ?, ?)"
               " ON CONFLICT (kind) DO UPDATE SET sequence = excluded.sequence,"
               " digest = excluded.digest, salt = excluded.salt",
               (kind, sequence, content_digest, salt))
    return sequence, salt
