"""Subcommands that need the Qt front end: run the kiosk, render screenshots, audit the
screens. Each module has `register(subparsers)` (see kiosk/commands/)."""
