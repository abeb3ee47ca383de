"""The platform's public keys this kiosk trusts, each from its setting (a PEM file, relative
paths from the data directory) or, with the embedded platform, from its own key file in the
data directory: the signing key (`[maintenance] platform_key`: a technician's code, a
configuration file) and, through kiosk/codes/root_key.py, the root key of the code lists."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from district.signing import KEY_FILE, SigningKeyError, public_key, signing_key
from kiosk.config import Settings


def trusted_key(settings: Settings) -> Ed25519PublicKey:
    """Raises SigningKeyError (one line naming the file) when there is no usable key."""
    return configured_key(settings, settings.maintenance.platform_key, KEY_FILE,
                          "[maintenance] platform_key", "platform key")


def configured_key(settings: Settings, configured: str, embedded_file: str, setting: str,
                   what: str) -> Ed25519PublicKey:
    """The key named by a setting's value `configured`, else the embedded platform's own
    `embedded_file`; SigningKeyError names `setting` when neither can be had."""
    if configured:
        path = Path(configured)
        return public_key(path if path.is_absolute() else settings.data_dir / path)
    if settings.platform.kind == "embedded":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return signing_key(settings.data_dir / embedded_file).public_key()
    raise SigningKeyError(f"{setting}: not set; put the district's {what} (PEM) on the "
                          "kiosk and name it there")
