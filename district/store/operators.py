"""The district's operators: passwords as scrypt hashes (a random salt and the parameters in
the text, compared in constant time), sessions as the SHA-256 of a random token, and failed
logins slowed per name. Passwords and tokens are never logged."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import re
import secrets
import threading

from district.contract import PlatformRefused
from district.store.database import Database
from district.store.times import stamp

SESSION = dt.timedelta(hours=8)  # a working shift
MIN_PASSWORD = 12
NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# scrypt's cost: 16 MiB and about 0.1 s a hash here; kept in each hash, so it can be raised
N, R, P = 2**14, 8, 1
FREE_FAILURES = 3  # failures of one name before each further try must wait
FIRST_WAIT = dt.timedelta(seconds=30)  # then doubling, up to MAX_WAIT
MAX_WAIT = dt.timedelta(minutes=15)
NAMES_WATCHED = 10_000  # past this many names with failures, the oldest counts are forgotten


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def password_matches(password: str, hashed: str) -> bool:
    try:
        kind, n, r, p, salt, digest = hashed.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        found = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n),
                               r=int(r), p=int(p), dklen=len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(found, expected)


@functools.cache
def _nobody() -> str:
    """Checked against when the name is unknown, so it costs what a known name does."""
    return hash_password(secrets.token_urlsafe(16))


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_operator(db: Database, now: dt.datetime, name: str, password: str) -> None:
    """A new operator, or a new password for one (which ends their sessions)."""
    if not NAME.match(name):
        raise PlatformRefused("invalid", "an operator's name is 1 to 64 letters, digits, . _ -")
    if len(password) < MIN_PASSWORD:
        raise PlatformRefused("invalid", f"a password has at least {MIN_PASSWORD} characters")
    hashed = hash_password(password)
    with db.transaction() as tx:
        tx.execute("INSERT INTO operators (name, password_hash, created_at) VALUES (?, ?, ?)"
                   " ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash",
                   (name, hashed, stamp(now)))
        tx.execute("DELETE FROM operator_sessions WHERE operator = ?", (name,))


class Throttle:
    """Failed logins per name (known or not, alike): after FREE_FAILURES, each try waits
    longer, doubling; a success forgets the name's count. In memory, per server process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, dt.datetime]] = {}

    def may_try(self, name: str, now: dt.datetime) -> bool:
        with self._lock:
            count, last = self._failures.get(name, (0, now))
        if count < FREE_FAILURES:
            return True
        wait = min(FIRST_WAIT * 2 ** (count - FREE_FAILURES), MAX_WAIT)
        return now - last >= wait

    def failed(self, name: str, now: dt.datetime) -> None:
        with self._lock:
            if len(self._failures) >= NAMES_WATCHED and name not in self._failures:
                oldest = sorted(self._failures, key=lambda n: self._failures[n][1])
                for forgotten in oldest[: NAMES_WATCHED // 2]:
                    del self._failures[forgotten]
            count = self._failures.get(name, (0, now))[0]
            self._failures[name] = (count + 1, now)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name, None)


def login(db: Database, now: dt.datetime, throttle: Throttle, name: str,
          password: str) -> str | None:
    """A new session's token, or None: a wrong name, a wrong password and a name that must
    wait all look the same to the caller."""
    if not throttle.may_try(name, now):
        return None
    with db.transaction(write=False) as tx:
        row = tx.one("SELECT password_hash FROM operators WHERE name = ?", (name,))
    matches = password_matches(password, row["password_hash"] if row else _nobody())
    if row is None or not matches:
        throttle.failed(name, now)
        return None
    throttle.succeeded(name)
    token = secrets.token_urlsafe(32)
    with db.transaction() as tx:
        tx.execute("DELETE FROM operator_sessions WHERE expires_at <= ?", (stamp(now),))
        tx.execute("INSERT INTO operator_sessions (token_sha256, operator, expires_at)"
                   " VALUES (?, ?, ?)", (_sha256(token), name, stamp(now + SESSION)))
    return token


def operator_for_session(db: Database, now: dt.datetime, token: str) -> str | None:
    """The operator whose session this token is, while it lasts."""
    with db.transaction(write=False) as tx:
        row = tx.one("SELECT operator FROM operator_sessions WHERE token_sha256 = ?"
                     " AND expires_at > ?", (_sha256(token), stamp(now)))
    return row["operator"] if row else None


def logout(db: Database, token: str) -> None:
    with db.transaction() as tx:
        tx.execute("DELETE FROM operator_sessions WHERE token_sha256 = ?", (_sha256(token),))
