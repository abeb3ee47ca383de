"""SM3 and SM2 against the standards' worked examples, against OpenSSL's own SM2 (a real
`openssl` subprocess, on the recommended curve with the default user id), and hostile input:
`verify` answers False, never raises.

Where the numbers come from:
- SM3: GB/T 32905-2016, Appendix A, examples 1 ("abc") and 2 ("abcd" x 16).
- SM2: GB/T 32918.2-2016, Appendix A.2 (the same example as GM/T 0003.2-2012 and
  draft-shen-sm2-ecdsa-02 Appendix A.2): the 256-bit test curve over Fp of A.1, private key
  dA, user id ALICE123@YAHOO.COM, message "message digest", the given k, and the printed
  public key, Z_A, e, r and s. Each number was copied from the annex as quoted in GmSSL's
  Go test (sm2test) and cross-checked here by computing it.
- SM2 on the recommended curve: GM/T 0003.5-2012 (GB/T 32918.5) Appendix A, the signature
  example with the default id 1234567812345678 (also in OpenSSL's test/sm2_internal_test.c):
  private key, k, public key, Z, e, r, s; quoted alike by several independent SM2 libraries'
  tests, and the same as our code computes.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from district.codes import sm2

# GB/T 32918.2-2016 Appendix A.1: the test curve (not the recommended one).
ANNEX_CURVE = sm2.Curve(
    p=0x8542D69E_4C044F18_E8B92435_BF6FF7DE_45728391_5C45517D_722EDB8B_08F1DFC3,
    a=0x787968B4_FA32C3FD_2417842E_73BBFEFF_2F3C848B_6831D7E0_EC65228B_3937E498,
    b=0x63E4C6D3_B23B0C84_9CF84241_484BFE48_F61D59A5_B16BA06E_6E12D1DA_27C5249A,
    gx=0x421DEBD6_1B62EAB6_746434EB_C3CC315E_32220B3B_ADD50BDC_4C4E6C14_7FEDD43D,
    gy=0x0680512B_CBB42C07_D47349D2_153B70C4_E5D7FDFC_BFA36EA1_A85841B9_E46E09A2,
    n=0x8542D69E_4C044F18_E8B92435_BF6FF7DD_29772063_0485628D_5AE74EE7_C32E79B7,
)
# Appendix A.2: the signer, the message and the nonce, then what the annex prints.
ANNEX_ID = b"ALICE123@YAHOO.COM"
ANNEX_MESSAGE = b"message digest"
ANNEX_D = 0x128B2FA8_BD433C6C_068C8D80_3DFF7979_2A519A55_171B1B65_0C23661D_15897263
ANNEX_K = 0x6CB28D99_385C175C_94F94E93_4817663F_C176D925_DD72B727_260DBAAE_1FB2F96F
ANNEX_XA = 0x0AE4C779_8AA0F119_471BEE11_825BE462_02BB79E2_A5844495_E97C04FF_4DF2548A
ANNEX_YA = 0x7C0240F8_8F1CD4E1_6352A73C_17B7F16F_07353E53_A176D684_A9FE0C6B_B798E857
ANNEX_Z = "F4A38489E32B45B6F876E3AC2168CA392362DC8F23459C1D1146FC3DBFB7BC9A"
ANNEX_E = 0xB524F552_CD82B8B0_28476E00_5C377FB1_9A87E6FC_682D48BB_5D42E3D9_B9EFFE76
ANNEX_R = 0x40F1EC59_F793D9F4_9E09DCEF_49130D41_94F79FB1_EED2CAA5_5BACDB49_C4E755D1
ANNEX_S = 0x6FC6DAC3_2C5D5CF1_0C77DFB2_0F7C2EB6_67A45787_2FB09EC5_6327A67E_C7DEEBE7

# The SubjectPublicKeyInfo header for an SM2 point: id-ecPublicKey, curve 1.2.156.10197.1.301.
SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a811ccf5501822d034200")


def annex_key() -> sm2.PrivateKey:
    return sm2.PrivateKey(ANNEX_D, ANNEX_CURVE)


def flip(data: bytes, bit: int) -> bytes:
    changed = bytearray(data)
    changed[bit // 8] ^= 1 << (bit % 8)
    return bytes(changed)


# --- SM3, GB/T 32905-2016 Appendix A

def test_sm3_example_1_abc():
    assert sm2.sm3(b"abc").hex() == (
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")


def test_sm3_example_2_sixty_four_bytes():
    assert sm2.sm3(b"abcd" * 16).hex() == (
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")


# --- SM2, GB/T 32918.2-2016 Appendix A.2, step by step

def test_annex_curve_and_public_key():
    curve = ANNEX_CURVE
    assert curve.on_curve(curve.gx, curve.gy)
    assert annex_key().point == (ANNEX_XA, ANNEX_YA)


def test_annex_z_and_e():
    point = (ANNEX_XA, ANNEX_YA)
    assert sm2.user_digest(point, ANNEX_ID, ANNEX_CURVE).hex().upper() == ANNEX_Z
    assert sm2.message_digest(point, ANNEX_MESSAGE, ANNEX_ID, ANNEX_CURVE) == ANNEX_E


def test_annex_signature_with_its_k():
    signature = sm2.sign_with_nonce(annex_key(), ANNEX_MESSAGE, ANNEX_K, ANNEX_ID)
    assert signature == ANNEX_R.to_bytes(32, "big") + ANNEX_S.to_bytes(32, "big")


def test_annex_signature_verifies_and_only_for_its_id_and_message():
    public = sm2.public_point(annex_key())
    signature = ANNEX_R.to_bytes(32, "big") + ANNEX_S.to_bytes(32, "big")
    assert sm2.verify(public, ANNEX_MESSAGE, signature, ANNEX_ID, ANNEX_CURVE)
    assert not sm2.verify(public, ANNEX_MESSAGE, signature, sm2.DEFAULT_USER_ID, ANNEX_CURVE)
    assert not sm2.verify(public, b"message digesT", signature, ANNEX_ID, ANNEX_CURVE)
    # the same bytes mean nothing on the recommended curve (the point is not on it)
    assert not sm2.verify(public, ANNEX_MESSAGE, signature, ANNEX_ID)


def test_the_annex_signature_with_s_plus_n_is_refused():
    # the same residue mod n (it would check out without the range test): not malleable
    public = sm2.public_point(annex_key())
    assert ANNEX_S + ANNEX_CURVE.n < 2**256
    raw = ANNEX_R.to_bytes(32, "big") + (ANNEX_S + ANNEX_CURVE.n).to_bytes(32, "big")
    assert not sm2.verify(public, ANNEX_MESSAGE, raw, ANNEX_ID, ANNEX_CURVE)


def test_a_fresh_k_gives_another_signature_that_verifies():
    key = annex_key()
    first = sm2.sign(key, ANNEX_MESSAGE, ANNEX_ID)
    second = sm2.sign(key, ANNEX_MESSAGE, ANNEX_ID)
    assert first != second
    public = sm2.public_point(key)
    assert sm2.verify(public, ANNEX_MESSAGE, first, ANNEX_ID, ANNEX_CURVE)
    assert sm2.verify(public, ANNEX_MESSAGE, second, ANNEX_ID, ANNEX_CURVE)


def test_a_nonce_out_of_range_gives_no_signature():
    key = annex_key()
    assert sm2.sign_with_nonce(key, ANNEX_MESSAGE, 0, ANNEX_ID) is None
    assert sm2.sign_with_nonce(key, ANNEX_MESSAGE, ANNEX_CURVE.n, ANNEX_ID) is None


# --- the recommended curve, sm2p256v1 (GB/T 32918.5)

# GM/T 0003.5-2012 Appendix A: the example signature on sm2p256v1 with the default user id.
P5_D = 0x3945208F_7B2144B1_3F36E38A_C6D39F95_88939369_2860B51A_42FB81EF_4DF7C5B8
P5_K = 0x59276E27_D506861A_16680F3A_D9C02DCC_EF3CC1FA_3CDBE4CE_6D54B80D_EAC1BC21
P5_PUBLIC = ("04"
             "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
             "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13")
P5_Z = "B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3"
P5_E = 0xF0B43E94_BA45ACCA_ACE692ED_534382EB_17E6AB5A_19CE7B31_F4486FDF_C0D28640
P5_SIGNATURE = ("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
                "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA")


def test_recommended_curve_example_step_by_step():
    key = sm2.PrivateKey(P5_D)
    public = sm2.public_point(key)
    assert public.hex().upper() == P5_PUBLIC
    assert sm2.user_digest(key.point).hex().upper() == P5_Z  # the default id
    assert sm2.message_digest(key.point, ANNEX_MESSAGE) == P5_E
    signature = sm2.sign_with_nonce(key, ANNEX_MESSAGE, P5_K)
    assert signature.hex().upper() == P5_SIGNATURE
    assert sm2.verify(public, ANNEX_MESSAGE, signature)
    assert not sm2.verify(public, ANNEX_MESSAGE, signature, user_id=ANNEX_ID)


def test_recommended_generator_is_on_the_curve_with_order_n():
    c = sm2.SM2P256V1
    assert c.on_curve(c.gx, c.gy)
    assert sm2._multiply(c, c.n, c.gx, c.gy) is None  # [n]G is the point at infinity
    assert sm2._multiply(c, c.n - 1, c.gx, c.gy) == (c.gx, c.p - c.gy)  # [n-1]G = -G


@pytest.mark.parametrize("curve", [sm2.SM2P256V1, ANNEX_CURVE], ids=["sm2p256v1", "annex"])
def test_signing_ladder_agrees_with_double_and_add(curve):
    n = curve.n
    # both of the ladder's paths: k + n one bit longer than n (large k), or k + 2n (small k)
    assert (1 + n).bit_length() == n.bit_length() and (2 * n - 1).bit_length() > n.bit_length()
    for k in (1, 2, 3, n // 2, n - 2, n - 1, *(sm2.generate(curve).scalar for _ in range(5))):
        assert sm2._base_multiply(curve, k) == sm2._multiply(curve, k, curve.gx, curve.gy), k
    for bad in (0, n):
        with pytest.raises(ValueError, match="secret scalar"):
            sm2._base_multiply(curve, bad)


def test_private_keys_in_range_and_round_trip():
    key = sm2.generate()
    assert 1 <= key.scalar <= sm2.SM2P256V1.n - 2
    assert sm2.PrivateKey.from_bytes(key.to_bytes()) == key
    assert "hidden" in repr(key) and str(key.scalar) not in repr(key)
    for bad in (0, sm2.SM2P256V1.n - 1, sm2.SM2P256V1.n):
        with pytest.raises(ValueError, match="n - 2"):
            sm2.PrivateKey(bad)
    with pytest.raises(ValueError, match="32 bytes"):
        sm2.PrivateKey.from_bytes(b"\x01" * 31)


@settings(max_examples=25, deadline=None)
@given(st.binary(max_size=600), st.integers(min_value=0, max_value=511))
def test_sign_verify_round_trip_and_any_flipped_bit_fails(message, bit):
    key = sm2.generate()
    public = sm2.public_point(key)
    signature = sm2.sign(key, message)
    assert len(public) == 65 and len(signature) == 64
    assert sm2.verify(public, message, signature)
    assert not sm2.verify(public, message, flip(signature, bit))
    assert not sm2.verify(public, message + b"\x00", signature)
    assert not sm2.verify(sm2.public_point(sm2.generate()), message, signature)


# --- against OpenSSL's SM2 (its own implementation, in a subprocess)

OPENSSL = shutil.which("openssl")
needs_openssl = pytest.mark.skipif(OPENSSL is None, reason="no openssl command here")
DISTID = "distid:" + sm2.DEFAULT_USER_ID.decode()


def openssl(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([OPENSSL, *args], capture_output=True, timeout=60, check=False)


@needs_openssl
def test_openssl_signature_verifies_here(tmp_path):
    key, message = tmp_path / "key.pem", tmp_path / "message"
    message.write_bytes(b"TB1 offline code " * 20)
    assert openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2",
                   "-out", str(key)).returncode == 0
    spki = openssl("pkey", "-in", str(key), "-pubout", "-outform", "DER").stdout
    assert spki.startswith(SPKI_PREFIX)
    public = spki[len(SPKI_PREFIX):]
    signed = openssl("pkeyutl", "-sign", "-inkey", str(key), "-rawin", "-digest", "sm3",
                     "-pkeyopt", DISTID, "-in", str(message))
    assert signed.returncode == 0, signed.stderr
    r, s = decode_dss_signature(signed.stdout)
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    assert sm2.verify(public, message.read_bytes(), signature)
    assert not sm2.verify(public, message.read_bytes() + b"!", signature)


@needs_openssl
def test_signature_made_here_verifies_in_openssl(tmp_path):
    key = sm2.generate()
    pub, message, sig = tmp_path / "pub.der", tmp_path / "message", tmp_path / "sig.der"
    pub.write_bytes(SPKI_PREFIX + sm2.public_point(key))
    message.write_bytes("王*英 elderly green".encode() * 10)
    signature = sm2.sign(key, message.read_bytes())

    def openssl_verifies(raw: bytes) -> bool:
        r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
        sig.write_bytes(encode_dss_signature(r, s))
        done = openssl("pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-inkey", str(pub),
                       "-rawin", "-digest", "sm3", "-pkeyopt", DISTID, "-in", str(message),
                       "-sigfile", str(sig))
        return done.returncode == 0 and b"Verified Successfully" in done.stdout

    assert openssl_verifies(signature)
    assert not openssl_verifies(flip(signature, 300))


# --- hostile input: always False, never an exception

def valid_case() -> tuple[bytes, bytes, bytes]:
    key = sm2.generate()
    message = b"a code's signed bytes"
    return sm2.public_point(key), message, sm2.sign(key, message)


def test_r_and_s_out_of_range_are_refused():
    public, message, signature = valid_case()
    n = sm2.SM2P256V1.n
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    # zero, n and beyond, and r + s = n (t = 0)
    for bad_r, bad_s in ((0, s), (r, 0), (n, s), (r, n), (n + 1, s), (r, n + 1),
                         (2**256 - 1, s), (r, n - r)):
        raw = bad_r.to_bytes(32, "big") + bad_s.to_bytes(32, "big")
        assert not sm2.verify(public, message, raw), (bad_r, bad_s)
    assert sm2.verify(public, message, signature)


def p_plus_small_x() -> bytes:
    """x + p || y for a point (x, y) of the curve with x + p < 2^256: on the curve mod p, but
    not a canonical encoding."""
    c = sm2.SM2P256V1
    for x in range(1000):
        rhs = (x**3 + c.a * x + c.b) % c.p
        y = pow(rhs, (c.p + 1) // 4, c.p)  # p = 3 mod 4
        if y * y % c.p == rhs:
            assert c.on_curve(x, y) and x + c.p < 2**256
            return (x + c.p).to_bytes(32, "big") + y.to_bytes(32, "big")
    raise AssertionError("no small x on the curve")


def test_points_off_the_curve_or_badly_encoded_are_refused():
    public, message, signature = valid_case()
    c = sm2.SM2P256V1
    x = int.from_bytes(public[1:33], "big")
    y = int.from_bytes(public[33:], "big")
    off = b"\x04" + x.to_bytes(32, "big") + ((y + 1) % c.p).to_bytes(32, "big")
    beyond_p = b"\x04" + p_plus_small_x()
    compressed = bytes([2 + (y & 1)]) + public[1:33]
    assert sm2.decode_point(off) is None
    for bad in (off, compressed, public[:-1], public + b"\x00", b"\x05" + public[1:],
                b"\x04" + bytes(64), b"", beyond_p):
        assert not sm2.verify(bad, message, signature)
    # a point of the annex's test curve is not one of ours (an invalid-curve key)
    assert not sm2.verify(sm2.public_point(annex_key()), message, signature)


A_PUBLIC_POINT = sm2.public_point(sm2.PrivateKey(P5_D))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=70), st.just(b"\x04" + bytes(64)), st.just(A_PUBLIC_POINT)),
       st.binary(max_size=100), st.one_of(st.binary(max_size=70), st.binary(min_size=64,
                                                                            max_size=64)))
def test_verify_never_raises_on_any_bytes(public, message, signature):
    assert sm2.verify(public, message, signature) is False


@settings(max_examples=50, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.text(), st.lists(st.integers())),
       st.one_of(st.none(), st.integers(), st.text()))
def test_verify_never_raises_on_what_is_not_bytes(thing, other):
    public, message, signature = valid_case()
    assert sm2.verify(thing, message, signature) is False
    assert sm2.verify(public, other, signature) is False
    assert sm2.verify(public, message, thing) is False
    assert sm2.verify(public, message, signature, user_id=other) is False
