"""SM2 signatures (GB/T 32918.2) over SM3 (GB/T 32905) on sm2p256v1 (GB/T 32918.5).
Hand-written curve arithmetic: `cryptography` has SM3 but not SM2, and the PyPI packages fall
short (gmssl draws k from `random` and checks neither r, s nor the point; gmalg is one
author's pure-Python affine code with its own SM3). SM3 itself is OpenSSL's, via cryptography.

Signing takes k from `secrets` and computes [k]G with a Montgomery ladder over a scalar of
fixed length, so the steps it takes do not depend on k; (1 + d)^-1 is computed once a key.
Python's integers are still not constant-time, so signing belongs at the issuer (the
district's server, or the embedded platform's own process), not in reach of a close timer.
Verification handles public data only and uses Shamir's trick for [s]G + [t]P."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from functools import cached_property

from cryptography.hazmat.primitives import hashes

DEFAULT_USER_ID = b"1234567812345678"  # GB/T 35276's default signer id, as OpenSSL's


@dataclass(frozen=True)
class Curve:
    """A short Weierstrass curve y^2 = x^3 + ax + b over GF(p), with base point G of order n
    (cofactor 1, as both curves SM2 uses)."""

    p: int
    a: int
    b: int
    gx: int
    gy: int
    n: int

    @property
    def size(self) -> int:
        return (self.p.bit_length() + 7) // 8

    def on_curve(self, x: int, y: int) -> bool:
        p = self.p
        return 0 <= x < p and 0 <= y < p and (y * y - (x * x * x + self.a * x + self.b)) % p == 0


SM2P256V1 = Curve(
    p=0xFFFFFFFE_FFFFFFFF_FFFFFFFF_FFFFFFFF_FFFFFFFF_00000000_FFFFFFFF_FFFFFFFF,
    a=0xFFFFFFFE_FFFFFFFF_FFFFFFFF_FFFFFFFF_FFFFFFFF_00000000_FFFFFFFF_FFFFFFFC,
    b=0x28E9FA9E_9D9F5E34_4D5A9E4B_CF6509A7_F39789F5_15AB8F92_DDBCBD41_4D940E93,
    gx=0x32C4AE2C_1F198119_5F990446_6A39C994_8FE30BBF_F2660BE1_715A4589_334C74C7,
    gy=0xBC3736A2_F4F6779C_59BDCEE3_6B692153_D0A9877C_C62A4740_02DF32E5_2139F0A0,
    n=0xFFFFFFFE_FFFFFFFF_FFFFFFFF_FFFFFFFF_7203DF6B_21C6052B_53BBF409_39D54123,
)


@dataclass(frozen=True, repr=False)
class PrivateKey:
    """An SM2 private key d, 1 <= d <= n - 2 (d + 1 must be invertible mod n)."""

    scalar: int
    curve: Curve = field(default=SM2P256V1)

    def __post_init__(self) -> None:
        if not 1 <= self.scalar <= self.curve.n - 2:
            raise ValueError("an SM2 private key must lie in [1, n - 2]")

    def __repr__(self) -> str:
        return "sm2.PrivateKey(<hidden>)"

    def to_bytes(self) -> bytes:
        return self.scalar.to_bytes(self.curve.size, "big")

    @cached_property
    def point(self) -> tuple[int, int]:
        """The public key (x, y) = [d]G, computed once."""
        return _base_multiply(self.curve, self.scalar)

    @cached_property
    def inverse(self) -> int:
        """(1 + d)^-1 mod n, the factor of every signature's s, computed once."""
        return pow(1 + self.scalar, -1, self.curve.n)

    @classmethod
    def from_bytes(cls, data: bytes, curve: Curve = SM2P256V1) -> PrivateKey:
        if len(data) != curve.size:
            raise ValueError(f"an SM2 private key is {curve.size} bytes, not {len(data)}")
        return cls(int.from_bytes(data, "big"), curve)


def sm3(data: bytes) -> bytes:
    """The SM3 digest of `data` (32 bytes)."""
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


# --- points: Jacobian (X, Y, Z) stands for (X/Z^2, Y/Z^3); Z == 0 is the point at infinity

_INFINITY = (1, 1, 0)
Jacobian = tuple[int, int, int]


