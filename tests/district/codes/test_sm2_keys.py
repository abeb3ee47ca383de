"""An SM2 key as a PKCS#8 PEM file: our own round trip, OpenSSL's files read here and ours
read by OpenSSL (a real `openssl` subprocess), and every kind of bad file a clear ValueError."""

from __future__ import annotations

import base64
import dataclasses
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from district.codes import sm2
from district.codes.algorithms import Algorithm
from district.codes.keys import issuer_key
from district.codes.sm2_keys import load_private_key_pem, private_key_pem
from district.signing import SigningKeyError

OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="no openssl command here")
SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d034200")


def openssl(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([OPENSSL, *args], capture_output=True, timeout=60, check=False)


def pem_of(der: bytes) -> bytes:
    body = base64.b64encode(der).decode()
    return f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n".encode()


def der_of(pem: bytes) -> bytes:
    return base64.b64decode("".join(pem.decode().splitlines()[1:-1]))


def test_round_trip():
    key = sm2.generate()
    pem = private_key_pem(key)
    assert pem.startswith(b"-----BEGIN PRIVATE KEY-----\n")
    assert max(len(line) for line in pem.splitlines()) <= 64
    assert load_private_key_pem(pem) == key


@needs_openssl
def test_an_openssl_key_is_read_here(tmp_path):
    path = tmp_path / "issuer.pem"
    assert openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2",
                   "-out", str(path)).returncode == 0
    key = load_private_key_pem(path.read_bytes())
    spki = openssl("pkey", "-in", str(path), "-pubout", "-outform", "DER").stdout
    assert spki == SPKI_PREFIX + sm2.public_point(key)


@needs_openssl
def test_our_key_is_read_and_used_by_openssl(tmp_path):
    key = sm2.generate()
    path, message = tmp_path / "issuer.pem", tmp_path / "message"
    path.write_bytes(private_key_pem(key))
    message.write_bytes(b"a paper code's Sig_structure")
    assert openssl("pkey", "-in", str(path), "-pubout", "-outform", "DER").stdout == (
        SPKI_PREFIX + sm2.public_point(key))
    signed = openssl("pkeyutl", "-sign", "-inkey", str(path), "-rawin", "-digest", "sm3",
                     "-pkeyopt", "distid:1234567812345678", "-in", str(message))
    assert signed.returncode == 0, signed.stderr
    r, s = decode_dss_signature(signed.stdout)
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    assert sm2.verify(sm2.public_point(key), message.read_bytes(), signature)


def test_the_form_without_a_public_point_is_read():
    key = sm2.generate()
    der = bytes.fromhex("3041020100301306072a8648ce3d020106082a811ccf5501822d04273025020101"
                        "0420") + key.to_bytes()
    assert load_private_key_pem(pem_of(der)) == key


def test_bad_files_are_clear_value_errors():
    key = sm2.generate()
    good = der_of(private_key_pem(key))
    other = sm2.public_point(sm2.generate())
    p256 = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    cases = {
        "not ASCII": "王".encode() * 10,
        "no -----BEGIN": b"hello",
        "not base64": b"-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----",
        "not an SM2": p256,
        "cut short": pem_of(good[:50]),
        "does not belong": pem_of(good[:-65] + other),
        "lie in": pem_of(good[:36] + bytes(32) + good[68:]),  # d = 0
        "unexpected bytes": pem_of(bytes.fromhex(
            "3041020100301306072a8648ce3d020106082a811ccf5501822d042730250201010420")
            + key.to_bytes() + b"\x00"),
    }
    for words, data in cases.items():
        with pytest.raises(ValueError, match=words):
            load_private_key_pem(data)


def test_only_the_recommended_curve_is_written():
    another = dataclasses.replace(sm2.SM2P256V1, b=7)
    with pytest.raises(ValueError, match="sm2p256v1"):
        private_key_pem(sm2.PrivateKey(5, another))


def test_an_sm2_issuer_key_is_made_once_and_kept(tmp_path):
    path = tmp_path / "codes-issuer.key"
    made = issuer_key(path, Algorithm.SM2)
    assert made.alg == Algorithm.SM2 and path.stat().st_mode & 0o777 == 0o600
    again = issuer_key(path)  # the file's own algorithm, whatever is asked
    assert again.alg == Algorithm.SM2 and again.kid == made.kid
    assert again.private == made.private


@needs_openssl
def test_an_openssl_sm2_key_serves_as_the_issuer_key(tmp_path):
    path = tmp_path / "codes-issuer.key"
    assert openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2",
                   "-out", str(path)).returncode == 0
    key = issuer_key(path)
    assert key.alg == Algorithm.SM2
    assert sm2.verify(key.public_bytes(), b"m", sm2.sign(key.private, b"m"))


def test_a_damaged_sm2_issuer_key_is_one_clear_error(tmp_path):
    path = tmp_path / "codes-issuer.key"
    der = der_of(private_key_pem(sm2.generate()))
    path.write_bytes(pem_of(der[:-65] + sm2.public_point(sm2.generate())))
    with pytest.raises(SigningKeyError, match=r"codes-issuer\.key: not a usable issuer key"):
        issuer_key(path)
