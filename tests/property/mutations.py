"""What the property tests share: hypothesis settings bounded by example count (the same
examples on every run), and mutations of real samples: bytes flipped, cut, repeated, spliced
in, most of them near the start where the lengths and sizes a parser trusts are kept."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def bounded(examples: int) -> settings:
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# bytes a parser is likely to treat specially: zero, all ones, the sign bit, big lengths
_SPECIAL = st.sampled_from([0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE])


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes], head: int = 64) -> bytes:
    """One of `seeds` with one to four mutations."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            data += draw(st.binary(min_size=1, max_size=16))
            continue
        near_head = draw(st.booleans())
        end = min(len(data), head) if near_head else len(data)
        at = draw(st.integers(0, end - 1))
        kind = draw(st.sampled_from(["set", "flip", "cut", "truncate", "insert", "repeat"]))
        if kind == "set":
            data[at] = draw(_SPECIAL | st.integers(0, 255))
        elif kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
    return bytes(data)
