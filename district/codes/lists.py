"""What a kiosk needs to verify codes alone, each list signed by the district's root key
(Ed25519, district/signing.py) and numbered so an older list never replaces a newer one:
the trust list (which keys may sign which codes, and when), the revocation list (codes
reissued or reported lost) and the status list (an ID card's colour, by a keyed hash of
its number, for the sentinel mode's card reads)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from enum import StrEnum
from typing import Annotated, Literal, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from district import signing
from district.codes.algorithms import Algorithm
from district.codes.claims import Colour

ROOT_KEY_FILE = "codes-root.key"  # the embedded platform's, in the data directory
ISSUER_KEY_FILE = "codes-issuer.key"
MAX_LIST_BYTES = 8 * 1024 * 1024

Base64 = Annotated[str, StringConstraints(max_length=4096, pattern=r"^[A-Za-z0-9+/=]*$")]


class Use(StrEnum):
    PAPER = "paper"  # printed offline codes
    PHONE = "phone"  # a phone's dynamic code
    DCC = "dcc"  # an EU Digital COVID Certificate


class _List(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    sequence: int = Field(ge=0)  # grows with every list the platform signs
    issued_at: dt.datetime


class TrustedKey(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kid: Base64  # 8 bytes in base64, as the code's header carries it
    alg: Algorithm
    public_key: Base64  # SubjectPublicKeyInfo DER, or SM2's uncompressed point
    not_before: dt.datetime
    not_after: dt.datetime
    uses: tuple[Use, ...] = Field(min_length=1)
    issuer: str = Field(default="", max_length=40)  # the iss its codes must carry, if any

    def public_bytes(self) -> bytes:
        return base64.b64decode(self.public_key)


class TrustList(_List):
    kind: Literal["trust_list"] = "trust_list"
    keys: tuple[TrustedKey, ...] = ()

    def key(self, kid: bytes) -> TrustedKey | None:
        text = base64.b64encode(kid).decode()
        return next((key for key in self.keys if key.kid == text), None)


class RevocationList(_List):
    kind: Literal["revocation_list"] = "revocation_list"
    revoked: frozenset[Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]] = \
        frozenset()  # code ids (cti)


class StatusList(_List):
    kind: Literal["status_list"] = "status_list"
    salt: Base64  # the list's own, so its hashes say nothing outside it
    colours: dict[Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")], Colour] = {}

    def colour(self, id_number: str) -> Colour | None:
        return self.colours.get(status_hash(base64.b64decode(self.salt), id_number))


def status_hash(salt: bytes, id_number: str) -> str:
    digest = hashlib.sha256(b"tongban/status\x00" + salt + id_number.strip().upper().encode())
    return digest.hexdigest()[:32]


class SignedList(BaseModel):
    """A list as the platform hands it out: its JSON, and the root key's signature over it
    (for the purpose named by its kind, so one kind cannot pass for another)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["trust_list", "revocation_list", "status_list"]
    body: str = Field(max_length=MAX_LIST_BYTES)
    signature: str = Field(max_length=200)


class ListError(Exception):
    """A list that is not the root key's, or not a list; `str()` says which and why."""


AnyList = TypeVar("AnyList", TrustList, RevocationList, StatusList)


def sign_list(root: Ed25519PrivateKey, content: TrustList | RevocationList | StatusList
              ) -> SignedList:
    body = content.model_dump_json()
    return SignedList(kind=content.kind, body=body,
                      signature=signing.sign(root, content.kind, body.encode()))


def open_list(root: Ed25519PublicKey, signed: SignedList, model: type[AnyList]) -> AnyList:
    kind = model.model_fields["kind"].default
    if signed.kind != kind:
        raise ListError(f"{signed.kind}: not a {kind}")
    if not signing.verify(root, kind, signed.body.encode(), signed.signature):
        raise ListError(f"{kind}: not signed by the root key this kiosk trusts")
    try:
        return model.model_validate(json.loads(signed.body))
    except (ValidationError, ValueError) as error:
        raise ListError(f"{kind}: signed but not a valid list ({error})") from None
