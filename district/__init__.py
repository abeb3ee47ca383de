"""The district platform: what a kiosk asks of it (`contract.py`, `models.py`), the store that
keeps it on SQLite or PostgreSQL (`store/`), the reference server that serves the store over
HTTP (`server/`), and the HTTP client a kiosk uses to reach a district's server (`client.py`).
The kiosk's embedded platform is the same store on a local SQLite file."""
