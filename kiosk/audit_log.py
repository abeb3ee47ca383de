"""The kiosk's own audit log: append-only, one JSON line per record in `<data>/audit/
audit.jsonl`, each record carrying the hash of the one before, so an edited, removed or
moved record breaks the chain (`kiosk/audit_verify.py` walks it). `audit.head` holds the
last record's seq and hash, so removing the last records is caught too. Qt-free; safe from
any thread. Records name ids (a reference, a service, a device, a key), never a person."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.private_files import private_dir

log = logging.getLogger(__name__)

FOLDER = "audit"
CURRENT = "audit.jsonl"
HEAD = "audit.head"
GENESIS = "0" * 64  # the `prev` of the very first record
MAX_BYTES = 4 * 1024 * 1024  # the current file is rotated once it passes this size
ROTATED = re.compile(r"audit\.(\d{6})\.jsonl")
FIELDS = ("seq", "at", "event", "detail", "prev")


class AuditLogError(Exception):
    """A record could not be kept; `str()` names the file and the cause."""


@dataclass(frozen=True)
class Record:
    seq: int
    at: str  # UTC, ISO 8601
    event: str
    detail: str
    prev: str
    hash: str

    def line(self) -> bytes:
        body = {name: getattr(self, name) for name in (*FIELDS, "hash")}
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def record_hash(fields: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of seq, at, event, detail and prev (sorted keys, no
    spaces, UTF-8)."""
    canonical = json.dumps({name: fields[name] for name in FIELDS}, ensure_ascii=False,
                           sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def detail(**fields: object) -> str:
    """A record's detail as `key=value` pairs, in the order given; None is left out."""
    return " ".join(f"{key}={value}" for key, value in fields.items() if value is not None)


def print_outcome(problem: str) -> dict[str, str]:
    """A print's end for a detail: `printed=yes`, or `fault=` the printer's message."""
    return {"fault": problem[:120]} if problem else {"printed": "yes"}


def chain_files(folder: Path) -> list[Path]:
    """The rotated files by number, then the current one: the order the chain runs in."""
    rotated = sorted((path for path in folder.glob("audit.*.jsonl") if ROTATED.fullmatch(
        path.name)), key=lambda path: int(ROTATED.fullmatch(path.name).group(1)))  # type: ignore[union-attr]
    current = folder / CURRENT
    return rotated + ([current] if current.exists() else [])


def read_head(folder: Path) -> tuple[int, str] | None:
    """The head file's (seq, hash), or None when there is none; ValueError if damaged."""
    try:
        head = json.loads((folder / HEAD).read_text())
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{folder / HEAD}: not a head file ({error})") from None
    if not (isinstance(head, dict) and isinstance(head.get("seq"), int)
            and isinstance(head.get("hash"), str)):
        raise ValueError(f"{folder / HEAD}: not a head file (needs seq and hash)")
    return head["seq"], head["hash"]


def last_good(path: Path) -> tuple[int, str] | None:
    """The (seq, hash) of the last whole record in `path`, None if it holds none."""
    try:
        lines = path.read_bytes().splitlines()
    except FileNotFoundError:
        return None
    for line in reversed(lines):
        try:
            record = json.loads(line)
            return int(record["seq"]), str(record["hash"])
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a power cut or a full disk
    return None


class AuditLog:
    """Appends records to the chain; reads where it stands from disk on first use and again
    after any failed write."""

    def __init__(self, folder: Path, *, clock: Callable[[], datetime] = lambda: datetime.now(
            UTC), max_bytes: int = MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.path = self.folder / CURRENT
        self._clock = clock
        self._max_bytes = max_bytes
        self._lock = threading.Lock()
        self._last: tuple[int, str] | None = None  # (seq, hash); None: read it from disk

    @classmethod
    def in_folder(cls, data_dir: Path, **options: Any) -> AuditLog:
        return cls(Path(data_dir) / FOLDER, **options)

    def append(self, event: str, detail: str = "") -> Record:
        """Keep one record (fsync'd), then the head. Raises AuditLogError."""
        with self._lock:
            try:
                if self._last is None:
                    self._last = self._resume()
                self._rotate_if_full()
                seq, prev = self._last[0] + 1, self._last[1]
                at = self._clock().astimezone(UTC).isoformat(timespec="milliseconds")
                fields = {"seq": seq, "at": at, "event": event, "detail": detail, "prev": prev}
                record = Record(**fields, hash=record_hash(fields))
                _append(self.path, record.line())
                self._last = (seq, record.hash)
                self._write_head(seq, record.hash)
                return record
            except OSError as error:
                self._last = None  # read the file again next time (a line may be cut short)
                raise AuditLogError(f"{self.path}: audit record {event} not kept: "
                                    f"{error.strerror or error}") from error

    def _resume(self) -> tuple[int, str]:
        """Where the chain stands: the last whole record on disk (the genesis if none), or
        the head when it is further on (records were cut off the end: the gap must stay). A
        file that ends mid-line gets a newline first, so the cut line stays alone."""
        private_dir(self.folder)
        files = chain_files(self.folder)
        for path in reversed(files):
            found = last_good(path)
            if found is not None:
                break
        else:
            found = (0, GENESIS)
        if files and files[-1].stat().st_size and not _ends_with_newline(files[-1]):
            log.error("audit log %s: its last line was cut short; `python -m kiosk audit-log "
                      "verify` names it, and the chain goes on from seq %d", files[-1], found[0])
            _append(files[-1], b"\n")
        try:
            head = read_head(self.folder)
        except ValueError as error:
            log.error("audit log: %s; it is written again", error)
            head = None
        if head is not None and head[0] > found[0]:
            log.error("audit log %s: the head says seq %d but the log ends at seq %d (records "
                      "removed?); the chain goes on from the head, so the gap stays for "
                      "`python -m kiosk audit-log verify` to name", self.folder, head[0],
                      found[0])
            return head
        return found

    def _rotate_if_full(self) -> None:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return
        if size < self._max_bytes:
            return
        numbers = [int(m.group(1)) for path in self.folder.iterdir()
                   if (m := ROTATED.fullmatch(path.name))]
        os.rename(self.path, self.folder / f"audit.{max(numbers, default=0) + 1:06d}.jsonl")

    def _write_head(self, seq: int, hash_: str) -> None:
        scratch = self.folder / f".{HEAD}.{os.getpid()}"
        fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps({"seq": seq, "hash": hash_}).encode() + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(scratch, self.folder / HEAD)


def _append(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        written = os.write(fd, data)
        if written != len(data):
            raise OSError(28, f"only {written} of {len(data)} bytes written")
        os.fsync(fd)
    finally:
        os.close(fd)


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as file:
        file.seek(-1, os.SEEK_END)
        return file.read(1) == b"\n"
