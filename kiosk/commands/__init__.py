"""Subcommands of `python -m kiosk` that need no Qt, one module each (the Qt ones are in
ui/commands/; tongban/cli.py lists both). Each module has `register(subparsers)`, which adds
its parser and sets `func` to a function taking the parsed arguments and returning the exit
code."""
