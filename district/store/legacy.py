"""A kiosk database made by the old embedded platform (`kiosk/platform/embedded.py`): its
profiles and usage counts move into the store's tables when the store is first made in that
file. Its submissions stay in their old table: their references (BS202611280001) predate the
kiosk-given ones and no receipt could look them up by the new rules."""

from __future__ import annotations

from district.store.database import Transaction


def adopt_kiosk_database(tx: Transaction) -> bool:
    """Copy the old tables' profiles and counts, if this is such a file; whether it was."""
    if tx.dialect != "sqlite":
        return False
    tables = {row["name"] for row in tx.all("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"profiles", "service_usage"} <= tables:
        return False
    tx.execute("INSERT INTO resident_items (id_number, item, value)"
               " SELECT p.id_number, j.key, j.value FROM profiles p, json_each(p.data) j"
               " WHERE j.type = 'text' ON CONFLICT (id_number, item) DO NOTHING")
    tx.execute("INSERT INTO usage_counts (service_id, count)"
               " SELECT service_id, count FROM service_usage WHERE true"
               " ON CONFLICT (service_id) DO NOTHING")
    return True
