"""SM2 signatures with SM3 (GB/T 32918.2, GB/T 32905), for districts that must use the
national algorithms. PIVOT: the issue-10 helper replaces this placeholder."""

from __future__ import annotations

from typing import Any


def generate() -> Any:
    raise NotImplementedError("SM2 is not built yet")


def public_point(private: Any) -> bytes:
    raise NotImplementedError("SM2 is not built yet")


def sign(private: Any, message: bytes) -> bytes:
    raise NotImplementedError("SM2 is not built yet")


def verify(public: bytes, message: bytes, signature: bytes) -> bool:
    return False
