"""`python -m kiosk [--windowed] [--config FILE]`: run the kiosk.

The command line is where the program is put together, so it loads the Qt front end (`ui`)
by name: `kiosk` itself never imports Qt or `ui`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from kiosk.cli import CommandError
from kiosk.config import ConfigError, Settings, load_settings


def add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="site settings file (TOML); also $KIOSK_CONFIG")
    parser.add_argument("--data-dir",
                        help="where the database and printouts go; also $KIOSK_DATA_DIR")
    parser.add_argument("--windowed", action="store_true",
                        help="a normal window with the developer panel, for development")
    parser.add_argument("--size", default="1080x1920", help="window size WxH with --windowed")
    parser.add_argument("--no-dev-panel", action="store_true", help="hide the developer panel")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help="run the kiosk (the default)")
    add_run_options(parser)
    parser.set_defaults(func=run)


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


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    size = parse_size(args.size)
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        raise CommandError("no display found: run on a desktop, or under xvfb-run", code=2)
    frontend = importlib.import_module("ui.main")
    fullscreen = settings.display.fullscreen and not args.windowed
    try:
        return frontend.run_kiosk(settings, fullscreen=fullscreen,
                                  dev_panel=args.windowed and not args.no_dev_panel, size=size)
    except ConfigError as error:  # e.g. a device URI that names no usable device
        raise CommandError(f"settings: {error}", code=2) from None
