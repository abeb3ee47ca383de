"""`python -m kiosk screenshot SCREEN --mode MODE --lang LANG --size WxH -o FILE`: render a
screen offscreen to PNG with representative data ."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kiosk.cli import CommandError
from kiosk.commands.options import add_settings_options, settings_from
from kiosk.commands.screen_choice import add_options, chosen
from kiosk.view import ScreenName


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("screenshot", help="render a screen to PNG")
    parser.add_argument("screen", choices=[s.value for s in ScreenName] + ["all"],
                        help="a screen name, or all")
    add_options(parser, mode="standard", lang="zh_CN", size="1080x1920")
    parser.add_argument("-o", "--output", required=True,
                        help="PNG file; a folder when any choice is 'all' or size is 'both'")
    add_settings_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    settings = settings_from(args)
    choice = chosen(args, args.screen)
    many = choice.count > 1
    output = Path(args.output)
    if many:
        output.mkdir(parents=True, exist_ok=True)
    elif output.suffix.lower() != ".png":
        raise CommandError(f"{output}: the output must be a .png file", 2)
    from ui.screenshot import render_many  # Qt starts only now, offscreen

    try:
        written = render_many(settings, choice.screens, choice.modes, choice.languages,
                              choice.sizes, output if many else None,
                              output if not many else None)
    except OSError as error:
        raise CommandError(str(error)) from None
    for path in written:
        print(path)
    return 0
