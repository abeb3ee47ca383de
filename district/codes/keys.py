"""The two keys of a platform that issues offline codes, as files in one directory: the root
key (`codes-root.key`, Ed25519, district/signing.py) signs the lists kiosks trust; the issuer
key (`codes-issuer.key`, PEM PKCS#8, ES256 unless the file holds another) signs the codes.
Each is made there on first use, 0600, by `district/once.py`; a kiosk holds only the root's
public half (`[codes] root_key`)."""

from __future__ import annotations

import threading
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from district.codes import sm2, sm2_keys
from district.codes.algorithms import (
    Algorithm,
    SigningKey,
    algorithm_of,
    generate,
    key_id,
    public_bytes,
)
from district.codes.lists import ISSUER_KEY_FILE, ROOT_KEY_FILE
from district.once import write_once
from district.signing import SigningKeyError, public_pem, signing_key

DEFAULT_ALGORITHM = Algorithm.ES256  # the DCC's usual choice


def issuer_key(path: Path, alg: Algorithm = DEFAULT_ALGORITHM) -> SigningKey:
    """The issuer key in `path`, made there first (0600) with `alg` if there is none; its
    algorithm is the key's own (an EC P-256 key is ES256, Ed25519 EdDSA, RSA PS256,
    one on SM2's curve SM2)."""
    if not path.exists():
        write_once(path, _new_key_pem(alg))
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except UnsupportedAlgorithm:  # cryptography knows no SM2 curve: sm2_keys reads it
        return _sm2_issuer_key(path)
    except (OSError, ValueError, TypeError) as error:
        raise SigningKeyError(f"{path}: not a usable issuer key ({error}); restore it from "
                              "the platform's backup") from None
    found = algorithm_of(private.public_key())
    if found is None:
        raise SigningKeyError(f"{path}: an issuer key must be EC P-256, Ed25519 or RSA")
    return SigningKey(found, key_id(public_bytes(found, private)), private)


def _new_key_pem(alg: Algorithm) -> bytes:
    if alg == Algorithm.SM2:
        return sm2_keys.private_key_pem(sm2.generate())
    return generate(alg).private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption())


def _sm2_issuer_key(path: Path) -> SigningKey:
    try:
        private = sm2_keys.load_private_key_pem(path.read_bytes())
    except (OSError, ValueError) as error:
        raise SigningKeyError(f"{path}: not a usable issuer key ({error}); restore it from "
                              "the platform's backup") from None
    return SigningKey(Algorithm.SM2, key_id(sm2.public_point(private)), private)


class CodeKeys:
    """The keys in `directory`, read once each (thread-safe), made on first use."""

    def __init__(self, directory: Path, alg: Algorithm = DEFAULT_ALGORITHM) -> None:
        self.directory, self.alg = directory, alg
        self._guard = threading.Lock()
        self._root: Ed25519PrivateKey | None = None
        self._issuer: SigningKey | None = None

    def root(self) -> Ed25519PrivateKey:
        with self._guard:
            if self._root is None:
                self._make_directory()
                self._root = signing_key(self.directory / ROOT_KEY_FILE)
            return self._root

    def issuer(self) -> SigningKey:
        with self._guard:
            if self._issuer is None:
                self._make_directory()
                self._issuer = issuer_key(self.directory / ISSUER_KEY_FILE, self.alg)
            return self._issuer

    def root_public_pem(self) -> str:
        """What a district puts on its kiosks as `[codes] root_key`."""
        return public_pem(self.root())

    def _make_directory(self) -> None:
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise SigningKeyError(f"{self.directory}: cannot make the keys directory "
                                  f"({error.strerror or error})") from None
