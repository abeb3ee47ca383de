"""Puts `district.seed`'s demo data into a store, once: every row is inserted only if it is not
there, so opening a demo store again changes nothing."""

from __future__ import annotations

import datetime as dt
import json

from district import seed
from district.store.calls import kiosk_code
from district.store.database import Database
from district.store.submissions import STAGES
from district.store.times import SHANGHAI, stamp


def plant_demo_data(db: Database, now: dt.datetime) -> None:
    with db.transaction() as tx:
        tx.lock("demo_data")
        for id_number, items in seed.PROFILES.items():
            for item, value in items.items():
                tx.execute("INSERT INTO resident_items (id_number, item, value) VALUES (?, ?, ?)"
                           " ON CONFLICT (id_number, item) DO NOTHING", (id_number, item, value))
        for service_id, count in seed.USAGE.items():
            tx.execute("INSERT INTO usage_counts (service_id, count) VALUES (?, ?)"
                       " ON CONFLICT (service_id) DO NOTHING", (service_id, count))
        for position, centre in enumerate(seed.CENTRES):
            centre_id, kind, name_zh, name_en, address_zh, address_en, lat, lon = centre
            terminal = kind == "terminal"
            hours = seed.TERMINAL_HOURS if terminal else seed.CENTRE_HOURS
            offers = seed.TERMINAL_SERVICES if terminal else seed.COUNTER_MATTERS
            tx.execute(
                "INSERT INTO centres (id, position, kind, name_zh, name_en, address_zh,"
                " address_en, latitude, longitude, hours_zh, hours_en, open_24h, offers,"
                " opening_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (centre_id, position, kind, name_zh, name_en, address_zh, address_en, lat, lon,
                 hours[0], hours[1], int(terminal), json.dumps(list(offers)),
                 seed.TERMINAL_OPENING_HOURS if terminal else seed.CENTRE_OPENING_HOURS))
            if terminal:
                continue
            for weekday in seed.SLOT_WEEKDAYS:
                for start, end in seed.SLOT_TIMES:
                    tx.execute(
                        "INSERT INTO slot_templates (centre_id, weekday, start_time, end_time,"
                        " places) VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT (centre_id, weekday, start_time) DO NOTHING",
                        (centre_id, weekday, start, end, seed.SLOT_PLACES))
        for position, (article_id, q_zh, q_en, a_zh, a_en) in enumerate(seed.HELP_ARTICLES):
            tx.execute("INSERT INTO help_articles (id, position, question_zh, question_en,"
                       " answer_zh, answer_en) VALUES (?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (id) DO NOTHING",
                       (article_id, position, q_zh, q_en, a_zh, a_en))
        if tx.one("SELECT 1 AS found FROM applications WHERE kiosk_id = ?", (seed.DEMO_KIOSK,)):
            return  # the demo applications went in when this store was first opened
        for number, service_id, id_number, days_ago, reached in seed.APPLICATIONS:
            submitted = now - dt.timedelta(days=days_ago)
            # Numbered from 9001, far from the kiosk's own counter (kiosk/outbox.py), so a
            # kiosk whose day is a demo application's day never gives the same reference.
            reference = (f"{kiosk_code(seed.DEMO_KIOSK)}-"
                         f"{submitted.astimezone(SHANGHAI):%y%m%d}-{9000 + number:04d}")
            tx.execute("INSERT INTO applications (reference, kiosk_id, idempotency_key, digest,"
                       " service_id, id_number, answers, signature_png, signed_by, signed_at,"
                       " received_at) VALUES (?, ?, ?, '', ?, ?, '{}', ?, 'hand', ?, ?)",
                       (reference, seed.DEMO_KIOSK, f"demo-application-{number}", service_id,
                        id_number, b"", stamp(submitted), stamp(submitted)))
            for position, name in enumerate(STAGES):
                at = submitted + dt.timedelta(days=position) if position < reached else None
                tx.execute("INSERT INTO application_stages (reference, position, name, at)"
                           " VALUES (?, ?, ?, ?)",
                           (reference, position, name, None if at is None else stamp(at)))
