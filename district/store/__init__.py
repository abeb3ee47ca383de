"""The district platform's data on SQLite or PostgreSQL: `Store.open(url)`, then
`store.for_kiosk(kiosk_id)` for the Platform one kiosk sees."""

from district.store.store import Store

__all__ = ["Store"]
