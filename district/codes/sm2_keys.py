"""An SM2 private key as a PEM file (PKCS#8, as `openssl genpkey -algorithm EC -pkeyopt
ec_paramgen_curve:SM2` writes it), so an issuer key can be kept like the others and moved to
or from OpenSSL. Framed by hand: cryptography refuses the curve (1.2.156.10197.1.301), and an
SM2 key's DER has one fixed layout, so a fixed frame is all it takes."""

from __future__ import annotations

import base64
import binascii

from district.codes import sm2

# PrivateKeyInfo { 0, { id-ecPublicKey, sm2p256v1 }, OCTET STRING { ECPrivateKey { 1, d, ... } } }
_HEAD_WITH_POINT = bytes.fromhex(
    "308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420")
_HEAD_WITHOUT_POINT = bytes.fromhex(
    "3041020100301306072a8648ce3d020106082a811ccf5501822d042730250201010420")
_POINT_TAG = bytes.fromhex("a144034200")  # [1] { BIT STRING { 04 || x || y } }
_BEGIN, _END = "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----"


def private_key_pem(key: sm2.PrivateKey) -> bytes:
    """The key as PKCS#8 PEM, with its public point (as OpenSSL writes it)."""
    if key.curve != sm2.SM2P256V1:
        raise ValueError("only an sm2p256v1 key has a PKCS#8 form here")
    der = _HEAD_WITH_POINT + key.to_bytes() + _POINT_TAG + sm2.public_point(key)
    body = base64.encodebytes(der).decode().replace("\n", "")
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "\n".join([_BEGIN, *lines, _END, ""]).encode()


def load_private_key_pem(data: bytes) -> sm2.PrivateKey:
    """The SM2 key in PKCS#8 PEM `data`; ValueError saying what is wrong otherwise."""
    try:
        text = data.decode("ascii").strip()
    except UnicodeDecodeError:
        raise ValueError("not a PEM file (it is not ASCII text)") from None
    if not (text.startswith(_BEGIN) and text.endswith(_END)):
        raise ValueError(f"not a PKCS#8 PEM private key (no {_BEGIN} ... {_END})")
    try:
        der = base64.b64decode("".join(text[len(_BEGIN):-len(_END)].split()), validate=True)
    except binascii.Error:
        raise ValueError("the PEM body is not base64") from None
    for head in (_HEAD_WITH_POINT, _HEAD_WITHOUT_POINT):
        if der.startswith(head):
            scalar, rest = der[len(head):len(head) + 32], der[len(head) + 32:]
            break
    else:
        raise ValueError("not an SM2 (sm2p256v1) private key")
    if len(scalar) != 32:
        raise ValueError("the SM2 private key is cut short")
    key = sm2.PrivateKey.from_bytes(scalar)  # ValueError when d is out of range
    if head is _HEAD_WITH_POINT and rest != _POINT_TAG + sm2.public_point(key):
        raise ValueError("the key's public point does not belong to its private key")
    if head is _HEAD_WITHOUT_POINT and rest:
        raise ValueError("unexpected bytes after the SM2 private key")
    return key
