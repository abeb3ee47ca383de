"""`python -m kiosk`, the documented way in. The command line is assembled above the layers
(tongban/cli.py); this is the one import from `kiosk` upwards, listed in pyproject.toml."""

from tongban.cli import main

raise SystemExit(main())
