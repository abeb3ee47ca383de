"""The settings loader's bounds: a site file nested too deeply, too large, a folder, not
UTF-8, or holding a huge value is one line naming the file, never a traceback."""

from __future__ import annotations

import pytest

from kiosk.config import MAX_SETTINGS_BYTES, ConfigError, check_site_file, load_settings


@pytest.mark.parametrize("text", [
    "a = " + "[" * 5000 + "]" * 5000,
    "a = " + "{b = " * 3000 + "1" + "}" * 3000,
])
def test_deep_nesting_is_one_line(tmp_path, text):
    site = tmp_path / "site.toml"
    site.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(site, tmp_path)
    assert str(caught.value) == f"{site}: nested too deeply"
    _, problems = check_site_file("site.toml", text.encode(), site)
    assert problems == ["site.toml: nested too deeply"]


def test_a_huge_file_is_refused_unread(tmp_path):
    site = tmp_path / "site.toml"
    site.write_bytes(b"# " + b"x" * MAX_SETTINGS_BYTES + b"\n")
    with pytest.raises(ConfigError, match=r"larger than 1000 kB"):
        load_settings(site, tmp_path)


def test_a_folder_and_binary_junk(tmp_path):
    with pytest.raises(ConfigError, match=r": a folder, not a settings file$"):
        load_settings(tmp_path, tmp_path)
    junk = tmp_path / "junk.toml"
    junk.write_bytes(bytes(range(256)))
    with pytest.raises(ConfigError, match=r"junk\.toml: cannot be read: not UTF-8"):
        load_settings(junk, tmp_path)


def test_a_long_bad_value_is_shown_cut_short(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text(f'[display]\nmode = "{"x" * 50_000}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(site, tmp_path)
    line = str(caught.value)
    assert line.startswith(f"{site}: display.mode: ") and len(line) < 300 + len(str(site))
