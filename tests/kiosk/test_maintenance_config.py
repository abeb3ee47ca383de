"""Maintenance's configuration page: each value with where it came from (a real site file in
tmp_path, the environment), secrets as set / not set; a site file signed by the platform is
checked, its changes shown and installed; forged, unsigned and invalid ones are refused and
nothing changes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from district.signing import KEY_FILE, sign, signing_key
from drivers.printer.simulator import SimulatedPrinter
from kiosk.config import load_settings
from kiosk.maintenance import RESTART_CODE
from kiosk.modes import ModeName
from kiosk.view import ScreenName
from tests.fakes import REPO, TODAY
from tests.kiosk.maintenance_rig import enter
from tests.kiosk.rig import build_rig

PIN_HASH = ("scrypt$n=16384,r=8,p=1$x1huHav/sO6SthuN161O/w==$"
            "EkR1q1QejS9gEhlM44bHaGtqYAAvMS0dP/KI4C6PfHM=")  # the PIN 2580
SITE = f"""[site]
kiosk_id = "BS-TEST-009"
name_zh = "测试中心"
name_en = "Test centre"

[timeouts]
idle_seconds = 120

[maintenance]
pin_hash = "{PIN_HASH}"
"""


@pytest.fixture
def site_rig(tmp_path, clock, monkeypatch):
    """A kiosk started with a real site file, its data directory from $KIOSK_DATA_DIR."""
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.delenv("KIOSK_PLATFORM_TOKEN", raising=False)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    site = tmp_path / "site" / "site.toml"
    site.parent.mkdir()
    site.write_text(SITE, encoding="utf-8")
    settings = load_settings(site)
    printer = SimulatedPrinter("printer")
    printer.start()
    rig = build_rig(settings, clock, TODAY, printer)
    rig.closers.insert(0, printer.stop)
    enter(rig.kiosk)
    yield rig
    rig.close()


def page(rig):
    return rig.state.maintenance.config


def all_rows(rig):
    """Every row of every page, turning through them as a technician would."""
    rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_CONFIG.value)
    rows = {}
    for _ in range(page(rig).pages):
        rows.update({(page(rig).section, row.key): row for row in page(rig).rows})
        rig.kiosk.turn_page(1)
    return rows


def signed_file(rig, folder, text: str, *, key=None):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "site.toml"
    path.write_bytes(text.encode())
    key = key or signing_key(rig.kiosk.settings.data_dir / KEY_FILE)
    (folder / "site.toml.sig").write_text(sign(key, "config", path.read_bytes()))
    return path


def test_every_value_says_where_it_came_from(site_rig):
    rows = all_rows(site_rig)
    site_file = site_rig.kiosk.settings.origin.site_file
    assert page(site_rig).site_file == str(site_file)
    assert rows[("timeouts", "timeouts.idle_seconds")].value == "120.0"
    assert rows[("timeouts", "timeouts.idle_seconds")].source == "站点文件"
    assert rows[("timeouts", "timeouts.warning_seconds")].source == "默认值"
    assert rows[("site", "site.kiosk_id")].value == "BS-TEST-009"
    assert rows[("environment", "data_dir")].source == "环境变量 $KIOSK_DATA_DIR"
    assert rows[("environment", "site_file")].value == str(site_file)
    assert rows[("environment", "KIOSK_PLATFORM_TOKEN")].value == "未设置"
    # every setting is there, and the PIN hash only as set, never its value
    assert ("logs", "logs.files") in rows and ("metrics", "metrics.port") in rows
    assert rows[("maintenance", "maintenance.pin_hash")].value == "已设置"
    shown = repr(rows)
    assert "scrypt$" not in shown and "aGFzaA" not in shown


def test_pages_are_smaller_in_large_print(site_rig):
    site_rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_CONFIG.value)
    standard = page(site_rig).pages
    site_rig.kiosk.toggle_display_mode("large")
    assert page(site_rig).pages > standard
    assert len(page(site_rig).rows) <= 2


def test_a_signed_file_is_shown_applied_and_asks_for_a_restart(site_rig):
    kiosk = site_rig.kiosk
    target = kiosk.settings.origin.site_file
    incoming = signed_file(site_rig, kiosk.settings.data_dir / "incoming",
                           SITE.replace("idle_seconds = 120", "idle_seconds = 60"))
    kiosk.open_maintenance_page(ScreenName.MAINTENANCE_CONFIG.value)
    found = page(site_rig).incoming
    assert found.accepted and found.file == str(incoming)
    assert found.changes == ("timeouts.idle_seconds: 120.0 → 60.0",)
    assert found.target == str(target)
    kiosk.apply_config()
    assert kiosk.stop_requested == RESTART_CODE and page(site_rig).applied
    assert "idle_seconds = 60" in target.read_text()
    assert (target.parent / "site.toml.previous").read_text() == SITE
    assert not incoming.exists()  # taken from incoming once installed
    assert load_settings(target).timeouts.idle_seconds == 60
    audit = [item.model() for item in _audit(site_rig)]
    assert any(record.event == "maintenance.config_applied" for record in audit)


def test_without_a_site_file_it_goes_to_the_data_directory(rig, settings, tmp_path):
    enter(rig.kiosk)
    stick = tmp_path / "media" / "tech" / "USB"
    # (the tests' settings have no metrics endpoint: the file keeps it so)
    signed_file(rig, stick, '[display]\nlanguage = "en"\n\n[metrics]\nport = 0\n')
    rig.kiosk.modes[ModeName.MAINTENANCE].config.usb_roots = (tmp_path / "media",)
    rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_CONFIG.value)
    assert page(rig).incoming.accepted
    assert page(rig).incoming.changes == ("display.language: zh_CN → en",)
    rig.kiosk.apply_config()
    installed = settings.data_dir / "site.toml"
    assert installed.exists() and (stick / "site.toml").exists()  # a stick is not emptied
    again = load_settings(data_dir=settings.data_dir)  # read when no site file is named
    assert again.display.language == "en"
    assert again.origin.site_file == installed
    assert again.origin.site_file_from == "data directory"


@pytest.mark.parametrize("case", ["forged", "unsigned", "tampered", "invalid", "not toml"])
def test_a_file_not_signed_or_not_valid_is_refused_and_nothing_changes(site_rig, case):
    kiosk = site_rig.kiosk
    target = kiosk.settings.origin.site_file
    folder = kiosk.settings.data_dir / "incoming"
    text = {"invalid": SITE + '\n[display]\nmode = "huge"\nlanguage = "fr"\n',
            "not toml": "[site\n"}.get(case, SITE.replace("120", "60"))
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate() if case == "forged" else None
    path = signed_file(site_rig, folder, text, key=key)
    if case == "unsigned":
        (folder / "site.toml.sig").unlink()
    if case == "tampered":
        path.write_text(SITE.replace("120", "3000"))
    kiosk.open_maintenance_page(ScreenName.MAINTENANCE_CONFIG.value)
    found = page(site_rig).incoming
    assert not found.accepted and found.problems and not found.changes
    if case == "invalid":  # one line per problem, each naming the file and the key
        assert len(found.problems) == 2
        assert found.problems[0].startswith(f"{path}: display.")
    else:
        assert len(found.problems) == 1 and "\n" not in found.problems[0]
    kiosk.apply_config()
    assert target.read_text() == SITE and kiosk.stop_requested is None
    assert not (target.parent / "site.toml.previous").exists()
    events = [item.model().event for item in _audit(site_rig)]
    assert "maintenance.config_refused" in events and "maintenance.config_applied" not in events


def test_sign_config_command_writes_a_signature_the_kiosk_accepts(site_rig, tmp_path):
    data_dir = site_rig.kiosk.settings.data_dir
    new = tmp_path / "new" / "site.toml"
    new.parent.mkdir()
    new.write_text(SITE.replace("120", "300"))
    done = subprocess.run([sys.executable, "-m", "kiosk", "platform", "sign-config", str(new),
                           "--data-dir", str(data_dir)], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    incoming = data_dir / "incoming"
    incoming.mkdir()
    for name in ("site.toml", "site.toml.sig"):
        (incoming / name).write_bytes((new.parent / name).read_bytes())
    site_rig.kiosk.open_maintenance_page(ScreenName.MAINTENANCE_CONFIG.value)
    assert page(site_rig).incoming.accepted


def test_sign_config_refuses_an_invalid_file_with_its_key(tmp_path):
    bad = tmp_path / "site.toml"
    bad.write_text('[display]\nmode = "huge"\n')
    done = subprocess.run([sys.executable, "-m", "kiosk", "platform", "sign-config", str(bad),
                           "--data-dir", str(tmp_path / "data")], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert f"{bad}: display.mode" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "site.toml.sig").exists()


def _audit(rig):
    outbox = rig.kiosk.outbox
    rows = outbox._read("SELECT idempotency_key FROM items WHERE kind = 'audit' ORDER BY id")
    return [outbox.get(key) for (key,) in rows]