def _double(c: Curve, pt: Jacobian) -> Jacobian:
    x, y, z = pt
    if z == 0 or y == 0:
        return _INFINITY
    p = c.p
    yy = y * y % p
    s = 4 * x * yy % p
    zz = z * z % p
    # M = 3x^2 + az^4; with a = -3, as on sm2p256v1, that is 3(x - z^2)(x + z^2)
    m = 3 * (x - zz) * (x + zz) % p if c.a == p - 3 else (3 * x * x + c.a * zz * zz) % p
    x3 = (m * m - 2 * s) % p
    y3 = (m * (s - x3) - 8 * yy * yy) % p
    return x3, y3, 2 * y * z % p


def _add(c: Curve, p1: Jacobian, p2: Jacobian) -> Jacobian:
    x1, y1, z1 = p1
    x2, y2, z2 = p2
    if z1 == 0:
        return p2
    if z2 == 0:
        return p1
    p = c.p
    z1z1 = z1 * z1 % p
    u2, s2 = x2 * z1z1 % p, y2 * z1 * z1z1 % p
    if z2 == 1:  # an affine point (G, a public key): the common case, four products fewer
        u1, s1 = x1, y1
    else:
        z2z2 = z2 * z2 % p
        u1, s1 = x1 * z2z2 % p, y1 * z2 * z2z2 % p
    if u1 == u2:
        return _double(c, p1) if s1 == s2 else _INFINITY
    h, r = (u2 - u1) % p, (s2 - s1) % p
    hh = h * h % p
    hhh = h * hh % p
    v = u1 * hh % p
    x3 = (r * r - hhh - 2 * v) % p
    y3 = (r * (v - x3) - s1 * hhh) % p
    return x3, y3, h * z1 * z2 % p


def _normal(c: Curve, pt: Jacobian) -> Jacobian:
    """The same point with Z = 1 (or infinity), so adding it is the cheaper mixed case."""
    xy = _affine(c, pt)
    return _INFINITY if xy is None else (*xy, 1)


def _affine(c: Curve, pt: Jacobian) -> tuple[int, int] | None:
    x, y, z = pt
    if z == 0:
        return None
    zi = pow(z, -1, c.p)
    zi2 = zi * zi % c.p
    return x * zi2 % c.p, y * zi2 * zi % c.p


def _multiply(c: Curve, k: int, x: int, y: int) -> tuple[int, int] | None:
    """[k](x, y) by double-and-add (public scalars only)."""
    acc, base = _INFINITY, (x, y, 1)
    for bit in bin(k)[2:]:
        acc = _double(c, acc)
        if bit == "1":
            acc = _add(c, acc, base)
    return _affine(c, acc)


def _base_multiply(c: Curve, k: int) -> tuple[int, int]:
    """[k]G for a secret 1 <= k < n: a Montgomery ladder (one addition and one doubling a
    bit) over k + n or k + 2n, whichever has one bit more than n, so that every k takes the
    same number of steps ([n]G is infinity, so the sum is the same point)."""
    if not 1 <= k < c.n:
        raise ValueError("a secret scalar must lie in [1, n - 1]")
    bits = c.n.bit_length() + 1
    fixed = k + c.n if (k + c.n).bit_length() == bits else k + 2 * c.n
    low, high = (c.gx, c.gy, 1), _double(c, (c.gx, c.gy, 1))  # the top bit is always 1
    for i in range(bits - 2, -1, -1):
        if (fixed >> i) & 1:
            low, high = _add(c, low, high), _double(c, high)
        else:
            low, high = _double(c, low), _add(c, low, high)
    point = _affine(c, low)
    assert point is not None  # 1 <= k < n, so [k]G is never infinity
    return point


def _two_multiply(c: Curve, k1: int, q1: Jacobian, k2: int, q2: Jacobian) -> tuple[int, int] | None:
    """[k1]Q1 + [k2]Q2 in one pass over the bits (Shamir's trick)."""
    both = _normal(c, _add(c, q1, q2))
    acc = _INFINITY
    for i in range(max(k1.bit_length(), k2.bit_length()) - 1, -1, -1):
        acc = _double(c, acc)
        b1, b2 = (k1 >> i) & 1, (k2 >> i) & 1
        if b1 and b2:
            acc = _add(c, acc, both)
        elif b1:
            acc = _add(c, acc, q1)
        elif b2:
            acc = _add(c, acc, q2)
    return _affine(c, acc)


