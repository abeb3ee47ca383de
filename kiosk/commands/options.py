"""Options several subcommands share: where the settings and the data are, and a size."""

from __future__ import annotations

import argparse

from kiosk.cli import CommandError
from kiosk.config import ConfigError, Settings, load_settings


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="site settings file (TOML); also $KIOSK_CONFIG")
    parser.add_argument("--data-dir",
                        help="where the database and printouts go; also $KIOSK_DATA_DIR")


def settings_from(args: argparse.Namespace) -> Settings:
    try:
        return load_settings(args.config, args.data_dir)
    except ConfigError as error:
        raise CommandError(str(error), code=2) from None


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise CommandError(f"--size {text!r}: expected WIDTHxHEIGHT, e.g. 1080x1920", 2) from None
    if not (320 <= width <= 8000 and 320 <= height <= 8000):
        raise CommandError(f"--size {text!r}: each side must be 320 to 8000 pixels", 2)
    return width, height
