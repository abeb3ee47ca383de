"""Subcommands of `python -m kiosk`, one module each. Each module has `register(subparsers)`,
which adds its parser and sets `func` to a function taking the parsed arguments and returning
the exit code."""