def decode_point(data: bytes, curve: Curve = SM2P256V1) -> tuple[int, int] | None:
    """(x, y) from 04 || x || y, or None unless it is exactly that and on the curve."""
    size = curve.size
    if not isinstance(data, bytes | bytearray) or len(data) != 1 + 2 * size or data[0] != 4:
        return None
    x = int.from_bytes(data[1:1 + size], "big")
    y = int.from_bytes(data[1 + size:], "big")
    return (x, y) if curve.on_curve(x, y) else None


def _encode_point(curve: Curve, x: int, y: int) -> bytes:
    return b"\x04" + x.to_bytes(curve.size, "big") + y.to_bytes(curve.size, "big")


# --- the signature scheme, GB/T 32918.2 sections 5.5, 6 and 7

def user_digest(point: tuple[int, int], user_id: bytes = DEFAULT_USER_ID,
                curve: Curve = SM2P256V1) -> bytes:
    """Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA), ENTL the id's length in bits."""
    bits = len(user_id) * 8
    if bits > 0xFFFF:
        raise ValueError("an SM2 user id is at most 8191 bytes")
    size = curve.size
    parts = (curve.a, curve.b, curve.gx, curve.gy, *point)
    return sm3(bits.to_bytes(2, "big") + user_id
               + b"".join(v.to_bytes(size, "big") for v in parts))


def message_digest(point: tuple[int, int], message: bytes, user_id: bytes = DEFAULT_USER_ID,
                   curve: Curve = SM2P256V1) -> int:
    """e = SM3(Z || M) as an integer."""
    return int.from_bytes(sm3(user_digest(point, user_id, curve) + message), "big")


def generate(curve: Curve = SM2P256V1) -> PrivateKey:
    """A fresh private key, d uniform in [1, n - 2]."""
    return PrivateKey(secrets.randbelow(curve.n - 2) + 1, curve)


def public_point(private: PrivateKey) -> bytes:
    """The public key as 04 || x || y."""
    return _encode_point(private.curve, *private.point)


def sign_with_nonce(private: PrivateKey, message: bytes, k: int,
                    user_id: bytes = DEFAULT_USER_ID) -> bytes | None:
    """r || s with the given k, or None if that k does not give a signature. Only for the
    standards' worked examples: a real signature takes a fresh secret k (`sign`)."""
    c, d = private.curve, private.scalar
    e = message_digest(private.point, message, user_id, c)
    if not 1 <= k <= c.n - 1:
        return None
    r = (e + _base_multiply(c, k)[0]) % c.n
    if r == 0 or r + k == c.n:
        return None
    s = private.inverse * (k - r * d) % c.n
    if s == 0:
        return None
    return r.to_bytes(c.size, "big") + s.to_bytes(c.size, "big")


def sign(private: PrivateKey, message: bytes, user_id: bytes = DEFAULT_USER_ID) -> bytes:
    """r || s (64 bytes on sm2p256v1) over `message`, k drawn from `secrets`."""
    while True:
        signature = sign_with_nonce(private, message, secrets.randbelow(private.curve.n - 1) + 1,
                                    user_id)
        if signature is not None:
            return signature


def verify(public: bytes, message: bytes, signature: bytes, user_id: bytes = DEFAULT_USER_ID,
           curve: Curve = SM2P256V1) -> bool:
    """Whether `signature` (r || s) over `message` is the holder of `public`'s (04 || x || y).
    Never raises: a point off the curve, r or s out of [1, n - 1], or any other bytes is
    simply not valid."""
    point = decode_point(public, curve)
    size, n = curve.size, curve.n
    if point is None or not isinstance(message, bytes | bytearray) or \
            not isinstance(signature, bytes | bytearray) or len(signature) != 2 * size or \
            not isinstance(user_id, bytes) or len(user_id) > 8191:
        return False
    r = int.from_bytes(signature[:size], "big")
    s = int.from_bytes(signature[size:], "big")
    if not (1 <= r < n and 1 <= s < n):
        return False
    t = (r + s) % n
    if t == 0:
        return False
    e = message_digest(point, bytes(message), user_id, curve)
    total = _two_multiply(curve, s, (curve.gx, curve.gy, 1), t, (*point, 1))
    return total is not None and (e + total[0]) % n == r
