"""The district's root key this kiosk trusts for the trust, revocation and status lists:
`[codes] root_key` (a PEM file, relative paths from the data directory), or with the
embedded platform its own root key in the data directory."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from district.codes.lists import ROOT_KEY_FILE
from kiosk.config import Settings
from kiosk.platform_key import configured_key


def root_key(settings: Settings) -> Ed25519PublicKey:
    """Raises SigningKeyError (one line naming the file) when there is no usable key."""
    return configured_key(settings, settings.codes.root_key, ROOT_KEY_FILE,
                          "[codes] root_key", "root key")
