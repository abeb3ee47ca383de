"""Settings: defaults load; a broken site file is one line naming the file and the key."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.config import ConfigError, load_settings
from tests.fakes import REPO


def write(tmp_path, text: str):
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_give_simulated_devices_and_the_embedded_platform():
    settings = load_settings()
    assert settings.platform.kind == "embedded"
    assert settings.devices.printer == "sim://"
    assert settings.display.language == "zh_CN"


def test_site_file_overrides_one_value_and_keeps_the_rest(tmp_path):
    settings = load_settings(write(tmp_path, "[timeouts]\nidle_seconds = 120\n"))
    assert settings.timeouts.idle_seconds == 120
    assert settings.timeouts.warning_seconds == 30


def test_site_file_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_CONFIG", str(write(tmp_path, '[site]\nkiosk_id = "X-9"\n')))
    assert load_settings().site.kiosk_id == "X-9"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[timeouts]\nidle_seconds = 3\n", "timeouts.idle_seconds: Input should be greater than"),
        ("[display]\ncolour = 1\n", "display.colour: unknown key"),
        ("[display]\nmode = \"neon\"\n", "display.mode: Input should be"),
        ("[display\n", "not valid TOML"),
        ("[timeouts]\nwarning_seconds = \"soon\"\n", "timeouts.warning_seconds"),
        ("[platform]\nkind = \"http\"\n", 'platform: Value error, kind = "http" needs url'),
        ("[platform]\nkind = \"http\"\nurl = \"http://district.example/\"\n",
         "plain http is only for a server on this machine"),
        ("[platform]\ndatabase = \"\"\n", "platform.database"),
        ("[platform]\nread_timeout = 0\n", "platform.read_timeout"),
    ],
)
def test_bad_site_file_names_file_and_key(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_missing_site_file(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_settings(tmp_path / "nope.toml")


def test_the_check_of_a_broken_config_exits_2_with_one_line(tmp_path):
    """(The kiosk itself opens out of service on the defaults: tests/ui/test_startup_*.)"""
    path = write(tmp_path, "[timeouts]\nidle_seconds = -1\n")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", "--config", str(path),
         "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "timeouts.idle_seconds" in lines[0] and str(path) in lines[0]
