"""Maintenance mode's parts, one file each: getting in (the corner gesture, the PIN, the
technician's code), and the pages a technician opens inside (devices, logs, network,
configuration, outbox, usage, the cleaning pause, about). `kiosk/modes/maintenance.py`
holds them; nothing here is a resident's and nothing here shows a resident's data."""

RESTART_CODE = 75  # the app's exit status asking its supervisor to start it again
EXIT_CODE = 0  # exit to the desktop: a clean stop, the supervisor leaves it stopped
