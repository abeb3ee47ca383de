"""`python -m kiosk services [--json] [--config FILE]`: lint the site's catalogue (the
shipped services plus the site's own, less the hidden ones): per service the pre-fill ratio,
pre-check coverage, unknown sources, missing translations, fields with no privacy class and
first-try passes from the outbox. Exit 1 on a lint error, 2 on a file that does not load."""

from __future__ import annotations

import argparse
import json

from kiosk.cli import CommandError
from kiosk.commands.options import add_settings_options, settings_from
from kiosk.config import ConfigError
from kiosk.outbox import FILE_NAME
from kiosk.services.catalogue import load_catalogue
from kiosk.services.lint import CatalogueLint, KnownItems, lint


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "services", help="lint the service catalogue",
        description="Lint the service catalogue. Exit 0 when clean, 1 on a lint error, 2 when "
                    "a file does not load.")
    add_settings_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    try:
        catalogue = load_catalogue(site=settings.catalogue)
        report = lint(catalogue, KnownItems.load(), settings.data_dir / FILE_NAME)
    except ConfigError as error:
        raise CommandError(str(error), code=2) from None
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1) if args.json
          else "\n".join(text_lines(report)))
    return 0 if report.ok else 1


def text_lines(report: CatalogueLint) -> list[str]:
    lines = [f"{'service':30} {'flow':12} {'pre-fill':>8} {'pre-check':>9}  first try"]
    for service in report.services:
        prefill = "" if service.prefill is None else f"{service.prefill:.0%}"
        coverage = "" if service.coverage is None else f"{service.coverage:.0%}"
        if service.first_try is None:
            first = "no data"
        else:
            passed, total = service.first_try
            first = f"{passed}/{total}" + (f" ({passed / total:.0%})" if total else "")
        mark = " (illustrative)" if service.illustrative else ""
        lines.append(f"{service.id:30} {service.flow:12} {prefill:>8} {coverage:>9}"
                     f"  {first}{mark}")
    lines.append(f"average pre-fill of the forms {report.average_prefill:.0%}, pre-check"
                 f" coverage {report.average_coverage:.0%}; first try from {report.first_try_from}")
    lines += [f"error: {error}" for error in report.errors]
    lines.append(f"{len(report.errors)} errors" if report.errors else "ok")
    return lines
