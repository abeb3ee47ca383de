"""`python -m kiosk audit [--json]`: check every screen, in every mode, language and
orientation, against the accessibility rules ."""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter

from kiosk.cli import CommandError
from kiosk.commands.options import add_settings_options, settings_from
from kiosk.commands.screen_choice import add_options, chosen
from kiosk.view import ScreenName


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="check every screen for accessibility")
    parser.add_argument("--json", action="store_true", help="one JSON document")
    parser.add_argument("--screen", default="all",
                        choices=[s.value for s in ScreenName] + ["all"])
    add_options(parser, mode="all", lang="all", size="both")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                        help="processes to audit in (default: one a core, at most 4)")
    add_settings_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not 1 <= args.jobs <= 64:
        raise CommandError(f"audit: --jobs must be 1 to 64 processes, not {args.jobs}", code=2)
    settings = settings_from(args)
    choice = chosen(args, args.screen)
    from ui.audit import run_audit  # Qt starts only now, offscreen

    report = run_audit(settings, choice.screens, choice.modes, choice.languages, choice.sizes,
                       workers=args.jobs)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        for v in report.violations:
            print(f"{v.screen} {v.mode} {v.language} {v.size}  {v.rule}  {v.widget}: "
                  f"{v.measured}, needs {v.required}")
        rules = Counter(v.rule for v in report.violations)
        by_rule = ", ".join(f"{rule} {count}" for rule, count in sorted(rules.items()))
        print(f"audit: {len(report.violations)} violations"
              + (f" ({by_rule})" if by_rule else "")
              + f" in {report.checked['renders']} renders; "
              f"{len(report.info)} exempt (disabled controls, signing) noted in --json")
    return 1 if report.violations else 0
