"""`python -m kiosk platform serve|add-kiosk|technician-code|add-operator|sign-config|root-key`:
the reference district platform server, registering a kiosk with it, a technician's sign-in
code, an operator of its fleet page, signing a site file for kiosks to install, and the
offline codes' root public key for the kiosks' `[codes] root_key`. FastAPI and uvicorn are
imported only when these run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli import CommandError
from kiosk.commands.options import add_settings_options, settings_from

DATABASE_HELP = ("sqlite:///ABSOLUTE/PATH.sqlite or postgresql://USER@HOST/DB "
                 "(default: platform.sqlite in the data directory, with demo data)")
KEYS_HELP = ("the offline codes' keys directory: codes-root.key signs the lists kiosks trust, "
             "codes-issuer.key signs the codes; both made there (0600) if missing; keep it "
             "backed up (default: $TONGBAN_PLATFORM_KEYS, else the data directory)")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "platform", help="run the reference district platform server, register kiosks",
        description="The reference district platform: serve it over HTTP, register kiosks.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    serve = actions.add_parser("serve", help="serve the platform over HTTP")
    serve.add_argument("--database", metavar="URL", help=DATABASE_HELP)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8470, help="port (default 8470)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    serve.add_argument("--keys", metavar="DIR", help=KEYS_HELP)
    add_settings_options(serve)
    serve.set_defaults(func=run_serve)

    root = actions.add_parser(
        "root-key", help="print the offline codes' root public key (PEM) for the kiosks",
        description="Prints the root public key (PEM) that signs the trust, revocation and "
                    "status lists; put it on each kiosk of the district and name the file "
                    "as [codes] root_key. The keys are made if there are none yet.")
    root.add_argument("--keys", metavar="DIR", help=KEYS_HELP)
    add_settings_options(root)
    root.set_defaults(func=run_root_key)

    add = actions.add_parser("add-kiosk", help="register a kiosk and print its new token once")
    add.add_argument("kiosk_id", metavar="KIOSK_ID", help="e.g. BS-YY-001")
    add.add_argument("--centre", metavar="ID", help="the centre the kiosk stands in")
    add.add_argument("--database", metavar="URL", help=DATABASE_HELP)
    add_settings_options(add)
    add.set_defaults(func=run_add_kiosk)

    code = actions.add_parser("technician-code",
                              help="print a technician's sign-in code, signed by the platform")
    code.add_argument("--name", required=True, help="the technician's name (kept in the audit)")
    code.add_argument("--kiosk", default="*", metavar="ID", help="the one kiosk it opens "
                      "(default: any)")
    code.add_argument("--minutes", type=float, default=10, help="valid for (default 10)")
    code.add_argument("--key", metavar="FILE", help="the platform's signing key (PEM); "
                      "default: the embedded platform's, in the data directory")
    add_settings_options(code)
    code.set_defaults(func=run_technician_code)
    operator = actions.add_parser(
        "add-operator", help="add an operator of the fleet page, or give one a new password",
        description="An operator logs in to the fleet page (/fleet). The password is asked "
                    "twice, or read from standard input with --password-stdin; only its "
                    "scrypt hash is kept. A new password ends the operator's sessions.")
    operator.add_argument("name", metavar="NAME", help="1 to 64 letters, digits, . _ -")
    operator.add_argument("--password-stdin", action="store_true",
                          help="read the password from the first line of standard input")
    operator.add_argument("--database", metavar="URL", help=DATABASE_HELP)
    add_settings_options(operator)
    operator.set_defaults(func=run_add_operator)
    sign = actions.add_parser("sign-config", help="sign a site file: writes FILE.sig")
    sign.add_argument("file", metavar="FILE", help="the site file (TOML) to sign")
    sign.add_argument("--key", metavar="FILE",
                      help="the platform's signing key (default: the embedded platform's, "
                           "in the data directory)")
    add_settings_options(sign)
    sign.set_defaults(func=run_sign_config)


def _database(args: argparse.Namespace) -> tuple[str, bool]:
    """The URL, and whether it is the default demo database."""
    if args.database:
        return args.database, False
    data_dir = settings_from(args).data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(data_dir / 'platform.sqlite').resolve()}", True


def _keys(args: argparse.Namespace) -> Path:
    import os

    from district.server.app import KEYS_ENV

    if args.keys:
        return Path(args.keys)
    if os.environ.get(KEYS_ENV):
        return Path(os.environ[KEYS_ENV])
    return settings_from(args).data_dir


def run_root_key(args: argparse.Namespace) -> int:
    from district.server.serve import ServeError, root_public_pem

    try:
        print(root_public_pem(_keys(args)), end="")
    except ServeError as error:
        raise CommandError(f"platform root-key: {error}", code=2) from None
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from district.server.serve import ServeError, serve

    if not 1 <= args.port <= 65535:
        raise CommandError(f"platform serve: --port {args.port}: use 1 to 65535", code=2)
    if not 1 <= args.workers <= 64:
        raise CommandError(f"platform serve: --workers {args.workers}: use 1 to 64", code=2)
    url, demo = _database(args)
    try:
        serve(url, host=args.host, port=args.port, workers=args.workers, demo=demo,
              keys=_keys(args))
    except ServeError as error:
        raise CommandError(f"platform serve: {error}", code=2) from None
    return 0


def run_add_kiosk(args: argparse.Namespace) -> int:
    from district.server.serve import ServeError, add_kiosk

    kiosk_id = args.kiosk_id
    if not (1 <= len(kiosk_id) <= 40 and kiosk_id.isprintable() and kiosk_id.strip() == kiosk_id):
        raise CommandError("platform add-kiosk: KIOSK_ID must be 1 to 40 characters without "
                           "spaces at the ends or control characters, e.g. BS-YY-001", code=2)
    url, demo = _database(args)
    if demo:  # the default database has the demo centres a kiosk may be placed in
        from district.server.serve import open_store

        try:
            open_store(url, demo=True).close()
        except ServeError as error:
            raise CommandError(f"platform add-kiosk: {error}", code=2) from None
    try:
        token = add_kiosk(url, args.kiosk_id, args.centre)
    except ServeError as error:
        raise CommandError(f"platform add-kiosk: {error}", code=2) from None
    print(f"token for {args.kiosk_id} (shown once; put it in the kiosk's settings):",
          file=sys.stderr)
    print(token)
    return 0


def run_technician_code(args: argparse.Namespace) -> int:

    from kiosk.maintenance.technician_code import MAX_MINUTES, make_code

    if not args.name.strip():
        raise CommandError("platform technician-code: --name: give the technician's name", 2)
    if not 0 < args.minutes <= MAX_MINUTES:
        raise CommandError(f"platform technician-code: --minutes {args.minutes:g}: use more "
                           f"than 0, at most {MAX_MINUTES}", code=2)
    key = _signing_key(args, "technician-code")
    print(make_code(key, args.name.strip(), kiosk=args.kiosk, minutes=args.minutes))
    return 0


def _signing_key(args: argparse.Namespace, command: str) -> Any:
    """The platform's signing key: --key FILE (never made anew where one was named), else
    the embedded platform's in the data directory (made there on first use)."""
    from district.signing import KEY_FILE, SigningKeyError, signing_key

    if args.key:
        path = Path(args.key)
        if not path.is_file():
            raise CommandError(f"platform {command}: --key {path}: no such file", code=2)
    else:
        data_dir = settings_from(args).data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / KEY_FILE
    try:
        return signing_key(path)
    except SigningKeyError as error:
        raise CommandError(f"platform {command}: {error}", code=2) from None


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("again: ") != first:
        raise CommandError("platform add-operator: the two passwords differ; nothing changed",
                           code=2)
    return first


def run_add_operator(args: argparse.Namespace) -> int:
    from district.server.serve import ServeError, add_operator

    url, demo = _database(args)
    password = _password(args)
    try:
        add_operator(url, args.name, password, demo=demo)
    except ServeError as error:
        raise CommandError(f"platform add-operator: {error}", code=2) from None
    print(f"operator {args.name} can log in at /fleet", file=sys.stderr)
    return 0


def run_sign_config(args: argparse.Namespace) -> int:
    """FILE.sig beside FILE, once FILE loads as a site file (its problems, one a line)."""
    from district.signing import sign
    from kiosk.config import check_site_file
    from kiosk.maintenance.site_file import PURPOSE

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"platform sign-config: {path}: {error.strerror or error}",
                           code=2) from None
    _settings, problems = check_site_file(str(path), data, path)
    if problems:
        raise CommandError("platform sign-config: not signed:\n" + "\n".join(problems), code=2)
    key = _signing_key(args, "sign-config")
    signature = path.with_name(path.name + ".sig")
    signature.write_text(sign(key, PURPOSE, data) + "\n", encoding="ascii")
    print(f"signed: {signature}", file=sys.stderr)
    return 0
