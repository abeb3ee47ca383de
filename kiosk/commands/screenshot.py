"""`python -m kiosk screenshot SCREEN --mode MODE --lang LANG --size WxH -o FILE`: render a
screen offscreen to PNG with representative data (loads the Qt front end by name)."""

from __future__ import annotations

import argparse
import importlib
import os
from pathlib import Path

from kiosk.cli import CommandError
from kiosk.commands.run import parse_size, settings_from
from kiosk.controller import MODES, ScreenName


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("screenshot", help="render a screen to PNG")
    parser.add_argument("screen", choices=[s.value for s in ScreenName] + ["all"],
                        help="a screen name, or all")
    parser.add_argument("--mode", default="standard", choices=[*MODES, "all"])
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en", "all"])
    parser.add_argument("--size", default="1080x1920",
                        help="WxH, or 'both' for 1080x1920 and 1920x1080")
    parser.add_argument("-o", "--output", required=True,
                        help="PNG file; a folder when any choice is 'all' or size is 'both'")
    parser.add_argument("--config")
    parser.add_argument("--data-dir")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    settings = settings_from(args)
    screens = list(ScreenName) if args.screen == "all" else [ScreenName(args.screen)]
    modes = list(MODES) if args.mode == "all" else [args.mode]
    languages = ["zh_CN", "en"] if args.lang == "all" else [args.lang]
    sizes = [(1080, 1920), (1920, 1080)] if args.size == "both" else [parse_size(args.size)]
    many = len(screens) * len(modes) * len(languages) * len(sizes) > 1
    output = Path(args.output)
    if many:
        output.mkdir(parents=True, exist_ok=True)
    elif output.suffix.lower() != ".png":
        raise CommandError(f"{output}: the output must be a .png file", 2)
    shooter = importlib.import_module("ui.screenshot")
    try:
        written = shooter.render_many(settings, screens, modes, languages, sizes,
                                      output if many else None, output if not many else None)
    except OSError as error:
        raise CommandError(str(error)) from None
    for path in written:
        print(path)
    return 0
