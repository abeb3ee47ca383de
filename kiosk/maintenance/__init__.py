"""Maintenance mode's parts, one file each: getting in (the corner gesture, the PIN, the
technician's code), and the pages a technician opens inside (devices, logs, network,
configuration, outbox, usage, the cleaning pause, about). `kiosk/modes/maintenance.py`
holds them; nothing here is a resident's and nothing here shows a resident's data."""
