"""统一社会信用代码 (GB 32100-2015): whether the 18th character is the check character of the
first 17. Hand-written: a few lines of the standard's arithmetic, no library needed."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = tuple(pow(3, position, 31) for position in range(17))  # 1, 3, 9, 27, 19, ...


def check_character(first17: str) -> str:
    """The check character for the first 17 characters; ValueError if any is not allowed."""
    if len(first17) != 17 or any(ch not in ALPHABET for ch in first17):
        raise ValueError("a credit code starts with 17 characters of GB 32100's alphabet")
    total = sum(ALPHABET.index(ch) * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_ok(code: str) -> bool:
    """18 characters of the alphabet whose last is the check character of the rest."""
    if len(code) != 18 or any(ch not in ALPHABET for ch in code):
        return False
    return check_character(code[:17]) == code[17]
