"""`python -m kiosk [--windowed] [--config FILE]`: run the kiosk (the default command). It
starts with the self-test (kiosk/startup_check.py): whatever that finds, the window opens,
out of service with the reason when it must; only a missing display ends it at once."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from kiosk import log_setup, startup_check
from kiosk.cli import CommandError
from kiosk.commands.options import add_settings_options, parse_size
from kiosk.config import Settings


def add_options(parser: argparse.ArgumentParser) -> None:
    add_settings_options(parser)
    parser.add_argument("--windowed", action="store_true",
                        help="a normal window with the developer panel, for development")
    parser.add_argument("--size", default="fit",
                        help="window size WxH with --windowed; 'fit' (the default) fits the "
                             "display, beside the developer panel")
    parser.add_argument("--no-dev-panel", action="store_true", help="hide the developer panel")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help="run the kiosk (the default)")
    add_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings, problems = startup_check.load(args.config, args.data_dir)
    if args.windowed:  # development: the simulated printer keeps masked copies to look at
        settings = settings.model_copy(update={"privacy": settings.privacy.model_copy(
            update={"printed_copies": True})})
    size = None if args.size == "fit" else parse_size(args.size)
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        raise CommandError("no display found: run on a desktop, or under xvfb-run", code=2)
    from ui.main import run_kiosk  # Qt starts only now, for the command that needs it

    fullscreen = settings.display.fullscreen and not args.windowed
    log_handler = _logging(settings)  # <data>/logs/kiosk.log, JSON lines, or stderr
    try:  # the app makes the devices and reports them with the rest
        problems += startup_check.check(settings, repair=True, devices=False)
        return run_kiosk(settings, fullscreen=fullscreen,
                         dev_panel=args.windowed and not args.no_dev_panel, size=size,
                         problems=problems)
    finally:
        log_setup.remove(log_handler)


def _logging(settings: Settings) -> logging.Handler:
    """The log file in the data folder; stderr where that folder cannot be written (a full
    disk lets the file open, then fails every line)."""
    problem = startup_check.data_folder(settings.data_dir)
    if problem is None:
        return log_setup.configure(settings)
    print(f"logs: {problem.line}; logging to stderr instead", file=sys.stderr)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(log_setup.MaskedJson())
    handler.setLevel(settings.logs.level)
    root = logging.getLogger()
    root.setLevel(settings.logs.level)
    root.addHandler(handler)
    return handler
