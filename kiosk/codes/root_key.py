"""The district's root key this kiosk trusts for the trust, revocation and status lists:
`[codes] root_key` (a PEM file, relative paths from the data directory), or with the
embedded platform its own root key in the data directory."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from district.codes.lists import ROOT_KEY_FILE
from district.signing import SigningKeyError, public_key, signing_key
from kiosk.config import Settings


def root_key(settings: Settings) -> Ed25519PublicKey:
    """Raises SigningKeyError (one line naming the file) when there is no usable key."""
    if settings.codes.root_key:
        path = Path(settings.codes.root_key)
        return public_key(path if path.is_absolute() else settings.data_dir / path)
    if settings.platform.kind == "embedded":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return signing_key(settings.data_dir / ROOT_KEY_FILE).public_key()
    raise SigningKeyError("[codes] root_key: not set; put the district's root key (PEM) on "
                          "the kiosk and name it there")
