"""The platform's signing key (district/signing.py) in real files: made once, 0600, kept;
a signature holds only for its own purpose and bytes; damaged keys are one line naming the
file."""

from __future__ import annotations

import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from district.signing import (
    SigningKeyError,
    public_key,
    public_pem,
    sign,
    signing_key,
    verify,
)


def test_the_key_is_made_once_readable_by_this_user_alone_and_kept(tmp_path):
    path = tmp_path / "platform-signing.key"
    first = signing_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert public_pem(signing_key(path)) == public_pem(first)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no scratch file left


def test_a_signature_holds_for_its_purpose_and_bytes_only(tmp_path):
    key = signing_key(tmp_path / "k")
    (tmp_path / "k.pub").write_text(public_pem(key))
    trusted = public_key(tmp_path / "k.pub")
    signature = sign(key, "config", b"[display]\nmode = \"large\"\n")
    assert verify(trusted, "config", b"[display]\nmode = \"large\"\n", signature)
    assert not verify(trusted, "technician", b"[display]\nmode = \"large\"\n", signature)
    assert not verify(trusted, "config", b"[display]\nmode = \"huge\"\n", signature)
    foreign = sign(Ed25519PrivateKey.generate(), "config", b"x")
    assert not verify(trusted, "config", b"x", foreign)
    for garbage in ("", "%%%", "A" * 500, signature[:-2]):
        assert not verify(trusted, "config", b"[display]\nmode = \"large\"\n", garbage)


def test_a_damaged_key_file_names_itself(tmp_path):
    path = tmp_path / "platform-signing.key"
    path.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n")
    with pytest.raises(SigningKeyError, match=str(path)):
        signing_key(path)
    with pytest.raises(SigningKeyError, match="not a public key"):
        public_key(path)
    with pytest.raises(SigningKeyError, match="not a public key"):
        public_key(tmp_path / "missing.pem")
