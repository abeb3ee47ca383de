"""The lists a kiosk verifies codes with, kept in `<data>/codes/` as the platform signed
them, with the time of the last good sync: a list is taken only when the root key signed
it and it is no older than the one held; each file is replaced whole (written beside,
then renamed), so a crash or a full disk leaves the last good list in place. A list file
lost or unusable since the last sync makes the lists stale until the next full sync. The sync
(sync.py) writes from the kiosk's chores while the verifier reads: each list is swapped in
whole, so a reader sees the old one or the new one."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import ValidationError

from district.codes.lists import (
    ListError,
    RevocationList,
    SignedList,
    StatusList,
    TrustedKey,
    TrustList,
    open_list,
)

log = logging.getLogger(__name__)
MODELS = {"trust_list": TrustList, "revocation_list": RevocationList,
          "status_list": StatusList}
SYNCED = "synced.json"
FUTURE_SYNC = dt.timedelta(minutes=10)  # a sync this far after now means the clock went back


class TrustStore:
    """The cached lists. `synced_at` is when the platform last gave a full, good set."""

    def __init__(self, directory: Path, root: Ed25519PublicKey) -> None:
        self.directory, self.root = directory, root
        self.trust = TrustList(sequence=0, issued_at=dt.datetime.min.replace(tzinfo=dt.UTC))
        self.revocations = RevocationList(sequence=0, issued_at=self.trust.issued_at)
        self.status: StatusList | None = None
        self.synced_at: dt.datetime | None = None
        self._load()

    # --- what the verifier asks -------------------------------------------------------------

    def key(self, kid: bytes) -> TrustedKey | None:
        return self.trust.key(kid)

    def revoked(self, code_id: str) -> bool:
        return code_id in self.revocations.revoked

    def stale(self, now: dt.datetime, limit: dt.timedelta) -> bool:
        """Too old, never synced, or synced "in the future": a clock set back must not keep
        old lists fresh for as long as it was set back."""
        if self.synced_at is None:
            return True
        age = now - self.synced_at
        return age > limit or age < -FUTURE_SYNC

    # --- what the sync gives ----------------------------------------------------------------

    def accept(self, signed: SignedList) -> bool:
        """Take a list the platform gave; False (and the reason logged) when it is not the
        root key's or is older than the one held. Raises OSError when it cannot be saved."""
        try:
            content = open_list(self.root, signed, MODELS[signed.kind])
        except ListError as error:
            log.error("codes: %s; the list was not taken", error)
            return False
        held = self._held(signed.kind)
        if held is not None and content.sequence < held.sequence:
            log.warning("codes: %s number %d is older than the one held (%d); not taken",
                        signed.kind, content.sequence, held.sequence)
            return False
        self._write(f"{signed.kind}.json", signed.model_dump_json())
        self._set(content)
        return True

    def mark_synced(self, when: dt.datetime) -> None:
        """The lists held now are a good set as of `when`; their numbers are kept with it, so
        a list file lost or damaged later cannot pass for fresh (`_load`)."""
        self._write(SYNCED, json.dumps({"at": when.isoformat(), "sequences": self._sequences()}))
        self.synced_at = when

    def _sequences(self) -> dict[str, int | None]:
        return {kind: (held.sequence if held is not None else None)
                for kind in MODELS for held in (self._held(kind),)}

    # --- the files ----------------------------------------------------------------------------

    def _held(self, kind: str) -> TrustList | RevocationList | StatusList | None:
        return {"trust_list": self.trust, "revocation_list": self.revocations,
                "status_list": self.status}[kind]

    def _set(self, content: TrustList | RevocationList | StatusList) -> None:
        if isinstance(content, TrustList):
            self.trust = content
        elif isinstance(content, RevocationList):
            self.revocations = content
        else:
            self.status = content

    def _load(self) -> None:
        for kind, model in MODELS.items():
            path = self.directory / f"{kind}.json"
            if not path.exists():
                continue
            try:
                signed = SignedList.model_validate_json(path.read_bytes())
                self._set(open_list(self.root, signed, model))
            except (OSError, ValidationError, ListError) as error:
                log.error("codes: %s cannot be used (%s); it is fetched again at the next "
                          "sync", path, str(error).splitlines()[0])
        path = self.directory / SYNCED
        if not path.exists():
            return
        try:
            synced = json.loads(path.read_text())
            when = dt.datetime.fromisoformat(synced["at"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.error("codes: %s cannot be read (%s); the lists count as stale until "
                      "the next sync", path, error)
            return
        # a list lost or damaged since that sync (a revocation list, say) may not pass for
        # fresh: the lists count as stale until a sync gives a good set again
        taken = synced.get("sequences")
        if taken is not None and taken != self._sequences():
            log.error("codes: the lists in %s are not those of the last sync; they count as "
                      "stale until the next", self.directory)
            return
        self.synced_at = when if when.tzinfo else when.replace(tzinfo=dt.UTC)

    def _write(self, name: str, text: str) -> None:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = self.directory / name
        # the scratch name is per process and thread: a sync and a test install may race
        scratch = path.with_name(f".{name}.{os.getpid()}.{threading.get_ident()}")
        try:
            with os.fdopen(os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
                           "wb") as file:
                file.write(text.encode())
                file.flush()
                os.fsync(file.fileno())
            os.replace(scratch, path)
        finally:
            scratch.unlink(missing_ok=True)
