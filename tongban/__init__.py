"""The program as a whole, above its layers: `tongban.cli` assembles the command line from
the Qt-free commands in `kiosk.commands` and the Qt ones in `ui.commands`."""
