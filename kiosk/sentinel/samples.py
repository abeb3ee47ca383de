"""Made-up offline codes and lists for the sentinel's staging, the developer's runs and its
benchmark: an issuing key of our own put in a trust list, with a revocation list and a
status list (the sample ID cards: 王秀英 green, 李明 yellow, 陈嘉欣 red), each signed with
the embedded platform's root key (`codes-root.key` in the data directory) and taken by the
kiosk's TrustStore as a sync would. For temporary data directories only (tests, staging,
the benchmark). Every holder here is made up."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from district.codes import algorithms, claims
from district.codes.algorithms import Algorithm, SigningKey
from district.codes.envelope import seal
from district.codes.lists import (
    ROOT_KEY_FILE,
    RevocationList,
    StatusList,
    TrustedKey,
    TrustList,
    Use,
    sign_list,
    status_hash,
)
from district.signing import signing_key
from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT
from kiosk import slip_privacy

ISSUER = "CN-SH-BS"
STATUS = {ELDERLY.id_number: claims.Colour.GREEN, ADULT.id_number: claims.Colour.YELLOW,
          HMT_RESIDENT.id_number: claims.Colour.RED}


@dataclass(frozen=True)
class Samples:
    key: SigningKey
    revoked: str  # a code id the revocation list names
    at: dt.datetime

    def code(self, *, kind: str = "phone", colour: str = "green", name: str = ELDERLY.name,
             id_number: str = ELDERLY.id_number, code_id: str | None = None,
             issued: dt.datetime | None = None) -> str:
        issued = issued or self.at
        life = (dt.timedelta(days=claims.PAPER_DAYS) if kind == "paper"
                else dt.timedelta(minutes=claims.PHONE_MINUTES))
        salt = claims.new_salt()
        offline = claims.OfflineClaims(
            issuer=ISSUER, code_id=code_id or claims.new_code_id(), issued_at=issued,
            expires_at=issued + life, kind=kind, name=slip_privacy.name(name), salt=salt,
            holder=claims.holder_hash(salt, id_number),
            group="elderly" if kind == "paper" else "resident", colour=colour)
        return seal(claims.to_cwt(offline), self.key)

    def revoked_code(self) -> str:
        return self.code(kind="paper", code_id=self.revoked)


def install(store, data_dir: Path, at: dt.datetime) -> Samples:
    """Our key, lists and a sync at `at`, into `store` (the kiosk's TrustStore)."""
    root = signing_key(Path(data_dir) / ROOT_KEY_FILE)
    private = algorithms.generate(Algorithm.EDDSA)
    public = algorithms.public_bytes(Algorithm.EDDSA, private)
    kid = algorithms.key_id(public)
    # numbered just after the lists the kiosk holds (the platform's, from its first sync),
    # so they are taken; the platform's next new lists replace them
    held = (store.trust, store.revocations, store.status)
    sequence = 1 + max(content.sequence for content in held if content is not None)
    trusted = TrustedKey(kid=algorithms.kid_text(kid), alg=Algorithm.EDDSA,
                         public_key=base64.b64encode(public).decode(),
                         not_before=at - dt.timedelta(days=1),
                         not_after=at + dt.timedelta(days=400),
                         uses=(Use.PAPER, Use.PHONE), issuer=ISSUER)
    revoked = claims.new_code_id()
    salt = claims.new_salt()
    lists = (TrustList(sequence=sequence, issued_at=at, keys=(trusted,)),
             RevocationList(sequence=sequence, issued_at=at, revoked=frozenset({revoked})),
             StatusList(sequence=sequence, issued_at=at, salt=base64.b64encode(salt).decode(),
                        colours={status_hash(salt, number): colour
                                 for number, colour in STATUS.items()}))
    for content in lists:
        if not store.accept(sign_list(root, content)):
            raise ValueError(f"the kiosk did not take the sample {content.kind}")
    store.mark_synced(at)
    return Samples(SigningKey(Algorithm.EDDSA, kid, private), revoked, at)
