"""`python -m kiosk check` as an operator runs it, a subprocess on real faults: exit 0 when
all is well, otherwise one line per problem naming the file, key or device and what to do,
and exit 2; `--json` for scripts. It repairs nothing: a damaged outbox stays where it is."""

from __future__ import annotations

import json

from tests.kiosk.startup_faults import damaged, fill, kiosk, read_only, site, small_disk


def lines(result) -> list[str]:
    """What the check said: all well on stdout, or its problems on stderr (never both)."""
    assert "Traceback" not in result.stderr + result.stdout
    said = result.stderr if result.returncode else result.stdout
    return said.strip().splitlines()


def test_all_well(tmp_path):
    result = kiosk("check", "--config", str(site(tmp_path)), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines(result) == [f"kiosk check: all well ({tmp_path / 'd'})"]


def test_a_data_folder_that_is_a_file(tmp_path):
    (tmp_path / "data").write_text("not a folder")
    result = kiosk("check", "--config", str(site(tmp_path)), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 2
    assert lines(result) == [f"{tmp_path / 'data'} is a file, not a folder: remove it or set "
                             "--data-dir"]


def test_an_empty_database_setting(tmp_path):
    config = site(tmp_path, '[platform]\ndatabase = ""\n')
    result = kiosk("check", "--config", str(config), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2
    [line] = lines(result)
    assert line.startswith(f"{config}: platform.database: ")
    assert line.endswith("the kiosk runs on the defaults, out of service, until it is fixed")


def test_a_damaged_outbox_is_named_and_left_alone(tmp_path):
    outbox = damaged(tmp_path / "d" / "outbox.sqlite")
    before = outbox.read_bytes()
    result = kiosk("check", "--config", str(site(tmp_path)), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2
    [line] = lines(result)
    assert line.startswith(f"{outbox}: damaged (")
    assert "start the kiosk to move it aside" in line
    assert outbox.read_bytes() == before and not list(outbox.parent.glob("*.corrupt-*"))


def test_a_damaged_embedded_store(tmp_path):
    store = damaged(tmp_path / "d" / "kiosk.sqlite")
    result = kiosk("check", "--config", str(site(tmp_path)), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2
    [line] = lines(result)
    assert line.startswith(f"{store}: the embedded platform's store is damaged (")


def test_a_device_uri_no_parser_takes(tmp_path):
    config = site(tmp_path, '[devices]\nprinter = "escpos+tcp://[::1"\n')
    result = kiosk("check", "--config", str(config), "--data-dir", str(tmp_path / "d"), "--json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["ok"] is False
    [problem] = report["problems"]
    assert problem["kind"] == "device" and problem["subject"] == "printer"
    assert problem["blocking"] is False  # at start, only the printer is out
    assert problem["line"].startswith("devices.printer: ")


def test_a_small_disk_below_the_threshold(tmp_path):
    """A real 2 MB tmpfs, filled to 200 KB free, below `[storage] min_free_mb = 1`."""
    with small_disk(tmp_path / "disk") as disk:
        fill(disk, leave_kb=200)
        config = site(tmp_path, "[storage]\nmin_free_mb = 1\n")
        result = kiosk("check", "--config", str(config), "--data-dir", str(disk))
    assert result.returncode == 2
    [line] = lines(result)
    assert line.startswith(f"{disk}: only 0 MB free, needs 1 MB ([storage] min_free_mb)")


def test_a_disk_full_to_the_brim(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        fill(disk)
        config = site(tmp_path, "[storage]\nmin_free_mb = 1\n")
        result = kiosk("check", "--config", str(config), "--data-dir", str(disk))
    assert result.returncode == 2
    [line] = lines(result)
    assert line.startswith(f"{disk} cannot be written (No space left on device)")


def test_a_read_only_data_folder(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        (disk / "data").mkdir()
        read_only(disk)
        result = kiosk("check", "--config", str(site(tmp_path)), "--data-dir",
                       str(disk / "data"))
    assert result.returncode == 2
    [line] = lines(result)
    assert line.startswith(f"{disk / 'data'} cannot be written (Read-only file system)")


def test_a_broken_site_file_in_the_data_folder_gives_the_defaults_there(tmp_path):
    from kiosk import startup_check
    from kiosk.config import load_settings

    data = tmp_path / "data"
    data.mkdir()
    (data / "site.toml").write_text("[display]\nmode = 'huge'\n", encoding="utf-8")
    settings, [problem] = startup_check.load(None, data)
    assert settings.data_dir == data
    assert settings.display == load_settings(None, tmp_path / "elsewhere").display
    assert (problem.kind, problem.subject) == ("settings", "site.toml display.mode")
    assert problem.line.startswith(f"{data / 'site.toml'}: display.mode: ")
    assert problem.blocking


def test_deeply_nested_settings(tmp_path):
    config = tmp_path / "deep.toml"
    config.write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = kiosk("check", "--config", str(config), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2
    [line] = lines(result)
    assert line.startswith(f"{config}: ") and "runs on the defaults" in line
