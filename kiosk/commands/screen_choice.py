"""The options that pick screens, modes, languages and sizes, shared by `screenshot` and
`audit`, and their expansion into lists ('all' and 'both' mean every one)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from kiosk.commands.options import parse_size
from kiosk.i18n import LANGUAGES
from kiosk.view import MODES, ScreenName

SIZES = ((1080, 1920), (1920, 1080))  # portrait and landscape


@dataclass(frozen=True)
class Choice:
    screens: list[ScreenName]
    modes: list[str]
    languages: list[str]
    sizes: list[tuple[int, int]]

    @property
    def count(self) -> int:
        return len(self.screens) * len(self.modes) * len(self.languages) * len(self.sizes)


def add_options(parser: argparse.ArgumentParser, *, mode: str, lang: str, size: str) -> None:
    parser.add_argument("--mode", default=mode, choices=[*MODES, "all"])
    parser.add_argument("--lang", default=lang, choices=[*LANGUAGES, "all"])
    parser.add_argument("--size", default=size,
                        help="WxH, or 'both' for 1080x1920 and 1920x1080")


def chosen(args: argparse.Namespace, screen: str) -> Choice:
    return Choice(
        screens=list(ScreenName) if screen == "all" else [ScreenName(screen)],
        modes=list(MODES) if args.mode == "all" else [args.mode],
        languages=list(LANGUAGES) if args.lang == "all" else [args.lang],
        sizes=list(SIZES) if args.size == "both" else [parse_size(args.size)],
    )
