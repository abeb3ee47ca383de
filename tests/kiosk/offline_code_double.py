"""Until the embedded platform issues offline codes (helper "issuer"): the real embedded
platform with the contract's two calls added, honestly: codes sealed with a real EdDSA key
that a trust list signed by the data directory's root key names (the key the kiosk trusts),
reissue and lost revoking the code held before, not_eligible for a resident aged 18 to 60.
`sync(kiosk)` takes the lists into the kiosk's store as its sync will."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from district.codes import algorithms, claims, envelope, lists
from district.contract import PlatformRefused
from district.models import CodeLists, OfflineCode, OfflineCodeRequest
from district.signing import signing_key
from drivers.idcard import samples
from kiosk import slip_privacy

ISSUER = "CN-SH-BS"


class CodeIssuingPlatform:
    def __init__(self, inner, data_dir: Path, clock) -> None:
        self.inner, self.clock = inner, clock
        self.root = signing_key(data_dir / lists.ROOT_KEY_FILE)
        private = algorithms.generate(algorithms.Algorithm.EDDSA)
        public = algorithms.public_bytes(algorithms.Algorithm.EDDSA, private)
        self.key = algorithms.SigningKey(algorithms.Algorithm.EDDSA, algorithms.key_id(public),
                                         private)
        self.public = public
        self.key_from = clock() - dt.timedelta(days=1)  # the key's window, fixed at its making
        self.holders: dict[str, str] = {}  # visit id -> ID number
        self.held: dict[str, str] = {}  # ID number -> the code id held
        self.revoked: set[str] = set()
        self.issued = 0
        self.sequence = 0

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def open_visit(self, consent):
        grant = self.inner.open_visit(consent)
        self.holders[grant.visit_id] = consent.id_number
        return grant

    def issue_offline_code(self, request: OfflineCodeRequest) -> OfflineCode:
        id_number = self.holders[request.visit_id]
        now = self.clock()
        born = dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
        age = now.year - born.year - ((now.month, now.day) < (born.month, born.day))
        if 18 <= age < 60:
            raise PlatformRefused("not_eligible", "18 to 60, not registered disabled")
        card = next(c for c in vars(samples).values()
                    if getattr(c, "id_number", None) == id_number)
        replaced = self.held.get(id_number) if request.reason != "new" else None
        if replaced:
            self.revoked.add(replaced)
        salt = claims.new_salt()
        made = claims.OfflineClaims(
            issuer=ISSUER, code_id=claims.new_code_id(), issued_at=now.replace(microsecond=0),
            expires_at=(now + dt.timedelta(days=claims.PAPER_DAYS)).replace(microsecond=0),
            kind="paper", name=slip_privacy.name(card.name), salt=salt,
            holder=claims.holder_hash(salt, id_number),
            group="elderly" if age >= 60 else "minor", colour="green")
        self.held[id_number] = made.code_id
        self.issued += 1
        return OfflineCode(code_id=made.code_id, text=envelope.seal(claims.to_cwt(made), self.key),
                           name=made.name, group=made.group.value, issued_at=made.issued_at,
                           expires_at=made.expires_at, replaced=replaced)

    def code_lists(self) -> CodeLists:
        now = self.clock()
        self.sequence += 1
        key = lists.TrustedKey(kid=algorithms.kid_text(self.key.kid), alg=self.key.alg,
                               public_key=base64.b64encode(self.public).decode(),
                               not_before=self.key_from,
                               not_after=self.key_from + dt.timedelta(days=400),
                               uses=(lists.Use.PAPER,), issuer=ISSUER)
        trust = lists.TrustList(sequence=self.sequence, issued_at=now, keys=(key,))
        revoked = lists.RevocationList(sequence=self.sequence, issued_at=now,
                                       revoked=frozenset(self.revoked))
        status = lists.StatusList(sequence=self.sequence, issued_at=now,
                                  salt=base64.b64encode(claims.new_salt()).decode())
        return CodeLists(trust=lists.sign_list(self.root, trust),
                         revocations=lists.sign_list(self.root, revoked),
                         status=lists.sign_list(self.root, status))


def sync(kiosk, when: dt.datetime) -> None:
    got = kiosk.platform.code_lists()
    for signed in (got.trust, got.revocations, got.status):
        assert kiosk.codes.accept(signed)
    kiosk.codes.mark_synced(when)
