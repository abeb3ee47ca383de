"""The settings loader on hostile site files: random TOML documents, the real defaults.toml
with a value swapped for any other, and its bytes mutated. Only ConfigError comes out of
`load_settings`, one line naming the file; `check_site_file` (maintenance's check of an
uploaded file) returns its problems and never raises."""

from __future__ import annotations

import json
import math
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import DEFAULTS_FILE, ConfigError, check_site_file, load_settings
from tests.property.mutations import bounded, mutated

DEFAULTS_TEXT = DEFAULTS_FILE.read_bytes()
DEFAULTS = tomllib.loads(DEFAULTS_TEXT.decode())
KEYS = [(section, key) for section, table in DEFAULTS.items() if isinstance(table, dict)
        for key in table]


def literal(value: Any) -> str:
    """A value as TOML writes it (not every result is valid TOML: that is a case too)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(
            value) else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {literal(v)}" for k, v in value.items()) + "}"
    return str(value)


_NAMES = st.sampled_from([key for _, key in KEYS] + [s for s, _ in KEYS] + ["x", "kiosk_id"])
_SCALARS = st.one_of(
    st.booleans(), st.integers(-(2**70), 2**70), st.floats(), st.text(max_size=40),
    st.sampled_from(["", "sim://", "escpos+tcp://[::1", "sam+serial://[", "04:00", "99:99",
                     "https://", "{reference}", "zh_CN", "x" * 5000, "\x00", "../../etc"]),
)
VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(_NAMES, inner, max_size=4), max_leaves=12)


def _load(text: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site.toml"
        site.write_bytes(text)
        try:
            load_settings(site, folder)
        except ConfigError as error:
            line = str(error)
            assert "\n" not in line and line.startswith((str(site), str(DEFAULTS_FILE),
                                                         "devices.")), line
        settings, problems = check_site_file("site.toml", text, site)
        assert (settings is None) == bool(problems)
        assert all("\n" not in problem for problem in problems)


@bounded(150)
@given(st.dictionaries(_NAMES, st.dictionaries(_NAMES, VALUES, max_size=5), max_size=5))
def test_a_random_document_is_settings_or_one_config_error(document):
    text = "\n".join(f"[{json.dumps(section)}]\n" + "\n".join(
        f"{json.dumps(key)} = {literal(value)}" for key, value in table.items())
        for section, table in document.items())
    _load(text.encode("utf-8", "surrogatepass"))


@bounded(200)
@given(where=st.sampled_from(KEYS), value=VALUES)
def test_any_value_for_any_key_of_the_defaults(where, value):
    section, key = where
    text = f"[site]\nkiosk_id = \"BS-01\"\n[{section}]\n{key} = {literal(value)}\n"
    if section == "site":
        text = f"[site]\n{key} = {literal(value)}\n"
    _load(text.encode("utf-8", "surrogatepass"))


@bounded(200)
@given(mutated([DEFAULTS_TEXT], head=len(DEFAULTS_TEXT)))
def test_mutated_defaults_are_settings_or_one_config_error(text):
    _load(text)


@bounded(20)
@given(depth=st.integers(1, 3000), opener=st.sampled_from(["[", "{x = "]))
def test_nesting_at_any_depth(depth, opener):
    closer = "]" if opener == "[" else "}"
    _load(f"a = {opener * depth}1{closer * depth}".encode())
