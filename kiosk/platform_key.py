"""The platform's public key this kiosk trusts, for what the platform signs (a technician's
code, a configuration file): `[maintenance] platform_key` (a PEM file, relative paths from
the data directory), or with the embedded platform its own key in the data directory."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from district.signing import KEY_FILE, SigningKeyError, public_key, signing_key
from kiosk.config import Settings


def trusted_key(settings: Settings) -> Ed25519PublicKey:
    """Raises SigningKeyError (one line naming the file) when there is no usable key."""
    if settings.maintenance.platform_key:
        path = Path(settings.maintenance.platform_key)
        return public_key(path if path.is_absolute() else settings.data_dir / path)
    if settings.platform.kind == "embedded":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return signing_key(settings.data_dir / KEY_FILE).public_key()
    raise SigningKeyError("[maintenance] platform_key: not set; put the district's platform "
                          "key (PEM) on the kiosk and name it there")
